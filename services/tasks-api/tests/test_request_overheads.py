"""What every request of every service pays, made cheaper without changing what it guarantees
(reform_common, docs/performance.md "Per-request costs"): no ping round trip before each use of a pooled
connection, a token verified once per process until it expires, and no transaction around a GET that only
reads."""

import asyncio
import json

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from reform_common import db as db_module
from reform_common.auth import TokenVerifier
from reform_common.db import Database, SessionDep, reads_only
from reform_common.errors import Problem
from reform_common.testing import TokenFactory
from sqlalchemy import text
from tasks_api.workcal.models import CalendarYear


async def _backend_pid(database: Database) -> int:
    async with database.engine.connect() as conn:
        return int(await conn.scalar(text("SELECT pg_backend_pid()")))


async def _terminate(app, pid: int) -> None:
    async with app.state.db.engine.connect() as conn:
        assert await conn.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        # The backend is gone once it no longer shows in pg_stat_activity.
        for _ in range(100):
            if not await conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}):
                return
            await asyncio.sleep(0.05)
    raise AssertionError(f"backend {pid} still there")


@pytest.mark.parametrize("idle_window", [3600.0, 0.0])
async def test_a_pooled_connection_the_server_closed_is_replaced_before_use(app, monkeypatch, idle_window) -> None:
    """Used moments ago (no ping: asyncpg already knows the socket closed) or idle (pinged as well): either
    way the request gets a working connection, never the dead one (the PostgreSQL-restart fault test relies
    on it)."""
    database = Database(app.state.db.engine.url.render_as_string(hide_password=False), pool_size=1)
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_SECONDS", idle_window)
    try:
        first = await _backend_pid(database)
        await _terminate(app, first)
        await asyncio.sleep(0.1)  # the event loop reads the closed socket
        assert await _backend_pid(database) != first
    finally:
        await database.dispose()


async def test_a_verified_token_is_reused_until_it_expires(app, tokens: TokenFactory) -> None:
    verifier: TokenVerifier = app.state.verifier
    token = tokens.token(roles=["unit"], ttl=2)
    first = await verifier.verify(token)
    assert await verifier.verify(token) is first  # not checked again
    await asyncio.sleep(2.2)
    with pytest.raises(Problem) as expired:
        await verifier.verify(token)
    assert expired.value.code == "auth.token_expired"


async def test_new_signing_keys_drop_the_verified_tokens(app, tokens: TokenFactory) -> None:
    verifier: TokenVerifier = app.state.verifier
    token = tokens.token(roles=["unit"])
    first = await verifier.verify(token)
    verifier.forget_verified()
    again = await verifier.verify(token)
    assert again == first and again is not first  # verified again against the keys


def _reads_app(database: Database) -> FastAPI:
    """Two routes alike but for @reads_only, each reading the transaction's start twice, 20 ms apart."""
    reads = FastAPI()
    reads.state.db = database

    async def starts(session) -> list[str]:
        first = await session.scalar(text("SELECT transaction_timestamp()::text"))
        await session.execute(text("SELECT pg_sleep(0.02)"))
        return [first, await session.scalar(text("SELECT transaction_timestamp()::text"))]

    @reads.get("/in-transaction")
    async def in_transaction(session: SessionDep) -> list[str]:
        return await starts(session)

    @reads.get("/reads-only")
    @reads_only
    async def outside(session: SessionDep) -> list[str]:
        return await starts(session)

    @reads.get("/reads-only-writing")
    @reads_only
    async def writing(session: SessionDep) -> None:
        session.add(CalendarYear(year=2099, note="写入"))
        await session.flush()

    return reads


async def test_a_reads_only_route_runs_each_statement_on_its_own_and_refuses_writes(app) -> None:
    database = Database(app.state.db.engine.url.render_as_string(hide_password=False), pool_size=1)
    transport = httpx.ASGITransport(app=_reads_app(database))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            first, second = (await client.get("/in-transaction")).json()
            assert first == second  # one transaction: BEGIN … COMMIT around both
            first, second = (await client.get("/reads-only")).json()
            assert first != second  # no BEGIN: each statement is its own transaction
            with pytest.raises(RuntimeError, match="reads_only"):
                await client.get("/reads-only-writing")
        async with database.engine.connect() as conn:
            assert await conn.scalar(text("SELECT count(*) FROM calendar_years WHERE year = 2099")) == 0
            # The pooled connection went back to transactions (the isolation level is per checkout).
            first = await conn.scalar(text("SELECT transaction_timestamp()::text"))
            await conn.execute(text("SELECT pg_sleep(0.02)"))
            assert await conn.scalar(text("SELECT transaction_timestamp()::text")) == first
    finally:
        await database.dispose()


async def test_the_task_list_sends_no_begin(app, tokens: TokenFactory, monkeypatch) -> None:
    """The ledger list is the busiest GET: it runs outside a transaction (the BEGIN/COMMIT pair was two of its
    four round trips). Another GET of the ledger, not marked, still begins one."""
    sent: list[str] = []
    execute = asyncpg.Connection.execute

    async def recording(self, query, *args, **kwargs):
        sent.append(query)
        return await execute(self, query, *args, **kwargs)

    monkeypatch.setattr(asyncpg.Connection, "execute", recording)
    headers = tokens.headers(roles=["reform_office"])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        answer = await client.get("/api/tasks/v1/tasks", headers=headers)
        assert answer.status_code == 200, answer.text
        assert not [q for q in sent if q.startswith("BEGIN")]
        assert (await client.get("/api/tasks/v1/tasks/NO-SUCH-TASK", headers=headers)).status_code == 404
        assert [q for q in sent if q.startswith("BEGIN")]


def test_json_parameters_are_written_as_json_dumps_reads_them_in_utf8() -> None:
    """JSON/JSONB parameters go out through orjson (an import's preview is a 5,000-row document): the same JSON as
    json.dumps for what the services store, keys that are not strings included, with Chinese as UTF-8."""
    value = {"标题": "优化营商环境", 3: [1, 2.5, None, True], "nested": {"2026": {"单位": ["市发改委"]}}}
    written = db_module.json_text(value)
    assert json.loads(written) == json.loads(json.dumps(value))
    assert "\\u" not in written and "优化营商环境" in written
