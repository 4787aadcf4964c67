"""What every benchmark shares: the figure it reports and the context it runs in.

A suite is a module under ``bench/suites`` with ``run(ctx: BenchContext) -> list[Figure]``.
Every figure is compared with a baseline measured in the same run (these 2-core
machines are noisy), or with an absolute target where the issue sets one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Figure:
    suite: str
    name: str                        # what was measured, in words a reader understands
    value: float
    unit: str                        # "req/s", "ms", "s", "KB"
    target: str                      # the target in words, e.g. "≥ 0.5 × baseline req/s, p99 ≤ 150 ms"
    met: bool | None                 # None: informational (a baseline itself)
    baseline: str | None = None      # the baseline's name (another figure's name in this run)
    baseline_value: float | None = None
    ratio: float | None = None       # value ÷ baseline_value, as the target is stated
    note: str = ""                   # what a reader needs: errors, p99, data set size, why a target was missed


@dataclass
class BenchContext:
    repo_root: Path
    work_dir: Path                   # var/bench: generated data, logs, profiles
    scale: str                       # "full" (10M cases, 10k tasks) or "small" (a quick check of the harness)
    server_url: str                  # PostgreSQL server URL (embedded unless DATABASE_URL is set)
    databases: dict[str, str]        # service package → bench database name
    extra: dict[str, Any] = field(default_factory=dict)
