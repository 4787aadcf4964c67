"""Every query on tasks, with the caller's scope applied in SQL: a unit sees
the tasks it leads or is responsible for, a special group its environment,
the reform office, leaders and internal services everything."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reform_common.auth import GROUP_LEAD, Principal
from reform_common.db import DirectReader
from reform_common.pagination import like_pattern
from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Date,
    Dialect,
    Integer,
    Select,
    String,
    Uuid,
    bindparam,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.expression import Grouping

from tasks_api.ledger.models import Milestone, Task, TaskSchedule, TaskUnit
from tasks_api.plans.models import Plan
from tasks_api.reports.models import ProgressReport


def scope(principal: Principal) -> ColumnElement[bool]:
    # Named parameters: the ledger list reuses its compiled statement with other values (see _compiled).
    if principal.sees_everything:
        return true()
    conditions: list[ColumnElement[bool]] = []
    if principal.unit_id is not None:
        unit = bindparam("scope_unit_id", principal.unit_id, Uuid)
        conditions.append(Task.lead_unit_id == unit)
        conditions.append(
            select(TaskUnit.task_id)
            .where(TaskUnit.task_id == Task.id, TaskUnit.unit_id == unit)
            .exists()
        )
    if principal.has_any(GROUP_LEAD) and principal.environment:
        conditions.append(Task.environment == bindparam("scope_environment", principal.environment))
    return or_(*conditions) if conditions else false()


def _scope_shape(principal: Principal) -> tuple[bool, bool, bool]:
    """What decides the SQL of :func:`scope` (the values are parameters)."""
    return (principal.sees_everything, principal.unit_id is not None,
            bool(principal.has_any(GROUP_LEAD) and principal.environment))


SEARCH_SEPARATOR = "\x1f"  # between the fields of tasks.search_text


@dataclass
class TaskFilters:
    year: int | None = None
    environment: str | None = None
    category: str | None = None
    benchmark_class: str | None = None
    lead_unit_id: uuid.UUID | None = None
    responsible_unit_id: uuid.UUID | None = None
    status: str | None = None
    q: str | None = None
    code: str | None = None
    indicator: str | None = None


_EQUALITIES = (("year", Plan.year), ("environment", Task.environment), ("category", Task.category),
               ("benchmark_class", Task.benchmark_class), ("lead_unit_id", Task.lead_unit_id),
               ("status", Task.status), ("code", Task.code))


def filtered(principal: Principal, f: TaskFilters) -> Select:
    stmt = select(Task).join(Plan, Plan.id == Task.plan_id).where(scope(principal))
    for name, column in _EQUALITIES:
        value = getattr(f, name)
        if value is not None:
            stmt = stmt.where(column == bindparam(f"f_{name}", value, column.type))
    if f.indicator is not None:
        stmt = stmt.where(Task.indicator_codes.contains(bindparam("f_indicator", [f.indicator],
                                                                  Task.indicator_codes.type)))
    if f.responsible_unit_id is not None:
        stmt = stmt.where(
            select(TaskUnit.task_id)
            .where(TaskUnit.task_id == Task.id,
                   TaskUnit.unit_id == bindparam("f_responsible_unit_id", f.responsible_unit_id, Uuid))
            .exists()
        )
    if f.q:
        pattern = bindparam("f_q", like_pattern(f.q), String)
        if SEARCH_SEPARATOR not in f.q:
            # The same match as the ILIKEs below, from the stored lowercased text (migration 0009).
            stmt = stmt.where(Task.search_text.like(func.lower(pattern)))
        else:
            stmt = stmt.where(or_(Task.title.ilike(pattern), Task.measures.ilike(pattern),
                                  Task.goal.ilike(pattern), Task.code.ilike(pattern),
                                  func.array_to_string(Task.tags, " ").ilike(pattern)))
    return stmt


def _filters_shape(f: TaskFilters) -> tuple:
    """What decides the SQL of :func:`filtered` (the values are parameters)."""
    return (*(getattr(f, name) is not None for name, _ in _EQUALITIES), f.indicator is not None,
            f.responsible_unit_id is not None, bool(f.q), bool(f.q) and SEARCH_SEPARATOR in f.q)


def _filter_values(f: TaskFilters) -> dict[str, Any]:
    values: dict[str, Any] = {f"f_{name}": getattr(f, name) for name, _ in _EQUALITIES}
    values.update(f_indicator=[f.indicator], f_responsible_unit_id=f.responsible_unit_id,
                  f_q=like_pattern(f.q) if f.q else None)
    return values


_WITH_CHILDREN = (selectinload(Task.milestones), selectinload(Task.responsible_units))


# ---- the ledger list: warnings in SQL -------------------------------------------------------------
# ``rules.evaluate`` decides the warning of one loaded task; a list over thousands of tasks needs
# only the warning (not its reasons) to count, filter, sort and page, so the same rule is written
# here as one SQL expression and only the page's tasks are loaded and presented. The two are
# kept equal by tests/test_ledger_list_sql.py (random tasks, every as_of around their dates).

def warning_expression(as_of: date, horizons: dict[int, date]) -> ColumnElement[str]:
    """The warning as of ``as_of`` of a task joined with its plan and (outer) its ``TaskSchedule``;
    ``horizons`` maps a plan's ``warning_days`` to :func:`rules.warning_horizon` of it."""
    # No plan yet, no horizons: a CASE without a WHEN is not SQL.
    horizon = case(
        *((Plan.warning_days == days, literal(until, Date)) for days, until in horizons.items()),
        else_=literal(None, Date),
    ) if horizons else literal(None, Date)
    return _warning(literal(as_of, Date), horizon)


