"""The gateway's audit log: append-only, searchable by auditors; logins, failed logins, refreshes
and reuse of a rotated token, every directory write."""

import httpx
from reform_common.audit_contract import AuditLogContract
from reform_common.demo import user_uuid
from reform_common.testing import TokenFactory


class TestAuditLog(AuditLogContract):
    prefix = "auth"

    async def write(self, client: httpx.AsyncClient, tokens: TokenFactory, prepared: None,
                    request_id: str) -> tuple[httpx.Response, str]:
        resp = await client.patch(f"/api/auth/v1/users/{user_uuid('scjg')}", json={"display_name": "市场监管局联络员"},
                                  headers={**tokens.headers(roles=["reform_office"], username="office"),
                                           "X-Request-ID": request_id})
        return resp, "office"


async def test_refresh_and_reuse_are_audited_for_the_user(client, login, auth_headers):
    first = (await login("scjg")).json()
    assert (await client.post("/api/auth/v1/refresh", json={"refresh_token": first["refresh_token"]})).is_success
    reuse = await client.post("/api/auth/v1/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    log = (await client.get("/api/auth/v1/audit-log", params={"entity_id": str(user_uuid("scjg"))},
                            headers=await auth_headers("auditor"))).json()
    actions = [e["action"] for e in log["items"]]
    assert actions[:3] == ["auth.refresh_reused", "auth.refresh", "auth.login"]


async def test_the_demo_auditor_reads_audit_logs_and_no_directory(client, auth_headers):
    headers = await auth_headers("auditor")
    # Acting for no unit: nothing scoped to the reform office's unit opens to the auditor.
    whoami = (await client.get("/api/auth/v1/whoami", headers=headers)).json()
    assert (whoami["roles"], whoami["unit_id"], whoami["unit_name"]) == (["auditor"], None, None)
    assert (await client.get("/api/auth/v1/audit-log", headers=headers)).status_code == 200
    assert (await client.get("/api/auth/v1/users", headers=headers)).status_code == 403
    created = await client.post("/api/auth/v1/units", headers=headers, json={
        "code": "sjj", "name": "市审计局", "short_name": "市审计局", "kind": "department"})
    assert created.status_code == 403
