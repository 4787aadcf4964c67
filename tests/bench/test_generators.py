"""The bench data generators: deterministic, and the rows they load are rows the
services could have written (units exist, timelines match statuses, ledger
progress follows the ledger's rules, the migrations' indexes are back)."""

from __future__ import annotations

import asyncio
import itertools
from datetime import date
from types import SimpleNamespace

import pytest
from reform_common.demo import all_units, unit_uuid
from reform_common.devstack import package_dir
from reform_common.testing import migrated_database
from tasks_api.ledger.rules import derive_status, rollup_progress

from bench import data
from bench.gen import cases as case_gen
from bench.gen import tasks as task_gen

SEED = 7
NAMES = {"gateway": "bench_test_gateway", "tasks_api": "bench_test_tasks", "feedback_api": "bench_test_feedback",
         "indicators_api": "bench_test_indicators"}


def _fetch(server: str, database: str, sql: str) -> list:
    return asyncio.run(data._fetch(server, database, sql))


def _index_names(server: str, database: str, tables: list[str]) -> set[str]:
    quoted = ", ".join(f"'{t}'" for t in tables)
    return {r["indexname"] for r in _fetch(server, database,
                                           f"SELECT indexname FROM pg_indexes WHERE tablename IN ({quoted})")}


@pytest.fixture(scope="module")
def loaded(pg_server_url: str) -> str:
    """A gateway with the demo units, and 50 tasks and 500 cases generated into freshly migrated databases."""
    data._prepare(pg_server_url, NAMES, ["gateway"], [NAMES["gateway"]])
    migrated_database(pg_server_url, package_dir("tasks_api"), NAMES["tasks_api"])
    migrated_database(pg_server_url, package_dir("feedback_api"), NAMES["feedback_api"])
    before = _index_names(pg_server_url, NAMES["feedback_api"], list(case_gen.TABLES))
    asyncio.run(data.load_tasks(pg_server_url, NAMES["tasks_api"], NAMES["gateway"], 50, SEED))
    world = data.case_world(pg_server_url, NAMES["gateway"], NAMES["feedback_api"])
    asyncio.run(data.load_cases(pg_server_url, NAMES["feedback_api"], world, 500, SEED))
    assert _index_names(pg_server_url, NAMES["feedback_api"], list(case_gen.TABLES)) == before
    return pg_server_url


def test_cases_are_consistent_with_their_timelines(loaded: str) -> None:
    db = NAMES["feedback_api"]
    units = {r["id"] for r in _fetch(loaded, NAMES["gateway"], "SELECT id::text FROM units")}
    cases = _fetch(loaded, db, "SELECT * FROM cases WHERE created_by = 'bench' ORDER BY case_no")
    assert len(cases) == 500
    assert all(str(c["main_unit_id"]) in units for c in cases if c["main_unit_id"])
    assert all(str(c["district_unit_id"]) in units for c in cases)
    assert {c["status"] for c in cases} >= {"closed"}
    assert len({c["tracking_code"] for c in cases}) == 500

    events = _fetch(loaded, db, "SELECT case_id, event, from_status, to_status, detail FROM case_events ORDER BY id")
    by_case: dict = {}
    for e in events:
        by_case.setdefault(e["case_id"], []).append(e)
    assert set(by_case) >= {c["id"] for c in cases}
    assert not _fetch(loaded, db, "SELECT 1 FROM case_events e LEFT JOIN cases c ON c.id = e.case_id"
                                  " WHERE c.id IS NULL")
    for c in cases:
        timeline = by_case[c["id"]]
        assert timeline[0]["event"] == "received" and timeline[0]["from_status"] is None
        assert all(a["to_status"] == b["from_status"] for a, b in itertools.pairwise(timeline))
        assert timeline[-1]["to_status"] == c["status"], c["case_no"]
        assert c["reopen_count"] == sum(e["event"] == "reopened" for e in timeline)
        if c["status"] == "closed":
            assert c["closed_at"] and c["satisfaction"] in ("satisfied", "basically_satisfied")
            assert c["first_closed_at"] <= c["closed_at"]
        if c["status"] in ("received", "returned"):
            assert c["main_unit_id"] is None
        else:
            assert c["main_unit_id"] is not None
        assert c["received_at"] <= c["updated_at"] and c["received_at"] < c["due_at"]
    assert all(int(c["case_no"].split("-")[1]) < 10**9 for c in cases)
    # New cases number after the generated ones.
    last = max(int(c["case_no"].split("-")[1]) for c in cases)
    assert _fetch(loaded, db, "SELECT last_value FROM case_no_seq")[0]["last_value"] > last
    repeats = _fetch(loaded, db, "SELECT f.case_id, c.repeat_of_id FROM case_repeat_flags f"
                                 " JOIN cases c ON c.id = f.case_id")
    assert all(r["repeat_of_id"] is not None for r in repeats)


