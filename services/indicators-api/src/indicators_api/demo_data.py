"""SYNTHETIC demo observations. Every value here is made up (random.Random(2026)
and hand-written trajectories): none is a published score or rank of any city.

Shape, so the demo tells the story of the seeds: 杭州 improves a little every
year; in 2025 it is about fifth overall in the national evaluation (保五争四冲三
is in reach), first or second on its four advantage indicators and outside the
top ten on four others; it ranks first to fourth in the provincial league
table; its city indicators approach their targets, a few still short.

Only leaves are generated — composites are the service's to compute — and a
computed indicator gets no value for the served region, whose value the
service computes from another service's metrics: 省晾晒 SL-05 (一次性化解率)
has peer values only and 市指标 CS-ZH-01 none. Annual totals (减负金额,
技术交易总额…) are measured by year only, so they have no 2026-Q3 value."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from indicators_api.catalog import INDICATORS_BY_CODE, REGION_SETS, SERVED_REGION_DEFAULT, indicators_of

SOURCE = "示例数据（合成）"
METHOD = "synthetic"
NATIONAL_PERIODS = ("2023", "2024", "2025")
PROVINCIAL_PERIODS = ("2025", "2026-Q1", "2026-Q2", "2026-Q3")
CITY_PERIODS = ("2024", "2025", "2026-Q3")
HANGZHOU = SERVED_REGION_DEFAULT
# Peers' SL-05 stay below this in every period, so the rate the service computes for
# 杭州 from the demo feedback cases reaches the provincial top three from here on.
ONE_TIME_RESOLUTION_TOP_THREE = 90.0


@dataclass(frozen=True)
class ObservationSpec:
    indicator: str
    region: str
    period: str
    value: float
    source: str = SOURCE
    method: str = METHOD


# Persistent strength of each peer city over the framework's typical score, in points.
_NATIONAL_STRENGTH = {
    "310000": 4.5, "110000": 4.0, "440300": 3.6, "440100": 2.8, "320100": 1.6, "320500": 1.4,
    "330200": 0.6, "350200": 0.8, "510100": 0.2, "420100": 0.0, "370200": -0.2, "430100": -0.6,
    "500000": -1.2, "120000": -1.4, "610100": -1.6,
}  # fmt: skip
# 杭州's national rank per indicator in 2023, 2024, 2025: advantages on top, four weak spots.
_HANGZHOU_NATIONAL_RANKS = {
    "GP-01": (6, 5, 3), "GP-02": (3, 2, 1), "GP-03": (8, 7, 6), "GP-04": (2, 1, 1), "GP-05": (7, 6, 5),
    "GP-06": (5, 5, 4), "GP-07": (2, 2, 1), "GP-08": (6, 5, 5), "GP-09": (13, 12, 12), "GP-10": (12, 11, 11),
    "GP-11": (5, 5, 4), "GP-12": (14, 13, 12), "GP-13": (4, 5, 3), "GP-14": (9, 8, 7), "GP-15": (12, 12, 11),
    "GP-16": (3, 2, 2), "GP-17": (3, 3, 2), "GP-18": (6, 6, 4),
}  # fmt: skip
_BREADY_STRENGTH = _NATIONAL_STRENGTH | {"310000": 6.0, "330100": 3.0}
_ZHEJIANG_STRENGTH = {
    "330200": 2.4, "330400": 1.5, "330600": 1.2, "330500": 1.0, "330300": 0.5,
    "330700": 0.0, "331000": 0.0, "330800": -0.5, "331100": -0.6, "330900": -1.0,
}  # fmt: skip
# 杭州's provincial rank per indicator in 2025, 2026-Q1, Q2, Q3 (SL-05 is computed).
_HANGZHOU_PROVINCIAL_RANKS = {
    "SL-01": (2, 2, 1, 1),
    "SL-02": (1, 1, 1, 1),
    "SL-03": (2, 1, 1, 1),
    "SL-04": (4, 3, 3, 2),
}
# Typical provincial value, its cap, and the spread between cities.
_PROVINCIAL_LEVELS = {
    "SL-01": (84.0, 95.0, 2.0),
    "SL-02": (82.0, 95.0, 2.5),
    "SL-03": (93.0, 99.9, 1.2),
    "SL-04": (82.0, 95.0, 3.0),
    "SL-05": (86.0, 99.0, 1.2),
}
# 杭州's city indicators in 2024, 2025, 2026-Q3 (None: not measured that period).
_CITY_VALUES: dict[str, tuple[float | None, float | None, float | None]] = {
    "CS-ZW-01": (1.0, 0.6, 0.5), "CS-ZW-02": (38, 52, 63), "CS-ZW-03": (88.6, 92.4, 95.8),
    "CS-ZW-04": (20, 17, 15), "CS-ZW-05": (4.5, 3.6, 2.8), "CS-ZW-06": (38.5, 49.2, 57.6),
    "CS-ZW-07": (468, 523, None), "CS-ZW-08": (99.21, 99.46, 99.63),
    "CS-FZ-01": (94.8, 95.7, 96.3), "CS-FZ-02": (90.2, 93.6, 95.4), "CS-FZ-03": (5.2, 3.8, 2.9),
    "CS-FZ-04": (12.4, 18.7, 21.3), "CS-FZ-05": (33.6, 37.9, 41.2), "CS-FZ-06": (3, 5, None),
    "CS-FZ-07": (95.4, 97.6, 98.9),
    "CS-SC-01": (91.8, 92.9, 93.2), "CS-SC-02": (165.3, 173.8, 180.6), "CS-SC-03": (118, 131, 143),
    "CS-SC-04": (18, 26, 32), "CS-SC-05": (96.2, 97.8, 98.6), "CS-SC-06": (26.4, 31.7, 36.2),
    "CS-SC-07": (89.5, 93.1, 94.6),
    "CS-JJ-01": (86, 104, None), "CS-JJ-02": (1236, 1452, None), "CS-JJ-03": (92, 108, None),
    "CS-JJ-04": (95, 103, None), "CS-JJ-05": (3.0, 3.4, None), "CS-JJ-06": (712, 836, None),
    "CS-RW-01": (96, 128, 152), "CS-RW-02": (1, 1, None), "CS-RW-03": (86.4, 88.1, 89.3),
    "CS-RW-04": (31.2, 32.5, None), "CS-RW-05": (89.3, 90.6, 91.8), "CS-RW-06": (98.7, 99.2, 99.4),
}  # fmt: skip


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


class _Generator:
    def __init__(self) -> None:
        self.rng = random.Random(2026)
        self.rows: list[ObservationSpec] = []

    def add(self, indicator: str, region: str, period: str, value: float) -> None:
        decimals = INDICATORS_BY_CODE[indicator].decimals
        self.rows.append(ObservationSpec(indicator, region, period, round(value, decimals)))

    def placed(self, others: Iterable[float], rank: int, decimals: int) -> float:
        """A value that ranks ``rank`` (1 = best, higher is better) among ``others``: strictly
        between its neighbours once rounded, so competition ranking gives exactly that rank."""
        ordered = sorted(others, reverse=True)
        step = 10**-decimals
        above = ordered[rank - 2] if rank >= 2 else ordered[0] + self.rng.uniform(0.6, 1.6)
        below = ordered[rank - 1] if rank <= len(ordered) else ordered[-1] - self.rng.uniform(0.6, 1.6)
        value = round(below + (above - below) * self.rng.uniform(0.3, 0.7), decimals)
        return _clamp(value, below + step, above - step)

    def ranked(
        self,
        indicator: str,
        period: str,
        peers: Mapping[str, float],
        level: float,
        cap: float,
        spread: float,
        served_rank: int | None,
    ) -> None:
        """Peers around ``level`` by strength plus noise; the served city placed at its rank."""
        values = {region: _clamp(level + strength + self.rng.gauss(0, spread), 60.0, cap)
                  for region, strength in peers.items()}  # fmt: skip
        for region, value in values.items():
            self.add(indicator, region, period, value)
        if served_rank is not None:
            decimals = INDICATORS_BY_CODE[indicator].decimals
            rounded = [round(v, decimals) for v in values.values()]
            self.add(indicator, HANGZHOU, period, self.placed(rounded, served_rank, decimals))

    def national(self) -> None:
        peers = {code: _NATIONAL_STRENGTH[code] for code in REGION_SETS["national"] if code != HANGZHOU}
        for spec in indicators_of("national"):
            if spec.kind != "leaf":
                continue
            level = self.rng.uniform(76.0, 84.0)
            for year, period in enumerate(NATIONAL_PERIODS):
                rank = _HANGZHOU_NATIONAL_RANKS[spec.code][year]
                self.ranked(spec.code, period, peers, level + 0.8 * year, 94.0, 2.0, rank)

    def bready(self) -> None:
        regions = REGION_SETS["national"]
        for spec in indicators_of("bready"):
            if spec.kind != "leaf":
                continue
            level = self.rng.uniform(65.0, 82.0)
            for year, period in enumerate(NATIONAL_PERIODS):
                for region in regions:
                    value = level + _BREADY_STRENGTH[region] + 1.5 * year + self.rng.gauss(0, 2.5)
                    self.add(spec.code, region, period, _clamp(value, 60.0, 95.0))

    def provincial(self) -> None:
        peers = {code: _ZHEJIANG_STRENGTH[code] for code in REGION_SETS["zhejiang"] if code != HANGZHOU}
        for spec in indicators_of("provincial"):
            level, cap, spread = _PROVINCIAL_LEVELS[spec.code]
            ranks = _HANGZHOU_PROVINCIAL_RANKS.get(spec.code)
            for step, period in enumerate(PROVINCIAL_PERIODS):
                rank = ranks[step] if ranks else None
                self.ranked(spec.code, period, peers, level + 0.3 * step, cap, spread, rank)

    def city(self) -> None:
        for code, values in _CITY_VALUES.items():
            for period, value in zip(CITY_PERIODS, values, strict=True):
                if value is not None:
                    self.add(code, HANGZHOU, period, value)


def generate_observations() -> list[ObservationSpec]:
    generator = _Generator()
    generator.national()
    generator.bready()
    generator.provincial()
    generator.city()
    return generator.rows
