"""Reporting periods: calendar months (月报) or two-week windows counted
from 1 January (双周报送). A period's report is due by the end of the
``REPORT_GRACE_WORKING_DAYS``-th working day after the period ends."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

REPORT_GRACE_WORKING_DAYS = 3


def period_of(day: date, cycle: str) -> tuple[date, date]:
    if cycle == "monthly":
        last = _calendar.monthrange(day.year, day.month)[1]
        return date(day.year, day.month, 1), date(day.year, day.month, last)
    start_of_year = date(day.year, 1, 1)
    index = (day - start_of_year).days // 14
    start = start_of_year + timedelta(days=14 * index)
    end = min(start + timedelta(days=13), date(day.year, 12, 31))
    return start, end


def previous_period(day: date, cycle: str) -> tuple[date, date]:
    start, _ = period_of(day, cycle)
    return period_of(start - timedelta(days=1), cycle)
