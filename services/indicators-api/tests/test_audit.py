"""indicators-api's audit log: append-only, searchable by auditors; writes that record nothing
themselves get a generic entry in their transaction; every export leaves an entry."""

import httpx
import pytest
from reform_common.audit_contract import AuditLogContract
from reform_common.testing import TokenFactory

API = "/api/indicators/v1"


class TestAuditLog(AuditLogContract):
    prefix = "indicators"

    @pytest.fixture(autouse=True)
    def _fixtures(self, as_user, fake_tasks):
        self.as_user = as_user

    async def write(self, client: httpx.AsyncClient, tokens: TokenFactory, prepared: None,
                    request_id: str) -> tuple[httpx.Response, str]:
        resp = await client.post(f"{API}/computed/refresh", params={"period": "2026-Q3"},
                                 headers={**self.as_user("office"), "X-Request-ID": request_id})
        return resp, "office"


async def _log(client, as_user, **params) -> list[dict]:
    resp = await client.get(f"{API}/audit-log", params=params, headers=as_user("office"))
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]


async def test_the_computed_refresh_gets_a_generic_entry(client, as_user, fake_tasks):
    resp = await client.post(f"{API}/computed/refresh", params={"period": "2026-Q3"},
                             headers={**as_user("office"), "X-Request-ID": "c-1"})
    assert resp.status_code == 200, resp.text
    [entry] = await _log(client, as_user, request_id="c-1")
    # No id in the path: the entity is the first row the request created.
    assert (entry["action"], entry["actor"], entry["entity_type"]) == ("results.refresh_computed", "office",
                                                                       "observation")
    assert entry["entity_id"] == entry["detail"]["created"]["id"]
    assert entry["detail"]["route"] == "/api/indicators/v1/computed/refresh"
    refused = await client.post(f"{API}/computed/refresh", params={"period": "2026-Q3"},
                                headers={**as_user("scjg"), "X-Request-ID": "c-2"})
    assert refused.status_code == 403
    assert await _log(client, as_user, request_id="c-2") == []


@pytest.mark.parametrize(("path", "params", "entity"), [
    ("/observations/export", {"framework": "national", "period": "2025", "format": "csv"}, ("observation", None)),
    ("/indicators/SL-01/leaderboard.xlsx", {"period": "2026-Q2"}, ("indicator", "SL-01")),
    ("/frameworks/provincial/overview.xlsx", {"period": "2026-Q2"}, ("framework", "provincial")),
])
async def test_every_export_is_audited(client, as_user, path, params, entity):
    exported = await client.get(f"{API}{path}", params=params, headers={**as_user("scjg"), "X-Request-ID": "e-1"})
    assert exported.status_code == 200, exported.text
    [entry] = await _log(client, as_user, request_id="e-1")
    assert (entry["action"], entry["actor"], (entry["entity_type"], entry["entity_id"])) == ("export", "scjg", entity)
    assert entry["detail"]["query"] == params
    bad = await client.get(f"{API}{path}", params={**params, "period": "someday"},
                           headers={**as_user("scjg"), "X-Request-ID": "e-2"})
    assert bad.status_code == 422
    assert await _log(client, as_user, request_id="e-2") == []
