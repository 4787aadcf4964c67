from __future__ import annotations

from datetime import date

from reform_common.calendar_cache import (  # noqa: F401 (its readers import them from here)
    load_calendar,
    read_calendar_and_snapshot,
)
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.workcal.models import CalendarDay, CalendarYear


async def days_of_year(session: AsyncSession, year: int) -> list[CalendarDay]:
    stmt = select(CalendarDay).where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
    return list(await session.scalars(stmt.order_by(CalendarDay.day)))


async def published_year(session: AsyncSession, year: int) -> CalendarYear | None:
    return await session.get(CalendarYear, year)


async def replace_year(
    session: AsyncSession, year: int, days: list[tuple[date, bool, str | None]], published: bool, note: str | None
) -> None:
    await session.execute(
        delete(CalendarDay).where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
    )
    session.add_all(CalendarDay(day=d, is_working_day=w, note=n) for d, w, n in days)
    existing = await session.get(CalendarYear, year)
    if published and existing is None:
        session.add(CalendarYear(year=year, note=note))
    elif published and existing is not None:
        existing.note = note
    elif not published and existing is not None:
        await session.delete(existing)
    await session.flush()
