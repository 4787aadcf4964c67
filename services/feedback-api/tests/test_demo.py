"""The demo data: about 60 cases across channels, types, districts and states,
loaded through the real workflow, with a one-time resolution rate that puts
the city in the provincial top three (indicators-api's demo expects ≥ 90 %)."""

from collections import Counter

from feedback_api import demo
from feedback_api.cases.models import STATUSES
from feedback_api.demo_cases import CASES

API = "/api/feedback/v1"


async def test_demo_cases(client, app, as_user, tokens, db_connection):
    async with app.state.db.sessionmaker() as session:
        assert await demo.load(session, app.state.settings) == {"cases": len(CASES)}
        assert await demo.load(session, app.state.settings) == {"cases": 0}  # idempotent
        await session.commit()
    office = as_user("office")
    listed = (await client.get(f"{API}/cases", headers=office, params={"page_size": 200})).json()
    assert listed["total"] == len(CASES) == 63
    items = listed["items"]
    assert set(i["status"] for i in items) == set(STATUSES)
    assert set(i["channel"] for i in items) == {"public_form", "hotline_12345", "experience_officer", "salon",
                                                "media", "inspection"}
    assert set(i["type"] for i in items) == {"consultation", "help", "complaint", "report", "suggestion", "praise"}
    assert len({i["district"]["code"] for i in items if i["district"]}) == 13
    assert Counter(i["status"] for i in items)["closed"] == 45
    # Closed cases were answered in time; what is still open as of 20 Nov is partly overdue by now.
    closed = [i for i in items if i["status"] == "closed"]
    assert all(i["deadline_state"] == "normal" for i in closed)
    repeat = next(i for i in items if i["title"] == "用水增容办结后管网接入又被要求重新申请")
    detail = (await client.get(f"{API}/cases/{repeat['case_no']}", headers=office)).json()
    assert detail["repeat_of"] is not None
    # The demo users see their share.
    for who in ("scjg", "fgw", "xihu"):
        assert (await client.get(f"{API}/cases", headers=as_user(who))).json()["total"] > 3, who
    service = tokens.headers(roles=["service"], typ="service", username="indicators-api")
    rates = {}
    for period in ("2026-Q3", "2026-Q4", "2026-07", "2026-08", "2026-09", "2026-10"):
        body = (await client.get(f"{API}/metrics/one-time-resolution", headers=service,
                                 params={"period": period})).json()
        rates[period] = body["value"]
        assert body["value"] >= 90, body
    assert rates["2026-Q3"] < 100 and rates["2026-Q4"] < 100


def test_demo_identifiers_are_valid():
    from feedback_api.identifiers import normalize_credit_code, normalize_phone

    for case in CASES:
        if case.enterprise and "某" not in case.enterprise:
            code = demo.credit_code(case.enterprise, case.district)
            assert normalize_credit_code(code) == code
            assert normalize_phone(demo.phone(case.enterprise)) == demo.phone(case.enterprise)
