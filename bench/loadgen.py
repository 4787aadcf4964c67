"""Load generation: Debian's ``wrk`` for throughput under 64 connections, and a
single-client timer for latencies of one call.

Both report percentiles, never a pass/fail: suites compare them with a
baseline measured in the same run."""

from __future__ import annotations

import asyncio
import inspect
import re
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class WrkResult:
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors: connect + read + write + timeout
    non_2xx: int
    output: str = field(default="", repr=False)  # wrk's own report, for a note or a log


@dataclass
class Latency:
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _duration_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"unreadable wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """Reads ``wrk --latency`` output."""
    percentiles: dict[str, float] = {}
    for pct, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE):
        percentiles[pct] = _duration_ms(value)
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    if not rps or not total or not {"50", "90", "99"} <= percentiles.keys():
        raise RuntimeError(f"wrk 输出无法解析:\n{output}")
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        requests_per_s=float(rps.group(1)),
        p50_ms=percentiles["50"],
        p90_ms=percentiles["90"],
        p99_ms=percentiles["99"],
        requests=int(total.group(1)),
        errors=sum(int(n) for n in socket.groups()) if socket else 0,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        output=output,
    )


def wrk(
    url: str,
    *,
    connections: int = 64,
    duration: int = 10,
    threads: int = 2,
    script: Path | None = None,
    headers: dict[str, str] | None = None,
    timeout: int = 10,
) -> WrkResult:
    """Runs ``wrk --latency`` against ``url``; a Lua ``script`` may set method, body and headers per request.

    ``timeout`` is wrk's per-request socket timeout: its default (2 s) would count
    slow answers under load as errors rather than as latency."""
    binary = shutil.which("wrk")
    if binary is None:
        raise RuntimeError("未安装 wrk：apt-get install wrk（make bench 会自动安装）")
    cmd = [binary, "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s",
           "--timeout", f"{timeout}s"]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    if script is not None:
        cmd += ["-s", str(script)]
    cmd.append(url)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + timeout + 30, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk 失败（退出码 {proc.returncode}）: {proc.stderr or proc.stdout}")
    return parse_wrk(proc.stdout)


def _percentile(sorted_ms: list[float], pct: float) -> float:
    # Nearest rank: with a few hundred samples interpolation adds nothing.
    index = max(0, min(len(sorted_ms) - 1, round(pct / 100 * len(sorted_ms)) - 1))
    return sorted_ms[index]


def latency(fn: Callable[[], Any], n: int = 200, warmup: int = 20) -> Latency:
    """Times ``n`` sequential calls of ``fn`` (a plain or an ``async`` callable) after ``warmup`` untimed ones."""
    if inspect.iscoroutinefunction(fn):
        return asyncio.run(_latency_async(fn, n, warmup))
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return _summarise(samples)


def latency_pair(a: Callable[[], Any], b: Callable[[], Any], n: int = 200,
                 warmup: int = 20) -> tuple[Latency, Latency]:
    """Times ``n`` calls each of ``a`` and ``b``, alternating, so both see the same machine (a burst of
    work left over from an earlier load, another process) rather than one of them all of it."""
    for _ in range(warmup):
        a()
        b()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(n):
        for fn, timed in ((a, samples[0]), (b, samples[1])):
            start = time.perf_counter()
            fn()
            timed.append((time.perf_counter() - start) * 1000)
    return _summarise(samples[0]), _summarise(samples[1])


async def _latency_async(fn: Callable[[], Any], n: int, warmup: int) -> Latency:
    for _ in range(warmup):
        await fn()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - start) * 1000)
    return _summarise(samples)


def _summarise(samples: list[float]) -> Latency:
    ordered = sorted(samples)
    return Latency(
        p50_ms=_percentile(ordered, 50),
        p90_ms=_percentile(ordered, 90),
        p99_ms=_percentile(ordered, 99),
        mean_ms=statistics.fmean(ordered),
    )
