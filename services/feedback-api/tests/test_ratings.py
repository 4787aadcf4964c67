"""营商环境我来评: the catalogue of high-frequency services, public 1–5 star
ratings behind the public form's spam guard, low ratings with a comment
becoming cases for the dispatcher, and the staff summaries."""

from datetime import datetime

from reform_common.workdays import SHANGHAI
from sqlalchemy import text

API = "/api/feedback/v1"


def _rating(token, **changes):
    body = {"service_code": "company_setup", "stars": 5, "comment": "窗口一次办结，很方便", "form_token": token}
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


async def test_public_catalogue(client):
    resp = await client.get(f"{API}/public/services")
    assert resp.status_code == 200 and resp.headers["cache-control"] == "public, max-age=60"
    services = resp.json()
    assert len(services) == 40
    assert services[0] == {"code": "company_setup", "name": "企业开办", "unit_name": "市市场监管局",
                           "description": "营业执照、公章、发票、社保、公积金、银行开户“一件事”", "rating_count": 0,
                           "average_stars": None}
    names = {s["name"] for s in services}
    assert {"不动产登记", "电力报装", "用水报装", "施工许可", "纳税申报", "社保登记", "公积金缴存", "进出口报关", "招投标",
            "政府采购", "知识产权质押", "涉企补贴兑现"} <= names


async def test_a_high_rating_is_stored_and_counted(client, form_token, as_user):
    resp = await client.post(f"{API}/public/ratings", json=_rating(form_token()))
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert (body["service_name"], body["stars"], body["case_no"], body["tracking_code"], body["message"]) == (
        "企业开办", 5, None, None, "感谢评价，您的意见将用于改进服务。")
    assert body["created_at"].endswith("+08:00")
    await client.post(f"{API}/public/ratings", json=_rating(form_token(), stars=4, comment=None))
    listed = (await client.get(f"{API}/public/services")).json()
    assert (listed[0]["rating_count"], listed[0]["average_stars"]) == (2, 4.5)
    # A low rating without a comment is only a rating.
    low = (await client.post(f"{API}/public/ratings", json=_rating(form_token(), stars=2, comment="  "))).json()
    assert low["case_no"] is None
    assert (await client.get(f"{API}/cases", headers=as_user("office"))).json()["total"] == 0


async def test_a_low_rating_with_a_comment_becomes_a_case(client, form_token, as_user):
    resp = await client.post(f"{API}/public/ratings", json=_rating(
        form_token(), service_code="water", stars=1, comment="增容申请提交一个月没人联系，电话也打不通",
        enterprise_name="杭州临安山核桃食品有限公司", contact_phone="139 0000 2222"))
    assert resp.status_code == 201, resp.text
    body = resp.json()
    case_no, code = body["case_no"], body["tracking_code"]
    assert case_no.startswith("FK") and len(code) == 14
    assert body["message"] == f"感谢评价。您的意见已转为诉求 {case_no}，将交承办单位办理；请保存查询码 {code} 查询进度。"
    case = (await client.get(f"{API}/cases/{case_no}", headers=as_user("office"))).json()
    assert {k: case[k] for k in ("channel", "channel_label", "type", "status", "main_unit", "enterprise_name",
                                 "contact_phone", "source_detail", "anonymous")} == {
        "channel": "rating", "channel_label": "营商环境我来评", "type": "complaint", "status": "received",
        "main_unit": None, "enterprise_name": "杭州临安山核桃食品有限公司", "contact_phone": "139****2222",
        "source_detail": "营商环境我来评：用水报装", "anonymous": False}
    assert case["category"]["code"] == "utilities.water"
    assert case["title"] == "「用水报装」1 星评价：增容申请提交一个月没人联系，电话也打不通"
    assert case["description"] == ("营商环境我来评：企业对「用水报装」（市城市管理局）评价 1 星。\n"
                                   "评价意见：增容申请提交一个月没人联系，电话也打不通")
    assert case["allowed_actions"] == ["assign"]  # the dispatcher's queue
    # The enterprise follows it like any case.
    tracked = await client.post(f"{API}/public/track", json={"tracking_code": code, "phone": "13900002222"})
    assert tracked.status_code == 200 and tracked.json()["case_no"] == case_no
    # The staff list links the rating to its case; the phone is masked.
    ratings = (await client.get(f"{API}/ratings", headers=as_user("office"), params={"has_case": True})).json()
    assert ratings["total"] == 1
    item = ratings["items"][0]
    assert (item["case_no"], item["contact_phone"], item["unit_code"], item["unit_name"], item["stars"]) == (
        case_no, "139****2222", "cgj", "市城市管理局", 1)
    # Without a phone it is a suggestion (anonymous when no enterprise is named either).
    anon = (await client.post(f"{API}/public/ratings", json=_rating(
        form_token(), service_code="invoice", stars=2, comment="数电发票额度调整太慢"))).json()
    case = (await client.get(f"{API}/cases/{anon['case_no']}", headers=as_user("office"))).json()
    assert (case["type"], case["anonymous"], case["contact_phone"], case["category"]["code"]) == (
        "suggestion", True, None, "gov_service.tax")
    assert (await client.get(f"{API}/cases", headers=as_user("office"), params={"channel": "rating"})
            ).json()["total"] == 2


