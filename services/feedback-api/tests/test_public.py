"""The enterprise's side: the public form with its spam guard, tracking by
code and phone, adding information, rating the reply."""

API = "/api/feedback/v1"
# A real 1×1 PNG: images are decoded (and written again without metadata) before they are stored.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fccf"
                    "c0500f000485018084a98c210000000049454e44ae426082")


async def test_filing_and_tracking(client, as_user, file_case, act):
    created = await file_case()
    assert set(created) == {"case_no", "tracking_code", "status", "received_at", "due_at"}
    assert created["status"] == "received"
    code = created["tracking_code"]
    assert len(code) == 14 and code[4] == code[9] == "-"
    tracked = await client.post(f"{API}/public/track", json={"tracking_code": code, "phone": "139 0000 1111"})
    assert tracked.status_code == 200, tracked.text
    body = tracked.json()
    assert (body["case_no"], body["status_label"], body["type_label"], body["can_rate"], body["can_add_info"]) == (
        created["case_no"], "已受理", "投诉", False, True)
    assert [(e["event"], e["label"]) for e in body["timeline"]] == [("received", "受理")]
    # Lower case, no dashes, +86: the same case.
    loose = await client.post(f"{API}/public/track", json={"tracking_code": code.replace("-", "").lower(),
                                                           "phone": "+8613900001111"})
    assert loose.status_code == 200
    case = (await client.get(f"{API}/cases/{created['case_no']}", headers=as_user("office"))).json()
    assert (case["channel"], case["district"]["name"], case["credit_code"], case["tracking_code"]) == (
        "public_form", "滨江区", "91330108MA2B00000Q", code)


async def test_the_timeline_shows_no_internal_notes_and_the_reply(client, as_user, file_case, act, units):
    created = await file_case()
    case_no, track = created["case_no"], {"tracking_code": created["tracking_code"], "phone": "13900001111"}
    await act(case_no, "assign", "office", comment="内部：该企业上月已反映过类似问题", unit_id=str(units["binjiang"]))
    await client.post(f"{API}/cases/{case_no}/notes", headers=as_user("office"), json={"content": "机密备注：涉及供电公司考核"})
    await act(case_no, "accept", "binjiang")
    await act(case_no, "request_extension", "binjiang", reason="内部：外线工程需跨区协调")
    await act(case_no, "approve_extension", "office")
    await act(case_no, "reply", "binjiang", reply="供电公司已排定 11 月 28 日完成外线接入。", comment="内部答复说明")
    body = (await client.post(f"{API}/public/track", json=track)).json()
    text = str(body)
    for secret in ("内部", "机密", "binjiang", "office", "13900001111"):
        assert secret not in text, secret
    assert [(e["event"], e["text"]) for e in body["timeline"]] == [
        ("received", None),
        ("assigned", "已交滨江区办理"),
        ("accepted", None),
        ("extended", "经批准延期 3 个工作日"),
        ("replied", "供电公司已排定 11 月 28 日完成外线接入。"),
    ]
    assert (body["status"], body["handling_unit"], body["reply"], body["can_rate"]) == (
        "replied", "滨江区", "供电公司已排定 11 月 28 日完成外线接入。", True)


async def test_wrong_code_or_phone_is_not_found_and_guessing_is_capped(client, app, file_case, monkeypatch):
    created = await file_case()
    wrong_phone = await client.post(f"{API}/public/track", json={"tracking_code": created["tracking_code"],
                                                                 "phone": "13900002222"})
    assert wrong_phone.status_code == 404
    assert wrong_phone.json()["code"] == "public.not_found"
    no_phone = await client.post(f"{API}/public/track", json={"tracking_code": created["tracking_code"]})
    assert no_phone.status_code == 404
    unknown = await client.post(f"{API}/public/track", json={"tracking_code": "ZZZZ-ZZZZ-ZZZZ", "phone": "13900001111"})
    assert unknown.json() == wrong_phone.json() | {"instance": f"{API}/public/track"}
    monkeypatch.setattr(app.state.settings, "feedback_public_hourly_failed_lookups", 4)
    fourth = await client.post(f"{API}/public/track", json={"tracking_code": "ZZZZ-ZZZZ-ZZZY", "phone": "13900001111"})
    assert fourth.status_code == 404
    capped = await client.post(f"{API}/public/track", json={"tracking_code": created["tracking_code"],
                                                            "phone": "13900001111"})
    assert capped.status_code == 429
    assert (capped.json()["code"], capped.headers["retry-after"]) == ("public.lookup_limit", "3600")


