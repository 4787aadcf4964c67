"""The league table and the cockpit's aggregates over 10M cases (and 2M, to
show the read does not grow with history), each against a full-scan GROUP BY
over the same cases measured in the same run:

- baseline: ``SELECT main_unit_id, count(*), count(*) FILTER (…) … FROM cases
  GROUP BY 1`` — best of 3 after a warm-up;
- figures: single-client p50 through the gateway (Bearer token of ``office``)
  of the league table (unit and district; this month, this quarter, this
  year), the metrics summary of this quarter and the trend of this year (what
  the cockpit's feedback panels call) and the one-time resolution rate;
  target ≤ 100 ms and ≥ 50× faster than the full scan;
- informational: what the rollup triggers add to one case insert with an
  assignment (rolled back), against the same insert with triggers off.

EXPLAIN (ANALYZE, BUFFERS) of the rollup read and of the baseline go to
``docs/perf/``."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import datetime, timedelta, timezone

import asyncpg
import httpx

from bench import loadgen
from bench.data import connect, ensure_dataset
from bench.harness import BenchContext, Figure
from bench.stack import running_stack

SUITE = "aggregates"
SHANGHAI = timezone(timedelta(hours=8))
TARGET_MS, TARGET_RATIO = 100.0, 50.0
TARGET = f"≤ {TARGET_MS:.0f} ms p50 and ≥ {TARGET_RATIO:.0f}× faster than the full scan"

FULL_SCAN = """
SELECT main_unit_id, count(*) AS received,
       count(*) FILTER (WHERE status = 'closed') AS closed,
       count(*) FILTER (WHERE status = 'closed' AND replied_at <= due_at) AS closed_on_time,
       count(*) FILTER (WHERE status = 'closed' AND reopen_count = 0) AS closed_once,
       sum(reopen_count) AS reopens
FROM cases GROUP BY 1"""

# The read behind the league table by unit for a year (rollups/repository.py issues the same shape).
ROLLUP_READ = """
SELECT unit_id, sum(assignments_accepted), sum(assignments_counted), sum(closed), sum(closed_on_time),
       sum(closed_once), sum(rated), sum(satisfied), sum(received), sum(reopens)
