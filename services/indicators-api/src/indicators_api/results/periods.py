"""Periods: a year (``2026``), a quarter (``2026-Q3``) or a month (``2026-10``)."""

from __future__ import annotations

import re

PERIOD = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")


def previous(period: str) -> str:
    year = int(period[:4])
    if len(period) == 4:
        return str(year - 1)
    if period[5] == "Q":
        quarter = int(period[6])
        return f"{year - 1}-Q4" if quarter == 1 else f"{year}-Q{quarter - 1}"
    month = int(period[5:])
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
