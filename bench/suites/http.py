"""HTTP paths under load, each against a baseline measured in the same stack and run:

- hello world: ``GET /api/tasks/healthz`` direct to tasks-api and through the gateway;
- raw insert: ``bench/baseline_app.py`` (bare ASGI + asyncpg, one INSERT per request);
- 12345 intake through the gateway (signed, unique orders; ``bench/intake.lua``) vs raw insert,
  then every 201 checked against the cases in the database;
- authenticated GETs (task list page, case page) through the gateway vs gateway hello world,
  and the gateway's overhead over direct;
- the ledger list with filters at 10k tasks, single client.

Load comes from ``wrk`` with 64 connections; EXPLAIN plans go to ``docs/perf/``."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import asyncpg
import httpx
from reform_common.demo import unit_uuid

from bench.harness import BenchContext, Figure

SUITE = "http"
CONNECTIONS = 64
THREADS = 2
ORDERS_PATH = "/api/feedback/v1/integrations/12345/orders"
HOTLINE_KEY, HOTLINE_SECRET = "demo-12345", "demo-12345-secret"
TASK_LIST = "/api/tasks/v1/tasks?page=1&page_size=20"  # the SPA's ledger page with its defaults
SHANGHAI = timezone(timedelta(hours=8))


def _dsn(sqlalchemy_url: str) -> str:
    return sqlalchemy_url.replace("postgresql+asyncpg://", "postgresql://", 1)


@contextlib.contextmanager
def _env(**values: str) -> Iterator[None]:
    """Environment for the processes started inside (wrk's Lua reads its files' paths from it)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _query(dsn: str, sql: str, *args):
    async def go():
        conn = await asyncpg.connect(dsn)
        try:
            return await conn.fetch(sql, *args)
        finally:
            await conn.close()
    return asyncio.run(go())


# ---- signed 12345 orders -------------------------------------------------------------------------

TYPES = ["投诉", "求助", "咨询", "建议", "举报"]
DISTRICTS = ["西湖区", "上城区", "拱墅区", "滨江区", "萧山区", "余杭区", "330106", "330110"]
CATEGORIES = ["用电报装", "工程建设项目审批", "企业开办", "税费服务", None, "不在目录里的分类"]


def write_orders(path: Path, prefix: str, count: int) -> None:
    """``count`` distinct orders, signed now (valid for 300 s): one line per order for intake.lua."""
    now = datetime.now(SHANGHAI).replace(microsecond=0)
    ts = str(int(time.time()))
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            order = {
                "order_no": f"{prefix}{i:07d}",
                "received_at": (now - timedelta(minutes=i % 600)).isoformat(),
                "type": TYPES[i % len(TYPES)],
                "title": f"压测工单 {i}：企业反映办理时限过长",
                "content": f"企业第 {i} 次反映：新厂房用电报装已提交多个工作日仍未完成外线接入，影响投产，请尽快协调。",
                "caller_name": "王先生",
                "caller_phone": f"138{i % 100000000:08d}",
                "enterprise_name": f"杭州压测科技有限公司{i % 5000}",
                "district": DISTRICTS[i % len(DISTRICTS)],
                "address": f"文三路 {i % 900 + 1} 号",
                "category": CATEGORIES[i % len(CATEGORIES)],
            }
            body = json.dumps(order, ensure_ascii=False, separators=(",", ":")).encode()
            signature = hmac.new(HOTLINE_SECRET.encode(), f"{ts}\n".encode() + body, hashlib.sha256).hexdigest()
            out.write(f"{ts}\t{signature}\t{body.decode()}\n")


def post_orders(url: str, work: Path, prefix: str, count: int, duration: int):
    """wrk through intake.lua: (WrkResult, {status: count})."""
    from bench.loadgen import wrk

    orders, counts = work / f"{prefix}orders.tsv", work / f"{prefix}counts.txt"
    write_orders(orders, prefix, count)
    env = {"BENCH_INTAKE_FILE": str(orders), "BENCH_INTAKE_COUNTS": str(counts),
           "BENCH_THREADS": str(THREADS), "BENCH_HOTLINE_KEY": HOTLINE_KEY}
    with _env(**env):
        result = wrk(url, connections=CONNECTIONS, duration=duration, threads=THREADS,
                     script=Path(__file__).resolve().parents[1] / "intake.lua")
    statuses: dict[int, int] = {}
    if counts.exists():
        for line in counts.read_text().split("\n"):
            if line.strip():
                status, n = line.split()
                statuses[int(status)] = int(n)
    orders.unlink(missing_ok=True)
    return result, statuses


