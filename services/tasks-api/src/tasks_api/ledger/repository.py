"""Every query on tasks, with the caller's scope applied in SQL: a unit sees
the tasks it leads or is responsible for, a special group its environment,
the reform office, leaders and internal services everything."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from reform_common.auth import GROUP_LEAD, Principal
from reform_common.pagination import like_pattern
from sqlalchemy import (
    ColumnElement,
    Date,
    Float,
    Integer,
    Select,
    String,
    Uuid,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from tasks_api.ledger.models import Milestone, Task, TaskSchedule, TaskUnit
from tasks_api.plans.models import Plan


def scope(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    conditions: list[ColumnElement[bool]] = []
    if principal.unit_id is not None:
        conditions.append(Task.lead_unit_id == principal.unit_id)
        conditions.append(
            select(TaskUnit.task_id)
            .where(TaskUnit.task_id == Task.id, TaskUnit.unit_id == principal.unit_id)
            .exists()
        )
    if principal.has_any(GROUP_LEAD) and principal.environment:
        conditions.append(Task.environment == principal.environment)
    return or_(*conditions) if conditions else false()


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


def filtered(principal: Principal, f: TaskFilters) -> Select:
    stmt = select(Task).join(Plan, Plan.id == Task.plan_id).where(scope(principal))
    if f.year is not None:
        stmt = stmt.where(Plan.year == f.year)
    for column, value in ((Task.environment, f.environment), (Task.category, f.category),
                          (Task.benchmark_class, f.benchmark_class), (Task.lead_unit_id, f.lead_unit_id),
                          (Task.status, f.status), (Task.code, f.code)):
        if value is not None:
            stmt = stmt.where(column == value)
    if f.indicator is not None:
        stmt = stmt.where(Task.indicator_codes.contains([f.indicator]))
    if f.responsible_unit_id is not None:
        stmt = stmt.where(
            select(TaskUnit.task_id)
            .where(TaskUnit.task_id == Task.id, TaskUnit.unit_id == f.responsible_unit_id)
            .exists()
        )
    if f.q and SEARCH_SEPARATOR not in f.q:
        # The same match as the ILIKEs below, from the stored lowercased text (migration 0009).
        stmt = stmt.where(Task.search_text.like(func.lower(like_pattern(f.q))))
    elif f.q:
        pattern = like_pattern(f.q)
        stmt = stmt.where(or_(Task.title.ilike(pattern), Task.measures.ilike(pattern), Task.goal.ilike(pattern),
                              Task.code.ilike(pattern), func.array_to_string(Task.tags, " ").ilike(pattern)))
    return stmt


_WITH_CHILDREN = (selectinload(Task.milestones), selectinload(Task.responsible_units))


# ---- the ledger list: warnings in SQL -------------------------------------------------------------
# ``rules.evaluate`` decides the warning of one loaded task; a list over thousands of tasks needs
# only the warning (not its reasons) to count, filter, sort and page, so the same rule is written
# here as one SQL expression and only the page's tasks are loaded and presented. The two are
# kept equal by tests/test_ledger_list_sql.py (random tasks, every as_of around their dates).

def _days(later: ColumnElement, earlier: ColumnElement) -> ColumnElement[int]:
    return type_coerce(later - earlier, Integer)  # date − date is a whole number of days in PostgreSQL


def warning_expression(as_of: date, horizons: dict[int, date]) -> ColumnElement[str]:
    """The warning as of ``as_of`` of a task joined with its plan and (outer) its ``TaskSchedule``;
    ``horizons`` maps a plan's ``warning_days`` to :func:`rules.warning_horizon` of it."""
    day = literal(as_of, Date)
    due = TaskSchedule.due_dates
    n = func.coalesce(func.cardinality(due), 0)
    # width_bucket binary-searches the ascending dates: how many are ≤ the day before as_of.
    passed_due = func.coalesce(func.width_bucket(literal(as_of - timedelta(days=1), Date), due), 0)
    last_due, open_due = due[n], TaskSchedule.open_due
    prev_due, next_due = due[passed_due], due[passed_due + 1]
    # The schedule's points: the milestones' due dates, plus the deadline when it is later than them all.
    extra = and_(n > 0, Task.deadline.is_not(None), Task.deadline > last_due)
    deadline_passed = and_(extra, Task.deadline < day)
    points = n + case((extra, 1), else_=0)
    passed = passed_due + case((deadline_passed, 1), else_=0)
    previous = func.coalesce(case((deadline_passed, Task.deadline), else_=prev_due),
                             func.make_date(Plan.year, 1, 1))
    following = func.coalesce(next_due, case((and_(extra, Task.deadline >= day), Task.deadline)))
    # The same float arithmetic as rules.expected_progress, in the same order, so the rounding
    # (PostgreSQL's round(double) and Python's round() both round half to even) agrees.
    share = literal(100.0, Float) / cast(points, Float)
    fraction = cast(func.greatest(_days(day, previous), 0), Float) / cast(
        func.greatest(_days(following, previous), 1), Float)
    previous_value = cast(passed, Float) * share
    expected = case(
        (n == 0, None),
        (following.is_(None), literal(100.0, Float)),
        else_=func.round(previous_value + fraction * (cast(passed + 1, Float) * share - previous_value)),
    )
    # No plan yet, no horizons: a CASE without a WHEN is not SQL.
    horizon = case(
        *((Plan.warning_days == days, literal(until, Date)) for days, until in horizons.items()),
        else_=literal(None, Date),
    ) if horizons else literal(None, Date)
    warning = case(
        (Task.status == "completed", "none"),
        (or_(open_due < day, Task.deadline < day), "red"),
        (or_(open_due < horizon, Task.deadline < horizon,
             cast(Task.progress, Float) < expected - cast(Plan.lag_tolerance, Float)), "yellow"),
        else_="none",
    )
    return warning


