"""Every query on inbox messages: a caller sees its own unit's messages only."""

from __future__ import annotations

import uuid
from typing import Any

from reform_common.auth import Principal
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.inbox.models import InboxMessage


async def insert_missing(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Adds the messages a unit does not have yet (even when two posts race); returns how many were new."""
    if not rows:
        return 0
    stmt = (
        insert(InboxMessage).values(rows)
        .on_conflict_do_nothing(constraint="uq_inbox_messages_unit_source")
        .returning(InboxMessage.id)
    )
    return len((await session.scalars(stmt)).all())


async def listing(
    session: AsyncSession, unit_id: uuid.UUID, *, offset: int, limit: int
) -> tuple[list[InboxMessage], int, int]:
    """Unread first, newest first; with the total and the unread count."""
    mine = InboxMessage.unit_id == unit_id
    total, unread = (await session.execute(
        select(func.count(), func.count().filter(InboxMessage.read_at.is_(None))).where(mine)
    )).one()
    rows = await session.scalars(
        select(InboxMessage).where(mine)
        .order_by(InboxMessage.read_at.is_not(None), InboxMessage.created_at.desc(), InboxMessage.id)
        .offset(offset).limit(limit)
    )
    return list(rows), int(total), int(unread)


async def get_own(
    session: AsyncSession, principal: Principal, message_id: uuid.UUID, *, for_update: bool = False
) -> InboxMessage | None:
    if principal.unit_id is None:
        return None
    stmt = select(InboxMessage).where(InboxMessage.id == message_id, InboxMessage.unit_id == principal.unit_id)
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def delivery(session: AsyncSession, kind: str, source_id: str) -> tuple[int, int]:
    """(messages delivered, messages read) for one source."""
    delivered, read = (await session.execute(
        select(func.count(), func.count(InboxMessage.read_at))
        .where(InboxMessage.kind == kind, InboxMessage.source_id == source_id)
    )).one()
    return int(delivered), int(read)
