"""Summarises a ``py-spy record --format raw`` file (one "frame;frame;… count" line per stack)
into the text kept in docs/perf/profile-*.txt: the hottest frames by own time, and the
platform's own functions (and the libraries they spend in) by inclusive time.

``python -m bench.pyspy_summary RAW TITLE > docs/perf/profile-<path>-<when>.txt``"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

OWN = ("gateway/", "tasks_api/", "feedback_api/", "indicators_api/", "reform_common/")


def summarise(raw: Path, title: str, top: int = 25) -> str:
    own_time: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        own_time[frames[-1]] += n
        for frame in set(frames):
            inclusive[frame] += n
    lines = [f"# {title}", f"# py-spy samples: {total} (on-CPU stacks only)", "", "## hottest frames (own time)"]
    lines += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in own_time.most_common(top)]
    lines += ["", "## the platform's functions (inclusive time)"]
    own = [(f, n) for f, n in inclusive.most_common() if any(p in f for p in OWN)]
    lines += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in own[:top]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(summarise(Path(sys.argv[1]), sys.argv[2]), end="")
