"""`make run` on existing data: seconds from starting ``python -m reform_common.devstack`` (embedded PostgreSQL,
as on a user's machine, its own var dir under var/bench) to its ``READY`` line.

A warm-up start first (it loads the demo data if the var dir is new, or re-seeds after a code change), then
``RUNS`` timed starts on the data it left; the figure is their median. The target is absolute (≤ 15 s); the
baseline, measured in the same run, is the floor any start pays: the embedded PostgreSQL alone plus one bare
uvicorn app answering its first request (the platform starts four FastAPI apps, so the ratio is informative)."""

from __future__ import annotations

import os
import resource
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.harness import BenchContext, Figure

SUITE = "startup"
RUNS = 3
TARGET_S = 15.0
START_TIMEOUT_S = 300


async def hello_app(scope, receive, send) -> None:
    """The baseline's bare ASGI app."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})


def _env() -> dict[str, str]:
    # The embedded server is what `make run` uses on a user's machine: never a DATABASE_URL from outside.
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _devstack_until_ready(ctx: BenchContext, var_dir: Path, port: int) -> tuple[float, float, list[str]]:
    """Seconds to READY, CPU seconds of the whole start/stop cycle (devstack and the processes it waited for; a
    figure other load on the machine hardly moves), and the output up to READY."""
    cpu_before = _children_cpu()
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "reform_common.devstack", "--var-dir", str(var_dir), "--port", str(port)],
        cwd=ctx.repo_root, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    elapsed = None
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip())
            if line.startswith("READY "):
                elapsed = time.monotonic() - started
                break
            if time.monotonic() - started > START_TIMEOUT_S:
                break
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    if elapsed is None:
        raise RuntimeError("devstack did not reach READY:\n" + "\n".join(lines[-30:]))
    return elapsed, _children_cpu() - cpu_before, lines


def _baseline(ctx: BenchContext, pg_dir: Path, port: int) -> float:
    """Embedded PostgreSQL start (its data dir already initialised) + a bare uvicorn app's first answer."""
    import httpx
    from reform_common.pg import start_embedded, stop_embedded

    started = time.monotonic()
    start_embedded(pg_dir, cleanup_mode=None)
    pg_s = time.monotonic() - started
    stop_embedded(pg_dir)
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench.suites.startup:hello_app", "--host", "127.0.0.1",
         "--port", str(port), "--no-access-log", "--log-level", "warning"],
        cwd=ctx.repo_root, env=_env(),
    )
    try:
        with httpx.Client(timeout=2.0) as client:
            while True:
                try:
                    if client.get(f"http://127.0.0.1:{port}/").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.monotonic() - started > 60:
                    raise RuntimeError("the bare uvicorn app did not answer")
                time.sleep(0.02)
        return pg_s + time.monotonic() - started
    finally:
        proc.terminate()
        proc.wait(10)


def run(ctx: BenchContext) -> list[Figure]:
    from reform_common.testing import free_port_block

    var_dir = ctx.work_dir / "startup"
    port = free_port_block(4)
    warmup_s, _, warmup_lines = _devstack_until_ready(ctx, var_dir, port)
    seeded = any(line.startswith("演示") and "跳过" not in line for line in warmup_lines)
    timed, cpu = [], []
    for _ in range(RUNS):
        seconds, cpu_s, lines = _devstack_until_ready(ctx, var_dir, port)
        timed.append(seconds)
        cpu.append(cpu_s)
    skipped = next((line.partition(": ")[2] for line in lines if "跳过" in line), "none")
    baseline_s = _baseline(ctx, var_dir / "pg", port)
    value = statistics.median(timed)
    base_name = "embedded PostgreSQL start + bare uvicorn app first answer"
    return [
        Figure(suite=SUITE, name=base_name, value=round(baseline_s, 2), unit="s", target="baseline", met=None),
        Figure(suite=SUITE, name="make run on existing data → READY (devstack, embedded PostgreSQL)",
               value=round(value, 2), unit="s", target=f"≤ {TARGET_S:.0f} s (absolute)", met=value <= TARGET_S,
               baseline=base_name, baseline_value=round(baseline_s, 2), ratio=round(value / baseline_s, 2),
               note=(f"median of {RUNS} starts {[round(t, 1) for t in timed]} s; CPU per start/stop "
                     f"{statistics.median(cpu):.1f} s; demo seeding "
                     f"skipped for {skipped} (var/demo-loaded.json); warm-up start {warmup_s:.1f} s"
                     f"{' (loaded demo data)' if seeded else ''}")),
    ]
