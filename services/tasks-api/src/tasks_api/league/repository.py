"""Queries for the league table. The table is published to every unit, so it
counts over all of the plan's tasks, whoever asks. The counts per unit are
computed in the database (a year holds thousands of tasks with their
milestones and reports; loading them as objects took seconds), with the
ledger's SQL warning (kept equal to ``rules.evaluate`` by
tests/test_ledger_list_sql.py) and the reporting status's rule written as one
grouped query; tests/test_league_sql.py compares both with the rules applied
to the loaded tasks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, and_, func, literal, select, union
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.league.models import LeagueSettings
from tasks_api.ledger.models import Milestone, Task, TaskSchedule, TaskUnit
from tasks_api.ledger.repository import warning_expression
from tasks_api.plans.models import Plan
from tasks_api.reports.models import ProgressReport


async def settings(session: AsyncSession, plan_id: uuid.UUID, *, for_update: bool = False) -> LeagueSettings | None:
    stmt = select(LeagueSettings).where(LeagueSettings.plan_id == plan_id)
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


@dataclass
class UnitCounts:
    tasks: int
    milestones_due: int
    milestones_on_time: int
    red: int
    yellow: int


def _pairs(tasks):
    """(task_id, unit_id) for the lead unit and every responsible unit of ``tasks`` (a subquery with
    ``id`` and ``lead_unit_id``), each pair once; a CTE, so a statement reading it twice computes it once."""
    return union(
        select(tasks.c.id.label("task_id"), tasks.c.lead_unit_id.label("unit_id")),
        select(TaskUnit.task_id, TaskUnit.unit_id).join(tasks, tasks.c.id == TaskUnit.task_id),
    ).cte("pairs")


async def unit_counts(
    session: AsyncSession, plan_id: uuid.UUID, start: date, window_end: date, as_of: date, horizons: dict[int, date]
) -> dict[uuid.UUID, UnitCounts]:
    """Per unit: its tasks of the plan, their milestones due in [start, window_end] and those done by
    their due date, and their red and yellow warnings as of ``as_of``."""
    tasks = (
        select(Task.id, Task.lead_unit_id, warning_expression(as_of, horizons).label("warning"))
        .join(Plan, Plan.id == Task.plan_id)
        .outerjoin(TaskSchedule, TaskSchedule.task_id == Task.id)
        .where(Task.plan_id == plan_id)
        .cte("plan_tasks")
    )
    milestones = (
        select(Milestone.task_id, func.count().label("due"),
               func.count().filter(and_(Milestone.done_date.is_not(None), Milestone.done_date <= Milestone.due_date))
               .label("on_time"))
        .where(Milestone.task_id.in_(select(tasks.c.id)), Milestone.due_date.between(start, window_end))
        .group_by(Milestone.task_id)
        .subquery("due")
    )
    pairs = _pairs(tasks)
    stmt = (
        select(pairs.c.unit_id, func.count(),
               func.coalesce(func.sum(milestones.c.due), 0), func.coalesce(func.sum(milestones.c.on_time), 0),
               func.count().filter(tasks.c.warning == "red"), func.count().filter(tasks.c.warning == "yellow"))
        .select_from(pairs)
        .join(tasks, tasks.c.id == pairs.c.task_id)
        .outerjoin(milestones, milestones.c.task_id == pairs.c.task_id)
        .group_by(pairs.c.unit_id)
    )
    return {unit_id: UnitCounts(*(int(v) for v in values))
            for unit_id, *values in (await session.execute(stmt)).all()}


async def reporting_counts(
    session: AsyncSession, plan_id: uuid.UUID, periods: list[tuple[date, date]]
) -> dict[uuid.UUID, tuple[int, int]]:
    """(expected, on time) per unit over the reporting ``periods`` (period start, due date): every
    unit of every task of the plan not completed owes one report per period; it is on time when its
    report that was not returned was submitted (Shanghai date) by the due date."""
    if not periods:
        return {}
    starts = literal([p[0] for p in periods], ARRAY(Date))
    dues = literal([p[1] for p in periods], ARRAY(Date))
    owed = func.unnest(starts, dues).table_valued("period_start", "due").render_derived("owed")
    tasks = select(Task.id, Task.lead_unit_id).where(Task.plan_id == plan_id, Task.status != "completed").cte(
        "open_tasks")
    pairs = _pairs(tasks)
    # Each pair owes one report per period: expected = pairs × periods, without joining the two.
    owing = select(pairs.c.unit_id, func.count().label("pairs")).group_by(pairs.c.unit_id).subquery("owing")
    first = (
        select(ProgressReport.task_id, ProgressReport.unit_id, ProgressReport.period_start,
               func.min(ProgressReport.submitted_at).label("submitted_at"))
        .where(ProgressReport.task_id.in_(select(tasks.c.id)), ProgressReport.status != "returned",
               ProgressReport.period_start == func.any(starts))
        .group_by(ProgressReport.task_id, ProgressReport.unit_id, ProgressReport.period_start)
        .subquery("reported")
    )
    submitted_on = func.timezone("Asia/Shanghai", first.c.submitted_at).cast(Date)
    on_time = (
        select(first.c.unit_id, func.count().label("n"))
        .join(pairs, and_(pairs.c.task_id == first.c.task_id, pairs.c.unit_id == first.c.unit_id))
        .join(owed, owed.c.period_start == first.c.period_start)
        .where(submitted_on <= owed.c.due)
        .group_by(first.c.unit_id)
        .subquery("on_time")
    )
    stmt = select(owing.c.unit_id, owing.c.pairs, func.coalesce(on_time.c.n, 0)).outerjoin(
        on_time, on_time.c.unit_id == owing.c.unit_id)
    return {unit_id: (int(n) * len(periods), int(on_time_count))
            for unit_id, n, on_time_count in (await session.execute(stmt)).all()}
