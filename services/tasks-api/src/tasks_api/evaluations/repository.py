"""Every query on evaluations, rubrics and hand-entered ranks, with the caller's scope:
the reform office and leaders see all evaluations; a lead unit what it gave and
what concerns the tasks it leads; a special group its environment's tasks; any
unit the scores it received."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from reform_common.auth import GROUP_LEAD, LEAD_UNIT, Principal
from sqlalchemy import ColumnElement, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.evaluations.models import Evaluation, EvaluationRubric, IndicatorRank
from tasks_api.ledger.models import Task
from tasks_api.plans.models import Plan


def scope(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    conditions: list[ColumnElement[bool]] = []
    if principal.unit_id is not None:
        conditions.append(Evaluation.evaluated_unit_id == principal.unit_id)
        conditions.append(Evaluation.evaluator_unit_id == principal.unit_id)
        if principal.has_any(LEAD_UNIT):
            conditions.append(Task.lead_unit_id == principal.unit_id)
    if principal.has_any(GROUP_LEAD) and principal.environment:
        conditions.append(Task.environment == principal.environment)
    return or_(*conditions) if conditions else false()


@dataclass
class EvaluationFilters:
    year: int | None = None
    period: str | None = None
    task_code: str | None = None
    kind: str | None = None
    evaluated_unit_id: uuid.UUID | None = None
    evaluator_unit_id: uuid.UUID | None = None
    auto: bool | None = None


EvaluationRow = tuple[Evaluation, Task, Plan]


def _evaluations(principal: Principal):
    return (
        select(Evaluation, Task, Plan)
        .join(Task, Task.id == Evaluation.task_id)
        .join(Plan, Plan.id == Task.plan_id)
        .where(scope(principal))
    )


async def list_evaluations(
    session: AsyncSession, principal: Principal, f: EvaluationFilters, offset: int, limit: int
) -> tuple[list[EvaluationRow], int]:
    stmt = _evaluations(principal)
    for column, value in ((Plan.year, f.year), (Evaluation.period, f.period), (Task.code, f.task_code),
                          (Evaluation.kind, f.kind), (Evaluation.evaluated_unit_id, f.evaluated_unit_id),
                          (Evaluation.evaluator_unit_id, f.evaluator_unit_id), (Evaluation.auto, f.auto)):
        if value is not None:
            stmt = stmt.where(column == value)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.execute(
        stmt.order_by(Evaluation.period_start, Task.code, Evaluation.kind, Evaluation.created_at)
        .offset(offset).limit(limit)
    )
    return [(e, t, p) for e, t, p in rows.all()], int(total or 0)


async def get(
    session: AsyncSession, principal: Principal, evaluation_id: uuid.UUID, *, for_update: bool = False
) -> EvaluationRow | None:
    stmt = _evaluations(principal).where(Evaluation.id == evaluation_id)
    if for_update:
        stmt = stmt.with_for_update(of=Evaluation)
    row = (await session.execute(stmt)).first()
    return (row[0], row[1], row[2]) if row else None


async def find(
    session: AsyncSession, task_id: uuid.UUID, period: str, evaluated_unit_id: uuid.UUID, kind: str,
    *, for_update: bool = False,
) -> Evaluation | None:
    """The one evaluation of a task, period, evaluated unit and kind (unscoped: used for uniqueness)."""
    stmt = select(Evaluation).where(Evaluation.task_id == task_id, Evaluation.period == period,
                                    Evaluation.evaluated_unit_id == evaluated_unit_id, Evaluation.kind == kind)
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def office_evaluations(session: AsyncSession, plan_id: uuid.UUID, period: str) -> dict[uuid.UUID, Evaluation]:
    """The office's evaluations of lead units in a plan and period, by task."""
    stmt = (
        select(Evaluation).join(Task, Task.id == Evaluation.task_id)
        .where(Task.plan_id == plan_id, Evaluation.period == period, Evaluation.kind == "office_on_lead",
               Evaluation.evaluated_unit_id == Task.lead_unit_id)
        .with_for_update(of=Evaluation)
    )
    return {e.task_id: e for e in await session.scalars(stmt)}


async def plan_has_evaluations(session: AsyncSession, plan_id: uuid.UUID) -> bool:
    stmt = select(Evaluation.id).join(Task, Task.id == Evaluation.task_id).where(Task.plan_id == plan_id).limit(1)
    return await session.scalar(stmt) is not None


async def rubric(session: AsyncSession, plan_id: uuid.UUID, *, for_update: bool = False) -> EvaluationRubric | None:
    stmt = select(EvaluationRubric).where(EvaluationRubric.plan_id == plan_id)
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def tasks_with_indicators(session: AsyncSession, plan_id: uuid.UUID) -> list[Task]:
    stmt = select(Task).where(Task.plan_id == plan_id, func.cardinality(Task.indicator_codes) > 0)
    return list(await session.scalars(stmt.order_by(Task.code)))


async def manual_ranks(session: AsyncSession, code: str) -> list[IndicatorRank]:
    return list(await session.scalars(select(IndicatorRank).where(IndicatorRank.indicator_code == code)))


async def manual_rank(
    session: AsyncSession, code: str, framework: str, period: str, *, for_update: bool = False
) -> IndicatorRank | None:
    stmt = select(IndicatorRank).where(IndicatorRank.indicator_code == code, IndicatorRank.framework == framework,
                                       IndicatorRank.period == period)
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def list_manual_ranks(
    session: AsyncSession, code: str | None, framework: str | None, offset: int, limit: int
) -> tuple[list[IndicatorRank], int]:
    stmt = select(IndicatorRank)
    if code is not None:
        stmt = stmt.where(IndicatorRank.indicator_code == code)
    if framework is not None:
        stmt = stmt.where(IndicatorRank.framework == framework)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(
        stmt.order_by(IndicatorRank.indicator_code, IndicatorRank.framework, IndicatorRank.period.desc())
        .offset(offset).limit(limit)
    )
    return list(rows), int(total or 0)


async def average_scores(
    session: AsyncSession, period_start: date, period_end: date
) -> dict[uuid.UUID, tuple[float, int]]:
    """Per evaluated unit: the mean total and the number of evaluations whose period lies in the range."""
    stmt = (
        select(Evaluation.evaluated_unit_id, func.avg(Evaluation.total), func.count())
        .where(Evaluation.period_start >= period_start, Evaluation.period_end <= period_end)
        .group_by(Evaluation.evaluated_unit_id)
    )
    return {unit_id: (float(mean), int(n)) for unit_id, mean, n in (await session.execute(stmt)).all()}
