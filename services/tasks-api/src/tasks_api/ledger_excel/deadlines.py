"""完成时限 as office files write it → a date, or "continuous" (长期坚持)."""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from datetime import date, datetime

from openpyxl.utils.datetime import from_excel

CONTINUOUS_WORDS = frozenset({"长期坚持", "持续推进", "长期", "常态化推进", "常态化", "长期推进", "持续开展"})
EXPECTED_FORMATS = "2026-06-30、2026年6月30日、2026年6月底前、6月底前、年底前、上半年、二季度 或 长期坚持"
_QUARTER_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:(?P<year>\d{4})年?)?"
_DAY = re.compile(_YEAR + r"(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]$")
_NUMERIC_DAY = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})$")
_MONTH_END = re.compile(_YEAR + r"(?P<month>\d{1,2})月(?:底|末|份)?$")
_YEAR_END = re.compile(r"(?P<year>\d{4})?年(?:底|末|内)$")
_HALF = re.compile(_YEAR + r"(?P<half>[上下])半年$")
_QUARTER = re.compile(_YEAR + r"(?:第?(?P<quarter>[一二三四1-4])季度(?:末|底)?|[Qq](?P<q>[1-4]))$")
# Excel's serial dates start in 1900; anything before 2000 is a number typed by mistake.
_MIN_SERIAL_DATE = date(2000, 1, 1)


class DeadlineError(ValueError):
    """A deadline that cannot be read; the message is Chinese and says what to write."""


def _clean(text: str) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    text = text.removeprefix("于").removesuffix("完成")
    for suffix in ("以前", "之前", "前"):
        if text.endswith(suffix):
            return text.removesuffix(suffix)
    return text


def _make_date(raw: str, year: int, month: int, day: int | None) -> date:
    """``day`` None means the month's last day."""
    if not 1 <= month <= 12:
        raise DeadlineError(f"「{raw}」中的月份无效，应为 1–12 月，请填写如 {EXPECTED_FORMATS}")
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, last)
    if not 1 <= day <= last:
        raise DeadlineError(f"「{raw}」不是有效日期（{year}年{month}月没有{day}日），请填写如 {EXPECTED_FORMATS}")
    return date(year, month, day)


@functools.lru_cache(maxsize=256)  # once per undated milestone line: tens of thousands a file
def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


# Cached: a file of 5,000 tasks has some 50,000 milestone dates in a few hundred distinct wordings, and
# normalising and matching each again was a fifth of the parse. (A DeadlineError is not cached.)
@functools.lru_cache(maxsize=4096)
def parse_date_text(text: str, year: int) -> date | None:
    """An explicit day or month end (2026-05-15, 5月15日前, 2026年6月底); None if the text is not one.

    Raises DeadlineError for a date-shaped text that names no real day (2026年2月30日)."""
    cleaned = _clean(text)
    for pattern in (_DAY, _NUMERIC_DAY):
        if m := pattern.match(cleaned):
            return _make_date(text, int(m["year"] or year), int(m["month"]), int(m["day"]))
    if m := _MONTH_END.match(cleaned):
        return _make_date(text, int(m["year"] or year), int(m["month"]), None)
    return None


def parse_deadline(value: object, year: int) -> tuple[date | None, bool]:
    """(deadline, continuous) from a 完成时限 cell; ``year`` is the plan year for texts without one."""
    if value is None:
        return None, False
    if isinstance(value, datetime):
        return value.date(), False
    if isinstance(value, date):
        return value, False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_serial(value), False
    raw = str(value).strip()
    if not raw:
        return None, False
    cleaned = _clean(raw)
    if cleaned in CONTINUOUS_WORDS:
        return None, True
    if (day := parse_date_text(raw, year)) is not None:
        return day, False
    if m := _YEAR_END.match(cleaned):
        return date(int(m["year"] or year), 12, 31), False
    if m := _HALF.match(cleaned):
        return _make_date(raw, int(m["year"] or year), 6 if m["half"] == "上" else 12, None), False
    if m := _QUARTER.match(cleaned):
        quarter = _QUARTER_DIGITS[m["quarter"] or m["q"]]
        return quarter_end(int(m["year"] or year), quarter), False
    raise DeadlineError(f"无法识别完成时限「{raw}」，请填写如 {EXPECTED_FORMATS}")


def _from_serial(serial: float) -> date:
    try:
        day = from_excel(serial)
    except (ValueError, OverflowError, TypeError):
        day = None
    if not isinstance(day, datetime) or day.date() < _MIN_SERIAL_DATE:
        raise DeadlineError(f"完成时限「{serial:g}」不是有效日期，请填写如 {EXPECTED_FORMATS}")
    return day.date()
