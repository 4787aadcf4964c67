"""tasks-api's audit log: append-only, searchable by auditors; writes that record nothing
themselves get a generic entry in their transaction; every export and download leaves an entry."""

import httpx
import pytest
from reform_common.audit_contract import AuditLogContract
from reform_common.testing import TokenFactory

API = "/api/tasks/v1"


class TestAuditLog(AuditLogContract):
    prefix = "tasks"

    @pytest.fixture(autouse=True)
    def _fixtures(self, as_user, make_task):
        self.as_user, self.make_task = as_user, make_task

    async def prepare(self, client: httpx.AsyncClient, tokens: TokenFactory) -> str:
        plan = await client.post(f"{API}/plans", headers=self.as_user("office"),
                                 json={"year": 2026, "title": "2026年营商环境优化提升重点任务清单"})
        assert plan.status_code in (201, 409), plan.text
        return (await self.make_task())["code"]

    async def write(self, client: httpx.AsyncClient, tokens: TokenFactory, prepared: str,
                    request_id: str) -> tuple[httpx.Response, str]:
        resp = await client.post(f"{API}/tasks/{prepared}/reports", params={"as_of": "2026-05-12"},
                                 json={"content": "已完成系统对接方案评审", "progress": 40},
                                 headers={**self.as_user("scjg"), "X-Request-ID": request_id})
        return resp, "scjg"


async def _log(client, as_user, **params) -> list[dict]:
    resp = await client.get(f"{API}/audit-log", params=params, headers=as_user("office"))
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]


async def test_a_write_without_its_own_entry_gets_a_generic_one(client, as_user, make_plan, make_task, app):
    await make_plan()
    await make_task(deadline="2026-11-20")
    await client.post(f"{API}/reminder-notices/run", headers=as_user("office"), params={"as_of": "2026-11-23"})
    await app.state.background.drain()
    [notice] = (await client.get(f"{API}/reminder-notices", headers=as_user("scjg"))).json()["items"]
    signed = await client.post(f"{API}/reminder-notices/{notice['id']}/acknowledge",
                               headers={**as_user("scjg"), "X-Request-ID": "n-1"})
    assert signed.status_code == 200, signed.text
    [entry] = await _log(client, as_user, request_id="n-1")
    assert (entry["action"], entry["actor"], entry["entity_type"], entry["entity_id"]) == (
        "notices.acknowledge", "scjg", "reminder_notice", notice["id"])
    assert entry["detail"] == {"method": "POST", "route": "/api/tasks/v1/reminder-notices/{notice_id}/acknowledge"}
    # A rejected write (not the addressee) rolls back and leaves nothing.
    other = await client.post(f"{API}/reminder-notices/{notice['id']}/reply",
                              headers={**as_user("fgw"), "X-Request-ID": "n-2"}, json={"reply": "越权回复"})
    assert other.status_code == 404
    assert await _log(client, as_user, request_id="n-2") == []


async def test_exports_and_downloads_are_audited(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task()
    exported = await client.get(f"{API}/tasks/export.xlsx", params={"year": 2026, "keyword": "网办"},
                                headers={**as_user("fgw"), "X-Request-ID": "x-1"})
    assert exported.status_code == 200, exported.text
    [entry] = await _log(client, as_user, request_id="x-1")
    assert (entry["action"], entry["actor"], entry["entity_type"]) == ("export", "fgw", "task")
    assert entry["detail"]["query"] == {"year": "2026", "keyword": "网办"}
    # A refused export (no year) leaves nothing.
    refused = await client.get(f"{API}/tasks/export.xlsx", headers={**as_user("fgw"), "X-Request-ID": "x-2"})
    assert refused.status_code == 422
    assert await _log(client, as_user, request_id="x-2") == []

    report = (await client.post(f"{API}/tasks/{task['code']}/reports", headers=as_user("scjg"),
                                json={"content": "附件", "progress": 5})).json()
    up = await client.post(f"{API}/reports/{report['id']}/attachments", headers=as_user("scjg"),
                           files={"file": ("进展材料.pdf", b"%PDF-1.4 minimal", "application/pdf")})
    assert up.status_code == 201, up.text
    down = await client.get(f"{API}/reports/{report['id']}/attachments/0",
                            headers={**as_user("fgw"), "X-Request-ID": "d-1"})
    assert down.status_code == 200
    [entry] = await _log(client, as_user, request_id="d-1")
    assert (entry["action"], entry["entity_type"], entry["entity_id"]) == ("download", "report", report["id"])
    actions = {e["action"] for e in await _log(client, as_user, actor="fgw", page_size=200)}
    assert {"export", "download"} <= actions