async def test_the_spam_guard(client, form_token):
    url = f"{API}/public/ratings"
    honeypot = await client.post(url, json=_rating(form_token(), website="http://spam.example"))
    assert honeypot.status_code == 422 and honeypot.json()["code"] == "public.rejected"
    fast = await client.post(url, json=_rating(form_token(age_seconds=0)))
    assert fast.status_code == 422 and fast.json()["code"] == "public.too_fast"
    token = form_token()
    assert (await client.post(url, json=_rating(token))).status_code == 201
    used = await client.post(url, json=_rating(token))
    assert used.status_code == 422 and used.json()["code"] == "public.form_token_used"
    for stars in (6, 0):
        bad = await client.post(url, json=_rating(form_token(), stars=stars))
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "stars"
    unknown = await client.post(url, json=_rating(form_token(), service_code="nosuch"))
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [{"field": "service_code", "code": "unknown_service",
                                         "message": "评价的事项不存在或已停用"}]
    # Three ratings of one service from one address a day.
    for _ in range(2):
        assert (await client.post(url, json=_rating(form_token()))).status_code == 201
    limited = await client.post(url, json=_rating(form_token()))
    assert limited.status_code == 429 and limited.json()["code"] == "ratings.service_limit"
    assert limited.json()["detail"] == "当前网络 24 小时内对「企业开办」的评价已达 3 次，请明天再评。"
    assert (await client.post(url, json=_rating(form_token(), service_code="tax_filing"))).status_code == 201


