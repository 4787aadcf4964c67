"""Knowledge base (知识库): curating and reading entries, one click from a
case's reply (idempotent, no personal data), Chinese search ranking,
suggestions for a case, and the direct answer of a consultation."""

import pytest

API = "/api/feedback/v1"
ENTRY = {
    "title": "新办企业如何申领发票", "question": "公司刚领到营业执照，第一次开票要带什么材料？",
    "answer": "新办纳税人可在电子税务局「新办纳税人套餐」一次办理票种核定和开票额度。",
    "kind": "procedure", "category_code": "gov_service.tax", "keywords": ["发票", "新办纳税人"],
}


@pytest.fixture
async def demo_entries(app, client):
    """The twelve published demo entries (feedback_api/knowledge/demo.py), in the test's transaction."""
    from feedback_api.knowledge import demo

    async with app.state.db.sessionmaker() as session:
        assert await demo.load(session) == len(demo.ENTRIES)
        assert await demo.load(session) == 0  # loaded once
        await session.commit()
    return {e.title: e for e in demo.ENTRIES}


async def search(client, as_user, q, who="scjg", **params):
    resp = await client.get(f"{API}/knowledge", headers=as_user(who), params={"q": q, **params})
    assert resp.status_code == 200, resp.text
    return resp.json()


async def test_the_office_curates_and_every_staff_role_reads_published_entries(client, as_user):
    office = as_user("office")
    created = await client.post(f"{API}/knowledge", headers=office, json=ENTRY)
    assert created.status_code == 201, created.text
    entry = created.json()
    assert (entry["status"], entry["kind_label"], entry["category"]["path"]) == ("draft", "办事流程", "政务服务 / 办税缴费")
    url = f"{API}/knowledge/{entry['id']}"
    # A draft is the office's alone: 404 to everyone else, and curating is refused to them.
    for who in ("scjg", "xihu", "leader", "market_group"):
        assert (await client.get(url, headers=as_user(who))).status_code == 404
        assert (await client.get(f"{API}/knowledge", headers=as_user(who))).json()["total"] == 0
    assert (await client.post(f"{API}/knowledge", headers=as_user("scjg"), json=ENTRY)).status_code == 403
    assert (await client.patch(url, headers=as_user("leader"), json={"title": "改标题"})).status_code == 403
    assert (await client.get(url, headers=as_user("hotline"))).status_code == 403
    assert (await client.get(url)).status_code == 401

    edited = await client.patch(url, headers=office, json={"answer": "可在电子税务局一次办理，无需到大厅。",
                                                            "keywords": ["发票", " 发票 ", "数电发票"]})
    assert edited.status_code == 200, edited.text
    assert edited.json()["keywords"] == ["发票", "数电发票"]
    assert edited.json()["title"] == ENTRY["title"]  # only what was sent changes
    published = (await client.post(f"{url}/publish", headers=office)).json()
    assert published["status"] == "published" and published["published_at"]
    again = (await client.post(f"{url}/publish", headers=office)).json()
    assert again["published_at"] == published["published_at"]  # a retry changes nothing
    for who in ("scjg", "xihu", "leader", "market_group", "fgw"):
        assert (await client.get(url, headers=as_user(who))).json()["answer"].startswith("可在电子税务局")
    assert (await client.post(f"{url}/archive", headers=office)).json()["status"] == "archived"
    assert (await client.get(url, headers=as_user("scjg"))).status_code == 404
    listed = (await client.get(f"{API}/knowledge", headers=office, params={"status": "archived"})).json()
    assert [i["entry"]["id"] for i in listed["items"]] == [entry["id"]]


