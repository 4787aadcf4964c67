"""Plausibility checks on a reported value before it is approved."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from indicators_api.calc.formulas import VALUE_DECIMALS, round_half_up

PERCENT_UNITS = frozenset({"%", "％"})  # reporters type the full-width sign as often as the ASCII one
COUNT_UNITS = frozenset({"件", "个", "天", "工作日", "小时", "家", "次"})
MIN_PEERS_FOR_OUTLIER = 4


@dataclass(frozen=True)
class QualityFlag:
    code: str
    message: str


def _fmt(x: float, decimals: int = VALUE_DECIMALS) -> str:
    """A number as a person writes it: no float noise, no trailing zeros."""
    return f"{round_half_up(x, decimals):.{decimals}f}".rstrip("0").rstrip(".")


def quality_flags(
    value: float | None, unit: str, peer_values: Sequence[float | None], *, sigma: float = 3.0
) -> list[QualityFlag]:
    """Flags for a value that is impossible or implausible.

    ``peer_values`` are the other regions' values for the same indicator and
    period, without this one, so a wild value cannot widen its own band.
    """
    if value is None:
        return []
    flags: list[QualityFlag] = []
    unit = unit.strip()
    if unit in PERCENT_UNITS and not 0 <= value <= 100:
        flags.append(QualityFlag("percent_out_of_range", f"百分比数值 {_fmt(value)}% 超出 0% ~ 100% 的范围"))
    if unit in COUNT_UNITS and value < 0:
        flags.append(QualityFlag("negative", f"以“{unit}”计的数值 {_fmt(value)} 为负数，应不小于 0"))
    peers = [peer for peer in peer_values if peer is not None]
    if len(peers) >= MIN_PEERS_FOR_OUTLIER:
        mean = statistics.fmean(peers)
        stdev = statistics.pstdev(peers)
        # Identical peers have no spread to measure against: no verdict rather than flagging every difference.
        if stdev > 0 and abs(value - mean) > sigma * stdev:
            low, high = mean - sigma * stdev, mean + sigma * stdev
            flags.append(
                QualityFlag(
                    "outlier",
                    f"数值 {_fmt(value)} 偏离其他地区均值 {_fmt(mean, 2)} 超过 {_fmt(sigma)} 倍标准差"
                    f"（合理范围 {_fmt(low, 2)} ~ {_fmt(high, 2)}），请核实",
                )
            )
    return flags
