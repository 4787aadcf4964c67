"""Every query on tasks, with the caller's scope applied in SQL: a unit sees
the tasks it leads or is responsible for, a special group its environment,
the reform office, leaders and internal services everything."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from reform_common.auth import GROUP_LEAD, Principal
from reform_common.pagination import like_pattern
from sqlalchemy import ColumnElement, Select, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from tasks_api.ledger.models import Milestone, Task, TaskUnit
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
    if f.q:
        pattern = like_pattern(f.q)
        stmt = stmt.where(or_(Task.title.ilike(pattern), Task.measures.ilike(pattern), Task.goal.ilike(pattern),
                              Task.code.ilike(pattern), func.array_to_string(Task.tags, " ").ilike(pattern)))
    return stmt


_WITH_CHILDREN = (selectinload(Task.milestones), selectinload(Task.responsible_units))


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