def _warning(day: ColumnElement, horizon: ColumnElement) -> ColumnElement[str]:
    # The earliest open date: an open milestone's or the deadline (least() skips NULLs).
    due = func.least(TaskSchedule.open_due, Task.deadline)
    # The progress lag (rules.expected_progress against the plan's tolerance) as the day it starts:
    # kept with the schedule by the triggers of migration 0012; NULL (no schedule) never lags.
    return case(
        (Task.status == "completed", "none"),
        (due < day, "red"),
        (or_(due < horizon, TaskSchedule.lag_from <= day), "yellow"),
        else_="none",
    )


def _evaluated(principal: Principal, f: TaskFilters, warning: ColumnElement[str]) -> Select:
    return (
        filtered(principal, f)
        .outerjoin(TaskSchedule, TaskSchedule.task_id == Task.id)
        .with_only_columns(Task.id, Task.code.collate("C").label("code"), Plan.year, Task.deadline,
                           Task.progress, warning.label("warning"))
    )


def evaluated_rows(principal: Principal, f: TaskFilters, as_of: date, horizons: dict[int, date]) -> Select:
    """One row per task in scope matching ``f``: id, code, year, deadline, progress and warning."""
    return _evaluated(principal, f, warning_expression(as_of, horizons))


_ORDER = {
    "code": lambda ev: (ev.c.code,),
    "deadline": lambda ev: (ev.c.deadline.is_(None), ev.c.deadline, ev.c.code),
    "warning": lambda ev: (case({"red": 0, "yellow": 1}, value=ev.c.warning, else_=2), ev.c.code),
    "progress": lambda ev: (ev.c.progress, ev.c.code),
}

# What the list presents of a page's task, read in the list's statement (no ORM objects): the
# columns in this order, then its milestones, responsible units and latest progress report.
PAGE_TASK_COLUMNS = (
    "id", "code", "seq", "title", "measures", "goal", "environment", "special_group", "category",
    "benchmark_class", "benchmark_city", "lead_unit_id", "leading_official", "contact_name", "contact_phone",
    "deadline", "continuous", "lifecycle_stage", "status", "progress", "indicator_codes", "source", "source_ref",
    "linked_cases", "tags", "updated_at",
)
PAGE_MILESTONE_COLUMNS = ("id", "seq", "title", "quarter", "due_date", "done_date", "evidence")
PAGE_REPORT_COLUMNS = ("id", "unit_id", "period_start", "period_end", "progress", "content", "status",
                       "submitted_at")


def _page_details(page) -> Select:
    """The page's tasks (``page``: id, position) with all they are presented with."""
    milestones = (
        select(func.array_agg(aggregate_order_by(
            func.row(*(getattr(Milestone, c) for c in PAGE_MILESTONE_COLUMNS)), Milestone.due_date, Milestone.seq)))
        .where(Milestone.task_id == Task.id).scalar_subquery()
    )
    units = (
        select(func.array_agg(aggregate_order_by(TaskUnit.unit_id, TaskUnit.position)))
        .where(TaskUnit.task_id == Task.id).scalar_subquery()
    )
    latest = (  # reports_repo.latest_by_task for one task
        select(func.row(*(getattr(ProgressReport, c) for c in PAGE_REPORT_COLUMNS)))
        .where(ProgressReport.task_id == Task.id).order_by(ProgressReport.submitted_at.desc()).limit(1)
        .scalar_subquery()
    )
    return (
        select(page.c.position, Plan.year, Plan.warning_days, Plan.lag_tolerance,
               *(getattr(Task, c) for c in PAGE_TASK_COLUMNS), milestones.label("milestones"),
               units.label("responsible_unit_ids"), latest.label("latest_report"))
        .select_from(page.join(Task, Task.id == page.c.id).join(Plan, Plan.id == Task.plan_id))
    )


