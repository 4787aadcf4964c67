"""Bugs the schemathesis fuzzer (tests/e2e/test_fuzz.py) found in tasks-api, each pinned here."""

API = "/api/tasks/v1"


async def test_a_period_of_year_0000_is_rejected_not_a_500(client, as_user, make_plan):
    await make_plan(2026)
    # "0000" matched the period pattern, and date(0, 1, 1) raised ValueError: a 500.
    resp = await client.post(f"{API}/evaluations/apply-rank-rule", json={"year": 2026, "period": "0000"},
                             headers=as_user("office"))
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    assert resp.json()["errors"][0]["field"] == "period"