async def test_summary_per_service_and_unit_with_trend(client, form_token, as_user, db_connection):
    now = datetime.now(SHANGHAI)
    for stars, comment in ((5, None), (4, None), (1, "名称申报系统总是驳回")):
        resp = await client.post(f"{API}/public/ratings", json=_rating(form_token(), stars=stars, comment=comment))
        assert resp.status_code == 201
    resp = await client.post(f"{API}/public/ratings", json=_rating(form_token(), service_code="tax_filing", stars=3))
    earlier = 1 if now.month != 1 else 2
    await db_connection.execute(text("UPDATE service_ratings SET created_at = :t WHERE id = :id"),
                                {"t": datetime(now.year, earlier, 15, 10, tzinfo=SHANGHAI), "id": resp.json()["id"]})
    period = str(now.year)
    this_month, that_month = f"{now.year}-{now.month:02d}", f"{now.year}-{earlier:02d}"
    body = (await client.get(f"{API}/ratings/summary", headers=as_user("office"), params={"period": period})).json()
    total = body["total"]
    assert (total["count"], total["average"], total["distribution"], total["satisfaction"]) == (
        4, 3.25, {"1": 1, "2": 0, "3": 1, "4": 1, "5": 1}, {"numerator": 3, "denominator": 4, "value": 75.0})
    assert len(total["trend"]) == 12
    trend = {p["month"]: (p["count"], p["average"]) for p in total["trend"]}
    assert trend[this_month] == (3, 3.33) and trend[that_month] == (1, 3.0)
    assert sum(c for c, _ in trend.values()) == 4
    services = {s["code"]: s for s in body["by_service"]}
    assert len(services) == 40
    setup = services["company_setup"]
    assert (setup["count"], setup["average"], setup["unit_code"], setup["unit_name"], setup["satisfaction"]["value"]
            ) == (3, 3.33, "scjg", "市市场监督管理局", 66.67)
    assert (services["tax_filing"]["count"], services["patent"]["count"], services["patent"]["average"]) == (
        1, 0, None)
    units = {u["code"]: u for u in body["by_unit"]}
    assert (units["scjg"]["count"], units["scjg"]["name"], units["tax"]["count"], units["cgj"]["count"]) == (
        3, "市市场监督管理局", 1, 0)
    # Every unit with a service, in the directory's order.
    assert list(units) == ["fgw", "scjg", "sjzy", "sfj", "jxj", "czj", "rsj", "ghzy", "jw", "zbfg", "kjj", "tax",
                           "hg", "jrb", "ybj", "cgj", "sthj", "zy"]

    # A unit sees its own services only; another unit's view is refused.
    own = (await client.get(f"{API}/ratings/summary", headers=as_user("scjg"), params={"period": period})).json()
    assert own["unit"] == {"code": "scjg", "name": "市市场监督管理局"}
    assert own["total"]["count"] == 3 and {s["unit_code"] for s in own["by_service"]} == {"scjg"}
    assert [u["code"] for u in own["by_unit"]] == ["scjg"]
    other = await client.get(f"{API}/ratings/summary", headers=as_user("scjg"), params={"period": period,
                                                                                        "unit": "tax"})
    assert other.status_code == 403
    for who in ("market_group", "hotline"):
        assert (await client.get(f"{API}/ratings/summary", headers=as_user(who),
                                 params={"period": period})).status_code == 403
    office_view = (await client.get(f"{API}/ratings/summary", headers=as_user("leader"),
                                    params={"period": period, "unit": "tax"})).json()
    assert office_view["total"]["count"] == 1 and [s["code"] for s in office_view["by_service"]] == [
        "tax_filing", "invoice", "export_rebate"]
    listed = (await client.get(f"{API}/ratings", headers=as_user("scjg"), params={"period": period})).json()
    assert listed["total"] == 3 and [i["stars"] for i in listed["items"]] == [1, 4, 5]
    assert (await client.get(f"{API}/ratings", headers=as_user("scjg"),
                             params={"stars": 1})).json()["items"][0]["case_no"] is not None


