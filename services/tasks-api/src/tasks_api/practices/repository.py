"""Every query on best practices and their replications. Published cases are
read by every unit (that is what 复制推广 is for), so there is no unit scope;
the service keeps out callers without a platform role."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from reform_common.pagination import like_pattern
from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.ledger.models import Task
from tasks_api.practices.models import BestPractice, Replication


@dataclass
class PracticeFilters:
    environment: str | None = None
    unit_id: uuid.UUID | None = None
    adopted_by: uuid.UUID | None = None
    q: str | None = None


def _adoptions():
    return (select(func.count()).where(Replication.best_practice_id == BestPractice.id)
            .correlate(BestPractice).scalar_subquery())


def _filtered(f: PracticeFilters) -> Select:
    stmt = select(BestPractice, Task.code, _adoptions()).join(Task, Task.id == BestPractice.task_id)
    if f.environment is not None:
        stmt = stmt.where(BestPractice.environment == f.environment)
    if f.unit_id is not None:
        stmt = stmt.where(BestPractice.unit_id == f.unit_id)
    if f.adopted_by is not None:
        stmt = stmt.where(select(Replication.id).where(Replication.best_practice_id == BestPractice.id,
                                                       Replication.unit_id == f.adopted_by).exists())
    if f.q:
        pattern = like_pattern(f.q)
        stmt = stmt.where(or_(BestPractice.title.ilike(pattern), BestPractice.summary.ilike(pattern),
                              BestPractice.code.ilike(pattern)))
    return stmt


async def listing(
    session: AsyncSession, f: PracticeFilters, offset: int, limit: int
) -> tuple[list[tuple[BestPractice, str, int]], int]:
    stmt = _filtered(f)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.execute(stmt.order_by(BestPractice.published_at.desc(), BestPractice.code)
                                 .offset(offset).limit(limit))
    return [(p, code, int(n)) for p, code, n in rows.all()], int(total or 0)


async def by_code(session: AsyncSession, code: str, *, for_update: bool = False) -> tuple[BestPractice, str] | None:
    stmt = select(BestPractice, Task.code).join(Task, Task.id == BestPractice.task_id).where(BestPractice.code == code)
    if for_update:
        stmt = stmt.with_for_update(of=BestPractice)
    row = (await session.execute(stmt)).first()
    return (row[0], row[1]) if row else None


async def for_task(session: AsyncSession, task_id: uuid.UUID) -> BestPractice | None:
    return await session.scalar(select(BestPractice).where(BestPractice.task_id == task_id))


async def codes_with_prefix(session: AsyncSession, prefix: str) -> list[str]:
    return list(await session.scalars(select(BestPractice.code).where(BestPractice.code.like(f"{prefix}%"))))


async def replications(session: AsyncSession, practice_id: uuid.UUID) -> list[Replication]:
    stmt = select(Replication).where(Replication.best_practice_id == practice_id)
    return list(await session.scalars(stmt.order_by(Replication.adopted_on, Replication.recorded_at)))


async def replication_of(session: AsyncSession, practice_id: uuid.UUID, unit_id: uuid.UUID) -> Replication | None:
    return await session.scalar(select(Replication).where(Replication.best_practice_id == practice_id,
                                                          Replication.unit_id == unit_id))
