"""一次性化解率 (SL-05) as indicators-api reads it."""

from datetime import datetime

from reform_common.workdays import SHANGHAI

API = "/api/feedback/v1"
METRIC = f"{API}/metrics/one-time-resolution"


async def _close(act, case_no, satisfaction="satisfied"):
    await act(case_no, "assign", "office")
    await act(case_no, "accept", "scjg")
    await act(case_no, "reply", "scjg")
    await act(case_no, "close", "office", satisfaction=satisfaction)


async def test_one_time_resolution_rate(client, as_user, tokens, make_case, act, helpers):
    # Different enterprises (the same name would make each later case a repeat of the earlier ones).
    once = (await make_case(enterprise_name="杭州之江一号材料有限公司"))["case_no"]
    await _close(act, once)
    twice = (await make_case(enterprise_name="杭州之江二号材料有限公司"))["case_no"]
    await _close(act, twice)
    await act(twice, "reopen", "office")
    await _close(act, twice, "basically_satisfied")
    phone = helpers.next_phone()
    repeated = (await make_case(contact_phone=phone, enterprise_name="杭州之江三号材料有限公司"))["case_no"]
    await _close(act, repeated)
    again = await make_case(contact_phone=phone)  # the same matter back within 30 days (same phone)
    detail = (await client.get(f"{API}/cases/{again['case_no']}", headers=as_user("office"))).json()
    assert detail["repeat_of"] == repeated
    assert detail["events"][0]["detail"]["repeat_of"] == repeated
    open_case = (await make_case())["case_no"]
    await act(open_case, "assign", "office")

    now = datetime.now(SHANGHAI)
    service = tokens.headers(roles=["service"], typ="service", username="indicators-api")
    for period in (f"{now:%Y-%m}", f"{now.year}-Q{(now.month - 1) // 3 + 1}", f"{now.year}"):
        resp = await client.get(METRIC, headers=service, params={"period": period})
        assert resp.status_code == 200, resp.text
        assert resp.json() == {"period": period, "closed": 3, "closed_once": 1, "value": 33.33}
    empty = await client.get(METRIC, headers=as_user("leader"), params={"period": "2025-10"})
    assert empty.json() == {"period": "2025-10", "closed": 0, "closed_once": 0, "value": None}
    assert (await client.get(METRIC, headers=as_user("scjg"), params={"period": "2026-10"})).status_code == 403
    bad = await client.get(METRIC, headers=as_user("office"), params={"period": "2026-13"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "period"


async def test_reopening_a_closed_case_only_within_30_days(client, as_user, make_case, act, db_connection):
    from sqlalchemy import text

    case_no = (await make_case())["case_no"]
    await _close(act, case_no)
    await db_connection.execute(text("UPDATE cases SET closed_at = closed_at - interval '31 days' WHERE case_no = :n"),
                                {"n": case_no})
    detail = (await client.get(f"{API}/cases/{case_no}", headers=as_user("office"))).json()
    assert detail["allowed_actions"] == []
    late = await act(case_no, "reopen", "office", expect=409)
    assert late.json()["code"] == "cases.reopen_window_passed"
    assert late.json()["detail"] == "该诉求办结已超过 30 日，不能重办；同一事项再次反映请作为新诉求登记。"
