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

from .db import DirectReader
from .workdays import WorkingCalendar

_CALENDARS: dict[str, WorkingCalendar] = {}
_CALENDARS_KEPT = 8

_DIGEST_SQL = (
    "md5(coalesce((SELECT string_agg(day::text || ':' || is_working_day::text, ',' ORDER BY day)"
    " FROM calendar_days), '') || '|' || coalesce((SELECT string_agg(year::text, ',' ORDER BY year)"
    " FROM calendar_years), ''))"
)
# With the digest, the MVCC snapshot it was read under (xmin:xmax:in-progress ids): read by the
# DirectReader, whose statement is a transaction of its own, the ledger list's page cache keys on it
# without a round trip of its own (two reads under the same snapshot see the same rows).
_DIGEST = text(f"SELECT {_DIGEST_SQL}, pg_current_snapshot()::text")
# One statement, so the digest is of exactly the rows read (another transaction may commit in between).
_LOAD = text(f"SELECT {_DIGEST_SQL}, ARRAY(SELECT ROW(day, is_working_day) FROM calendar_days),"
             " ARRAY(SELECT year FROM calendar_years)")


async def load_calendar(session: AsyncSession) -> WorkingCalendar:
    digest = (await session.execute(_DIGEST)).one()[0]
    calendar = _CALENDARS.get(digest)
    if calendar is None:
        calendar = _keep(*(await session.execute(_LOAD)).one())
    return calendar


async def read_calendar_and_snapshot(reader: DirectReader) -> tuple[WorkingCalendar, str]:
    """The calendar, and the MVCC snapshot its digest was read under (a reader's statements write nothing)."""
    digest, snapshot = await reader.fetchrow(_DIGEST.text)
    calendar = _CALENDARS.get(digest)
    if calendar is None:
        calendar = _keep(*await reader.fetchrow(_LOAD.text))
    return calendar, snapshot


def _keep(digest: str, days: list, years: list[int]) -> WorkingCalendar:
    calendar = _CALENDARS[digest] = WorkingCalendar(dict(days), years)
    while len(_CALENDARS) > _CALENDARS_KEPT:
        del _CALENDARS[next(iter(_CALENDARS))]  # the oldest
    return calendar