FROM case_rollup_monthly WHERE month >= $1 AND month < $2 GROUP BY unit_id"""


async def _best_of(conn: asyncpg.Connection, sql: str, *args, runs: int = 3) -> float:
    await conn.fetch(sql, *args)  # warm-up
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        await conn.fetch(sql, *args)
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


async def _explain(conn: asyncpg.Connection, sql: str, *args) -> str:
    rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *args)
    return "\n".join(r[0] for r in rows)


async def _database_facts(ctx: BenchContext, database: str, year: int) -> dict:
    conn = await connect(ctx.server_url, database)
    try:
        await conn.execute("SET max_parallel_workers_per_gather = 2")  # the baseline may use both cores
        cases = await conn.fetchval("SELECT count(*) FROM cases")
        baseline_ms = await _best_of(conn, FULL_SCAN)
        first, after = datetime(year, 1, 1).date(), datetime(year + 1, 1, 1).date()
        plans = {"baseline": await _explain(conn, FULL_SCAN),
                 "rollup": await _explain(conn, ROLLUP_READ, first, after)}
        newest = await conn.fetchval("SELECT max(last_at) FROM case_rollup_monthly")
        rollup_rows = await conn.fetchval("SELECT count(*) FROM case_rollup_monthly")
        return {"cases": cases, "baseline_ms": baseline_ms, "plans": plans, "newest": newest,
                "rollup_rows": rollup_rows}
    finally:
        await conn.close()


async def _insert_once(conn: asyncpg.Connection, template: asyncpg.Record, triggers: bool) -> None:
    """One case and its assignment inserted, the deferred rollup triggers fired, then rolled back."""
    case_id, n = uuid.uuid4(), uuid.uuid4().hex
    transaction = conn.transaction()
    await transaction.start()
    try:
        if not triggers:
            await conn.execute("SET LOCAL session_replication_role = replica")
        await conn.execute(
            "INSERT INTO cases (id, case_no, tracking_code, channel, type, category_code, title, description, "
            "status, main_unit_id, district_code, received_at, time_limit_working_days, due_at, created_by) "
            "VALUES ($1, $2, $3, 'inspection', 'complaint', $4, '基准', '基准', 'assigned', $5, $6, now(), 5, "
            "now() + interval '7 days', 'bench')",
            case_id, f"BENCH{n[:16]}", n[:16], template["category_code"], template["main_unit_id"],
            template["district_code"])
        await conn.execute(
            "INSERT INTO case_events (case_id, event, from_status, to_status, occurred_at, actor, actor_kind, "
            "detail) VALUES ($1, 'assigned', 'received', 'assigned', now(), 'bench', 'staff', "
            "jsonb_build_object('unit_id', $2::text, 'accept_due_at', (now() + interval '1 day')::text))",
            case_id, str(template["main_unit_id"]))
        await conn.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the triggers run here, not at a commit
    finally:
        await transaction.rollback()


async def _trigger_cost(ctx: BenchContext, database: str, n: int = 200) -> tuple[float, float]:
    """(p50 with triggers, p50 without) of one case insert with its assignment event, in ms."""
    conn = await connect(ctx.server_url, database)
    try:
        template = await conn.fetchrow(
            "SELECT category_code, main_unit_id, district_code FROM cases WHERE main_unit_id IS NOT NULL LIMIT 1")
        samples: dict[bool, list[float]] = {True: [], False: []}
        for i in range(n + 20):
            for triggers in (True, False):
                started = time.perf_counter()
                await _insert_once(conn, template, triggers)
                if i >= 20:
                    samples[triggers].append((time.perf_counter() - started) * 1000)
        return tuple(sorted(s)[len(s) // 2] for s in (samples[True], samples[False]))  # type: ignore[return-value]
    finally:
        await conn.close()


def _endpoints(today: datetime) -> list[tuple[str, str, dict]]:
    month, quarter, year = f"{today:%Y-%m}", f"{today.year}-Q{(today.month - 1) // 3 + 1}", str(today.year)
    out = []
    for kind in ("unit", "district"):
        for period in (month, quarter, year):
            out.append((f"league table by {kind}, {period}", "/api/feedback/v1/league-table",
                        {"period": period, "kind": kind}))
    out.append((f"metrics summary, {quarter} (cockpit)", "/api/feedback/v1/metrics/summary", {"period": quarter}))
    out.append((f"metrics trend, {year} (cockpit)", "/api/feedback/v1/metrics/trend", {"year": year}))
    out.append((f"one-time resolution rate, {year}", "/api/feedback/v1/metrics/one-time-resolution",
                {"period": year}))
    return out


def _measure(ctx: BenchContext, database: str, label: str, facts: dict, today: datetime,
             overrides: dict[str, str]) -> list[Figure]:
    baseline_name = f"full-scan GROUP BY over {facts['cases']:,} cases ({label})"
    figures = [Figure(SUITE, baseline_name, round(facts["baseline_ms"], 1), "ms", "baseline (best of 3)", None,
                      note="SELECT main_unit_id, count(*), count(*) FILTER (…) … FROM cases GROUP BY 1")]
    path = "rollups" if facts["newest"] is None or facts["newest"] < datetime.now(SHANGHAI) else "full computation"
    with running_stack(ctx, **overrides) as stack:
        headers = {"Authorization": f"Bearer {stack.token('office')}"}
        with httpx.Client(base_url=stack.gateway, headers=headers, timeout=120) as client:
            for name, url, params in _endpoints(today):
                def call(url=url, params=params) -> None:
                    resp = client.get(url, params=params)
                    resp.raise_for_status()
                lat = loadgen.latency(call, n=60, warmup=5)
                ratio = facts["baseline_ms"] / lat.p50_ms
                figures.append(Figure(
                    SUITE, f"{name} ({label})", round(lat.p50_ms, 1), "ms", TARGET,
                    lat.p50_ms <= TARGET_MS and ratio >= TARGET_RATIO, baseline_name,
                    round(facts["baseline_ms"], 1), round(ratio, 1),
                    note=f"p90 {lat.p90_ms:.1f} ms, p99 {lat.p99_ms:.1f} ms; through the gateway; read from the "
                         f"{path} ({facts['rollup_rows']:,} monthly rows)"))
    return figures


def run(ctx: BenchContext) -> list[Figure]:
    ensure_dataset(ctx)
    today = datetime.now(SHANGHAI)
    perf = ctx.repo_root / "docs" / "perf"
    perf.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    databases = [(ctx.databases["feedback_api"], "10M" if ctx.scale == "full" else "small", {})]
    if ctx.extra.get("feedback_2m"):
        databases.append((ctx.extra["feedback_2m"], "2M", {"feedback_api": ctx.extra["feedback_2m"]}))
    for i, (database, label, overrides) in enumerate(databases):
        facts = asyncio.run(_database_facts(ctx, database, today.year))
        if i == 0:
            header = f"-- {database}: {facts['cases']:,} cases, run {today:%Y-%m-%d %H:%M} (Asia/Shanghai)\n"
            (perf / "explain-full-scan.txt").write_text(header + FULL_SCAN.strip() + "\n\n"
                                                        + facts["plans"]["baseline"] + "\n")
            (perf / "explain-league-rollup.txt").write_text(header + ROLLUP_READ.strip() + "\n\n"
                                                            + facts["plans"]["rollup"] + "\n")
        figures += _measure(ctx, database, label, facts, today, overrides)
    with_triggers, without = asyncio.run(_trigger_cost(ctx, databases[0][0]))
    figures.append(Figure(
        SUITE, f"rollup triggers' cost on one case insert + assignment ({databases[0][1]})",
        round(with_triggers - without, 2), "ms", "informational", None,
        "the same insert with triggers off", round(without, 2), round(with_triggers / without, 2),
        note=f"p50 {with_triggers:.2f} ms with the triggers vs {without:.2f} ms without (single client, "
             "rolled back after the deferred triggers ran)"))
    return figures
