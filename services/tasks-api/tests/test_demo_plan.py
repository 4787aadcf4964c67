"""The demo year's task list: the seeds' counts, unique titles and codes,
units that exist, and a realistic red / yellow / green picture on the demo
date. No database."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from reform_common.demo import all_units, unit_uuid

from tasks_api.demo_plan import DemoTask, demo_date, generate_plan, main, plan_title
from tasks_api.ledger_excel import UnitRef, parse_workbook, resolve_unit

YEAR = 2026
TODAY = date(2026, 11, 22)
YELLOW_END = date(2026, 11, 30)
SEED_PHRASES = (
    "企业开办“一网通办”",
    "水电气网联合报装",
    "“大综合一体化”行政执法改革",
    "跨部门联合双随机监管",
    "知识产权快保护",
    "破产府院联动",
    "政府采购全流程电子化",
    "获得信贷",
    "公平竞争审查",
    "12345涉企诉求闭环",
)
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "2026年营商环境优化提升重点任务清单.xlsx"


@pytest.fixture(scope="module")
def plan() -> list[DemoTask]:
    return generate_plan(YEAR)


def _warning(task: DemoTask) -> str:
    """red: something due before today is undone; yellow: something due today…Nov 30 is undone."""
    row = task.row
    undone = [m.due_date for m, done in zip(row.milestones, task.milestone_done, strict=True) if done is None]
    if row.deadline and task.completed_on is None:
        undone.append(row.deadline)
    if any(due < TODAY for due in undone):
        return "red"
    if any(TODAY <= due <= YELLOW_END for due in undone):
        return "yellow"
    return "green"


def test_counts_follow_the_seeds(plan: list[DemoTask]) -> None:
    assert 290 <= len(plan) <= 310
    categories = Counter(t.row.category for t in plan)
    for category, expected in {"key": 66, "strength": 48, "weakness": 22}.items():
        assert abs(categories[category] - expected) <= 5
    assert categories["signature"] == len(plan) - categories["key"] - categories["strength"] - categories["weakness"]
    environments = Counter(t.row.environment for t in plan)
    assert set(environments) == {"gov_service", "rule_of_law", "market", "economic_ecology", "humanistic"}
    assert min(environments.values()) >= 20


def test_titles_and_codes_are_unique_and_well_formed(plan: list[DemoTask]) -> None:
    assert len({t.row.title for t in plan}) == len(plan)
    assert len({t.row.code for t in plan}) == len(plan)
    prefixes = {"gov_service": "ZW", "rule_of_law": "FZ", "market": "SC", "economic_ecology": "JJ", "humanistic": "RW"}
    for task in plan:
        assert re.fullmatch(rf"2026-{prefixes[task.row.environment]}-\d{{3}}", task.row.code or "")
    assert [t.row.seq for t in plan] == list(range(1, len(plan) + 1))


def test_wording_comes_from_the_seeds(plan: list[DemoTask]) -> None:
    text = "\n".join(t.row.title for t in plan)
    for phrase in SEED_PHRASES:
        assert phrase in text


def test_units_exist_in_the_demo_directory(plan: list[DemoTask]) -> None:
    directory = [UnitRef(unit_uuid(code), name, short, aliases) for code, name, short, aliases, _ in all_units()]
    for task in plan:
        for name in [task.row.lead_unit, *task.row.responsible_units]:
            resolve_unit(name, directory)
        assert 1 <= len(task.row.responsible_units) <= 3
        assert task.row.lead_unit not in task.row.responsible_units
    leads = Counter(t.row.lead_unit for t in plan)
    assert leads["市发改委"] >= 20  # the demo fgw account leads tasks
    assert leads["市市场监管局"] >= 20
    responsible = Counter(name for t in plan for name in t.row.responsible_units)
    assert responsible["市市场监管局"] >= 10 and responsible["西湖区"] >= 10


def test_rows_are_complete(plan: list[DemoTask]) -> None:
    classes = Counter(t.row.benchmark_class for t in plan)
    assert set(classes) == {None, "A", "B", "C"} and 0.3 <= 1 - classes[None] / len(plan) <= 0.6
    for task in plan:
        row = task.row
        assert (row.benchmark_class is None) == (row.benchmark_city is None)
        assert row.benchmark_city in (None, "上海", "深圳")
        assert row.measures and row.goal and row.special_group and row.leading_official and row.contact_name
        assert re.fullmatch(r"1[3-9]\d{9}", row.contact_phone or "")
        assert 1 <= len(row.milestones) <= 4
        assert [m.quarter for m in row.milestones] == sorted(m.quarter for m in row.milestones)
        for milestone in row.milestones:
            assert (milestone.due_date.month - 1) // 3 + 1 == milestone.quarter
            assert row.deadline is None or milestone.due_date <= row.deadline
        assert row.continuous == (row.deadline is None)
    continuous = sum(t.row.continuous for t in plan) / len(plan)
    assert 0.05 <= continuous <= 0.15


def test_red_and_yellow_shares(plan: list[DemoTask]) -> None:
    warnings = Counter(_warning(t) for t in plan)
    assert 0.06 <= warnings["red"] / len(plan) <= 0.10
    assert 0.06 <= warnings["yellow"] / len(plan) <= 0.10
    assert warnings["green"] == len(plan) - warnings["red"] - warnings["yellow"]


def test_progress_state_is_consistent(plan: list[DemoTask]) -> None:
    assert demo_date(YEAR) == TODAY
    for task in plan:
        assert len(task.milestone_done) == len(task.row.milestones)
        assert all(done is None or done < TODAY for done in task.milestone_done)
        assert 0 <= len(task.progress_reports) <= 3
        periods = [r["period_end"] for r in task.progress_reports]
        assert periods == sorted(periods) and all(p < TODAY for p in periods)
        for report in task.progress_reports:
            assert report["unit_name"] in [task.row.lead_unit, *task.row.responsible_units]
            assert report["status"] in ("approved", "submitted", "returned") and report["content"]
            assert 0 <= report["progress"] <= 100
        approved = [r["progress"] for r in task.progress_reports if r["status"] == "approved"]
        assert task.reported_progress == (approved[-1] if approved else None)
        if task.completed_on:
            assert all(task.milestone_done) and task.reported_progress == 100
    # Most nodes already due are done.
    past = [
        done for t in plan for m, done in zip(t.row.milestones, t.milestone_done, strict=True) if m.due_date < TODAY
    ]
    assert sum(done is not None for done in past) / len(past) >= 0.85
    statuses = Counter(r["status"] for t in plan for r in t.progress_reports)
    assert statuses["approved"] > statuses["submitted"] > statuses["returned"] > 0


def test_plan_is_deterministic(plan: list[DemoTask]) -> None:
    assert generate_plan(YEAR) == plan
    assert generate_plan(2027)[0].row.code == "2027-ZW-001"


def test_example_workbook_parses_back_to_the_plan(plan: list[DemoTask]) -> None:
    result = parse_workbook(EXAMPLE.read_bytes(), YEAR)
    assert result.errors == []
    assert [p.row for p in result.rows] == [t.row for t in plan]


def test_write_example_command(tmp_path: Path, plan: list[DemoTask]) -> None:
    target = tmp_path / "out" / "清单.xlsx"
    main(["--write-example", str(target)])
    result = parse_workbook(target.read_bytes(), YEAR)
    assert [p.row for p in result.rows] == [t.row for t in plan]
    assert plan_title(YEAR) == "2026年营商环境优化提升重点任务清单"
