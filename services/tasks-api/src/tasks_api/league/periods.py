"""League and bulletin periods: ``2026-10`` (a month), ``2026-Q3`` (a quarter), ``2026`` (a year)."""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import date

from reform_common.errors import Problem

_PATTERN = re.compile(r"^(\d{4})(?:-(?:(\d{2})|Q([1-4])))?$")
QUARTER_NAMES = ("一", "二", "三", "四")


@dataclass(frozen=True)
class Period:
    key: str
    kind: str  # month / quarter / year
    year: int
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.year}年{self.start.month}月"
        if self.kind == "quarter":
            return f"{self.year}年第{QUARTER_NAMES[(self.start.month - 1) // 3]}季度"
        return f"{self.year}年度"


def _invalid(text: str) -> Problem:
    return Problem(422, "league.period_invalid", "统计期间有误",
                   f"统计期间「{text[:20]}」无法识别：月度写 2026-10，季度写 2026-Q3，年度写 2026。",
                   errors=[{"field": "period", "code": "invalid", "message": "格式应为 2026-10、2026-Q3 或 2026"}])


def parse(text: str) -> Period:
    match = _PATTERN.match(text.strip())
    if match is None:
        raise _invalid(text)
    year = int(match.group(1))
    if not 2000 <= year <= 2100:
        raise _invalid(text)
    if match.group(2):
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise _invalid(text)
        last = _calendar.monthrange(year, month)[1]
        return Period(f"{year}-{month:02d}", "month", year, date(year, month, 1), date(year, month, last))
    if match.group(3):
        quarter = int(match.group(3))
        first = 3 * quarter - 2
        last_month = first + 2
        end = date(year, last_month, _calendar.monthrange(year, last_month)[1])
        return Period(f"{year}-Q{quarter}", "quarter", year, date(year, first, 1), end)
    return Period(str(year), "year", year, date(year, 1, 1), date(year, 12, 31))
