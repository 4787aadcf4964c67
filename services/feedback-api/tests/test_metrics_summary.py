"""GET /metrics/summary: one-time resolution, satisfaction and on-time closure
per period, district and unit, with numerators and denominators — what
indicators-api reads, and what the league table is built from."""

from datetime import datetime

from reform_common.workdays import SHANGHAI
from sqlalchemy import text

API = "/api/feedback/v1"
SUMMARY = f"{API}/metrics/summary"


def rate(numerator, denominator, value):
    return {"numerator": numerator, "denominator": denominator, "value": value}


def metric_set(once, satisfaction, on_time):
    return {"one_time_resolution": rate(*once), "satisfaction": rate(*satisfaction), "on_time_closure": rate(*on_time)}


async def _handle(act, case_no, unit, who, satisfaction="satisfied"):
    await act(case_no, "assign", "office", unit_id=str(unit))
    await act(case_no, "accept", who)
    await act(case_no, "reply", who)
    if satisfaction == "dissatisfied":
        await act(case_no, "follow_up_dissatisfied", "office")
    else:
        await act(case_no, "close", "office", satisfaction=satisfaction)


async def _scenario(make_case, act, units, db_connection):
    """A and B at 市场监管局 in 西湖区, C and D at 发改委 in 滨江区."""
    a = (await make_case(enterprise_name="甲公司"))["case_no"]
    await _handle(act, a, units["scjg"], "scjg")  # once, on time, 满意
    b = (await make_case(enterprise_name="乙公司"))["case_no"]
    await _handle(act, b, units["scjg"], "scjg", "dissatisfied")  # rated 不满意: reopened
    await _handle(act, b, units["scjg"], "scjg", "basically_satisfied")  # then 基本满意: not once
    c = (await make_case(enterprise_name="丙公司", district="滨江区"))["case_no"]
    await act(c, "assign", "office", unit_id=str(units["fgw"]))
    await act(c, "accept", "fgw")
    await db_connection.execute(text("UPDATE cases SET due_at = now() - interval '1 day' WHERE case_no = :n"),
                                {"n": c})
    await act(c, "reply", "fgw")  # answered after its deadline
    await act(c, "close", "office")
    d = (await make_case(enterprise_name="丁公司", district="滨江区"))["case_no"]
    await act(d, "assign", "office", unit_id=str(units["fgw"]))  # still open: no closing measure


async def test_summary_with_breakdowns(client, as_user, tokens, make_case, act, units, db_connection):
    await _scenario(make_case, act, units, db_connection)
    period = f"{datetime.now(SHANGHAI):%Y-%m}"
    service = tokens.headers(roles=["service"], typ="service", username="indicators-api")
    resp = await client.get(SUMMARY, headers=service, params={"period": period})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["period"] == period and body["district"] is None and body["unit"] is None
    assert body["start"].endswith("T00:00:00+08:00")
    assert {k: body[k] for k in ("one_time_resolution", "satisfaction", "on_time_closure")} == metric_set(
        (2, 3, 66.67), (3, 4, 75.0), (2, 3, 66.67))
    assert body["by_district"] == [
        {"code": "330106", "name": "西湖区", **metric_set((1, 2, 50.0), (2, 3, 66.67), (2, 2, 100.0))},
        {"code": "330108", "name": "滨江区", **metric_set((1, 1, 100.0), (1, 1, 100.0), (0, 1, 0.0))},
    ]
    assert body["by_unit"] == [
        {"unit_id": str(units["fgw"]), "code": "fgw", "name": "市发展和改革委员会",
         **metric_set((1, 1, 100.0), (1, 1, 100.0), (0, 1, 0.0))},
        {"unit_id": str(units["scjg"]), "code": "scjg", "name": "市市场监督管理局",
         **metric_set((1, 2, 50.0), (2, 3, 66.67), (2, 2, 100.0))},
    ]
    # The SL-05 contract agrees with the summary.
    sl05 = (await client.get(f"{API}/metrics/one-time-resolution", headers=service, params={"period": period})).json()
    assert sl05 == {"period": period, "closed": 3, "closed_once": 2, "value": 66.67}

    # Filters: a district (code or name) and a unit (code or id).
    for district in ("滨江区", "330108"):
        only = (await client.get(SUMMARY, headers=as_user("office"),
                                 params={"period": period, "district": district})).json()
        assert only["district"] == {"code": "330108", "name": "滨江区"}
        assert only["one_time_resolution"] == rate(1, 1, 100.0) and only["on_time_closure"] == rate(0, 1, 0.0)
        assert [d["code"] for d in only["by_district"]] == ["330108"]
        assert [u["code"] for u in only["by_unit"]] == ["fgw"]
    for unit in ("scjg", str(units["scjg"])):
        only = (await client.get(SUMMARY, headers=as_user("leader"), params={"period": period, "unit": unit})).json()
        assert only["unit"] == {"unit_id": str(units["scjg"]), "code": "scjg", "name": "市市场监督管理局"}
        assert {k: only[k] for k in ("one_time_resolution", "satisfaction", "on_time_closure")} == metric_set(
            (1, 2, 50.0), (2, 3, 66.67), (2, 2, 100.0))
        assert [d["code"] for d in only["by_district"]] == ["330106"]
    both = (await client.get(SUMMARY, headers=as_user("scjg"),
                             params={"period": period, "unit": "scjg", "district": "滨江区"})).json()
    assert both["one_time_resolution"] == rate(0, 0, None) and both["by_unit"] == [] and both["by_district"] == []


async def test_empty_period_and_bad_input(client, as_user):
    empty = (await client.get(SUMMARY, headers=as_user("office"), params={"period": "2025-Q1"})).json()
    assert {k: empty[k] for k in ("one_time_resolution", "satisfaction", "on_time_closure", "by_district",
                                  "by_unit")} == {**metric_set((0, 0, None), (0, 0, None), (0, 0, None)),
                                                  "by_district": [], "by_unit": []}
    assert (empty["start"], empty["end"]) == ("2025-01-01T00:00:00+08:00", "2025-04-01T00:00:00+08:00")
    bad = await client.get(SUMMARY, headers=as_user("office"), params={"period": "2026-Q5"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "period"
    district = await client.get(SUMMARY, headers=as_user("office"), params={"period": "2026", "district": "朝阳区"})
    assert district.status_code == 422
    assert district.json()["errors"] == [{"field": "district", "code": "unknown_district",
                                          "message": "区县不存在，请填写本市区县名称或行政区划代码"}]
    unit = await client.get(SUMMARY, headers=as_user("office"), params={"period": "2026", "unit": "nosuch"})
    assert unit.status_code == 422 and unit.json()["errors"][0]["code"] == "unknown_unit"
    assert (await client.get(SUMMARY, headers=as_user("hotline"), params={"period": "2026"})).status_code == 403
    assert (await client.get(SUMMARY, params={"period": "2026"})).status_code == 401