@contextlib.contextmanager
def baseline_app(dsn: str, log: Path) -> Iterator[str]:
    """bench/baseline_app.py under uvicorn with the services' options (devstack.Stack.start_service)."""
    port = _free_port()
    env = {**os.environ, "BENCH_RAW_DSN": dsn}
    with log.open("ab") as output:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "bench.baseline_app:create_app", "--host", "127.0.0.1",
             "--port", str(port), "--no-access-log", "--log-level", "warning"],
            env=env, stdout=output, stderr=output, cwd=Path(__file__).resolve().parents[2],
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"基线应用未能启动，见 {log}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        _query(dsn, "DROP TABLE IF EXISTS bench_raw_insert")


# ---- EXPLAIN ---------------------------------------------------------------------------------------

def explain(dsn: str, statements: list[tuple[str, str, tuple]], out: Path) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of each (title, sql, args), rolled back, into ``out``."""
    async def go() -> str:
        conn = await asyncpg.connect(dsn)
        parts = []
        try:
            for title, sql, args in statements:
                tr = conn.transaction()
                await tr.start()
                try:
                    rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *args)
                finally:
                    await tr.rollback()
                parts.append(f"-- {title}\n{sql}\n\n" + "\n".join(r[0] for r in rows))
        finally:
            await conn.close()
        return "\n\n".join(parts) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(explain_header() + asyncio.run(go()), encoding="utf-8")


def explain_header() -> str:
    return f"-- EXPLAIN (ANALYZE, BUFFERS), bench/suites/http.py, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n"


def ledger_sql(tasks_url: str) -> list[tuple[str, str, tuple]]:
    """The ledger list's queries as the office runs them today (no filter; lead unit + status)."""
    from reform_common.auth import Principal
    from reform_common.workdays import today_shanghai
    from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
    from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
    from tasks_api.ledger import repository, rules
    from tasks_api.ledger.service import PLAN_WARNING_DAYS
    from tasks_api.ledger.repository import TaskFilters
    from tasks_api.workcal.repository import load_calendar

    async def horizons() -> dict[int, object]:
        engine = create_async_engine(tasks_url)
        try:
            async with AsyncSession(engine) as session:
                calendar = await load_calendar(session)
                # as the service passes them: every warning_days a plan may have
                return rules.warning_horizons(today_shanghai(), calendar, PLAN_WARNING_DAYS[-1])
        finally:
            await engine.dispose()

    office = Principal(subject="office", username="office", display_name="office",
                       roles=frozenset({"reform_office"}))
    until = asyncio.run(horizons())
    out = []
    for title, filters in (("ledger list, no filter (office)", TaskFilters()),
                           ("ledger list, lead unit + status (office)",
                            TaskFilters(lead_unit_id=unit_uuid("fgw"), status="in_progress"))):
        for name, stmt in (("counts and page", repository.list_statement(office, filters, today_shanghai(), until)),
                           ("counts and page, warning=red sorted by deadline", repository.list_statement(
                               office, filters, today_shanghai(), until, "red", "deadline"))):
            # Bound as the service binds them ($n, typed by asyncpg), not inlined: dates stay dates.
            compiled = stmt.compile(dialect=asyncpg_dialect())
            args = tuple(compiled.params[key] for key in compiled.positiontup)
            out.append((f"{title}: {name} (parameters {[str(a) for a in args]})", compiled.string, args))
    return out


def intake_sql() -> list[tuple[str, str, tuple]]:
    """The reads of 12345 intake that grow with the table (lookups by order, tracking code, repeats)."""
    from feedback_api.repeats.detect import _candidates
    from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect

    # The repeat check's statement as the service runs it (its SQL as the driver gets it, the name key's
    # translate() constants written in: the index's expression), for an enterprise with no earlier case.
    now = datetime.now(UTC)
    sql, names, _, own = _candidates(True, True, True).compiled(asyncpg_dialect())
    values = {**own, "credit_code": "91330106MA2CFXX77M", "name_key": "no-such-enterprise", "phone_index": "x",
              "since": now - timedelta(days=30), "until": now, "category": "other"}
    return [
        ("by external id (idempotency)",
         "SELECT id FROM cases WHERE channel = 'hotline_12345' AND external_id = 'NO-SUCH-ORDER'", ()),
        ("tracking code exists", "SELECT count(*) FROM cases WHERE tracking_code = 'ABCDEFGHJKLM'", ()),
        ("repeat candidates (repeats/detect.find_earlier: the enterprise's cases first, then the window)",
         sql, tuple(values[name] for name in names)),
    ]


# ---- the run ---------------------------------------------------------------------------------------

