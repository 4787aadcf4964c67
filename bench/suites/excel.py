"""Excel import of 5,000 tasks through tasks-api's HTTP API: upload (parse + preview of every row) and commit,
timed together, against openpyxl's own bare read of the same file (``load_workbook(read_only=True)`` iterating every
row) in the same run, each the median of three. Target: ≤ 3 × the bare read.

The workbook is the import template (``ledger_excel.writer.write_template``) filled with the bench tasks' own
rows, read back from the ledger's export, without codes and moved to an empty plan year, so every row creates a
task. The import runs on a copy of the bench tasks database, so the data set stays as it was built.

The two requests go to tasks-api directly, not through the gateway: the gateway's proxy read timeout (30 s)
cuts a commit that takes longer on a loaded machine, and two proxied requests add nothing measurable."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import io
import statistics
import sys
import time
import warnings
from datetime import date

import asyncpg
import httpx
from openpyxl import load_workbook

from bench.data import connect
from bench.harness import BenchContext, Figure
from bench.stack import running_stack

SUITE = "excel"
TASKS = 5_000
YEAR = 2035  # no plan has this year or the next few, so every row is a new task
COPY = "bench_excel_tasks"
TARGET_RATIO = 3.0
BASELINE_RUNS = 3
IMPORT_RUNS = 3  # each into a year of its own (YEAR, YEAR + 1, …): the same work every time
COPY_ATTEMPTS = 36  # 5 s apart: up to 3 minutes


def _tasks_api():
    sys.path.insert(0, "services/tasks-api/src")
    from tasks_api.ledger_excel import parser, writer
    return parser, writer


async def _copy_database(ctx: BenchContext) -> None:
    conn = await connect(ctx.server_url, "postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{COPY}"')
        # A template must have no other session: wait while another suite's stack still holds the
        # bench tasks database (as --only runs in parallel do), instead of failing the suite.
        for attempt in range(COPY_ATTEMPTS):
            try:
                await conn.execute(f'CREATE DATABASE "{COPY}" TEMPLATE "{ctx.databases["tasks_api"]}"')
                return
            except asyncpg.ObjectInUseError:
                if attempt == COPY_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(5)
    finally:
        await conn.close()


async def _drop_copy(ctx: BenchContext) -> None:
    conn = await connect(ctx.server_url, "postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{COPY}"')
    finally:
        await conn.close()


async def _busiest_year(ctx: BenchContext) -> int:
    conn = await connect(ctx.server_url, ctx.databases["tasks_api"])
    try:
        return await conn.fetchval("SELECT p.year FROM tasks t JOIN plans p ON p.id = t.plan_id"
                                   " GROUP BY p.year ORDER BY count(*) DESC, p.year DESC LIMIT 1")
    finally:
        await conn.close()


def _moved(day: date | None, year: int) -> date | None:
    if day is None:
        return None
    return day.replace(year=year, day=min(day.day, 28) if day.month == 2 else day.day)


def _workbook(export: bytes, source_year: int, year: int = YEAR) -> bytes:
    """5,000 template rows from the exported tasks: no code, no sequence number, in plan year ``year``."""
    parser, writer = _tasks_api()
    parsed = [p.row for p in parser.parse_workbook(export, source_year).rows if p.row is not None]
    rows = []
    for i in range(TASKS):
        row = parsed[i % len(parsed)]
        rows.append(dataclasses.replace(
            row, code=None, seq=None, title=f"{row.title}（{i + 1}）" if i >= len(parsed) else row.title,
            deadline=_moved(row.deadline, year),
            milestones=[dataclasses.replace(m, due_date=_moved(m.due_date, year)) for m in row.milestones]))
    return writer.write_template(rows, year, f"{year}年营商环境优化提升重点任务清单（基准）")


def _bare_read(data: bytes) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    cells = sum(len(row) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True))
    workbook.close()
    return cells


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run(ctx: BenchContext) -> list[Figure]:
    source_year = asyncio.run(_busiest_year(ctx))
    asyncio.run(_copy_database(ctx))
    try:
        with running_stack(ctx, tasks_api=COPY) as stack:
            headers = {"Authorization": f"Bearer {stack.token('office')}"}
            with httpx.Client(base_url=stack.direct("tasks_api"), headers=headers, timeout=600) as client:
                resp = client.get("/api/tasks/v1/tasks/export.xlsx", params={"year": source_year})
                resp.raise_for_status()
                workbooks = [(YEAR + i, _workbook(resp.content, source_year, YEAR + i)) for i in range(IMPORT_RUNS)]
                data = workbooks[0][1]
                baseline = statistics.median(_timed(lambda: _bare_read(data))[1] for _ in range(BASELINE_RUNS))

                def upload(year: int, workbook: bytes):
                    files = {"file": ("任务清单.xlsx", workbook, "application/octet-stream")}
                    resp = client.post("/api/tasks/v1/imports", files=files, data={"year": str(year)})
                    resp.raise_for_status()
                    return resp.json()

                def commit(preview):
                    resp = client.post(f"/api/tasks/v1/imports/{preview['id']}/commit")
                    resp.raise_for_status()
                    return resp.json()

                runs = []  # (total, preview s, commit s, preview, committed)
                for year, workbook in workbooks:
                    preview, preview_s = _timed(functools.partial(upload, year, workbook))
                    committed, commit_s = _timed(functools.partial(commit, preview))
                    runs.append((preview_s + commit_s, preview_s, commit_s, preview, committed))
    finally:
        asyncio.run(_drop_copy(ctx))
    total, preview_s, commit_s, preview, committed = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
    size = f"{len(data) / 1024 / 1024:.1f} MB, {TASKS:,} tasks from the {source_year} export"
    baseline_name = "Excel baseline: openpyxl read_only read of the workbook"
    return [
        Figure(SUITE, baseline_name, round(baseline, 2), "s", "baseline", None,
               note=f"{size}; median of {BASELINE_RUNS}"),
        Figure(SUITE, "Excel import of 5,000 tasks through tasks-api (preview + commit)", round(total, 2), "s",
               f"≤ {TARGET_RATIO:g} × baseline", total <= TARGET_RATIO * baseline
               and all(run[4]["created"] == TASKS for run in runs),
               baseline=baseline_name, baseline_value=round(baseline, 2), ratio=round(total / baseline, 2),
               note=f"median of {IMPORT_RUNS} imports (totals {', '.join(f'{run[0]:.2f}' for run in runs)} s); "
                    f"the median's preview {preview_s:.2f} s ({preview['summary']['create']:,} to create, "
                    f"{preview['summary']['invalid']} invalid), commit {commit_s:.2f} s "
                    f"({committed['created']:,} created)"),
    ]
