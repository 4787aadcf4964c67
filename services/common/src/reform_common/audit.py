"""Audit helpers: who did what, when, from which request.

Each service declares its own ``audit_log`` model from :class:`AuditMixin`
(each service owns its tables); :func:`record` writes a row in the caller's
transaction, so the audit entry commits or rolls back with the change.

Writes that record nothing themselves are still audited: the request session
(:mod:`reform_common.db`) calls :func:`record_request` before it commits when
a POST/PUT/PATCH/DELETE changed rows, and for routes marked with
:data:`EXPORT` or :data:`DOWNLOAD`. The table is append-only in the database
(:data:`APPEND_ONLY_DDL`); rows older than :data:`RETENTION_DAYS` may only go
through ``audit_log_purge``.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from itertools import chain
from typing import Any

from fastapi import Depends, Request
from sqlalchemy import BigInteger, DateTime, Identity, String, Uuid, event, func, inspect, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from .auth import Principal
from .observability import request_id_var

TABLE = "audit_log"
RETENTION_DAYS = 180
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class AuditMixin:
    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    actor: Mapped[str] = mapped_column(String(128))
    actor_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    request_id: Mapped[str | None] = mapped_column(String(128))


def entry(
    *,
    action: str,
    entity_type: str,
    entity_id: Any = None,
    actor: Principal | str,
    detail: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An audit row's column values (``occurred_at`` is the database's)."""
    if isinstance(actor, Principal):
        actor_name, unit_id = actor.username, actor.unit_id
    else:
        actor_name, unit_id = actor, None
    return {
        "actor": actor_name[:128],
        "actor_unit_id": unit_id,
        "action": action[:64],
        "entity_type": entity_type[:64],
        "entity_id": None if entity_id is None else str(entity_id)[:64],
        "detail": detail or {},
        "request_id": request_id_var.get(),
    }


def recorded(session: AsyncSession) -> None:
    """The request wrote its own audit entry (by :func:`record`, or with :func:`entry`'s values in a
    statement of its own): it needs no generic one."""
    session.info["audited"] = True


def record(
    session: AsyncSession,
    model: type[AuditMixin],
    *,
    action: str,
    entity_type: str,
    entity_id: Any = None,
    actor: Principal | str,
    detail: dict[str, Any] | None = None,
) -> None:
    recorded(session)
    session.add(model(**entry(action=action, entity_type=entity_type, entity_id=entity_id, actor=actor,
                              detail=detail)))


# Which rows a request's session changed, so the session dependency knows whether
# a write needs a generic entry. Listened on every Session: the marks live in
# ``session.info``, which each request's session starts empty.
@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, AuditMixin):
            session.info["audited"] = True
            continue
        session.info["audit_wrote"] = True
        if obj in session.new and "audit_created" not in session.info:
            mapper = inspect(obj).mapper
            session.info["audit_created"] = (mapper.local_table.name,
                                             ",".join(str(part) for part in mapper.primary_key_from_instance(obj)))


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    state.session.info["audited" if getattr(table, "name", None) == TABLE else "audit_wrote"] = True


def _marker(action: str) -> Any:
    def mark(request: Request) -> None:
        request.state.audit_read = action

    return Depends(mark)


EXPORT = _marker("export")
"""Route dependency for exports of data (Excel/CSV/docx): each one served leaves an ``export`` entry."""
DOWNLOAD = _marker("download")
"""Route dependency for downloads of stored files (attachments): each one served leaves a ``download`` entry."""


def _singular(segment: str | None) -> str:
    """``best-practices`` → ``best_practice``: the entity names explicit entries use."""
    name = (segment or "resource").replace("-", "_")
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") and not name.endswith(("ss", "us")) else name


_PARAM = re.compile(r"\{(\w+)")
_NOT_RESOURCES = re.compile(r"^(v\d+|public|integrations|open311|\d+)$")


def _entity(route_path: str, path_params: dict[str, Any]) -> tuple[str, str | None]:
    """The resource a route acts on: the segment before its first parameter, with that
    parameter's value; without one, its first segment naming a resource
    (``/api/tasks/v1/tasks/export.xlsx`` → ``task``)."""
    resources: list[str] = []
    for segment in route_path.strip("/").split("/")[2:]:  # past /api/<service>
        param = _PARAM.match(segment)
        if param:
            value = path_params.get(param.group(1))
            return _singular(resources[-1] if resources else None), None if value is None else str(value)[:64]
        name = segment.split(".")[0]
        if name and not _NOT_RESOURCES.match(name):
            resources.append(name)
    return _singular(resources[0] if resources else None), None


