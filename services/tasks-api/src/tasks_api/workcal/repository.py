from __future__ import annotations

from datetime import date

from reform_common.workdays import WorkingCalendar
from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.workcal.models import CalendarDay, CalendarYear

# Calendars built in this process, by a digest of everything WorkingCalendar reads (the overrides and
# the published years). Keyed by content, not by time: an edit in any process or transaction gives
# another digest, so a stale calendar is never served, and a calendar keeps its memo of working-day
# sums (every ledger page asks the same horizons) across requests.
_CALENDARS: dict[str, WorkingCalendar] = {}
_CALENDARS_KEPT = 8


_DIGEST_SQL = (
    "md5(coalesce((SELECT string_agg(day::text || ':' || is_working_day::text, ',' ORDER BY day)"
    " FROM calendar_days), '') || '|' || coalesce((SELECT string_agg(year::text, ',' ORDER BY year)"
    " FROM calendar_years), ''))"
)
_DIGEST = text(f"SELECT {_DIGEST_SQL}")
# One statement, so the digest is of exactly the rows read (another transaction may commit in between).
_LOAD = text(f"SELECT {_DIGEST_SQL}, ARRAY(SELECT ROW(day, is_working_day) FROM calendar_days),"
             " ARRAY(SELECT year FROM calendar_years)")


async def load_calendar(session: AsyncSession) -> WorkingCalendar:
    calendar = _CALENDARS.get(await session.scalar(_DIGEST))
    if calendar is not None:
        return calendar
    digest, days, years = (await session.execute(_LOAD)).one()
    calendar = _CALENDARS[digest] = WorkingCalendar(dict(days), years)
    while len(_CALENDARS) > _CALENDARS_KEPT:
        del _CALENDARS[next(iter(_CALENDARS))]  # the oldest
    return calendar


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