async def test_bad_input_is_a_clear_422(client, as_user):
    office = as_user("office")
    resp = await client.post(f"{API}/knowledge", headers=office, json={**ENTRY, "category_code": "no.such"})
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["field"] == "category_code"
    resp = await client.post(f"{API}/knowledge", headers=office, json={**ENTRY, "kind": "faq"})
    assert resp.status_code == 422
    assert (await client.get(f"{API}/knowledge/not-a-uuid", headers=office)).status_code == 422
    missing = await client.post(f"{API}/knowledge/00000000-0000-0000-0000-000000000000/publish", headers=office)
    assert missing.status_code == 404


async def test_one_click_from_a_reply_is_idempotent_and_without_personal_data(client, as_user, make_case, act):
    phone = "13905712345"
    case = await make_case(
        type="consultation", category_code="gov_service.tax", title="赵经理咨询新办企业发票申领",
        description=f"杭州之江新材料有限公司赵经理（电话 {phone}，身份证 11010519491231002X）咨询：新公司第一次开票"
                    "需要去哪里办理？王先生说要到大厅排队。",
        contact_name="赵经理", contact_phone=phone, contact_id_number="11010519491231002X")
    case_no = case["case_no"]
    office = as_user("office")
    early = await client.post(f"{API}/knowledge/from-case/{case_no}", headers=office)
    assert (early.status_code, early.json()["code"]) == (409, "knowledge.no_reply")
    await act(case_no, "assign", "office")
    await act(case_no, "accept", "scjg")
    await act(case_no, "reply", "scjg", reply=f"可在电子税务局网上办理，无需到大厅。如有疑问请联系赵经理 {phone}。")

    first = await client.post(f"{API}/knowledge/from-case/{case_no}", headers=office)
    assert first.status_code == 201, first.text
    entry = first.json()
    assert (entry["status"], entry["source_case_no"], entry["kind"]) == ("draft", case_no, "policy")
    assert entry["category"]["code"] == "gov_service.tax"
    shown = entry["title"] + entry["question"] + entry["answer"]
    for secret in (phone, "11010519491231002X", "赵经理", "杭州之江新材料有限公司", "王先生"):
        assert secret not in shown
    assert "新公司第一次开票" in entry["question"] and "电子税务局" in entry["answer"]
    second = await client.post(f"{API}/knowledge/from-case/{case_no}", headers=office)
    assert second.status_code == 200
    assert second.json()["id"] == entry["id"]
    # Only the reform office builds entries; a case it cannot see does not exist.
    assert (await client.post(f"{API}/knowledge/from-case/{case_no}", headers=as_user("scjg"))).status_code == 403
    assert (await client.post(f"{API}/knowledge/from-case/FK20990101-000001", headers=office)).status_code == 404


@pytest.mark.parametrize(("query", "expected"), [
    ("新公司第一次开票怎么办", "新办企业如何申领发票"),  # paraphrase: 开票 / 申领发票
    ("税务 开票 新办", "新办企业如何申领发票"),  # words in another order
    ("怎么注销公司", "企业简易注销的条件和流程"),
    ("公司不干了怎么关掉", "企业简易注销的条件和流程"),  # synonym: 关掉 → 注销
    ("厂房通电要多久", "低压小微企业用电报装办理时限"),  # synonym: 通电 → 用电/接电
    ("自来水报装", "用水报装在哪里申请"),  # partial word: 自来水 / 用水
    ("社保登记和银行开户能一起办吗", "企业开办一件事：执照、刻章、开户一次办"),
    ("补贴什么时候到账", "惠企政策资金兑付进度查询"),  # synonym: 补贴 → 补助
    ("贷款到期能不能续", "小微企业贷款续贷和无还本续贷"),
    ("办事大厅周末上班吗", "政务服务中心（市民中心）办事地点和时间"),
    ("注册商标去哪里", "专利申请和商标注册在哪里办理"),
    ("好几个部门来检查", "企业被多部门重复检查怎么办"),
    ("开饭店要办什么证", "食品经营许可申请材料和办理时限"),
    ("施工许可证", "工程建设项目施工许可办理流程"),
])
async def test_chinese_search_ranks_the_right_entry_first(client, as_user, demo_entries, query, expected):
    result = await search(client, as_user, query)
    top = result["items"][0]
    assert top["entry"]["title"] == expected, [(i["entry"]["title"], i["score"]) for i in result["items"][:3]]
    assert top["matched"], "the words behind the rank are shown"
    assert top["score"] > 1.5 * result["items"][1]["score"]  # clearly ahead of the runner-up
    assert result["total"] == len(result["items"]) or result["total"] > len(result["items"])


