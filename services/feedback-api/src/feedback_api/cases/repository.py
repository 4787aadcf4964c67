"""Every query on cases, with the caller's scope applied in SQL: a unit sees
the cases assigned or co-assigned to it (and those it entered), a district
the cases in its district, the reform office, leaders and internal services
everything. Anything else is not found."""

from __future__ import annotations

import uuid
from collections import namedtuple
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from reform_common import audit
from reform_common.auth import DISTRICT, LEAD_UNIT, UNIT, Principal
from reform_common.db import DirectReader, DriverStatement
from reform_common.pagination import like_pattern
from sqlalchemy import (
    BindParameter, Boolean, ColumnElement, Dialect, Select, String, Table, Uuid, and_, bindparam, case, false, func,
    insert, inspect, literal_column, null, or_, select, text, true,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, make_transient_to_detached, selectinload

from feedback_api.audit.models import AuditLog
from feedback_api.cases.deadlines import OPEN_STATUSES
from feedback_api.cases.models import Case, CaseAttachment, CaseEvent, CaseExtension, CaseUnit, case_no_seq
from feedback_api.categories.models import Category

UNIT_ROLES = (UNIT, DISTRICT, LEAD_UNIT)


def co_assigned(unit_id: uuid.UUID | BindParameter) -> ColumnElement[bool]:
    return select(CaseUnit.case_id).where(CaseUnit.case_id == Case.id, CaseUnit.unit_id == unit_id).exists()


def scope(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    if principal.unit_id is None or not principal.has_any(*UNIT_ROLES):
        return false()
    return _unit_scope(principal.unit_id, principal.has_any(DISTRICT))


def _unit_scope(unit_id: uuid.UUID | BindParameter, district: bool) -> ColumnElement[bool]:
    conditions = [Case.main_unit_id == unit_id, co_assigned(unit_id), Case.created_by_unit_id == unit_id]
    if district:
        conditions.append(Case.district_unit_id == unit_id)
    return or_(*conditions)


def _scope_kind(principal: Principal) -> str:
    if principal.sees_everything:
        return "all"
    if principal.unit_id is None or not principal.has_any(*UNIT_ROLES):
        return "none"
    return "district" if principal.has_any(DISTRICT) else "unit"


@dataclass
class CaseFilters:
    status: str | None = None
    channel: str | None = None
    type: str | None = None
    category: str | None = None
    district: str | None = None
    unit_id: uuid.UUID | None = None
    credit_code: str | None = None
    deadline_state: str | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    q: str | None = None


def deadline_condition(state: str, now: datetime, approaching_until: datetime) -> ColumnElement[bool]:
    is_open = Case.status.in_(OPEN_STATUSES)
    answered_late = and_(Case.replied_at.is_not(None), Case.replied_at > Case.due_at)
    if state == "overdue":
        return or_(and_(is_open, Case.due_at < now), and_(~is_open, answered_late))
    if state == "approaching":
        return and_(is_open, Case.due_at >= now, Case.due_at <= approaching_until)
    return or_(and_(is_open, Case.due_at > approaching_until), and_(~is_open, ~answered_late))


def filtered(principal: Principal, f: CaseFilters, now: datetime, approaching_until: datetime) -> Select:
    stmt = select(Case).where(scope(principal))
    for column, value in ((Case.status, f.status), (Case.channel, f.channel), (Case.type, f.type),
                          (Case.district_code, f.district), (Case.credit_code, f.credit_code)):
        if value is not None:
            stmt = stmt.where(column == value)
    if f.category is not None:
        # A category and everything under it.
        stmt = stmt.where(or_(Case.category_code == f.category, Case.category_code.like(f"{f.category}.%")))
    if f.unit_id is not None:
        stmt = stmt.where(or_(Case.main_unit_id == f.unit_id, co_assigned(f.unit_id)))
    if f.deadline_state is not None:
        stmt = stmt.where(deadline_condition(f.deadline_state, now, approaching_until))
    if f.received_from is not None:
        stmt = stmt.where(Case.received_at >= f.received_from)
    if f.received_to is not None:
        stmt = stmt.where(Case.received_at < f.received_to)
    if f.q:
        pattern = like_pattern(f.q)
        stmt = stmt.where(or_(Case.case_no.ilike(pattern), Case.title.ilike(pattern),
                              Case.enterprise_name.ilike(pattern), Case.external_id.ilike(pattern)))
    return stmt


async def page(
    session: AsyncSession, principal: Principal, f: CaseFilters, now: datetime, approaching_until: datetime,
    offset: int, limit: int,
) -> tuple[list[Case], int]:
    stmt = filtered(principal, f, now, approaching_until)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(stmt.order_by(Case.received_at.desc(), Case.case_no.desc())
                                 .offset(offset).limit(limit))
    return list(rows), int(total or 0)


async def summary(
    session: AsyncSession, principal: Principal, now: datetime, approaching_until: datetime
) -> tuple[dict[str, int], dict[str, int], int]:
    base = select(Case).where(scope(principal)).subquery()
    by_status = {s: n for s, n in (await session.execute(
        select(base.c.status, func.count()).group_by(base.c.status))).all()}
    by_deadline = {}
    for state in ("normal", "approaching", "overdue"):
        stmt = select(func.count()).select_from(Case).where(
            scope(principal), Case.status.in_(OPEN_STATUSES), deadline_condition(state, now, approaching_until))
        by_deadline[state] = int(await session.scalar(stmt) or 0)
    accept_overdue = int(await session.scalar(select(func.count()).select_from(Case).where(
        scope(principal), Case.status == "assigned", Case.accept_due_at < now)) or 0)
    return by_status, by_deadline, accept_overdue


# The statements of one case's page, built once with parameters: building a statement per request cost
# about as much as running it.
def _visible(kind: str) -> ColumnElement[bool]:
    """``scope`` for a kind of caller (``_scope_kind``), the unit a parameter: for statements built once."""
    visible = {"all": true(), "none": false()}.get(kind)
    return _unit_scope(bindparam("unit_id"), kind == "district") if visible is None else visible


@cache
def _get(kind: str, for_update: bool) -> Select:
    # The co-units joined in: one case has a few, and a second statement was a round trip per page.
    stmt = select(Case).where(Case.case_no == bindparam("case_no"), _visible(kind)).options(joinedload(Case.co_units))
    return stmt.with_for_update(of=Case) if for_update else stmt


async def get(session: AsyncSession, principal: Principal, case_no: str, *, for_update: bool = False) -> Case | None:
    result = await session.execute(_get(_scope_kind(principal), for_update),
                                   {"case_no": case_no, "unit_id": principal.unit_id})
    return result.unique().scalar_one_or_none()


_BY_TRACKING_CODE = select(Case).where(Case.tracking_code == bindparam("code")).options(selectinload(Case.co_units))


async def by_tracking_code(session: AsyncSession, code: str, *, for_update: bool = False) -> Case | None:
    stmt = _BY_TRACKING_CODE.with_for_update(of=Case) if for_update else _BY_TRACKING_CODE
    return await session.scalar(stmt, {"code": code})


_BY_EXTERNAL_ID = select(Case).where(
    Case.channel == bindparam("channel"), Case.external_id == bindparam("external_id"),
).options(selectinload(Case.co_units))


async def by_external_id(session: AsyncSession, channel: str, external_id: str) -> Case | None:
    return await session.scalar(_BY_EXTERNAL_ID, {"channel": channel, "external_id": external_id})


# Intake's statements, built once (building them per order cost more than running them). They load no objects:
# the lock runs as a Core statement on the session's connection (it begins the transaction there), the others
# by the driver in that transaction (DriverStatement: SQLAlchemy's execution cost more than the statement).
_LOCK_EXTERNAL_ID = select(func.pg_advisory_xact_lock(func.hashtextextended(bindparam("key", type_=String), 0)))


async def lock_external_id(session: AsyncSession, channel: str, external_id: str) -> None:
    """Serialises concurrent pushes of the same order until the transaction ends."""
    await (await session.connection()).execute(_LOCK_EXTERNAL_ID, {"key": f"{channel}:{external_id}"})


async def next_number(session: AsyncSession) -> int:
    return int(await session.scalar(select(case_no_seq.next_value())))


@dataclass(frozen=True)
class IntakeChecks:
    category_active: bool
    number: int | None  # the next case number; None when the case will not be created
    code_taken: bool


_CATEGORY_ACTIVE = func.coalesce(
    select(Category.active).where(Category.code == bindparam("category")).scalar_subquery(), false())
_INTAKE_CHECKS = DriverStatement(select(
    _CATEGORY_ACTIVE,
    case((and_(_CATEGORY_ACTIVE, bindparam("creating", type_=Boolean)), case_no_seq.next_value()), else_=null()),
    select(Case.id).where(Case.tracking_code == bindparam("code")).exists(),
))


async def intake_checks(session: AsyncSession, category_code: str, tracking_code: str,
                        creating: bool) -> IntakeChecks:
    """Intake's reads in one round trip: whether the category is active, the next case number (drawn only
    when ``creating`` and the category is active, so a refused submission spends none), and whether the new
    tracking code is taken."""
    row = await _INTAKE_CHECKS.fetchrow(session, {"category": category_code, "creating": creating,
                                                   "code": tracking_code})
    return IntakeChecks(bool(row[0]), None if row[1] is None else int(row[1]), bool(row[2]))


_TRACKING_CODE_TAKEN = select(select(Case.id).where(Case.tracking_code == bindparam("code")).exists())


async def tracking_code_exists(session: AsyncSession, code: str) -> bool:
    return bool(await session.scalar(_TRACKING_CODE_TAKEN, {"code": code}))


_ORDER_LOOKUP = DriverStatement(select(
    select(Case.id).where(Case.channel == bindparam("channel"), Case.external_id == bindparam("order_no")).exists(),
    select(Category.code).where(Category.active.is_(True), (Category.code == bindparam("category"))
                                | (Category.name == bindparam("category"))).limit(1).scalar_subquery(),
))


async def order_lookup(session: AsyncSession, channel: str, external_id: str,
                       category: str | None) -> tuple[bool, str | None]:
    """Whether a pushed order has its case already (by channel and order number), and the active category
    its category names (by code or by name), in one round trip. Call under :func:`lock_external_id`, in a
    statement of its own, so that its snapshot sees a push of the same order that committed while this one
    waited for the lock."""
    row = await _ORDER_LOOKUP.fetchrow(session, {"channel": channel, "order_no": external_id,
                                                 "category": (category or "").strip()})
    return bool(row[0]), row[1]


def _bound(table: Table, *skip: str) -> dict[str, BindParameter]:
    return {c.name: bindparam(f"{table.name}.{c.name}", type_=c.type) for c in table.columns if c.name not in skip}


# A new case, its first event and that event's audit row in one statement of three data-modifying CTEs, instead
# of the ORM's unit of work over three objects (a third of an order's CPU at intake). The event's foreign key is
# checked at the statement's end, when the case is there.
_CASE_COLUMNS = [(prop.key, prop.columns[0].name) for prop in inspect(Case).column_attrs]
_EVENT_COLUMNS = [(prop.key, prop.columns[0].name) for prop in inspect(CaseEvent).column_attrs]
_NEW_CASE = insert(Case.__table__).values(
    {**_bound(Case.__table__, "created_at"), "created_at": func.now()}).returning(Case.created_at).cte("new_case")
_FIRST_EVENT = insert(CaseEvent.__table__).values(_bound(CaseEvent.__table__, "id")).returning(CaseEvent.id).cte(
    "first_event")
_FIRST_AUDIT = insert(AuditLog.__table__).values(_bound(AuditLog.__table__, "id", "occurred_at")).cte("first_audit")
_INSERT_NEW_CASE = DriverStatement(select(_FIRST_EVENT.c.id, _NEW_CASE.c.created_at).select_from(
    _FIRST_EVENT.join(_NEW_CASE, true())).add_cte(_FIRST_AUDIT))


async def insert_new_case(session: AsyncSession, new: Case, event: CaseEvent, audit_row: dict[str, Any]) -> None:
    """Writes ``new`` with its first ``event`` and the event's audit row (:func:`reform_common.audit.entry`) in
    one round trip. Afterwards the case belongs to the session as if it had been loaded: the columns it left
    unset are None, as the ORM would have written them; the event has its id."""
    params: dict[str, Any] = {}
    for key, name in _CASE_COLUMNS:
        if key not in new.__dict__:
            setattr(new, key, None)
        params[f"cases.{name}"] = getattr(new, key)
    for key, name in _EVENT_COLUMNS:
        params[f"case_events.{name}"] = getattr(event, key)
    for name, value in audit_row.items():
        params[f"audit_log.{name}"] = value
    event.id, new.created_at = await _INSERT_NEW_CASE.fetchrow(session, params)
    make_transient_to_detached(new)
    session.add(new)
    audit.recorded(session)


_EVENTS = select(CaseEvent).where(CaseEvent.case_id == bindparam("case_id")).order_by(CaseEvent.id)
_PUBLIC_EVENTS = _EVENTS.where(CaseEvent.public.is_(True))


async def events(session: AsyncSession, case_id: uuid.UUID, *, public_only: bool = False) -> list[CaseEvent]:
    return list(await session.scalars(_PUBLIC_EVENTS if public_only else _EVENTS, {"case_id": case_id}))


_ATTACHMENTS = select(CaseAttachment).where(CaseAttachment.case_id == bindparam("case_id")).order_by(
    CaseAttachment.created_at, CaseAttachment.id)


async def attachments(session: AsyncSession, case_id: uuid.UUID) -> list[CaseAttachment]:
    return list(await session.scalars(_ATTACHMENTS, {"case_id": case_id}))


async def attachment(session: AsyncSession, case_id: uuid.UUID, attachment_id: uuid.UUID) -> CaseAttachment | None:
    stmt = select(CaseAttachment).where(CaseAttachment.case_id == case_id, CaseAttachment.id == attachment_id)
    return await session.scalar(stmt)


async def attachment_count(session: AsyncSession, case_id: uuid.UUID) -> int:
    stmt = select(func.count()).where(CaseAttachment.case_id == case_id)
    return int(await session.scalar(stmt) or 0)


async def pending_extension(session: AsyncSession, case_id: uuid.UUID) -> CaseExtension | None:
    stmt = select(CaseExtension).where(CaseExtension.case_id == case_id, CaseExtension.status == "pending")
    return await session.scalar(stmt.with_for_update())


class EventRow(NamedTuple):
    id: int
    event: str
    from_status: str | None
    to_status: str
    occurred_at: datetime
    actor: str
    actor_kind: str
    actor_unit_id: uuid.UUID | None
    comment: str | None
    public: bool
    detail: dict[str, Any]


class AttachmentRow(NamedTuple):
    id: uuid.UUID
    filename: str
    content_type: str | None
    size: int | None
    url: str | None
    source: str
    created_at: datetime


class ExtensionRow(NamedTuple):
    id: uuid.UUID
    working_days: int
    reason: str
    status: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_comment: str | None
    old_due_at: datetime
    new_due_at: datetime | None


class CategoryRow(NamedTuple):
    code: str
    name: str
    parent_code: str | None


@dataclass(frozen=True)
class CaseParts:
    """What a case page shows besides the case row, read in one round trip."""
    events: list[EventRow]
    attachments: list[AttachmentRow]
    extensions: list[ExtensionRow]
    repeat_of: str | None
    categories: dict[str, CategoryRow]  # the catalogue, for the case's category path


def _parts_columns(case_id: str, repeat_of: str) -> list[str]:
    """The parts' columns (SQL), of the case whose id is ``case_id`` and the one ``repeat_of`` names."""
    def rows(model: type, columns: type[NamedTuple], order_by: str) -> str:
        return (f"ARRAY(SELECT ROW({', '.join(columns._fields)}) FROM {model.__tablename__}"
                f" WHERE case_id = {case_id} ORDER BY {order_by})")

    return [rows(CaseEvent, EventRow, "id"), rows(CaseAttachment, AttachmentRow, "created_at, id"),
            rows(CaseExtension, ExtensionRow, "requested_at"),
            f"(SELECT r.case_no FROM cases AS r WHERE r.id = {repeat_of})",
            f"ARRAY(SELECT ROW({', '.join(CategoryRow._fields)}) FROM {Category.__tablename__})"]


def _parts(events: list, attachments: list, extensions: list, repeat_of: str | None, categories: list) -> CaseParts:
    return CaseParts([EventRow(*r) for r in events], [AttachmentRow(*r) for r in attachments],
                     [ExtensionRow(*r) for r in extensions], repeat_of,
                     {c.code: c for c in map(CategoryRow._make, categories)})


# Five small reads were five round trips and as many ORM identity-map loads per case page; the page
# only presents these rows, so they come back as plain tuples of one statement.
_PARTS = text(f"SELECT {', '.join(_parts_columns(':case_id', ':repeat_of'))}").bindparams(
    bindparam("case_id", type_=Uuid), bindparam("repeat_of", type_=Uuid))


async def parts(session: AsyncSession, case: Case) -> CaseParts:
    await session.flush()  # a textual statement does not autoflush: an action's new event must be read
    return _parts(*(await session.execute(_PARTS, {"case_id": case.id, "repeat_of": case.repeat_of_id})).one())


# A case page read with no session (the busiest feedback GET): the case row, its co-units and its parts in
# one statement of the DirectReader. The row stands in for the ORM object: present() reads only columns
# and co_units.
CASE_COLUMNS = tuple(column.key for column in Case.__table__.columns)
CaseRow = namedtuple("CaseRow", [*CASE_COLUMNS, "co_units"])


class CoUnitRow(NamedTuple):
    unit_id: uuid.UUID


@cache
def _page_sql(kind: str, dialect: Dialect) -> tuple[str, tuple[str, ...]]:
    co_units = "ARRAY(SELECT unit_id FROM case_units WHERE case_id = cases.id ORDER BY position)"
    columns = [co_units, *_parts_columns("cases.id", "cases.repeat_of_id")]
    stmt = select(*Case.__table__.columns, *map(literal_column, columns)).where(
        Case.case_no == bindparam("case_no"), _visible(kind))
    compiled = stmt.compile(dialect=dialect)
    return compiled.string, tuple(compiled.positiontup or ())


async def read_page(reader: DirectReader, principal: Principal, case_no: str) -> tuple[CaseRow, CaseParts] | None:
    """The case as ``get`` finds it, in the caller's scope, with its parts; None if not found."""
    sql, names = _page_sql(_scope_kind(principal), reader.dialect)
    values = {"case_no": case_no, "unit_id": principal.unit_id}
    row = await reader.fetchrow(sql, *(values[name] for name in names))
    if row is None:
        return None
    count = len(CASE_COLUMNS)
    case = CaseRow(*row[:count], [CoUnitRow(unit_id) for unit_id in row[count]])
    return case, _parts(*row[count + 1:])


async def info_added_since(session: AsyncSession, case_id: uuid.UUID, since: datetime) -> int:
    stmt = select(func.count()).where(CaseEvent.case_id == case_id, CaseEvent.event == "info_added",
                                      CaseEvent.occurred_at >= since)
    return int(await session.scalar(stmt) or 0)


_CATEGORIES = select(Category)


async def categories(session: AsyncSession) -> dict[str, Category]:
    return {c.code: c for c in await session.scalars(_CATEGORIES)}
