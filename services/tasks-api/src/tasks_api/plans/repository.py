from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.ledger.models import Task
from tasks_api.plans.models import Plan


async def by_year(session: AsyncSession, year: int, *, for_update: bool = False) -> Plan | None:
    stmt = select(Plan).where(Plan.year == year)
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def list_with_counts(session: AsyncSession) -> list[tuple[Plan, int]]:
    counts = select(Task.plan_id, func.count().label("n")).group_by(Task.plan_id).subquery()
    stmt = (
        select(Plan, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.plan_id == Plan.id)
        .order_by(Plan.year.desc())
    )
    return [(plan, int(n)) for plan, n in (await session.execute(stmt)).all()]


async def task_count(session: AsyncSession, plan: Plan) -> int:
    return int(await session.scalar(select(func.count()).where(Task.plan_id == plan.id)) or 0)