async def test_adding_information_and_attachments(client, as_user, file_case, act, app, monkeypatch):
    created = await file_case()
    track = {"tracking_code": created["tracking_code"], "phone": "13900001111"}
    added = await client.post(f"{API}/public/track/info", json={**track, "content": "补充：供电所答复需等变压器到货。"})
    assert added.status_code == 200, added.text
    assert added.json()["timeline"][-1] == {**added.json()["timeline"][-1], "event": "info_added",
                                            "label": "企业补充材料", "text": "补充：供电所答复需等变压器到货。"}
    files = {"file": ("现场.png", PNG, "image/png")}
    upload = await client.post(f"{API}/public/track/attachments", data=track, files=files)
    assert upload.status_code == 201, upload.text
    assert [a["filename"] for a in upload.json()["attachments"]] == ["现场.png"]
    text = await client.post(f"{API}/public/track/attachments", data=track,
                             files={"file": ("a.png", b"just text", "image/png")})
    assert (text.status_code, text.json()["code"]) == (415, "cases.attachment_type")
    monkeypatch.setattr(app.state.settings, "feedback_max_attachment_bytes", 32)
    big = await client.post(f"{API}/public/track/attachments", data=track, files=files)
    assert (big.status_code, big.json()["code"]) == (413, "cases.attachment_too_large")
    bad_phone = await client.post(f"{API}/public/track/attachments", data={**track, "phone": "abc"}, files=files)
    assert bad_phone.status_code == 422 and bad_phone.json()["errors"][0]["field"] == "phone"
    # Staff see the addition and can download the file.
    case = (await client.get(f"{API}/cases/{created['case_no']}", headers=as_user("office"))).json()
    assert [e["event"] for e in case["events"]] == ["received", "info_added", "attachment_added"]
    assert case["events"][1]["actor_kind"] == "enterprise"
    attachment = case["attachments"][0]
    assert (attachment["content_type"], attachment["source"]) == ("image/png", "enterprise")
    download = await client.get(f"{API}/cases/{created['case_no']}/attachments/{attachment['id']}",
                                headers=as_user("office"))
    assert download.status_code == 200 and download.content.startswith(PNG[:8])
    assert len(download.content) == attachment["size"]
    assert (await client.get(f"{API}/cases/{created['case_no']}/attachments/{attachment['id']}",
                             headers=as_user("scjg"))).status_code == 404


async def test_rating_the_reply(client, as_user, file_case, act, units):
    async def replied_case():
        created = await file_case(contact_phone=None, anonymous=True, type="suggestion", enterprise_name=None,
                                  contact_name=None, credit_code=None)
        await act(created["case_no"], "assign", "office", unit_id=str(units["binjiang"]))
        await act(created["case_no"], "accept", "binjiang")
        return created

    early = await file_case(contact_phone="13900003333")
    track = {"tracking_code": early["tracking_code"], "phone": "13900003333"}
    too_early = await client.post(f"{API}/public/track/rating", json={**track, "satisfaction": "satisfied"})
    assert too_early.status_code == 409
    assert too_early.json()["detail"] == "诉求当前状态为「已受理」，答复后才能评价。"

    happy = await replied_case()
    anon = {"tracking_code": happy["tracking_code"]}
    await act(happy["case_no"], "reply", "binjiang")
    rated = await client.post(f"{API}/public/track/rating", json={**anon, "satisfaction": "satisfied",
                                                                  "comment": "办理迅速"})
    assert rated.status_code == 200, rated.text
    assert (rated.json()["status"], rated.json()["satisfaction"], rated.json()["can_add_info"]) == (
        "closed", "satisfied", False)
    assert rated.json()["timeline"][-1]["text"] == "评价：满意"
    again = await client.post(f"{API}/public/track/rating", json={**anon, "satisfaction": "dissatisfied"})
    assert again.status_code == 409
    closed_info = await client.post(f"{API}/public/track/info", json={**anon, "content": "再补充一点"})
    assert (closed_info.status_code, closed_info.json()["code"]) == (409, "public.case_closed")

    unhappy = await replied_case()
    await act(unhappy["case_no"], "reply", "binjiang")
    rated = await client.post(f"{API}/public/track/rating", json={"tracking_code": unhappy["tracking_code"],
                                                                  "satisfaction": "dissatisfied"})
    assert (rated.json()["status"], rated.json()["status_label"]) == ("reopened", "重办")
    case = (await client.get(f"{API}/cases/{unhappy['case_no']}", headers=as_user("office"))).json()
    assert (case["events"][-1]["event"], case["events"][-1]["actor"], case["events"][-1]["detail"]["via"]) == (
        "reopened", "enterprise", "rating")


