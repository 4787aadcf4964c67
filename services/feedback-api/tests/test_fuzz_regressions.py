"""Bugs the schemathesis fuzzer (tests/e2e/test_fuzz.py) found in feedback-api, each pinned here."""

import pytest

API = "/api/feedback/v1"
PROBLEM = "application/problem+json"


@pytest.mark.parametrize("path", [
    f"{API}/metrics/summary", f"{API}/metrics/one-time-resolution", f"{API}/league-table",
    f"{API}/public/league-table", f"{API}/ratings/summary",
])
async def test_a_period_of_year_0000_is_rejected_not_a_500(client, as_user, path):
    # "0000" matched the period pattern, and date(0, 1, 1) raised ValueError: a 500.
    resp = await client.get(path, params={"period": "0000"}, headers=as_user("office"))
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"] == PROBLEM
    assert resp.json()["errors"][0]["field"] == "period"


async def test_a_clusters_period_of_year_0000_is_rejected_not_a_500(client, as_user):
    # The same pattern, copied into the clusters schemas, let "0000" through to period_bounds.
    office = as_user("office")
    listed = await client.get(f"{API}/clusters", params={"period": "0000"}, headers=office)
    suggested = await client.post(f"{API}/clusters/suggest", json={"period": "0000"}, headers=office)
    assert (listed.status_code, suggested.status_code) == (422, 422), (listed.text, suggested.text)


async def test_open311_errors_are_documented_in_both_formats(client):
    # The shared problem+json documentation had given Open311's own XML/JSON error lists the wrong type.
    doc = (await client.get("/api/feedback/openapi.json")).json()
    not_found = doc["paths"]["/api/feedback/open311/v2/services/{service_code}.{fmt}"]["get"]["responses"]["404"]
    assert set(not_found["content"]) == {"text/xml", "application/json"}
    resp = await client.get("/api/feedback/open311/v2/services/0.xml")
    assert resp.status_code == 404 and resp.headers["content-type"].startswith("text/xml")


async def test_public_endpoints_document_the_gateways_429(client):
    # The gateway rate-limits every public endpoint; its 429 had been undocumented (e.g. /public/ratings).
    doc = (await client.get("/api/feedback/openapi.json")).json()
    for path, method in [(f"{API}/public/cases", "post"), (f"{API}/public/options", "get"),
                         (f"{API}/public/ratings", "post"), (f"{API}/public/league-table", "get"),
                         (f"{API}/integrations/12345/orders", "post"),
                         ("/api/feedback/open311/v2/requests.{fmt}", "post")]:
        ref = doc["paths"][path][method]["responses"]["429"]["$ref"].rsplit("/", 1)[1]
        assert set(doc["components"]["responses"][ref]["content"]) == {PROBLEM}, (path, method)
    assert "429" not in doc["paths"][f"{API}/cases"]["get"]["responses"]  # signed in: not limited
