"""Every query on special actions, with the caller's scope applied in SQL:
the reform office, leaders and internal services see every action; a special
group the actions of its environment; any unit the actions it leads, is on
the team of, or that drive a task it leads or is responsible for."""

from __future__ import annotations

import uuid

from reform_common.auth import GROUP_LEAD, Principal
from sqlalchemy import ColumnElement, Select, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from tasks_api.actions.models import (
    SpecialAction,
    SpecialActionTask,
    SpecialActionUnit,
)
from tasks_api.ledger.models import Task, TaskUnit
from tasks_api.ledger.repository import scope as ledger_scope
from tasks_api.plans.models import Plan


def scope(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    conditions: list[ColumnElement[bool]] = []
    if principal.unit_id is not None:
        unit = principal.unit_id
        conditions.append(SpecialAction.lead_unit_id == unit)
        conditions.append(
            select(SpecialActionUnit.action_id)
            .where(SpecialActionUnit.action_id == SpecialAction.id, SpecialActionUnit.unit_id == unit)
            .exists()
        )
        unit_tasks = select(Task.id).where(or_(
            Task.lead_unit_id == unit,
            select(TaskUnit.task_id).where(TaskUnit.task_id == Task.id, TaskUnit.unit_id == unit).exists(),
        ))
        conditions.append(
            select(SpecialActionTask.action_id)
            .where(SpecialActionTask.action_id == SpecialAction.id, SpecialActionTask.task_id.in_(unit_tasks))
            .exists()
        )
    if principal.has_any(GROUP_LEAD) and principal.environment:
        conditions.append(SpecialAction.environment == principal.environment)
    return or_(*conditions) if conditions else false()


_WITH_CHILDREN = (selectinload(SpecialAction.team), selectinload(SpecialAction.measures),
                  selectinload(SpecialAction.nodes), selectinload(SpecialAction.task_links))


def filtered(principal: Principal, year: int | None, kind: str | None, environment: str | None) -> Select:
    stmt = select(SpecialAction).where(scope(principal))
    for column, value in ((SpecialAction.year, year), (SpecialAction.kind, kind),
                          (SpecialAction.environment, environment)):
        if value is not None:
            stmt = stmt.where(column == value)
    return stmt


async def listing(
    session: AsyncSession, principal: Principal, year: int | None, kind: str | None, environment: str | None
) -> list[SpecialAction]:
    stmt = filtered(principal, year, kind, environment).options(*_WITH_CHILDREN).order_by(SpecialAction.code)
    return list(await session.scalars(stmt))


async def get_by_code(
    session: AsyncSession, principal: Principal, code: str, *, for_update: bool = False
) -> SpecialAction | None:
    stmt = select(SpecialAction).where(SpecialAction.code == code, scope(principal)).options(*_WITH_CHILDREN)
    if for_update:
        stmt = stmt.with_for_update(of=SpecialAction)
    return await session.scalar(stmt)


async def code_exists(session: AsyncSession, code: str) -> bool:
    return bool(await session.scalar(select(func.count()).where(SpecialAction.code == code)))


async def codes_with_prefix(session: AsyncSession, prefix: str) -> list[str]:
    return list(await session.scalars(select(SpecialAction.code).where(SpecialAction.code.like(f"{prefix}%"))))


_TASK_CHILDREN = (selectinload(Task.milestones), selectinload(Task.responsible_units))


async def tasks_by_ids(session: AsyncSession, task_ids: list[uuid.UUID]) -> list[tuple[Task, Plan]]:
    """The linked tasks with their plans, unscoped: the action's page shows all of them."""
    if not task_ids:
        return []
    stmt = (select(Task, Plan).join(Plan, Plan.id == Task.plan_id).where(Task.id.in_(task_ids))
            .options(*_TASK_CHILDREN).order_by(Task.code))
    return [(t, p) for t, p in (await session.execute(stmt)).all()]


async def tasks_by_codes(session: AsyncSession, codes: list[str]) -> dict[str, tuple[Task, Plan]]:
    """Tasks to link, looked up unscoped; the service decides what the caller may link."""
    stmt = (select(Task, Plan).join(Plan, Plan.id == Task.plan_id).where(Task.code.in_(codes))
            .options(*_TASK_CHILDREN))
    return {t.code: (t, p) for t, p in (await session.execute(stmt)).all()}


async def plans_by_year(session: AsyncSession, years: set[int]) -> dict[int, Plan]:
    if not years:
        return {}
    return {p.year: p for p in await session.scalars(select(Plan).where(Plan.year.in_(years)))}


async def visible_task_ids(session: AsyncSession, principal: Principal, task_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these tasks the caller sees in the ledger."""
    if not task_ids:
        return set()
    return set(await session.scalars(select(Task.id).where(Task.id.in_(task_ids), ledger_scope(principal))))
