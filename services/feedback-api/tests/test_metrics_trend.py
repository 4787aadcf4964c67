"""GET /metrics/trend: received, closed and the three rates month by month
over a year (the leaders' cockpit), from the same measures as the summary."""

from datetime import datetime

from reform_common.workdays import SHANGHAI
from sqlalchemy import text

API = "/api/feedback/v1"
TREND = f"{API}/metrics/trend"


def rate(numerator, denominator, value):
    return {"numerator": numerator, "denominator": denominator, "value": value}


def figures(received, closed, once, satisfaction, on_time):
    return {"received": received, "closed": closed, "one_time_resolution": rate(*once),
            "satisfaction": rate(*satisfaction), "on_time_closure": rate(*on_time)}


EMPTY = figures(0, 0, (0, 0, None), (0, 0, None), (0, 0, None))


async def _handle(act, case_no, satisfaction="satisfied"):
    await act(case_no, "assign", "office")
    await act(case_no, "accept", "scjg")
    await act(case_no, "reply", "scjg")
    if satisfaction == "dissatisfied":
        await act(case_no, "follow_up_dissatisfied", "office")
    else:
        await act(case_no, "close", "office", satisfaction=satisfaction)


async def _move(db, case_no, received, closed=None, events_at=None):
    """Moves a case (and all its events) into the past, Shanghai time."""
    await db.execute(text("UPDATE cases SET received_at = :r, closed_at = COALESCE(:c, closed_at) WHERE case_no = :n"),
                     {"n": case_no, "r": received, "c": closed})
    await db.execute(text("UPDATE case_events SET occurred_at = :t "
                          "WHERE case_id = (SELECT id FROM cases WHERE case_no = :n)"),
                     {"n": case_no, "t": events_at or closed or received})


async def test_trend_month_by_month(client, as_user, tokens, make_case, act, db_connection):
    year = datetime.now(SHANGHAI).year - 1  # a past year: all twelve months, whatever today is
    at = lambda month, day: datetime(year, month, day, 10, tzinfo=SHANGHAI)  # noqa: E731

    a = (await make_case(enterprise_name="甲公司"))["case_no"]
    await _handle(act, a)  # once, on time, 满意
    await _move(db_connection, a, at(3, 10), at(4, 2))
    b = (await make_case(enterprise_name="乙公司"))["case_no"]
    await _handle(act, b, "basically_satisfied")
    await db_connection.execute(text("UPDATE cases SET due_at = replied_at - interval '1 day' WHERE case_no = :n"),
                                {"n": b})  # answered after its deadline
    await _move(db_connection, b, at(3, 20), at(3, 25))
    c = (await make_case(enterprise_name="丙公司", district="滨江区"))["case_no"]
    await act(c, "assign", "office")  # still open: received only
    await _move(db_connection, c, at(4, 15))
    d = (await make_case(enterprise_name="丁公司", district="滨江区"))["case_no"]
    await _handle(act, d, "dissatisfied")  # rated 不满意: reopened
    await _handle(act, d)  # then 满意: closed, not once
    await _move(db_connection, d, at(4, 1), at(4, 20))

    resp = await client.get(TREND, headers=as_user("leader"), params={"year": year})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["year"] == year and body["district"] is None and body["unit"] is None
    assert [m["month"] for m in body["months"]] == [f"{year}-{m:02d}" for m in range(1, 13)]
    by_month = {m.pop("month"): m for m in body["months"]}
    assert by_month[f"{year}-03"] == figures(2, 1, (1, 1, 100.0), (1, 1, 100.0), (0, 1, 0.0))
    assert by_month[f"{year}-04"] == figures(2, 2, (1, 2, 50.0), (2, 3, 66.67), (2, 2, 100.0))
    assert all(by_month[f"{year}-{m:02d}"] == EMPTY for m in (1, 2, *range(5, 13)))
    assert {k: body[k] for k in EMPTY} == figures(4, 3, (2, 3, 66.67), (3, 4, 75.0), (2, 3, 66.67))

    # The same measures as the summary of the year.
    service = tokens.headers(roles=["service"], typ="service", username="indicators-api")
    summary = (await client.get(f"{API}/metrics/summary", headers=service, params={"period": str(year)})).json()
    assert {k: summary[k] for k in ("one_time_resolution", "satisfaction", "on_time_closure")} == {
        k: body[k] for k in ("one_time_resolution", "satisfaction", "on_time_closure")}

    # Filters as the summary's: a district by name or code, a unit by code.
    binjiang = (await client.get(TREND, headers=as_user("office"), params={"year": year, "district": "330108"})).json()
    assert binjiang["district"] == {"code": "330108", "name": "滨江区"}
    assert {k: binjiang[k] for k in EMPTY} == figures(2, 1, (0, 1, 0.0), (1, 2, 50.0), (1, 1, 100.0))
    assert binjiang["months"][3] == {"month": f"{year}-04", **figures(2, 1, (0, 1, 0.0), (1, 2, 50.0), (1, 1, 100.0))}
    scjg = (await client.get(TREND, headers=as_user("scjg"), params={"year": year, "unit": "scjg"})).json()
    assert scjg["unit"]["code"] == "scjg" and scjg["received"] == 4


async def test_current_and_future_years_and_bad_input(client, as_user):
    now = datetime.now(SHANGHAI)
    this_year = (await client.get(TREND, headers=as_user("office"), params={"year": now.year})).json()
    assert [m["month"] for m in this_year["months"]] == [f"{now.year}-{m:02d}" for m in range(1, now.month + 1)]
    future = (await client.get(TREND, headers=as_user("office"), params={"year": now.year + 1})).json()
    assert future["months"] == [] and {k: future[k] for k in EMPTY} == EMPTY

    bad = await client.get(TREND, headers=as_user("office"), params={"year": 1999})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "year"
    missing = await client.get(TREND, headers=as_user("office"))
    assert missing.status_code == 422
    district = await client.get(TREND, headers=as_user("office"), params={"year": now.year, "district": "朝阳区"})
    assert district.status_code == 422 and district.json()["errors"][0]["code"] == "unknown_district"
    assert (await client.get(TREND, headers=as_user("hotline"), params={"year": now.year})).status_code == 403
    assert (await client.get(TREND, params={"year": now.year})).status_code == 401
