"""Queries for the lifecycle. The task itself is found through the ledger's
scoped lookup; these only run for a task the caller may see."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.lifecycle.models import TaskStageChange
from tasks_api.practices.models import BestPractice
from tasks_api.reports.models import ProgressReport


async def history(session: AsyncSession, task_id: uuid.UUID) -> list[TaskStageChange]:
    stmt = select(TaskStageChange).where(TaskStageChange.task_id == task_id)
    return list(await session.scalars(stmt.order_by(TaskStageChange.changed_at, TaskStageChange.id)))


async def has_evidence_report(session: AsyncSession, task_id: uuid.UUID) -> bool:
    stmt = select(ProgressReport.id).where(
        ProgressReport.task_id == task_id, ProgressReport.status == "approved", ProgressReport.progress == 100,
        func.jsonb_array_length(ProgressReport.attachments) > 0,
    )
    return await session.scalar(stmt.exists().select()) or False


async def has_best_practice(session: AsyncSession, task_id: uuid.UUID) -> bool:
    stmt = select(BestPractice.id).where(BestPractice.task_id == task_id)
    return await session.scalar(stmt.exists().select()) or False