async def test_search_explains_filters_and_pages(client, as_user, demo_entries):
    result = await search(client, as_user, "用电报装接电", page_size=2)
    assert len(result["items"]) == 2 and result["total"] >= 2
    top = result["items"][0]
    assert top["entry"]["title"] == "低压小微企业用电报装办理时限"
    assert "用电报装" in top["matched"]
    page2 = await search(client, as_user, "用电报装接电", page_size=2, page=2)
    assert {i["entry"]["id"] for i in page2["items"]}.isdisjoint({i["entry"]["id"] for i in result["items"]})
    only = await search(client, as_user, "报装", category="utilities")
    assert {i["entry"]["category"]["code"] for i in only["items"]} == {"utilities.power", "utilities.water"}
    where = await search(client, as_user, "去哪里办", kind="where_to_go")
    assert {i["entry"]["kind"] for i in where["items"]} == {"where_to_go"}
    assert (await search(client, as_user, "的了吗"))["total"] == 0  # nothing meaningful asked: nothing found
    unranked = (await client.get(f"{API}/knowledge", headers=as_user("leader"))).json()
    assert unranked["total"] == len(demo_entries) and unranked["items"][0]["score"] is None


async def test_suggestions_for_a_consultation_and_the_direct_answer(client, as_user, make_case, act, demo_entries):
    case = (await make_case(type="consultation", category_code="utilities.power", title="新厂房接电要多久",
                            description="我司在钱塘区新租厂房，想咨询低压用电报装一般多久能通电，外线工程要不要企业出钱。"))
    case_no = case["case_no"]
    office = as_user("office")
    resp = await client.get(f"{API}/cases/{case_no}/knowledge-suggestions", headers=office)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert (body["type"], body["direct_answer_possible"], body["notice"]) == ("consultation", True, None)
    best = body["items"][0]
    assert best["entry"]["title"] == "低压小微企业用电报装办理时限"
    assert best["same_category"] and "外线工程" in best["matched"]
    assert any("用电报装" in words for words in best["matched"]), best["matched"]
    assert 1 <= len(body["items"]) <= 5
    assert [i["score"] for i in body["items"]] == sorted((i["score"] for i in body["items"]), reverse=True)
    detail = (await client.get(f"{API}/cases/{case_no}", headers=office)).json()
    assert "direct_answer" in detail["allowed_actions"]

    # The entry must be published; the unit cannot see a case not yet assigned.
    draft = (await client.post(f"{API}/knowledge", headers=office, json=ENTRY)).json()
    refused = await client.post(f"{API}/cases/{case_no}/direct-answer", headers=office, json={"entry_id": draft["id"]})
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (422, "entry_id")
    hidden = await client.post(f"{API}/cases/{case_no}/direct-answer", headers=as_user("scjg"),
                               json={"entry_id": best["entry"]["id"]})
    assert hidden.status_code == 404

    answered = await client.post(f"{API}/cases/{case_no}/direct-answer", headers=office,
                                 json={"entry_id": best["entry"]["id"], "comment": "知识库口径"})
    assert answered.status_code == 200, answered.text
    case_read = answered.json()
    assert (case_read["status"], case_read["main_unit"]) == ("replied", None)
    assert case_read["reply"] == best["entry"]["answer"]
    event = case_read["events"][-1]
    assert (event["event"], event["from_status"], event["to_status"], event["public"]) == (
        "replied", "received", "replied", True)
    assert event["detail"]["via"] == "knowledge_base"
    assert event["detail"]["entry_id"] == best["entry"]["id"] and event["detail"]["edited"] is False
    # It is a reply like any other: the office follows up and closes it; a second direct answer is refused.
    again = await client.post(f"{API}/cases/{case_no}/direct-answer", headers=office,
                              json={"entry_id": best["entry"]["id"]})
    assert (again.status_code, again.json()["code"]) == (409, "cases.illegal_transition")
    closed = await act(case_no, "close", "office")
    assert closed.json()["status"] == "closed"
    after = (await client.get(f"{API}/cases/{case_no}/knowledge-suggestions", headers=office)).json()
    assert after["direct_answer_possible"] is False and "不能再直接答复" in after["notice"]


