"""Reporting periods: a year (2026), a quarter (2026-Q4) or a month (2026-10),
in Shanghai time."""

from __future__ import annotations

from datetime import date, datetime, time

from reform_common.workdays import SHANGHAI

PERIOD = r"^(19|20)\d{2}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"  # years 1900–2099: a date can hold the end of each
PERIOD_HELP = "2026、2026-Q4 或 2026-10（上海时间）"


def period_bounds(period: str) -> tuple[datetime, datetime]:
    """[start, end) in Shanghai time for 2026, 2026-Q4 or 2026-10."""
    year = int(period[:4])
    if len(period) == 4:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    elif period[5] == "Q":
        q = int(period[6])
        start = date(year, 3 * q - 2, 1)
        end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    else:
        m = int(period[5:])
        start = date(year, m, 1)
        end = date(year + 1, 1, 1) if m == 12 else date(year, m + 1, 1)
    return (datetime.combine(start, time(), tzinfo=SHANGHAI), datetime.combine(end, time(), tzinfo=SHANGHAI))


def months(period: str) -> list[str]:
    """The months (YYYY-MM) of a period."""
    start, end = period_bounds(period)
    out, year, month = [], start.year, start.month
    while (year, month) < (end.year, end.month):
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def percent(numerator: int, denominator: int) -> float | None:
    """A rate in %, 2 decimals; ``None`` when there is nothing to count."""
    return round(100 * numerator / denominator, 2) if denominator else None
