"""What every generator shares: COPY text encoding, fast timestamps and skewed picks.

Rows are built as COPY text lines (tab-separated, ``\\N`` for NULL) because at
10M cases the generator, not PostgreSQL, is the bottleneck: formatting a
datetime per value would cost more than the rest of the row."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from datetime import date, timedelta

NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

# Every generated instant is a whole minute counted from this local (Asia/Shanghai) midnight.
EPOCH = date(2021, 1, 1)
_LAST_DAY = date(2028, 12, 31)
_DAYS = [(EPOCH + timedelta(days=i)) for i in range((_LAST_DAY - EPOCH).days + 1)]
_DAY_TEXT = [d.isoformat() for d in _DAYS]
_DAY_COMPACT = [d.strftime("%Y%m%d") for d in _DAYS]
_HM = [f"{h:02d}:{m:02d}:00+08" for h in range(24) for m in range(60)]
_HM_ISO = [f"{h:02d}:{m:02d}:00+08:00" for h in range(24) for m in range(60)]
MINUTES_PER_DAY = 1440


def text(value: str) -> str:
    """A free-text value escaped for COPY text format."""
    return value.translate(_ESCAPES)


def copy_safe(value: str) -> bool:
    """Whether ``value`` needs no escaping (generated wording is checked once, not per row)."""
    return not any(c in value for c in "\\\t\n\r")


def line(values: Sequence[str]) -> str:
    return "\t".join(values) + "\n"


def minute_of(day: date, hour: int = 0, minute: int = 0) -> int:
    return (day - EPOCH).days * MINUTES_PER_DAY + hour * 60 + minute


def ts(minute: int) -> str:
    """timestamptz literal of a generated minute."""
    return f"{_DAY_TEXT[minute // MINUTES_PER_DAY]} {_HM[minute % MINUTES_PER_DAY]}"


def ts_iso(minute: int) -> str:
    """The same instant as ``datetime.isoformat()`` writes it into JSON details."""
    return f"{_DAY_TEXT[minute // MINUTES_PER_DAY]}T{_HM_ISO[minute % MINUTES_PER_DAY]}"


def day_text(day_index: int) -> str:
    return _DAY_TEXT[day_index]


def day_compact(minute: int) -> str:
    """YYYYMMDD of a generated minute (case numbers)."""
    return _DAY_COMPACT[minute // MINUTES_PER_DAY]


def day_of(minute: int) -> date:
    return _DAYS[minute // MINUTES_PER_DAY]


def day_index(day: date) -> int:
    return (day - EPOCH).days


class Weighted:
    """Picks from ``items`` by weight with one ``random()`` call and a bisect."""

    def __init__(self, items: Sequence, weights: Sequence[float]) -> None:
        self.items = list(items)
        total = float(sum(weights))
        self.cumulative = [c / total for c in itertools.accumulate(weights)]
        self.cumulative[-1] = 1.0

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cumulative, rng.random())]


def zipf(items: Sequence, rng: random.Random, exponent: float = 1.0, shuffle: bool = True) -> Weighted:
    """Zipf-like skew: the k-th item (in a seeded shuffled order) weighs 1/k^exponent."""
    ordered = list(items)
    if shuffle:
        rng.shuffle(ordered)
    return Weighted(ordered, [1 / (k ** exponent) for k in range(1, len(ordered) + 1)])


def ordered_uuid(kind: int, index: int, rng: random.Random) -> str:
    """A deterministic id that sorts in generation order (so index inserts append),
    random in its low bits like any uuid4."""
    h = f"{(kind << 120) | (index << 72) | rng.getrandbits(72):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
