"""What every service's audit log must do (issue 9, 等保 security audit), run per service by
subclassing in its tests with ``prefix`` set and :meth:`AuditLogContract.write` implemented.

Uses the fixtures of :mod:`reform_common.testing` (``app``, ``client``, ``tokens``,
``db_connection``).
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from . import audit
from .errors import Problem
from .testing import TokenFactory

STAFF_WITHOUT_AUDIT = ("group_lead", "lead_unit", "unit", "district", "hotline")


class AuditLogContract:
    prefix: str

    @property
    def log_url(self) -> str:
        return f"/api/{self.prefix}/v1/audit-log"

    async def prepare(self, client: httpx.AsyncClient, tokens: TokenFactory) -> Any:
        """Whatever :meth:`write` needs (committed for the test)."""
        return None

    async def write(self, client: httpx.AsyncClient, tokens: TokenFactory, prepared: Any,
                    request_id: str) -> tuple[httpx.Response, str]:
        """One write sending ``X-Request-ID: request_id``; its response and the actor (username)
        its audit entry must name."""
        raise NotImplementedError

    async def search(self, client: httpx.AsyncClient, tokens: TokenFactory, **params: Any) -> dict[str, Any]:
        resp = await client.get(self.log_url, params=params,
                                headers=tokens.headers(roles=["auditor"], username="shenji"))
        assert resp.status_code == 200, resp.text
        return resp.json()

    async def _add(self, app: FastAPI, **fields: Any) -> None:
        async with app.state.db.sessionmaker() as session:
            audit.record(session, app.state.audit_model, **fields)
            await session.commit()

    async def test_rows_cannot_be_updated_deleted_or_truncated(self, app: FastAPI, db_connection: Any) -> None:
        await self._add(app, action="test.append_only", entity_type="probe", actor="probe")
        for statement in ("UPDATE audit_log SET actor = 'forged' WHERE action = 'test.append_only'",
                          "DELETE FROM audit_log WHERE action = 'test.append_only'",
                          "TRUNCATE audit_log"):
            session: AsyncSession
            async with app.state.db.sessionmaker() as session:
                with pytest.raises(DBAPIError, match="audit_log is append-only"):
                    await session.execute(text(statement))
                await session.rollback()
        rows = (await db_connection.execute(text(
            "SELECT actor FROM audit_log WHERE action = 'test.append_only'"))).all()
        assert rows == [("probe",)]

    async def test_only_the_purge_deletes_and_only_past_180_days(self, app: FastAPI, db_connection: Any) -> None:
        for days in (200, 179):
            await db_connection.execute(text(
                "INSERT INTO audit_log (occurred_at, actor, action, entity_type, detail) "
                "VALUES (now() - make_interval(days => :days), 'probe', 'test.retention', 'probe', '{}')"),
                {"days": days})
        async with app.state.db.sessionmaker() as session:
            with pytest.raises(DBAPIError, match="append-only"):  # an old row, but not through the purge
                await session.execute(text("DELETE FROM audit_log WHERE action = 'test.retention'"))
            await session.rollback()
        async with app.state.db.sessionmaker() as session:
            with pytest.raises(DBAPIError, match="至少保留 180 天"):
                await audit.purge(session, older_than_days=90)
            await session.rollback()
        async with app.state.db.sessionmaker() as session:
            assert await audit.purge(session) >= 1
            await session.commit()
        ages = (await db_connection.execute(text(
            "SELECT extract(day FROM now() - occurred_at)::int FROM audit_log WHERE action = 'test.retention'"
        ))).scalars().all()
        assert ages == [179]

    async def test_search_filters_and_pages(self, client: httpx.AsyncClient, tokens: TokenFactory,
                                            app: FastAPI, db_connection: Any) -> None:
        entity = uuid.uuid4().hex
        for action, actor in (("case.assign", "office"), ("case.reply", "scjg"), ("export", "scjg")):
            await self._add(app, action=action, entity_type="probe", entity_id=entity, actor=actor)
        await db_connection.execute(text(
            "INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_id, detail) "
            "VALUES (timestamptz '2026-01-15 10:00+08', 'scjg', 'case.reply', 'probe', :entity, '{}')"),
            {"entity": entity})
        scoped = {"entity_type": "probe", "entity_id": entity}
        assert (await self.search(client, tokens, **scoped))["total"] == 4
        by_actor = await self.search(client, tokens, actor="scjg", **scoped)
        assert {e["action"] for e in by_actor["items"]} == {"case.reply", "export"} and by_actor["total"] == 3
        assert (await self.search(client, tokens, action="case.*", **scoped))["total"] == 3
        assert (await self.search(client, tokens, action="case", **scoped))["total"] == 0
        january = await self.search(client, tokens, occurred_from="2026-01-01T00:00:00+08:00",
                                    occurred_to="2026-02-01T00:00:00+08:00", **scoped)
        assert [e["occurred_at"][:10] for e in january["items"]] == ["2026-01-15"]
        first = await self.search(client, tokens, page_size=2, **scoped)
        second = await self.search(client, tokens, page_size=2, page=2, **scoped)
        assert first["total"] == second["total"] == 4
        assert len({e["id"] for e in first["items"] + second["items"]}) == 4
        assert first["items"][0]["id"] > second["items"][0]["id"]  # newest first
        naive = await client.get(self.log_url, params={"occurred_from": "2026-01-01T00:00:00"},
                                 headers=tokens.headers(roles=["auditor"]))
        assert naive.status_code == 422 and naive.json()["code"] == "validation_failed"

    async def test_only_the_office_auditors_and_leaders_read_it(
        self, client: httpx.AsyncClient, tokens: TokenFactory
    ) -> None:
        assert (await client.get(self.log_url)).status_code == 401
        for role in STAFF_WITHOUT_AUDIT:
            resp = await client.get(self.log_url, headers=tokens.headers(roles=[role]))
            assert resp.status_code == 403, role
            assert resp.headers["content-type"] == "application/problem+json"
        for role in ("reform_office", "auditor", "leader"):
            assert (await client.get(self.log_url, headers=tokens.headers(roles=[role]))).status_code == 200

    async def test_a_write_is_audited_in_its_own_transaction(
        self, client: httpx.AsyncClient, tokens: TokenFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        request_id = f"audit-{uuid.uuid4().hex}"
        resp, actor = await self.write(client, tokens, await self.prepare(client, tokens), request_id)
        assert resp.is_success, resp.text
        entries = (await self.search(client, tokens, request_id=request_id))["items"]
        assert [e["actor"] for e in entries] == [actor]

        # The same write whose commit fails leaves no entry: the entry is part of the transaction.
        async def refuse(self: AsyncSession) -> None:
            raise Problem(503, "test.commit_failed", "提交失败", "测试：数据库拒绝提交。")

        prepared = await self.prepare(client, tokens)
        failed_id = f"audit-{uuid.uuid4().hex}"
        monkeypatch.setattr(AsyncSession, "commit", refuse)
        resp, _ = await self.write(client, tokens, prepared, failed_id)
        monkeypatch.undo()
        assert resp.status_code == 503, resp.text
        assert (await self.search(client, tokens, request_id=failed_id))["total"] == 0
