from __future__ import annotations

import uuid

from reform_common.auth import Principal
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.adjustments.models import TaskAdjustment
from tasks_api.ledger.models import Task
from tasks_api.ledger.repository import scope


async def for_task(session: AsyncSession, task_id: uuid.UUID) -> list[TaskAdjustment]:
    stmt = select(TaskAdjustment).where(TaskAdjustment.task_id == task_id)
    return list(await session.scalars(stmt.order_by(TaskAdjustment.requested_at.desc())))


async def listing(
    session: AsyncSession, principal: Principal, status: str | None, offset: int, limit: int
) -> tuple[list[tuple[TaskAdjustment, str]], int]:
    stmt = select(TaskAdjustment, Task.code).join(Task, Task.id == TaskAdjustment.task_id).where(scope(principal))
    if status:
        stmt = stmt.where(TaskAdjustment.status == status)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.execute(stmt.order_by(TaskAdjustment.requested_at.desc()).offset(offset).limit(limit))
    return [(a, code) for a, code in rows.all()], int(total or 0)


async def in_scope(
    session: AsyncSession, principal: Principal, adjustment_id: uuid.UUID
) -> tuple[TaskAdjustment, str] | None:
    stmt = (
        select(TaskAdjustment, Task.code).join(Task, Task.id == TaskAdjustment.task_id)
        .where(TaskAdjustment.id == adjustment_id, scope(principal)).with_for_update(of=TaskAdjustment)
    )
    row = (await session.execute(stmt)).first()
    return (row[0], row[1]) if row else None
