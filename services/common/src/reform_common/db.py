"""Database session kit: engine, one session per request, after-commit hooks.

The request dependency commits when the handler returns and rolls back when
it raises; services and repositories never commit. It runs with FastAPI's
``scope="function"`` so the commit happens *before* the response is sent:
nothing is acknowledged that is not committed. Side effects (webhooks,
callbacks) register with :func:`after_commit` and run only once the commit
succeeded. A GET marked :func:`reads_only` gets a session without a
transaction (each statement on its own), which refuses to write.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from sqlalchemy import MetaData, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Session

from . import audit

log = logging.getLogger("reform.db")

# SQLAlchemy's pre-ping costs two round trips (BEGIN; ROLLBACK) on every request, about a quarter of a small
# GET's database work. Instead: a connection the server closed (a restart, an idle timeout, a terminated
# backend) is known to asyncpg as soon as the event loop has seen the socket close, so it is replaced at
# checkout without a round trip; one idle for longer than this is also pinged, for a peer that vanished
# without closing (a network drop).
PING_AFTER_IDLE_SECONDS = 5.0

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
        # Same pool; no BEGIN/COMMIT around the statements (see reads_only).
        self.read_sessionmaker = async_sessionmaker(
            self.engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False,
            sync_session_class=ReadOnlySession)
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
        await self.engine.dispose()


class ReadOnlySession(Session):
    """A reads_only request's session: its statements run outside a transaction, so a write would
    be committed piecemeal as it went. Anything the ORM would write is refused instead."""


@event.listens_for(ReadOnlySession, "before_flush")
def _refuse_writes(session: Session, flush_context, instances) -> None:
    raise RuntimeError("a reads_only request's session cannot write; drop @reads_only from its route")


def reads_only(endpoint: Callable) -> Callable:
    """Marks a route whose handler only reads (no writes, no row or advisory locks, no SET LOCAL).
    Its session runs each statement on its own, outside a transaction: a transaction gives a
    read under READ COMMITTED nothing (every statement takes its own snapshot anyway) and costs
    two round trips, BEGIN and COMMIT: two of the four a kept task list page took. Apply it below
    the ``@router.get`` decorator."""
    endpoint.reads_only = True  # type: ignore[attr-defined]
    return endpoint


# The statement's MVCC snapshot (xmin:xmax:in-progress ids), or NULL once the transaction has written
# (it then sees its own changes besides the snapshot). Two reads under the same snapshot see the same rows.
SNAPSHOT_SQL = "CASE WHEN pg_current_xact_id_if_assigned() IS NULL THEN pg_current_snapshot()::text END"

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
    route = request.scope.get("route")
    maker = db.read_sessionmaker if getattr(getattr(route, "endpoint", None), "reads_only", False) else db.sessionmaker
    async with maker() as session:
        try:
            yield session
            await _audit_request(session, request)
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
    await run_after_commit(session)


SessionDep = Annotated[AsyncSession, Depends(_request_session, scope="function")]
