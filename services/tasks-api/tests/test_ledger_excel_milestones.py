"""Milestone lines of the 一季度…四季度 columns: the trailing-bracket due date, compared with the regex
the parser used before it looked for the last bracket itself; and the parse's pause of the collector."""

from __future__ import annotations

import gc
import re
from datetime import date

import pytest

from tasks_api.ledger_excel.columns import Milestone
from tasks_api.ledger_excel.deadlines import parse_date_text, quarter_end
from tasks_api.ledger_excel.parser import _parse_milestone_line, gc_paused, parse_workbook

_REGEX = re.compile(r"\s*[（(]([^（()）]*)[)）]\s*$")


def _by_regex(line: str, quarter: int, year: int) -> Milestone:
    if m := _REGEX.search(line):
        due = parse_date_text(m.group(1), year)
        if due is not None and line[: m.start()].strip():
            return Milestone(quarter=quarter, title=line[: m.start()].strip(), due_date=due)
    return Milestone(quarter=quarter, title=line, due_date=quarter_end(year, quarter))


LINES = [
    "完成方案制定（2026-05-15）",
    "完成方案制定(5月15日前)",
    "完成方案制定 （2026年6月30日）",
    "完成方案（初稿）制定（2026-05-15）",
    "完成方案制定（初稿）",
    "完成方案制定（2026-05-15",
    "完成方案制定2026-05-15）",
    "（2026-05-15）",
    "  （2026-05-15）",
    "完成方案（2026-05-15) 后) ",
    "完成方案 (a（2026-05-15）",
    "完成方案（2026-05-15）)",
    "完成方案（）",
    "完成方案()",
    "(",
    ")",
    "2026-05-15)",
    "5月15日）",
    "完成（2026-02-30）)",
    "完成方案（5月）",
    "完成方案（第二季度）",
    "完成方案",
]


@pytest.mark.parametrize("line", [line.strip() for line in LINES])
@pytest.mark.parametrize("quarter", [1, 4])
def test_milestone_line_as_the_regex_read_it(line: str, quarter: int) -> None:
    assert _parse_milestone_line(line, quarter, 2026) == _by_regex(line, quarter, 2026)


def test_dated_and_undated_lines() -> None:
    assert _parse_milestone_line("完成方案（初稿）制定（2026-05-15）", 2, 2026) == Milestone(
        quarter=2, title="完成方案（初稿）制定", due_date=date(2026, 5, 15))
    assert _parse_milestone_line("完成方案制定（初稿）", 3, 2026) == Milestone(
        quarter=3, title="完成方案制定（初稿）", due_date=date(2026, 9, 30))


def test_gc_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the outer pause stays
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a collector someone else turned off stays off
    finally:
        gc.enable()


def test_parse_leaves_the_collector_on() -> None:
    parse_workbook(b"not a workbook", 2026)
    assert gc.isenabled()
