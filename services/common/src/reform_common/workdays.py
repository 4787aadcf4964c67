"""Working days on the official Chinese calendar (法定工作日, 调休 included).

``chinese-calendar`` is the source. An override table (per service, edited
by the reform office) corrects single days and marks a year as published
once the State Council's schedule for it has been entered. A year that
neither covers falls back to Monday–Friday, and callers show
:meth:`WorkingCalendar.notices` so nobody mistakes the fallback for the
official schedule.

Counting rule (DESIGN.md): N working days from a day of receipt start on
the first working day after it and end at 23:59:59 Asia/Shanghai of the Nth.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import chinese_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Far enough for any deadline counted in this domain; guards against a bad N.
_MAX_SPAN_DAYS = 3 * 366


def today_shanghai() -> date:
    return datetime.now(SHANGHAI).date()


@lru_cache(maxsize=64)
def package_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class WorkingCalendar:
    def __init__(self, overrides: Mapping[date, bool] | None = None, published_years: Iterable[int] = ()) -> None:
        self.overrides = dict(overrides or {})
        self.published_years = set(published_years)
        # A ledger page asks the same (day, n) once per task and milestone; the answer never changes.
        self._added: dict[tuple[date, int], date] = {}
        # Each new as_of walks a month of days again; chinese_calendar validates every day it is asked.
        self._working: dict[date, bool] = {}

    def covered(self, year: int) -> bool:
        return year in self.published_years or package_covers(year)

    def is_working_day(self, day: date) -> bool:
        working = self._working.get(day)
        if working is None:
            working = self._working[day] = self._is_working_day(day)
        return working

    def _is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if package_covers(day.year):
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5

    def add_working_days(self, start: date, n: int) -> date:
        """The Nth working day after ``start`` (``n`` ≥ 1); ``n`` = 0 is ``start``."""
        if n < 0:
            raise ValueError("工作日数不能为负")
        if (start, n) in self._added:
            return self._added[(start, n)]
        day, counted = start, 0
        while counted < n:
            day += timedelta(days=1)
            if (day - start).days > _MAX_SPAN_DAYS:
                raise ValueError("工作日跨度过大")
            if self.is_working_day(day):
                counted += 1
        self._added[(start, n)] = day
        return day

    def due_at(self, received: date, n: int) -> datetime:
        """Deadline of N working days from ``received``: 23:59:59 Shanghai time of the Nth."""
        return datetime.combine(self.add_working_days(received, n), time(23, 59, 59), tzinfo=SHANGHAI)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for i in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=i)))

    def notices(self, years: Iterable[int]) -> list[str]:
        return [
            f"{year} 年的法定节假日安排尚未录入，暂按周一至周五计算工作日；国务院公布安排后请在工作日历中录入。"
            for year in sorted(set(years))
            if not self.covered(year)
        ]