def record_request(session: AsyncSession, model: type[AuditMixin], request: Request) -> None:
    """The generic entry for a write or an export that recorded nothing itself."""
    route = request.scope.get("route")
    route_path = getattr(route, "path", request.url.path)
    entity_type, entity_id = _entity(route_path, request.path_params)
    read_action = getattr(request.state, "audit_read", None)
    detail: dict[str, Any] = {"method": request.method, "route": route_path}
    if read_action:
        action = read_action
        # The filters say what was exported.
        detail["query"] = dict(request.query_params)
    else:
        endpoint = getattr(route, "endpoint", None)
        module = getattr(endpoint, "__module__", "").split(".")
        action = ".".join(filter(None, (module[-2] if len(module) > 1 else "", getattr(route, "name", ""))))
        created = session.info.get("audit_created")
        if created:
            detail["created"] = {"table": created[0], "id": created[1]}
            if entity_id is None:
                entity_type, entity_id = _singular(created[0]), created[1][:64] or None
    principal: Principal | None = getattr(request.state, "principal", None)
    record(session, model, action=action or request.method.lower(), entity_type=entity_type,
           entity_id=entity_id, actor=principal or "anonymous", detail=detail)


def needs_request_entry(session: AsyncSession, request: Request) -> bool:
    if session.info.get("audited"):
        return False
    if getattr(request.state, "audit_read", None):
        return True
    return request.method in WRITE_METHODS and bool(session.info.get("audit_wrote"))


async def list_entries(
    session: AsyncSession,
    model: type[AuditMixin],
    filters: dict[str, str | None],
    *,
    offset: int,
    limit: int,
    occurred_from: datetime | None = None,
    occurred_to: datetime | None = None,
) -> tuple[list[Any], int]:
    """Newest first; ``filters`` match columns exactly (a value ending in ``*`` as a prefix),
    ``None`` means any; the time range is half-open, ``[occurred_from, occurred_to)``."""
    stmt = select(model)
    for column, value in filters.items():
        if value:
            col = getattr(model, column)
            if value.endswith("*"):
                stmt = stmt.where(col.startswith(value[:-1], autoescape=True))
            else:
                stmt = stmt.where(col == value)
    if occurred_from is not None:
        stmt = stmt.where(model.occurred_at >= occurred_from)
    if occurred_to is not None:
        stmt = stmt.where(model.occurred_at < occurred_to)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(stmt.order_by(model.id.desc()).offset(offset).limit(limit))
    return list(rows), int(total or 0)


async def purge(session: AsyncSession, older_than_days: int = RETENTION_DAYS) -> int:
    """Deletes entries older than ``older_than_days`` (at least :data:`RETENTION_DAYS`; the
    database refuses less); the only way rows leave the table."""
    return int(await session.scalar(text("SELECT audit_log_purge(make_interval(days => :days))"),
                                    {"days": older_than_days}))


# The database side, created by each service's migration (a change here needs a new
# migration in every service). UPDATE and TRUNCATE always fail; DELETE only inside
# audit_log_purge() and only for rows past the retention period, whatever role runs it.
APPEND_ONLY_DDL = [
    f"""
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('reform.audit_purge', true) = 'on'
           AND OLD.occurred_at < now() - interval '{RETENTION_DAYS} days' THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION '审计日志只可追加，不可修改或删除（audit_log is append-only: % refused）', TG_OP
        USING HINT = '超过 {RETENTION_DAYS} 天的记录只能用 audit_log_purge() 清理。';
END $$""",
    "CREATE TRIGGER tr_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_guard()",
    "CREATE TRIGGER tr_audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()",
    f"""
CREATE FUNCTION audit_log_purge(older_than interval DEFAULT interval '{RETENTION_DAYS} days')
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    purged bigint;
BEGIN
    IF older_than < interval '{RETENTION_DAYS} days' THEN
        RAISE EXCEPTION '审计日志至少保留 {RETENTION_DAYS} 天，不能清理 % 以内的记录', older_than;
    END IF;
    PERFORM set_config('reform.audit_purge', 'on', true);
    DELETE FROM audit_log WHERE occurred_at < now() - older_than;
    GET DIAGNOSTICS purged = ROW_COUNT;
    PERFORM set_config('reform.audit_purge', 'off', true);
    RETURN purged;
END $$""",
]
APPEND_ONLY_DROP = [
    "DROP FUNCTION audit_log_purge(interval)",
    "DROP TRIGGER tr_audit_log_no_truncate ON audit_log",
    "DROP TRIGGER tr_audit_log_append_only ON audit_log",
    "DROP FUNCTION audit_log_guard()",
]