def _horizon_array(horizons: dict[int, date]) -> list[date | None]:
    """Element d (PostgreSQL arrays start at 1) is the horizon of a plan warning d working days ahead."""
    return [horizons.get(days) for days in range(1, max(horizons, default=0) + 1)]


def list_statement(principal: Principal, f: TaskFilters, as_of: date, horizons: dict[int, date],
                   warning: str | None = None, sort: str = "code", offset: int = 0, limit: int = 20) -> Select:
    """The ledger list in one statement, evaluating each task once. One row per task of the page, in
    order, each with ``counts`` (the (warning, year, n) of the filtered set) and ``snapshot`` (the
    statement's), then ``position``, the plan's year, warning_days and lag_tolerance, and
    :func:`_page_details`; one row with only ``counts`` and ``snapshot`` when the page is empty.
    Every value is a named parameter (see :func:`_compiled`)."""
    # In parentheses: "$1::DATE[][i]" would read as a type, not a subscript.
    horizon = Grouping(bindparam("horizons", _horizon_array(horizons), ARRAY(Date)))[Plan.warning_days]
    level = _warning(bindparam("as_of", as_of, Date), horizon)
    ev = _evaluated(principal, f, level).cte("ev")
    if sort != "code":
        # Sorted otherwise, the page needs every task evaluated: once, kept for the counts and the sort.
        # By code the page is a walk of ix_tasks_code_c (migration 0013) while the counts scan.
        ev = ev.prefix_with("MATERIALIZED")
    groups = select(ev.c.warning, ev.c.year, func.count().label("n")).group_by(ev.c.warning, ev.c.year)
    groups = groups.subquery("groups")
    counts = select(func.array_agg(func.row(groups.c.warning, groups.c.year, groups.c.n)).label("counts"),
                    cast(func.pg_current_snapshot(), String).label("snapshot")).subquery("counts")
    top = select(ev)
    if warning:
        top = top.where(ev.c.warning == bindparam("warning", warning, String))
    # ORDER BY … LIMIT straight over the rows keeps only offset + limit of them (a bounded heap
    # sort); the positions that order the page are numbered over those alone.
    top = (top.order_by(*_ORDER[sort](ev)).offset(bindparam("offset", offset, Integer))
           .limit(bindparam("limit", limit, Integer)).subquery("top"))
    page = select(top.c.id, func.row_number().over(order_by=_ORDER[sort](top)).label("position")).subquery("page")
    details = _page_details(page).subquery("details")
    return (select(counts.c.counts, counts.c.snapshot, *details.c)
            .select_from(counts.outerjoin(details, true())).order_by(details.c.position))


# Compiled list statements by shape: building and compiling the statement (and SQLAlchemy's cache
# key for it, a walk over the whole warning expression) cost more than running it on a small set.
# A shape fixes the SQL; its values are the named parameters, filled in per call. Bounded: the
# filters combine into thousands of shapes, of which a deployment uses a few dozen.
_COMPILED: dict[tuple, tuple[str, tuple[str, ...], dict[str, Any]]] = {}
_COMPILED_KEPT = 256


def _compiled(dialect: Dialect, principal: Principal, f: TaskFilters, as_of: date, horizons: dict[int, date],
              warning: str | None, sort: str, offset: int, limit: int) -> tuple[str, tuple]:
    """The list statement's SQL for the dialect and its positional parameters."""
    key = (dialect.name, dialect.driver, _scope_shape(principal), _filters_shape(f), bool(warning), sort)
    entry = _COMPILED.get(key)
    if entry is None:
        compiled = list_statement(principal, f, as_of, horizons, warning, sort, offset, limit).compile(
            dialect=dialect)
        entry = _COMPILED[key] = (compiled.string, tuple(compiled.positiontup or ()), dict(compiled.params))
        if len(_COMPILED) > _COMPILED_KEPT:
            del _COMPILED[next(iter(_COMPILED))]  # the oldest
    sql, names, constants = entry
    values = {
        "scope_unit_id": principal.unit_id, "scope_environment": principal.environment, **_filter_values(f),
        "as_of": as_of,
        "horizons": _horizon_array(horizons),
        "warning": warning, "offset": offset, "limit": limit,
    }
    return sql, tuple(values[name] if name in values else constants[name] for name in names)


@dataclass(frozen=True)
class ListPage:
    groups: list[tuple[str, int, int]]  # (warning, year, count) over the filtered set
    rows: list[tuple]  # the page's tasks in order: list_statement's columns after ``snapshot``
    # The page's answer, with what it was written with (service._answer fills it).
    presented: list[Any] = field(default_factory=list, compare=False, repr=False)


