"""Every query on pilots, scoped in SQL: the office, leaders and services see
all; a special group its environment; a unit the pilots it runs and those
rolled out to it (it leads one of the resulting tasks)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from reform_common.auth import GROUP_LEAD, Principal
from reform_common.pagination import like_pattern
from sqlalchemy import ColumnElement, Select, extract, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.ledger import repository as ledger_repo
from tasks_api.ledger.models import Task
from tasks_api.pilots.models import Pilot, PilotDecision, PilotFeedback, PilotTask


def scope(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    conditions: list[ColumnElement[bool]] = []
    if principal.unit_id is not None:
        conditions.append(Pilot.unit_id == principal.unit_id)
        conditions.append(
            select(PilotTask.task_id).join(Task, Task.id == PilotTask.task_id)
            .where(PilotTask.pilot_id == Pilot.id, Task.lead_unit_id == principal.unit_id)
            .exists()
        )
    if principal.has_any(GROUP_LEAD) and principal.environment:
        conditions.append(Pilot.environment == principal.environment)
    return or_(*conditions) if conditions else false()


@dataclass
class PilotFilters:
    status: str | None = None
    environment: str | None = None
    unit_id: uuid.UUID | None = None
    year: int | None = None
    q: str | None = None


def _feedback_count():
    return (select(func.count()).where(PilotFeedback.pilot_id == Pilot.id)
            .correlate(Pilot).scalar_subquery())


def _filtered(principal: Principal, f: PilotFilters) -> Select:
    stmt = select(Pilot, _feedback_count()).where(scope(principal))
    for column, value in ((Pilot.status, f.status), (Pilot.environment, f.environment), (Pilot.unit_id, f.unit_id)):
        if value is not None:
            stmt = stmt.where(column == value)
    if f.year is not None:
        stmt = stmt.where(extract("year", Pilot.start_date) == f.year)
    if f.q:
        pattern = like_pattern(f.q)
        stmt = stmt.where(or_(Pilot.title.ilike(pattern), Pilot.description.ilike(pattern),
                              Pilot.goal.ilike(pattern), Pilot.code.ilike(pattern)))
    return stmt


async def listing(
    session: AsyncSession, principal: Principal, f: PilotFilters, offset: int, limit: int
) -> tuple[list[tuple[Pilot, int]], int]:
    stmt = _filtered(principal, f)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.execute(stmt.order_by(Pilot.start_date.desc(), Pilot.code).offset(offset).limit(limit))
    return [(p, int(n)) for p, n in rows.all()], int(total or 0)


async def by_code(
    session: AsyncSession, principal: Principal, code: str, *, for_update: bool = False
) -> Pilot | None:
    stmt = select(Pilot).where(Pilot.code == code, scope(principal))
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def codes_with_prefix(session: AsyncSession, prefix: str) -> list[str]:
    return list(await session.scalars(select(Pilot.code).where(Pilot.code.like(f"{prefix}%"))))


async def feedback(session: AsyncSession, pilot_id: uuid.UUID) -> list[PilotFeedback]:
    stmt = select(PilotFeedback).where(PilotFeedback.pilot_id == pilot_id)
    return list(await session.scalars(stmt.order_by(PilotFeedback.reported_on, PilotFeedback.created_at)))


async def decisions(session: AsyncSession, pilot_id: uuid.UUID) -> list[PilotDecision]:
    stmt = select(PilotDecision).where(PilotDecision.pilot_id == pilot_id)
    return list(await session.scalars(stmt.order_by(PilotDecision.decided_at)))


async def tasks(session: AsyncSession, principal: Principal, pilot_id: uuid.UUID) -> list[Task]:
    """The rolled-out tasks the caller may see on the ledger."""
    stmt = (
        select(Task).join(PilotTask, PilotTask.task_id == Task.id)
        .where(PilotTask.pilot_id == pilot_id, ledger_repo.scope(principal))
    )
    return list(await session.scalars(stmt.order_by(Task.code)))
