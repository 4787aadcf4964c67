"""What every request of every service pays, made cheaper without changing what it guarantees
(reform_common, docs/performance.md "Per-request costs"): no ping round trip before each use of a pooled
connection, a token verified once per process until it expires, and the busiest GETs read with no session
or transaction, through the DirectReader."""

import asyncio
import json

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from reform_common import db as db_module
from reform_common.auth import TokenVerifier
from reform_common.db import Database
from reform_common.errors import Problem, install_error_handlers
from reform_common.testing import TokenFactory
from sqlalchemy import text


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
            await conn.rollback()  # pg_stat_activity is read once per transaction
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


async def test_the_task_list_sends_no_begin(app, tokens: TokenFactory, monkeypatch) -> None:
    """The ledger list is the busiest GET: it reads with no session, outside a transaction (the BEGIN/COMMIT
    pair was two of its four round trips). Another GET of the ledger, through a session, still begins one."""
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


async def test_the_direct_reader_replaces_a_connection_the_server_closed_and_decodes_as_the_engine(app) -> None:
    """The ledger list's DirectReader: a connection the server terminated is replaced at the next statement, and
    JSON, JSONB and records come back as the engine's connections give them."""
    database = Database(app.state.db.engine.url.render_as_string(hide_password=False), pool_size=1)
    try:
        first = (await database.direct.fetchrow("SELECT pg_backend_pid()"))[0]
        await _terminate(app, first)
        await asyncio.sleep(0.1)  # the event loop reads the closed socket
        assert (await database.direct.fetchrow("SELECT pg_backend_pid()"))[0] != first
        sql = ("SELECT '{\"标题\": [1, 2.5, null]}'::json, '{\"单位\": {\"b\": true}}'::jsonb,"
               " ARRAY[ROW(DATE '2026-01-02', true)], pg_current_xact_id_if_assigned()")
        direct = tuple(await database.direct.fetchrow(sql))
        async with database.engine.connect() as conn:
            assert direct == tuple((await conn.exec_driver_sql(sql)).one())
        assert direct[:2] == ({"标题": [1, 2.5, None]}, {"单位": {"b": True}}) and direct[3] is None
    finally:
        await database.dispose()


async def test_a_direct_reader_statement_cut_off_by_the_server_is_a_503(app) -> None:
    """asyncpg's own errors (no SQLAlchemy around them) get the same problem answers: a backend terminated
    mid-statement (a restart) is the retryable 503, not a 500."""
    database = Database(app.state.db.engine.url.render_as_string(hide_password=False), pool_size=1)
    reads = FastAPI()
    install_error_handlers(reads)

    @reads.get("/slow")
    async def slow() -> list:
        return list(await database.direct.fetchrow("SELECT pg_sleep(5)::text, 'direct-reader-slow'"))

    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=reads), base_url="http://test") as client:
            answer = asyncio.create_task(client.get("/slow"))
            async with app.state.db.engine.connect() as conn:
                pid = None
                for _ in range(100):
                    pid = await conn.scalar(text("SELECT pid FROM pg_stat_activity WHERE query LIKE"
                                                 " '%direct-reader-slow%' AND pid <> pg_backend_pid()"))
                    if pid:
                        break
                    await conn.rollback()  # pg_stat_activity is read once per transaction
                    await asyncio.sleep(0.05)
                assert pid, "the slow statement never started"
            await _terminate(app, pid)
            resp = await answer
        assert resp.status_code == 503, resp.text
        assert resp.json()["code"] == "service_unavailable" and resp.headers["retry-after"] == "5"
    finally:
        await database.dispose()



CLIENTS = 12


async def _longest_wait(use) -> int:
    """CLIENTS clients, each sending its next request as soon as the last is answered, 100 each: the most
    requests of others answered while one of them waited. In arrival order that is about CLIENTS."""
    await asyncio.gather(*(use() for _ in range(CLIENTS)))  # the connections opened, before counting
    answered, longest = 0, 0

    async def client() -> None:
        nonlocal answered, longest
        for _ in range(100):
            before = answered
            await use()
            answered += 1
            longest = max(longest, answered - before - 1)

    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return longest


async def test_requests_waiting_for_a_database_connection_are_served_in_arrival_order(app) -> None:
    """The pools' own queues let a request that asks as a connection is returned take it ahead of those
    already waiting (which then queue again at the back): under load, a few requests waited seconds while
    most took milliseconds. Request sessions and DirectReader statements now take their turn first come
    first served (probes: 11–17 others answered during the longest wait; before, 35–355)."""
    database = Database(app.state.db.engine.url.render_as_string(hide_password=False), pool_size=1)
    service = FastAPI()
    service.state.db = database

    @service.post("/work")
    async def work(session: db_module.SessionDep) -> None:
        await asyncio.sleep(0.001)  # the request's other steps before its first statement
        await session.execute(text("SELECT 1"))

    async def read() -> None:
        await asyncio.sleep(0)
        await database.direct.fetchrow("SELECT 1")

    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://test") as client:
            async def post() -> None:
                assert (await client.post("/work")).status_code == 200
            assert await _longest_wait(post) <= 2 * CLIENTS
        assert await _longest_wait(read) <= 2 * CLIENTS
    finally:
        await database.dispose()


async def test_a_request_that_waits_too_long_for_its_turn_at_the_database_is_a_503(app, monkeypatch) -> None:
    """Every turn taken and none given back within the wait (the engine's pool used to raise its own timeout,
    a 500): the retryable 503, and the turns taken are still there for later requests."""
    monkeypatch.setattr(db_module, "ADMISSION_TIMEOUT_SECONDS", 0.2)
    database = Database(app.state.db.engine.url.render_as_string(hide_password=False), pool_size=1)
    service = FastAPI()
    service.state.db = database
    install_error_handlers(service)

    @service.post("/work")
    async def work(session: db_module.SessionDep) -> int:
        return int(await session.scalar(text("SELECT 1")))

    @service.get("/read")
    async def read() -> int:
        return int((await database.direct.fetchrow("SELECT 2"))[0])

    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://test") as client:
            held = [database.turns, database.turns, database.direct._turns, database.direct._turns]
            for turns in held:
                await turns.acquire()
            for resp in (await client.post("/work"), await client.get("/read")):
                assert resp.status_code == 503, resp.text
                assert resp.json()["code"] == "service_unavailable" and resp.headers["retry-after"] == "5"
            for turns in held:
                turns.release()
            assert (await client.post("/work")).json() == 1 and (await client.get("/read")).json() == 2
    finally:
        await database.dispose()
