"""``python -m bench.run [--scale full|small] [--only http,aggregates] [--skip-data]``:
every benchmark suite, then the table in docs/performance.md.

The data sets are built once (bench/data.py) on the embedded PostgreSQL in
var/bench/pg, or on the server ``DATABASE_URL`` names. A suite that fails or
is missing becomes a row saying so; the others still run."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import math
import os
import platform
import re
import sys
import time
import traceback
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from reform_common.pg import start_embedded, stop_embedded

from bench import data
from bench.harness import BenchContext, Figure

SUITES = ["http", "aggregates", "excel", "clusters", "spa", "startup"]
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
DOC_HEADER = """# Performance at city scale

`make bench` runs every benchmark (bench/README.md) and rewrites the table below. Every figure is
compared with a baseline measured in the same run; nothing here is a timed assertion in the tests.

## Latest run

"""


def run_suite(name: str, ctx: BenchContext) -> list[Figure]:
    try:
        module = importlib.import_module(f"bench.suites.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"bench.suites.{name}":
            raise
        return [Figure(suite=name, name="(suite)", value=float("nan"), unit="", target="", met=None,
                       note="not built")]
    started = time.monotonic()
    try:
        figures = list(module.run(ctx))
    except Exception as exc:  # one broken suite must not hide the others' figures
        traceback.print_exc()
        # First and last line: the error, and what it ended on (a child's traceback ends with the cause).
        lines = str(exc).strip().splitlines() or [""]
        message = lines[0] + (f" … {lines[-1].strip()}" if len(lines) > 1 else "")
        return [Figure(suite=name, name="(suite)", value=float("nan"), unit="", target="", met=False,
                       note=f"failed after {time.monotonic() - started:.0f} s: {type(exc).__name__}: {message}"[:300])]
    return figures


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _ram_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def machine(server_url: str) -> dict[str, str]:
    async def pg_version() -> str:
        conn = await asyncpg.connect(**data.connect_params(server_url, "postgres"))
        try:
            return await conn.fetchval("SHOW server_version")
        finally:
            await conn.close()

    return {
        "cores": str(os.cpu_count()),
        "ram": f"{_ram_gb():.0f} GB",
        "cpu": _cpu_model(),
        "postgresql": asyncio.run(pg_version()).split()[0],
        "python": platform.python_version(),
    }


def _number(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(figures: list[Figure], meta: dict) -> str:
    m = meta["machine"]
    sizes = ", ".join(f"{k}: {v}" for k, v in meta["dataset"].items())
    lines = [
        f"Run {meta['date']} · scale **{meta['scale']}** · {m['cores']} cores, {m['ram']} RAM, {m['cpu']} · "
        f"PostgreSQL {m['postgresql']} · Python {m['python']}",
        "",
        f"Data sets: {sizes}.",
        "",
        "| suite | figure | value | baseline | ratio | target | met | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        value = f"{_number(f.value)} {f.unit}".strip()
        baseline = f"{f.baseline} = {_number(f.baseline_value)}" if f.baseline else "—"
        met = {True: "✅", False: "❌", None: "—"}[f.met]
        lines.append(f"| {_cell(f.suite)} | {_cell(f.name)} | {value} | {_cell(baseline)} | {_number(f.ratio)} | "
                     f"{_cell(f.target) or '—'} | {met} | {_cell(f.note)} |")
    return "\n".join(lines)


def write_doc(path: Path, body: str) -> None:
    current = path.read_text() if path.exists() else DOC_HEADER + f"{BEGIN}\n{END}\n"
    if BEGIN not in current or END not in current:
        current = current.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n"
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)
    path.write_text(pattern.sub(lambda _: f"{BEGIN}\n{body}\n{END}", current, count=1))


def dataset_sizes(scale: str) -> dict[str, str]:
    s = data.SIZES[scale]
    out = {"tasks": f"{s.tasks:,} (×10 milestones, monthly reports)", "cases": f"{s.cases:,}"}
    if s.cases_2m:
        out["cases (second database)"] = f"{s.cases_2m:,}"
    out["observations"] = "100 indicators × 30 regions × 20 periods"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description="运行性能基准并更新 docs/performance.md")
    parser.add_argument("--scale", choices=("full", "small"), default="full")
    parser.add_argument("--only", default="", help="逗号分隔的套件名（默认全部）：" + ",".join(SUITES))
    parser.add_argument("--skip-data", action="store_true", help="不检查/生成数据集（数据库须已存在）")
    parser.add_argument("--data-only", action="store_true", help="只生成数据集，不运行套件")
    args = parser.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SUITES)
    if unknown:
        parser.error(f"未知套件：{', '.join(sorted(unknown))}")

    repo_root = Path(__file__).resolve().parent.parent
    work_dir = repo_root / "var" / "bench"
    work_dir.mkdir(parents=True, exist_ok=True)
    (repo_root / "docs" / "perf").mkdir(parents=True, exist_ok=True)
    server_url = os.environ.get("DATABASE_URL")
    pg_dir = work_dir / "pg"
    # The embedded server is stopped at the end only if this run started it (another run may be using it).
    embedded = not server_url and not (pg_dir / "postmaster.pid").exists()
    if not server_url:
        server_url = start_embedded(pg_dir, cleanup_mode=None)
    ctx = BenchContext(repo_root=repo_root, work_dir=work_dir, scale=args.scale, server_url=server_url,
                       databases=data.database_names(args.scale))
    figures: list[Figure] = []
    try:
        if args.skip_data:
            if data.SIZES[args.scale].cases_2m:
                ctx.extra["feedback_2m"] = "bench_feedback_2m"
        else:
            started = time.monotonic()
            data.ensure_dataset(ctx)
            print(f"data sets ready in {time.monotonic() - started:.0f} s", flush=True)
            if args.data_only:
                return 0
        meta = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "scale": args.scale,
                "machine": machine(server_url), "dataset": dataset_sizes(args.scale)}
        for name in only or SUITES:
            print(f"== {name}", flush=True)
            for figure in run_suite(name, ctx):
                print(f"   {figure.name}: {_number(figure.value)} {figure.unit}"
                      f"{f' (ratio {_number(figure.ratio)})' if figure.ratio is not None else ''}"
                      f" {'' if figure.met is None else 'met' if figure.met else 'MISSED'} {figure.note}", flush=True)
                figures.append(figure)
    finally:
        if embedded:
            stop_embedded(pg_dir)
    results = work_dir / "results.json"
    if only and results.exists():
        # A partial run replaces its suites' rows and keeps the rest of the last run of that scale.
        previous = json.loads(results.read_text())
        if previous.get("scale") == args.scale:
            kept = [Figure(**f) for f in previous["figures"] if f["suite"] not in only]
            figures = sorted(kept + figures, key=lambda f: SUITES.index(f.suite) if f.suite in SUITES else 99)
    results.write_text(json.dumps({**meta, "figures": [asdict(f) for f in figures]}, ensure_ascii=False, indent=2,
                                  default=str))
    write_doc(repo_root / "docs" / "performance.md", table(figures, meta))
    print(f"wrote docs/performance.md and {results}", flush=True)
    # A missed target is a finding, reported in the table; only a suite that could not run fails the command.
    return 1 if any(f.name == "(suite)" and f.met is False for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
