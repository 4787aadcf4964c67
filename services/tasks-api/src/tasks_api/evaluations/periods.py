"""Periods as indicators-api writes them: a year ``2026``, a quarter ``2026-Q3``, a month ``2026-10``."""

from __future__ import annotations

import calendar
import re
from datetime import date

PERIOD_PATTERN = r"^(19|20)\d{2}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"  # years 1900–2099 (year 0000 is no date)
_PERIOD = re.compile(PERIOD_PATTERN)


def bounds(period: str) -> tuple[date, date]:
    """First and last day of a period; ``ValueError`` for anything else."""
    if not _PERIOD.match(period):
        raise ValueError(f"期间格式应为 2026、2026-Q3 或 2026-10：{period}")
    year = int(period[:4])
    if len(period) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    if period[5] == "Q":
        first = 3 * int(period[6]) - 2
        return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])
    month = int(period[5:])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
