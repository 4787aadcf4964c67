from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from reform_common.auth import Principal
from sqlalchemy import ColumnElement, false, func, select, true
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.notices.models import ReminderNotice


def scope(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    if principal.unit_id is None:
        return false()
    return ReminderNotice.unit_id == principal.unit_id


async def insert_if_absent(session: AsyncSession, values: dict[str, Any]) -> ReminderNotice | None:
    """One notice per unit per day, even when two runs race: the loser inserts nothing."""
    stmt = (
        insert(ReminderNotice).values(**values)
        .on_conflict_do_nothing(constraint="uq_reminder_notices_unit_day")
        .returning(ReminderNotice.id)
    )
    new_id = await session.scalar(stmt)
    return None if new_id is None else await session.get(ReminderNotice, new_id)


async def listing(
    session: AsyncSession, principal: Principal, *, unit_id: uuid.UUID | None, issued_on: date | None,
    acknowledged: bool | None, offset: int, limit: int,
) -> tuple[list[ReminderNotice], int]:
    stmt = select(ReminderNotice).where(scope(principal))
    if unit_id:
        stmt = stmt.where(ReminderNotice.unit_id == unit_id)
    if issued_on:
        stmt = stmt.where(ReminderNotice.issued_on == issued_on)
    if acknowledged is not None:
        stmt = stmt.where(ReminderNotice.acknowledged_at.is_not(None) if acknowledged
                          else ReminderNotice.acknowledged_at.is_(None))
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(
        stmt.order_by(ReminderNotice.issued_on.desc(), ReminderNotice.number).offset(offset).limit(limit)
    )
    return list(rows), int(total or 0)


async def get(session: AsyncSession, principal: Principal, notice_id: uuid.UUID, *, for_update: bool = False):
    stmt = select(ReminderNotice).where(ReminderNotice.id == notice_id, scope(principal))
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def counts(session: AsyncSession, principal: Principal) -> list[tuple[uuid.UUID, str, int, int]]:
    unacknowledged = func.count().filter(ReminderNotice.acknowledged_at.is_(None))
    stmt = (
        select(ReminderNotice.unit_id, func.max(ReminderNotice.unit_name), func.count(), unacknowledged)
        .where(scope(principal)).group_by(ReminderNotice.unit_id).order_by(unacknowledged.desc())
    )
    return [(u, n, int(t), int(a)) for u, n, t, a in (await session.execute(stmt)).all()]


async def set_webhook_status(session: AsyncSession, notice_id: uuid.UUID, status: str) -> None:
    notice = await session.get(ReminderNotice, notice_id)
    if notice is not None:
        notice.webhook_status = status
