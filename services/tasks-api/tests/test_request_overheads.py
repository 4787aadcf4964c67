"""What every request of every service pays, made cheaper without changing what it guarantees
(reform_common, docs/performance.md "Per-request costs"): no ping round trip before each use of a pooled
connection, and a token verified once per process until it expires."""

import asyncio

import pytest
from reform_common import db as db_module
from reform_common.auth import TokenVerifier
from reform_common.db import Database
from reform_common.errors import Problem
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