async def test_other_types_need_dispatch(client, as_user, make_case, demo_entries):
    case = await make_case(type="complaint", category_code="enforcement.multiple")
    office = as_user("office")
    body = (await client.get(f"{API}/cases/{case['case_no']}/knowledge-suggestions", headers=office)).json()
    assert body["direct_answer_possible"] is False and "须交办" in body["notice"]
    assert body["items"][0]["entry"]["title"] == "企业被多部门重复检查怎么办"  # still useful as a reference
    detail = (await client.get(f"{API}/cases/{case['case_no']}", headers=office)).json()
    assert "direct_answer" not in detail["allowed_actions"]
    resp = await client.post(f"{API}/cases/{case['case_no']}/direct-answer", headers=office,
                             json={"entry_id": body["items"][0]["entry"]["id"]})
    assert (resp.status_code, resp.json()["code"]) == (409, "knowledge.needs_dispatch")
    # A unit that cannot see the case gets 404; the leader sees it but gets no direct answer.
    assert (await client.get(f"{API}/cases/{case['case_no']}/knowledge-suggestions",
                             headers=as_user("scjg"))).status_code == 404
    leader = (await client.get(f"{API}/cases/{case['case_no']}/knowledge-suggestions",
                               headers=as_user("leader"))).json()
    assert leader["direct_answer_possible"] is False


async def test_a_returned_consultation_can_be_answered_with_an_edited_reply(client, as_user, make_case, act,
                                                                             demo_entries):
    case_no = (await make_case(type="consultation", category_code="gov_service.startup", title="公司注销咨询",
                               description="公司不经营了，想了解简易注销要多久。"))["case_no"]
    await act(case_no, "assign", "office")
    await act(case_no, "return", "scjg")
    office = as_user("office")
    items = (await client.get(f"{API}/cases/{case_no}/knowledge-suggestions", headers=office)).json()["items"]
    assert items[0]["entry"]["title"] == "企业简易注销的条件和流程"
    text = items[0]["entry"]["answer"] + "如需现场咨询，可到区政务服务中心综合窗口。"
    resp = await client.post(f"{API}/cases/{case_no}/direct-answer", headers=office,
                             json={"entry_id": items[0]["entry"]["id"], "reply": text})
    assert resp.status_code == 200, resp.text
    assert resp.json()["reply"] == text
    assert resp.json()["events"][-1]["detail"]["edited"] is True


async def test_a_12345_consultation_answered_directly_reaches_the_hotline(client, as_user, push, act, helpers):
    from feedback_api.outbox import capture

    order = helpers.order(order_no="GD20261101000777", type="咨询", title="新公司怎么申领发票",
                          content="新办企业第一次开票需要去哪里办理？")
    case_no = (await push(order)).json()["case_no"]
    await act(case_no, "direct_answer", "office")
    status = (await client.get(f"{API}/integrations/12345/orders/GD20261101000777",
                               headers=helpers.signed(b""))).json()
    assert (status["status"], status["handling_unit"]) == ("replied", None)
    assert status["reply"].startswith("可在电子税务局")
    assert "replied" in capture.CALLBACK_EVENTS  # the same event as any reply: called back through the outbox