async def test_the_office_manages_the_catalogue(client, as_user):
    new = {"code": "night_market", "name": "夜间经济经营许可", "unit_code": "cgj", "category_code": "market.access",
           "description": "夜市外摆与临时经营"}
    assert (await client.post(f"{API}/ratings/services", headers=as_user("scjg"), json=new)).status_code == 403
    bad = await client.post(f"{API}/ratings/services", headers=as_user("office"),
                            json={**new, "unit_code": "nosuch", "category_code": "nosuch"})
    assert bad.status_code == 422
    assert [(e["field"], e["code"]) for e in bad.json()["errors"]] == [("unit_code", "unknown_unit"),
                                                                       ("category_code", "unknown_category")]
    assert (await client.post(f"{API}/ratings/services", headers=as_user("office"),
                              json={**new, "code": "Bad Code"})).status_code == 422
    created = await client.post(f"{API}/ratings/services", headers=as_user("office"), json=new)
    assert created.status_code == 201, created.text
    assert created.json() == {**new, "unit_name": "市城市管理局", "position": 0, "active": True}
    dup = await client.post(f"{API}/ratings/services", headers=as_user("office"), json=new)
    assert dup.status_code == 409 and dup.json()["code"] == "ratings.service_exists"
    same_name = await client.post(f"{API}/ratings/services", headers=as_user("office"),
                                  json={**new, "code": "night_market2"})
    assert same_name.status_code == 409 and same_name.json()["code"] == "ratings.service_name_taken"
    patched = await client.patch(f"{API}/ratings/services/night_market", headers=as_user("office"),
                                 json={"unit_code": "scjg", "active": False})
    assert patched.status_code == 200 and (patched.json()["unit_code"], patched.json()["active"]) == ("scjg", False)
    assert "night_market" not in {s["code"] for s in (await client.get(f"{API}/public/services")).json()}
    staff = (await client.get(f"{API}/ratings/services", headers=as_user("zwb"))).json()
    # Ordered by position, then code: the new one (position 0) follows 企业开办.
    assert len(staff) == 41 and [s["code"] for s in staff[:2]] == ["company_setup", "night_market"]
    assert (staff[1]["active"], staff[1]["unit_name"]) == (False, "市市场监督管理局")
    missing = await client.patch(f"{API}/ratings/services/nosuch", headers=as_user("office"), json={"active": False})
    assert missing.status_code == 404
    log = (await client.get(f"{API}/audit-log", headers=as_user("office"),
                            params={"entity_type": "rated_service", "entity_id": "night_market"})).json()
    assert [e["action"] for e in reversed(log["items"])] == ["rated_service.create", "rated_service.update"]


async def test_demo_ratings_and_repeat_flags(client, app, as_user, tokens, db_connection):
    from feedback_api import demo

    async with app.state.db.sessionmaker() as session:
        await demo.load(session, app.state.settings)
        assert await demo.load_extras(session, app.state.settings) == {"ratings": 300, "rating_cases": 5}
        assert await demo.load_extras(session, app.state.settings) == {"ratings": 0, "rating_cases": 0}
        await session.commit()
    office = as_user("office")
    year = (await client.get(f"{API}/ratings/summary", headers=office, params={"period": "2026"})).json()
    total = year["total"]
    assert total["count"] == 300 and total["satisfaction"]["value"] == 98.0
    assert (total["distribution"]["1"], total["distribution"]["2"]) == (3, 3)
    assert [p["month"] for p in total["trend"]][:2] == ["2026-01", "2026-02"] and len(total["trend"]) == 12
    assert all(p["count"] > 0 for p in total["trend"][:11]) and total["trend"][11]["count"] == 0
    assert 4.5 <= total["average"] <= 4.8
    rating_cases = (await client.get(f"{API}/cases", headers=office, params={"channel": "rating"})).json()
    assert sorted(i["status"] for i in rating_cases["items"]) == ["closed", "closed", "in_progress", "received",
                                                                   "received"]
    flags = (await client.get(f"{API}/repeats", headers=office)).json()
    assert sorted((i["status"], i["enterprise_name"]) for i in flags["items"]) == [
        ("confirmed", "杭州临安山核桃食品有限公司"), ("dismissed", "杭州萧山汽车零部件有限公司"),
        ("suggested", "杭州闲林精密铸造有限公司")]
    # The demo's one-time resolution rates stay where docs/feedback.md puts them.
    service = tokens.headers(roles=["service"], typ="service", username="indicators-api")
    rates = {}
    for period in ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"):
        rates[period] = (await client.get(f"{API}/metrics/one-time-resolution", headers=service,
                                          params={"period": period})).json()["value"]
    assert rates == {"2026-Q1": 100.0, "2026-Q2": 100.0, "2026-Q3": 96.77, "2026-Q4": 92.86}
    league = (await client.get(f"{API}/public/league-table", params={"period": "2026-Q3"})).json()
    assert league["items"][0]["rank"] == 1 and league["total"] > 10