# Pages read in this process, by database, MVCC snapshot and statement. Two statements with the
# same snapshot (xmin:xmax:in-progress ids) see the same rows, so a page read under a snapshot is
# the answer for any later request whose snapshot is the same: no transaction has committed or
# aborted since. Reads assign no transaction id and do not move the snapshot, so a burst of
# list requests between writes is evaluated once. The list reads through the DirectReader, each
# statement a transaction of its own: never one that has written (and would see its own changes).
_PAGES: dict[tuple, ListPage] = {}
_PAGES_KEPT = 64


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


async def list_page(
    reader: DirectReader, principal: Principal, f: TaskFilters, as_of: date, horizons: dict[int, date],
    warning: str | None, sort: str, offset: int, limit: int, snapshot: str,
) -> ListPage:
    """``snapshot``: one read by ``reader`` before (LedgerContext.snapshot). The page kept for it is the
    answer; otherwise the statement reads the page and keeps it under the snapshot it ran under."""
    # The driver's SQL straight away: the statement is compiled once per shape (see _compiled).
    sql, parameters = _compiled(reader.dialect, principal, f, as_of, horizons, warning, sort, offset, limit)
    statement = (sql, tuple(_hashable(p) for p in parameters))
    if (page := _PAGES.get((reader.name, snapshot, statement))) is not None:
        return page
    rows = await reader.fetch(sql, *parameters)
    counts, read_under = rows[0][0], rows[0][1]
    page = ListPage([tuple(group) for group in counts or ()], [row[2:] for row in rows if row[2] is not None])
    _PAGES[(reader.name, read_under, statement)] = page
    if len(_PAGES) > _PAGES_KEPT:
        del _PAGES[next(iter(_PAGES))]  # the oldest
    return page


async def list_tasks(session: AsyncSession, principal: Principal, f: TaskFilters) -> list[tuple[Task, Plan]]:
    stmt = filtered(principal, f).add_columns(Plan).options(*_WITH_CHILDREN).order_by(Plan.year, Task.code)
    return [(task, plan) for task, plan in (await session.execute(stmt)).all()]


async def get_by_code(
    session: AsyncSession, principal: Principal, code: str, *, for_update: bool = False
) -> tuple[Task, Plan] | None:
    stmt = (
        select(Task, Plan).join(Plan, Plan.id == Task.plan_id)
        .where(Task.code == code, scope(principal)).options(*_WITH_CHILDREN)
    )
    if for_update:
        stmt = stmt.with_for_update(of=Task)
    row = (await session.execute(stmt)).first()
    return (row[0], row[1]) if row else None


async def get_by_id(session: AsyncSession, principal: Principal, task_id: uuid.UUID) -> tuple[Task, Plan] | None:
    stmt = (
        select(Task, Plan).join(Plan, Plan.id == Task.plan_id)
        .where(Task.id == task_id, scope(principal)).options(*_WITH_CHILDREN)
    )
    row = (await session.execute(stmt)).first()
    return (row[0], row[1]) if row else None


async def code_exists(session: AsyncSession, code: str) -> bool:
    return bool(await session.scalar(select(func.count()).where(Task.code == code)))


async def codes_in_plan(session: AsyncSession, plan_id: uuid.UUID) -> dict[str, Task]:
    stmt = select(Task).where(Task.plan_id == plan_id).options(*_WITH_CHILDREN)
    return {t.code: t for t in await session.scalars(stmt)}


async def max_seq(session: AsyncSession, plan_id: uuid.UUID) -> int:
    return int(await session.scalar(select(func.coalesce(func.max(Task.seq), 0)).where(Task.plan_id == plan_id)))


async def codes_with_prefix(session: AsyncSession, prefix: str) -> list[str]:
    return list(await session.scalars(select(Task.code).where(Task.code.like(f"{prefix}%"))))


async def milestone_in_scope(
    session: AsyncSession, principal: Principal, milestone_id: uuid.UUID
) -> tuple[Milestone, Task, Plan] | None:
    stmt = (
        select(Milestone, Task, Plan).join(Task, Task.id == Milestone.task_id).join(Plan, Plan.id == Task.plan_id)
        .where(Milestone.id == milestone_id, scope(principal)).options(*_WITH_CHILDREN)
    )
    row = (await session.execute(stmt)).first()
    return (row[0], row[1], row[2]) if row else None


async def lock_source_ref(session: AsyncSession, source: str, ref: str) -> None:
    """Serialises concurrent creations for the same origin until the transaction ends."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(f"task:{source}:{ref}", 0))))


async def by_source_ref(session: AsyncSession, source: str, ref: str) -> Task | None:
    stmt = select(Task).where(Task.source == source, Task.source_ref == ref).options(*_WITH_CHILDREN)
    return await session.scalar(stmt)