def _fig(name: str, value: float, unit: str, target: str, met: bool | None, baseline=None, base_value=None,
         ratio=None, note: str = "") -> Figure:
    return Figure(SUITE, name, round(value, 2), unit, target, met, baseline, base_value,
                  None if ratio is None else round(ratio, 3), note)


def _wrk_note(r) -> str:
    return (f"p50 {r.p50_ms:.1f} ms, p99 {r.p99_ms:.1f} ms, {r.requests} requests, {r.errors} errors, "
            f"{r.non_2xx} non-2xx")


def run(ctx: BenchContext) -> list[Figure]:
    from bench.data import ensure_dataset
    from bench.loadgen import latency, latency_pair, wrk
    from bench.stack import running_stack

    ensure_dataset(ctx)
    duration = 10 if ctx.scale == "full" else 5
    work = ctx.work_dir / "http"
    work.mkdir(parents=True, exist_ok=True)
    docs = ctx.repo_root / "docs" / "perf"
    figures: list[Figure] = []
    # Enough for every request of the run to carry its own order (a 2-core box does well under 2k/s).
    orders_needed = 2000 * duration
    # The 12345 system is one address: its per-address limit (600/min) would turn the run into 429s.
    with running_stack(ctx, extra_env={"HOTLINE_RATE_LIMIT_PER_MINUTE": str(10**8)}) as stack:
        tasks_direct, feedback_direct = stack.direct("tasks_api"), stack.direct("feedback_api")
        feedback_dsn, tasks_dsn = _dsn(stack.database_url("feedback_api")), _dsn(stack.database_url("tasks_api"))

        # Baselines: hello world on the same stack.
        hello_direct = wrk(tasks_direct + "/api/tasks/healthz", connections=CONNECTIONS, duration=duration)
        hello_gw = wrk(stack.gateway + "/api/tasks/healthz", connections=CONNECTIONS, duration=duration)
        figures.append(_fig("hello world direct (GET /api/tasks/healthz)", hello_direct.requests_per_s, "req/s",
                            "baseline", None, note=_wrk_note(hello_direct)))
        figures.append(_fig("hello world through the gateway", hello_gw.requests_per_s, "req/s",
                            "baseline", None, note=_wrk_note(hello_gw)))

        # Baseline: raw asyncpg insert, then the real intake.
        with baseline_app(feedback_dsn, work / "baseline_app.log") as raw_url:
            raw, _ = post_orders(raw_url + "/", work, f"RAW{int(time.time())}-", orders_needed, duration)
        figures.append(_fig("raw asyncpg INSERT (one transaction per request)", raw.requests_per_s, "req/s",
                            "baseline", None, note=_wrk_note(raw)))
        prefix = f"BENCH{int(time.time())}-"
        intake, statuses = post_orders(stack.gateway + ORDERS_PATH, work, prefix, orders_needed, duration)
        created = statuses.get(201, 0)
        in_db, seen = None, None
        for _ in range(30):  # until the requests still in flight when wrk stopped have committed
            in_db = _query(feedback_dsn, "SELECT count(*) AS n, count(DISTINCT external_id) AS d FROM cases "
                           "WHERE channel = 'hotline_12345' AND external_id LIKE $1", prefix + "%")[0]
            if in_db["n"] == seen:
                break
            seen = in_db["n"]
            time.sleep(1)
        # wrk stops counting with up to one request per connection still in flight; the service
        # finishes those, so the database may hold up to CONNECTIONS more cases than the 201s seen.
        exact = in_db["d"] == in_db["n"] and created <= in_db["n"] <= created + CONNECTIONS
        ratio = intake.requests_per_s / raw.requests_per_s if raw.requests_per_s else 0.0
        clean = intake.errors == 0 and intake.non_2xx == 0 and exact
        figures.append(_fig(
            "12345 order intake through the gateway", intake.requests_per_s, "req/s",
            "≥ 0.5 × raw insert req/s, p99 ≤ 150 ms, zero errors",
            ratio >= 0.5 and intake.p99_ms <= 150 and clean,
            "raw asyncpg INSERT (one transaction per request)", round(raw.requests_per_s, 2), ratio,
            _wrk_note(intake) + f"; statuses {dict(sorted(statuses.items()))}; cases in the database for the run's "
            f"orders {in_db['n']}, one per order ("
            + ("every 201 has its case; the rest were in flight when wrk stopped" if exact
               else "MISMATCH with the 201s") + ")",
        ))

        # Authenticated GETs through the gateway, and the same GETs direct.
        token = stack.token("office")
        auth = {"Authorization": f"Bearer {token}"}
        # A generated case with a timeline (not one this run just pushed).
        case_no = _query(feedback_dsn, "SELECT case_no FROM cases WHERE case_no LIKE 'FK%' AND status = 'closed' "
                         "AND channel <> 'hotline_12345' ORDER BY received_at DESC LIMIT 1")[0]["case_no"]
        for label, path, direct in (("task list page (20 of all tasks, office)", TASK_LIST, tasks_direct),
                                    ("case page (GET /cases/{case_no}, office)",
                                     f"/api/feedback/v1/cases/{case_no}", feedback_direct)):
            via_gw = wrk(stack.gateway + path, connections=CONNECTIONS, duration=duration, headers=auth)
            figures.append(_fig(
                f"{label} through the gateway", via_gw.requests_per_s, "req/s", "≥ 0.35 × gateway hello world",
                via_gw.requests_per_s >= 0.35 * hello_gw.requests_per_s and via_gw.errors == 0
                and via_gw.non_2xx == 0,
                "hello world through the gateway", round(hello_gw.requests_per_s, 2),
                via_gw.requests_per_s / hello_gw.requests_per_s if hello_gw.requests_per_s else 0.0,
                _wrk_note(via_gw)))
            # Overhead: one client, the same GET both ways, interleaved so both see the same machine.
            with httpx.Client(headers=auth, timeout=30) as client:
                gw_lat, direct_lat = latency_pair(lambda p=path: client.get(stack.gateway + p).raise_for_status(),
                                                  lambda p=path, d=direct: client.get(d + p).raise_for_status())
            overhead = gw_lat.p50_ms - direct_lat.p50_ms
            figures.append(_fig(f"{label}: gateway overhead (p50 through − p50 direct)", overhead, "ms",
                                "≤ 3 ms", overhead <= 3, f"{label} direct p50", round(direct_lat.p50_ms, 2), None,
                                f"p50 through {gw_lat.p50_ms:.1f} ms, direct {direct_lat.p50_ms:.1f} ms"))

        # The ledger with filters, one client, through the gateway (what a user waits for).
        year = _query(tasks_dsn, "SELECT p.year FROM tasks t JOIN plans p ON p.id = t.plan_id "
                      "GROUP BY p.year ORDER BY count(*) DESC LIMIT 1")[0]["year"]
        total_tasks = _query(tasks_dsn, "SELECT count(*) AS n FROM tasks")[0]["n"]
        calls = {
            "status=in_progress": "status=in_progress",
            "lead unit (市发改委)": f"lead_unit_id={unit_uuid('fgw')}",
            "warning=red": "warning=red",
            "keyword q=审批": "q=%E5%AE%A1%E6%89%B9",
            f"year={year}": f"year={year}",
            f"year={year} + warning=red + sort=deadline": f"year={year}&warning=red&sort=deadline",
        }
        # Each query twice: repeated (the page is kept per MVCC snapshot, so a re-read with no commit in between
        # is served from it), and as a first read (a different as_of on every request: nothing kept applies,
        # as after a commit).
        first_days = iter(datetime.now(UTC).date() - timedelta(days=i) for i in range(1, 100_000))
        with httpx.Client(headers=auth, timeout=30) as client:
            for label, query in calls.items():
                url = f"{stack.gateway}/api/tasks/v1/tasks?{query}&page=1&page_size=20"
                client.get(url).raise_for_status()
                lat = latency(lambda u=url: client.get(u).raise_for_status(), n=100, warmup=10)
                figures.append(_fig(f"ledger list {label}, through the gateway", lat.p50_ms, "ms", "p50 ≤ 25 ms",
                                    lat.p50_ms <= 25, note=f"{total_tasks} tasks; repeated read; p90 "
                                    f"{lat.p90_ms:.1f} ms, p99 {lat.p99_ms:.1f} ms (single client)"))
                first = latency(lambda u=url: client.get(f"{u}&as_of={next(first_days)}").raise_for_status(),
                                n=100, warmup=10)
                figures.append(_fig(f"ledger list {label}, first read, through the gateway", first.p50_ms, "ms",
                                    "p50 ≤ 25 ms", first.p50_ms <= 25,
                                    note=f"{total_tasks} tasks; a new as_of per request, nothing cached; p90 "
                                    f"{first.p90_ms:.1f} ms, p99 {first.p99_ms:.1f} ms (single client)"))

        explain(tasks_dsn, ledger_sql(stack.database_url("tasks_api")), docs / "explain-ledger-list.txt")
        explain(feedback_dsn, intake_sql(), docs / "explain-intake.txt")
    return figures

