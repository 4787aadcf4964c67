"""Every outbox query."""

from __future__ import annotations

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from feedback_api.outbox.models import HotlineCallback


async def claim(session: AsyncSession, limit: int) -> list[HotlineCallback]:
    """Due rows that head their order's queue (no earlier undelivered row of the same
    order), locked for this transaction; rows another dispatcher holds are skipped, and
    so is the rest of their order's queue (its head is not delivered yet)."""
    earlier = aliased(HotlineCallback)
    blocked = (select(earlier.id)
               .where(earlier.order_no == HotlineCallback.order_no, earlier.id < HotlineCallback.id,
                      earlier.state != "delivered")
               .exists())
    stmt = (select(HotlineCallback)
            # The database's clock throughout (rows are stamped with it), whatever the replicas' clocks say.
            .where(HotlineCallback.state != "delivered", HotlineCallback.next_attempt_at <= func.now(), ~blocked)
            .order_by(HotlineCallback.next_attempt_at, HotlineCallback.id)
            .limit(limit)
            .with_for_update(skip_locked=True))
    return list((await session.scalars(stmt)).all())


async def seconds_until_due(session: AsyncSession) -> float | None:
    """Seconds until the earliest undelivered row is due (≤ 0: due now); None when nothing waits."""
    value = await session.scalar(
        select(func.extract("epoch", func.min(HotlineCallback.next_attempt_at) - func.now()))
        .where(HotlineCallback.state != "delivered"))
    return float(value) if value is not None else None


def _filtered(state: str | None, order_no: str | None) -> Select:
    stmt = select(HotlineCallback)
    if state == "undelivered":
        stmt = stmt.where(HotlineCallback.state != "delivered")
    elif state:
        stmt = stmt.where(HotlineCallback.state == state)
    if order_no:
        stmt = stmt.where(HotlineCallback.order_no == order_no)
    return stmt


async def page(session: AsyncSession, state: str | None, order_no: str | None, offset: int,
               limit: int) -> tuple[list[HotlineCallback], int]:
    stmt = _filtered(state, order_no)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(stmt.order_by(HotlineCallback.id.desc()).offset(offset).limit(limit))
    return list(rows.all()), int(total or 0)


async def counts(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(select(HotlineCallback.state, func.count()).group_by(HotlineCallback.state))
    return {state: int(n) for state, n in rows.all()}


async def get(session: AsyncSession, callback_id: int) -> HotlineCallback | None:
    return await session.get(HotlineCallback, callback_id)


async def retry_now(session: AsyncSession, *, order_no: str | None = None, up_to_id: int | None = None) -> int:
    """Makes undelivered rows due now (one order's rows up to a given one, or all)."""
    stmt = update(HotlineCallback).where(HotlineCallback.state != "delivered")
    if order_no is not None:
        stmt = stmt.where(HotlineCallback.order_no == order_no)
    if up_to_id is not None:
        stmt = stmt.where(HotlineCallback.id <= up_to_id)
    result = await session.execute(stmt.values(next_attempt_at=func.now()))
    return int(result.rowcount or 0)