def test_tasks_follow_the_ledger_rules(loaded: str) -> None:
    db = NAMES["tasks_api"]
    units = {r["id"] for r in _fetch(loaded, NAMES["gateway"], "SELECT id::text FROM units")}
    tasks = _fetch(loaded, db, "SELECT * FROM tasks WHERE code LIKE '%-1___'")
    assert len(tasks) == 50
    milestones: dict = {}
    for m in _fetch(loaded, db, "SELECT task_id, title, due_date, done_date FROM milestones"):
        milestones.setdefault(m["task_id"], []).append(SimpleNamespace(**dict(m)))
    reports = _fetch(loaded, db, "SELECT task_id, unit_id::text, period_start FROM progress_reports")
    assert all(r["unit_id"] in units for r in reports)
    for t in tasks:
        assert str(t["lead_unit_id"]) in units
        ms = milestones[t["id"]]
        assert len(ms) == task_gen.MILESTONES
        assert t["progress"] == rollup_progress(ms, t["reported_progress"])
        assert t["status"] == derive_status(t["continuous"], ms, t["progress"])
    assert {r["period_start"].year for r in reports} <= set(task_gen.YEAR_SHARES)
    # Some current-year tasks trail their schedule, so the ledger shows warnings.
    assert any(m.done_date is None and m.due_date < date(2026, 11, 1)
               for t in tasks for m in milestones[t["id"]])


def _lines(generator) -> list[str]:
    return [line for chunk in generator.chunks(size=97) for table in sorted(chunk) for line in chunk[table]]


def _world() -> case_gen.World:
    from feedback_api.settings import DEFAULT_DISTRICTS

    units = [case_gen.Unit(str(unit_uuid(code)), code, name, kind) for code, name, _, _, kind in all_units()]
    categories = {t[0] for t in case_gen.words.TEMPLATES}
    # Encryption uses a random nonce; a stand-in keeps the comparison about the generator.
    return case_gen.World(units, categories, DEFAULT_DISTRICTS, lambda p: f"enc:{p}", lambda p: f"idx:{p}")


def test_same_seed_same_rows() -> None:
    first = _lines(case_gen.CaseGenerator(_world(), 400, SEED, first_number=1000))
    assert first == _lines(case_gen.CaseGenerator(_world(), 400, SEED, first_number=1000))
    assert first != _lines(case_gen.CaseGenerator(_world(), 400, SEED + 1, first_number=1000))
    assert sum(line.count("\t") == len(case_gen.CASE_COLUMNS) - 1 for line in first) >= 400

    units = [task_gen.Unit(str(unit_uuid(code)), code, short) for code, _, short, _, kind in all_units()
             if kind == "department"]
    plans = {year: f"00000000-0000-0000-0000-00000000{year}" for year in task_gen.YEAR_SHARES}
    tasks = _lines(task_gen.TaskGenerator(units, plans, 60, SEED))
    assert tasks == _lines(task_gen.TaskGenerator(units, plans, 60, SEED))


def test_the_intake_statements_the_http_suite_explains_run_on_the_generated_cases(loaded: str) -> None:
    """``bench/suites/http.intake_sql`` (docs/perf/explain-intake.txt): the statements as the service runs them."""
    from bench.suites.http import intake_sql

    statements = intake_sql()
    assert [title.split(" ")[0] for title, _, _ in statements] == ["by", "tracking", "repeat"]
    for _, sql, args in statements:
        plan = "\n".join(r[0] for r in asyncio.run(data._fetch(loaded, NAMES["feedback_api"], f"EXPLAIN {sql}", *args)))
        assert "cases" in plan