async def test_anonymous_only_for_suggestions_and_contact_required_otherwise(client, form_token, helpers):
    anon_complaint = helpers.public_body(form_token(), anonymous=True, contact_phone=None)
    resp = await client.post(f"{API}/public/cases", json=anon_complaint)
    assert resp.status_code == 422
    assert resp.json()["errors"] == [
        {"field": "anonymous", "code": "anonymous_not_allowed", "message": "只有建议类诉求可以匿名提交"}]
    missing = helpers.public_body(form_token(), contact_phone=None, contact_name=None, enterprise_name=None,
                                  category_code="nope", district="东城区")
    resp = await client.post(f"{API}/public/cases", json=missing)
    assert [e["field"] for e in resp.json()["errors"]] == [
        "category_code", "district", "enterprise_name", "contact_name", "contact_phone"]
    anon = helpers.public_body(form_token(), anonymous=True, type="suggestion", contact_phone="13900009999")
    created = await client.post(f"{API}/public/cases", json=anon)
    assert created.status_code == 201
    # An anonymous case keeps no contact data and is tracked by its code alone.
    tracked = await client.post(f"{API}/public/track", json={"tracking_code": created.json()["tracking_code"]})
    assert tracked.status_code == 200


async def test_spam_guard(client, app, form_token, helpers, monkeypatch):
    async def submit(token, **changes):
        return await client.post(f"{API}/public/cases", json=helpers.public_body(token, **changes))

    too_fast = await submit(form_token(age_seconds=0))
    assert (too_fast.status_code, too_fast.json()["code"]) == (422, "public.too_fast")
    expired = await submit(form_token(age_seconds=3 * 3600))
    assert expired.json()["code"] == "public.form_token_expired"
    good = form_token()
    forged = good.rsplit(".", 1)[0] + ".AAAAAAAAAAAAAAAAAAAAAAAA"
    assert (await submit(forged)).json()["code"] == "public.form_token_invalid"
    assert (await submit("nonsense")).json()["code"] == "public.form_token_invalid"
    honeypot = await submit(good, website="http://spam.example")
    assert (honeypot.status_code, honeypot.json()["code"]) == (422, "public.rejected")
    assert (await submit(good)).status_code == 201
    reused = await submit(good)
    assert (reused.status_code, reused.json()["code"]) == (422, "public.form_token_used")
    # A fresh token from the endpoint, too young to use at once.
    issued = (await client.post(f"{API}/public/form-token")).json()
    assert (issued["min_fill_seconds"], issued["expires_in"]) == (3, 7200)
    assert (await submit(issued["token"])).json()["code"] == "public.too_fast"


async def test_per_phone_and_per_address_limits(client, app, form_token, helpers, monkeypatch):
    for i in range(5):
        resp = await client.post(f"{API}/public/cases", json=helpers.public_body(form_token(), title=f"诉求第{i}件"))
        assert resp.status_code == 201
    sixth = await client.post(f"{API}/public/cases", json=helpers.public_body(form_token()))
    assert (sixth.status_code, sixth.json()["code"]) == (429, "public.phone_limit")
    other_phone = await client.post(f"{API}/public/cases",
                                    json=helpers.public_body(form_token(), contact_phone="13900007777"))
    assert other_phone.status_code == 201
    monkeypatch.setattr(app.state.settings, "feedback_public_daily_per_address", 6)
    by_address = await client.post(f"{API}/public/cases",
                                   json=helpers.public_body(form_token(), contact_phone="13900008888"))
    assert (by_address.status_code, by_address.json()["code"]) == (429, "public.address_limit")
    # Behind the gateway the client is the last X-Forwarded-For entry: another address is not limited.
    elsewhere = await client.post(f"{API}/public/cases", headers={"X-Forwarded-For": "10.1.2.3"},
                                  json=helpers.public_body(form_token(), contact_phone="13900008888"))
    assert elsewhere.status_code == 201


async def test_public_options(client):
    options = (await client.get(f"{API}/public/options")).json()
    assert [c["name"] for c in options["categories"]] == [
        "政务服务", "市场监管", "执法检查", "涉企收费", "融资", "用地", "水电气网", "知识产权", "政策兑现", "其他"]
    assert options["districts"][2] == {"code": "330106", "name": "西湖区"}
    assert len(options["districts"]) == 13
    assert [s["label"] for s in options["satisfactions"]] == ["满意", "基本满意", "不满意"]
    assert [t["code"] for t in options["types"] if t["anonymous_allowed"]] == ["suggestion"]
