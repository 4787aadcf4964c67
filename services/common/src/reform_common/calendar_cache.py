"""The working calendar as a service's request reads it: its override tables
(``calendar_days``, ``calendar_years``, one copy per service, same shape)
built into a :class:`~reform_common.workdays.WorkingCalendar` once per process
and content.

Keyed by a digest of everything WorkingCalendar reads, not by time: an edit
in any process or transaction gives another digest, so a stale calendar is
never served, and a calendar keeps its memo of working-day sums across
requests. A request costs one small query instead of reading both tables and
building the calendar again."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from .db import SNAPSHOT_SQL
from .workdays import WorkingCalendar

_CALENDARS: dict[str, WorkingCalendar] = {}
_CALENDARS_KEPT = 8

_DIGEST_SQL = (
    "md5(coalesce((SELECT string_agg(day::text || ':' || is_working_day::text, ',' ORDER BY day)"
    " FROM calendar_days), '') || '|' || coalesce((SELECT string_agg(year::text, ',' ORDER BY year)"
    " FROM calendar_years), ''))"
)
# With the digest, the snapshot it was read under (db.SNAPSHOT_SQL): a reads_only request's page caches
# key on it without a round trip of their own.
_DIGEST = text(f"SELECT {_DIGEST_SQL}, {SNAPSHOT_SQL}")
# One statement, so the digest is of exactly the rows read (another transaction may commit in between).
_LOAD = text(f"SELECT {_DIGEST_SQL}, ARRAY(SELECT ROW(day, is_working_day) FROM calendar_days),"
             " ARRAY(SELECT year FROM calendar_years)")


async def load_calendar(session: AsyncSession) -> WorkingCalendar:
    return (await load_calendar_and_snapshot(session))[0]


async def load_calendar_and_snapshot(session: AsyncSession) -> tuple[WorkingCalendar, str | None]:
    """The calendar, and the MVCC snapshot its digest was read under (None once the transaction wrote)."""
    digest, snapshot = (await session.execute(_DIGEST)).one()
    calendar = _CALENDARS.get(digest)
    if calendar is not None:
        return calendar, snapshot
    digest, days, years = (await session.execute(_LOAD)).one()
    calendar = _CALENDARS[digest] = WorkingCalendar(dict(days), years)
    while len(_CALENDARS) > _CALENDARS_KEPT:
        del _CALENDARS[next(iter(_CALENDARS))]  # the oldest
    return calendar, snapshot
