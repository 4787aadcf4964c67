"""Database session kit: engine, one session per request, after-commit hooks.

The request dependency commits when the handler returns and rolls back when
it raises; services and repositories never commit. It runs with FastAPI's
``scope="function"`` so the commit happens *before* the response is sent:
nothing is acknowledged that is not committed. Side effects (webhooks,
callbacks) register with :func:`after_commit` and run only once the commit
succeeded. The busiest GETs read with no session at all, through the
database's :class:`DirectReader`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

import asyncpg
import orjson
from fastapi import Depends, Request
from sqlalchemy import MetaData, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy import types as sa_types
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from . import audit
from .errors import Problem

log = logging.getLogger("reform.db")

# SQLAlchemy's pre-ping costs two round trips (BEGIN; ROLLBACK) on every request, about a quarter of a small
# GET's database work. Instead: a connection the server closed (a restart, an idle timeout, a terminated
# backend) is known to asyncpg as soon as the event loop has seen the socket close, so it is replaced at
# checkout without a round trip; one idle for longer than this is also pinged, for a peer that vanished
# without closing (a network drop).
PING_AFTER_IDLE_SECONDS = 5.0
# How long a request waits for its turn at the database before a 503 (the engine's pool waited as long).
ADMISSION_TIMEOUT_SECONDS = 30.0

def json_text(value: Any) -> str:
    """JSON and JSONB parameters as orjson writes them: UTF-8 rather than ``\\uXXXX`` escapes (a third of
    the bytes of Chinese text for PostgreSQL to read) and several times faster than ``json.dumps`` on
    large documents (an import's 5,000-row preview). Keys that are not strings are written as
    ``json.dumps`` writes them."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


# Stable constraint names so Alembic autogenerate and downgrades agree.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def make_base() -> type[DeclarativeBase]:
    """A fresh declarative base per service, with the naming convention."""

    class Base(DeclarativeBase):
        metadata = MetaData(naming_convention=NAMING_CONVENTION)

    return Base


class Database:
    def __init__(self, url: str, pool_size: int = 10) -> None:
        self.engine: AsyncEngine = create_async_engine(
            url, pool_size=pool_size, max_overflow=pool_size,
            # No JIT: a request's queries run for milliseconds, and compiling one whose estimate
            # passes jit_above_cost (the ledger list over 10k tasks) took 25 ms to save none.
            connect_args={"server_settings": {"jit": "off"}},
            json_serializer=json_text,
        )
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        # Request sessions wait their turn here (:func:`admitted`), not in the pool: as many as it holds.
        self.turns = asyncio.Semaphore(pool_size * 2)
        # The same server settings; a quarter of the engine's pool (its statements are short).
        self.direct = DirectReader(self.engine, max(2, pool_size // 4))
        dialect = self.engine.dialect

        @event.listens_for(self.engine.sync_engine.pool, "checkin")
        def _checked_in(dbapi_connection, record) -> None:
            record.info["checked_in"] = time.monotonic()

        @event.listens_for(self.engine.sync_engine.pool, "checkout")
        def _check_on_checkout(dbapi_connection, record, proxy) -> None:
            if dbapi_connection.driver_connection.is_closed():
                # The pool reconnects, and drops the connections opened before this one too.
                raise sa_exc.InvalidatePoolError("数据库连接已被服务器关闭")
            since = record.info.get("checked_in")  # None: a new connection, just opened
            if since is None or time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
                return
            try:
                dialect.do_ping(dbapi_connection)
            except Exception as exc:
                raise sa_exc.InvalidatePoolError(f"数据库连接已断开：{exc}") from exc

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.direct.close()
        await self.engine.dispose()


@asynccontextmanager
async def admitted(turns: asyncio.Semaphore) -> AsyncIterator[None]:
    """A turn at the database, first come first served: the pools' own queues let a newcomer take a
    connection just returned ahead of requests already waiting (each of which then queues again at the
    back), so under load some requests waited seconds while most took milliseconds."""
    try:
        async with asyncio.timeout(ADMISSION_TIMEOUT_SECONDS):
            await turns.acquire()
    except TimeoutError:
        raise Problem(503, "service_unavailable", "服务暂不可用", "当前请求过多，请稍后重试。",
                      headers={"Retry-After": "5"}) from None
    try:
        yield
    finally:
        turns.release()


class DirectReader:
    """Single statements outside any transaction, on a small asyncpg pool of the reader's own.

    For the busiest reads: a kept ledger page is one statement, and through a session SQLAlchemy's
    checkout, connection characteristics, reset and greenlet switches around it cost ~0.4 ms of CPU
    against ~0.1 ms for the same statement here. A statement run here must leave nothing on its
    connection (no SET, LISTEN, advisory lock or temporary table): the pool hands it on unreset.
    JSON and JSONB come back decoded, as through the engine. Connections open on first use; one the
    server closed (a restart) is replaced at the next acquire."""

    def __init__(self, engine: AsyncEngine, max_size: int) -> None:
        self._dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._max_size = max_size
        # What its callers compile their SQL for, and the database's name for what they keep per database.
        self.dialect = engine.dialect
        self.name = engine.url.render_as_string(hide_password=True)
        self._pool: asyncpg.Pool | None = None
        self._opening = asyncio.Lock()
        self._turns = asyncio.Semaphore(max_size)  # see admitted()

    async def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        async with admitted(self._turns):
            return await (self._pool or await self._open()).fetch(sql, *args)

    async def fetchrow(self, sql: str, *args: Any) -> asyncpg.Record | None:
        async with admitted(self._turns):
            return await (self._pool or await self._open()).fetchrow(sql, *args)

    async def _open(self) -> asyncpg.Pool:
        async with self._opening:
            if self._pool is None:
                self._pool = await asyncpg.create_pool(
                    self._dsn, min_size=0, max_size=self._max_size, init=_reader_codecs, reset=_no_reset,
                    server_settings={"jit": "off"})
        return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()


async def _reader_codecs(connection: asyncpg.Connection) -> None:
    """JSON decoded as the engine's connections decode it (SQLAlchemy's asyncpg dialect: json.loads)."""
    await connection.set_type_codec("json", encoder=str.encode, decoder=json.loads, schema="pg_catalog",
                                    format="binary")
    # JSONB's binary form is a version byte (1) and the text.
    await connection.set_type_codec("jsonb", encoder=lambda value: b"\x01" + value.encode(),
                                    decoder=lambda data: json.loads(data[1:]), schema="pg_catalog",
                                    format="binary")


async def _no_reset(connection: asyncpg.Connection) -> None:
    """Reader statements leave no session state, so the round trip of asyncpg's reset buys nothing."""


class DriverStatement:
    """A Core statement for a hot write path, run by asyncpg on the connection of the session's transaction:
    SQLAlchemy's execution around a statement costs ~0.1 ms of CPU, several times the driver's own. Compiled
    once, for the dialect of the first session that runs it. JSON parameters are sent as text (what the
    engine's codecs take); None is SQL NULL, as an unset JSON attribute is in the ORM's insert. Nothing goes
    through the ORM: its flush events see none of these writes, so an audited write records its own entry."""

    def __init__(self, statement: Any) -> None:
        self.statement = statement
        self._compiled: tuple[str, tuple[str, ...], frozenset[str], dict[str, Any]] | None = None

    async def fetch(self, session: AsyncSession, values: dict[str, Any]) -> list[asyncpg.Record]:
        conn, sql, args = await self._prepare(session, values)
        return await conn.fetch(sql, *args)

    async def fetchrow(self, session: AsyncSession, values: dict[str, Any]) -> asyncpg.Record | None:
        conn, sql, args = await self._prepare(session, values)
        return await conn.fetchrow(sql, *args)

    def compiled(self, dialect: Any) -> tuple[str, tuple[str, ...], frozenset[str], dict[str, Any]]:
        """(SQL, the parameters' names in order, the JSON ones, the statement's own values)."""
        compiled = self.statement.compile(dialect=dialect)
        binds = compiled.binds
        if compiled.literal_execute_params or compiled.post_compile_params:
            # Values written into the SQL itself (e.g. an index expression's constants) are rendered now;
            # rendering asks for every value, so the caller's get a stand-in (they stay parameters).
            compiled = self.statement.params(dict.fromkeys(n for n, b in binds.items() if b.required)).compile(
                dialect=dialect, compile_kwargs={"render_postcompile": True})
        return (compiled.string, tuple(compiled.positiontup or ()),
                frozenset(name for name, bind in binds.items() if isinstance(bind.type, sa_types.JSON)),
                # the statement's own values (its literals, a LIMIT): the caller gives the rest
                {name: bind.effective_value for name, bind in binds.items() if not bind.required})

    async def _prepare(self, session: AsyncSession,
                       values: dict[str, Any]) -> tuple[asyncpg.Connection, str, list[Any]]:
        conn = await session.connection()
        if self._compiled is None:
            self._compiled = self.compiled(conn.dialect)
        sql, names, json_names, own = self._compiled
        values = {**own, **values}
        raw: asyncpg.Connection = (await conn.get_raw_connection()).driver_connection
        if not raw.is_in_transaction():
            # The transaction begins on the connection with its first statement through SQLAlchemy.
            await conn.exec_driver_sql("SELECT")
        args = [values[name] for name in names]
        return raw, sql, [json_text(v) if n in json_names and v is not None else v for n, v in zip(names, args)]


AfterCommit = Callable[[], Awaitable[None]]


def after_commit(session: AsyncSession, hook: AfterCommit) -> None:
    """Run ``hook`` once the request's transaction has committed."""
    session.info.setdefault("after_commit", []).append(hook)


async def run_after_commit(session: AsyncSession) -> None:
    for hook in session.info.pop("after_commit", []):
        try:
            await hook()
        except Exception:  # a failed side effect must not undo a committed change
            log.exception("after-commit hook failed")


async def _audit_request(session: AsyncSession, request: Request) -> None:
    """A write that recorded no audit entry itself gets a generic one, in the same transaction."""
    model = getattr(request.app.state, "audit_model", None)
    if model is None:
        return
    await session.flush()
    if audit.needs_request_entry(session, request):
        audit.record_request(session, model, request)


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    db: Database = request.app.state.db
    async with admitted(db.turns), db.sessionmaker() as session:
        try:
            yield session
            await _audit_request(session, request)
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
    await run_after_commit(session)


SessionDep = Annotated[AsyncSession, Depends(_request_session, scope="function")]