def evaluated_rows(principal: Principal, f: TaskFilters, as_of: date, horizons: dict[int, date]) -> Select:
    """One row per task in scope matching ``f``: id, code, year, deadline, progress and warning."""
    warning = warning_expression(as_of, horizons)
    return (
        filtered(principal, f)
        .outerjoin(TaskSchedule, TaskSchedule.task_id == Task.id)
        .with_only_columns(Task.id, Task.code.collate("C").label("code"), Plan.year, Task.deadline,
                           Task.progress, warning.label("warning"))
    )


_ORDER = {
    "code": lambda ev: (ev.c.code,),
    "deadline": lambda ev: (ev.c.deadline.is_(None), ev.c.deadline, ev.c.code),
    "warning": lambda ev: (case({"red": 0, "yellow": 1}, value=ev.c.warning, else_=2), ev.c.code),
    "progress": lambda ev: (ev.c.progress, ev.c.code),
}


def list_statement(principal: Principal, f: TaskFilters, as_of: date, horizons: dict[int, date],
                   warning: str | None = None, sort: str = "code", offset: int = 0, limit: int = 20) -> Select:
    """The ledger list in one statement, evaluating each task once: rows ("count", warning, year, n,
    NULL, NULL) for the filtered set, then ("page", …, id, position) for the page."""
    ev = evaluated_rows(principal, f, as_of, horizons).cte("ev").prefix_with("MATERIALIZED")
    groups = select(literal("count").label("kind"), ev.c.warning, ev.c.year, func.count().label("n"),
                    literal(None, Uuid).label("id"), literal(None, Integer).label("position"))
    groups = groups.group_by(ev.c.warning, ev.c.year)
    top = select(ev)
    if warning:
        top = top.where(ev.c.warning == warning)
    # ORDER BY … LIMIT straight over the rows keeps only offset + limit of them (a bounded heap
    # sort); the positions that order the page after the UNION are numbered over those alone.
    top = top.order_by(*_ORDER[sort](ev)).offset(offset).limit(limit).subquery("top")
    page = select(top.c.id, func.row_number().over(order_by=_ORDER[sort](top)).label("position")).subquery("page")
    rows = select(literal("page"), literal(None, String), literal(None, Integer), literal(None, Integer),
                  page.c.id, page.c.position)
    return groups.union_all(rows)


async def list_page(
    session: AsyncSession, principal: Principal, f: TaskFilters, as_of: date, horizons: dict[int, date],
    warning: str | None, sort: str, offset: int, limit: int,
) -> tuple[list[tuple[str, int, int]], list[uuid.UUID]]:
    """((warning, year, count) over the filtered set, the ids of the page in order)."""
    rows = (await session.execute(list_statement(principal, f, as_of, horizons, warning, sort, offset,
                                                 limit))).all()
    groups = [(level, year, n) for kind, level, year, n, _, _ in rows if kind == "count"]
    page = sorted((position, task_id) for kind, _, _, _, task_id, position in rows if kind == "page")
    return groups, [task_id for _, task_id in page]


async def plan_warning_days(session: AsyncSession) -> list[int]:
    return list(await session.scalars(select(Plan.warning_days).distinct()))


async def by_ids(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[Task, Plan]]:
    stmt = select(Task, Plan).join(Plan, Plan.id == Task.plan_id).where(Task.id.in_(ids)).options(*_WITH_CHILDREN)
    return {task.id: (task, plan) for task, plan in (await session.execute(stmt)).all()}


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
