"""Every query on bulletins: published ones are for every working role; drafts
only for the reform office and leaders (and internal services)."""

from __future__ import annotations

import uuid
from datetime import datetime

from reform_common.auth import Principal
from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.bulletins.models import Bulletin
from tasks_api.reports.models import ProgressReport


def scope(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    return Bulletin.status == "published"


async def get(
    session: AsyncSession, principal: Principal, bulletin_id: uuid.UUID, *, for_update: bool = False
) -> Bulletin | None:
    stmt = select(Bulletin).where(Bulletin.id == bulletin_id, scope(principal))
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def listing(
    session: AsyncSession, principal: Principal, *, year: int | None, kind: str | None, status: str | None,
    offset: int, limit: int,
) -> tuple[list[Bulletin], int]:
    stmt = select(Bulletin).where(scope(principal))
    for column, value in ((Bulletin.year, year), (Bulletin.kind, kind), (Bulletin.status, status)):
        if value is not None:
            stmt = stmt.where(column == value)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(
        stmt.order_by(Bulletin.issued_on.desc().nulls_first(), Bulletin.created_at.desc(), Bulletin.id)
        .offset(offset).limit(limit)
    )
    return list(rows), int(total or 0)


async def max_seq(session: AsyncSession, year: int) -> int:
    return int(await session.scalar(select(func.coalesce(func.max(Bulletin.seq), 0)).where(Bulletin.year == year)))


async def approvals(session: AsyncSession, task_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[tuple[datetime, int]]]:
    """Per task, its approved reports as (reviewed at, progress), oldest first: progress on any past day."""
    if not task_ids:
        return {}
    reviewed = func.coalesce(ProgressReport.reviewed_at, ProgressReport.submitted_at)
    stmt = (
        select(ProgressReport.task_id, reviewed, ProgressReport.progress)
        .where(ProgressReport.task_id.in_(task_ids), ProgressReport.status == "approved")
        .order_by(ProgressReport.task_id, reviewed)
    )
    out: dict[uuid.UUID, list[tuple[datetime, int]]] = {}
    for task_id, at, progress in (await session.execute(stmt)).all():
        out.setdefault(task_id, []).append((at, progress))
    return out
