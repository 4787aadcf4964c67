"""Every query on progress reports; scope comes from the task they belong to."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.reports.models import ProgressReport


async def latest_by_task(
    session: AsyncSession, task_ids: list[uuid.UUID], *, approved_only: bool = False
) -> dict[uuid.UUID, ProgressReport]:
    if not task_ids:
        return {}
    stmt = (
        select(ProgressReport)
        .where(ProgressReport.task_id.in_(task_ids))
        .ext(distinct_on(ProgressReport.task_id))
        .order_by(ProgressReport.task_id, ProgressReport.submitted_at.desc())
    )
    if approved_only:
        stmt = stmt.where(ProgressReport.status == "approved")
    return {r.task_id: r for r in await session.scalars(stmt)}


async def for_task(session: AsyncSession, task_id: uuid.UUID) -> list[ProgressReport]:
    stmt = select(ProgressReport).where(ProgressReport.task_id == task_id)
    return list(await session.scalars(stmt.order_by(ProgressReport.submitted_at.desc())))


async def get(session: AsyncSession, report_id: uuid.UUID, *, for_update: bool = False) -> ProgressReport | None:
    stmt = select(ProgressReport).where(ProgressReport.id == report_id)
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def in_period(
    session: AsyncSession, task_ids: list[uuid.UUID], period_start: date
) -> list[ProgressReport]:
    if not task_ids:
        return []
    stmt = select(ProgressReport).where(ProgressReport.task_id.in_(task_ids),
                                        ProgressReport.period_start == period_start)
    return list(await session.scalars(stmt))


async def active_in_period(
    session: AsyncSession, task_id: uuid.UUID, unit_id: uuid.UUID, period_start: date
) -> ProgressReport | None:
    """A submitted or approved report blocks another for the same period; a returned one does not."""
    stmt = select(ProgressReport).where(
        ProgressReport.task_id == task_id, ProgressReport.unit_id == unit_id,
        ProgressReport.period_start == period_start, ProgressReport.status != "returned",
    )
    return await session.scalar(stmt)
