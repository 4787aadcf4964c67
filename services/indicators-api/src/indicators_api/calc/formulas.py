"""Ranks, scores, targets and changes computed from plain values.

Pure functions: no I/O, no ORM. Missing data is ``None`` and is left out of
every calculation, never read as 0. Outputs are rounded with
:func:`round_half_up` (see docs/indicator-formulas.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

# Scores, percentiles and percentages are published with 2 decimals.
SCORE_DECIMALS = 2
# Differences in an indicator's own unit: enough to strip float noise
# (0.3 − 0.1 = 0.19999999999999998) without losing any published digit
# (indicators carry at most 6 decimals).
VALUE_DECIMALS = 6
# Weight sums are compared with this slack so that 0.1 + 0.1 over 0.3 still counts as 2/3.
_WEIGHT_EPSILON = 1e-9

Tier = Literal["stretch_met", "target_met", "floor_held", "below_floor"]
Classification = Literal["strength", "weakness", "neutral"]
Trend = Literal["up", "down", "flat"]


def round_half_up(x: float, decimals: int) -> float:
    """Round half away from zero on the decimal form of ``x``, like Excel's ROUND.

    The built-in ``round`` works on the binary value and rounds exact halves
    to even, so ``round(2.675, 2) == 2.67``; the office's workbooks say 2.68.
    """
    if not math.isfinite(x):
        raise ValueError(f"数值 {x} 不是有限数，无法计算")
    quantum = Decimal(1).scaleb(-decimals)
    # `+ 0.0` turns -0.0 into 0.0 so equal results serialize the same.
    return float(Decimal(repr(x)).quantize(quantum, rounding=ROUND_HALF_UP)) + 0.0


def _present(values: Mapping[str, float | None]) -> dict[str, float]:
    """The entries that have data; NaN or infinity is bad input, not missing data."""
    present = {key: value for key, value in values.items() if value is not None}
    for key, value in present.items():
        if not math.isfinite(value):
            raise ValueError(f"{key} 的数值 {value} 不是有限数")
    return present


# ---------------------------------------------------------------- ranking


def competition_ranks(
    values: Mapping[str, float | None], higher_is_better: bool, decimals: int | None = None
) -> dict[str, int | None]:
    """Standard competition ranking ("1224"): rank = 1 + number of regions strictly better.

    With ``decimals`` values are compared as published (rounded), so 3.141 and
    3.139 tie at 2 decimals.
    """
    keys = {
        region: value if decimals is None else round_half_up(value, decimals)
        for region, value in _present(values).items()
    }
    ordered = sorted(keys.values(), reverse=higher_is_better)
    # The first position of a value in best-first order is the number of regions strictly better.
    first_position: dict[float, int] = {}
    for position, key in enumerate(ordered):
        first_position.setdefault(key, position)
    return {region: (first_position[keys[region]] + 1 if region in keys else None) for region in values}


def percentile_of(rank: int, n: int) -> float:
    """100·(n − rank)/(n − 1): best 100, worst 0; a field of one is 100."""
    if n < 1 or not 1 <= rank <= n:
        raise ValueError(f"名次 {rank} 不在 1 至 {n} 之间")
    if n == 1:
        return 100.0
    return round_half_up(100 * (n - rank) / (n - 1), SCORE_DECIMALS)


def percentiles(ranks: Mapping[str, int | None]) -> dict[str, float | None]:
    """Percentile of each rank among the regions that have a rank."""
    n = sum(1 for rank in ranks.values() if rank is not None)
    return {region: (None if rank is None else percentile_of(rank, n)) for region, rank in ranks.items()}


def value_for_rank(
    others: Mapping[str, float | None], k: int, higher_is_better: bool, decimals: int | None = None
) -> float | None:
    """The worst value that still gives the served region rank ≤ ``k`` among ``others``.

    ``others`` excludes the served region. Tying the k-th best other value
    leaves at most k − 1 regions strictly better, so it ranks ≤ k; anything
    worse leaves k regions strictly better. Returns ``None`` when fewer than
    ``k`` others have data: every value then ranks ≤ k, there is no threshold.
    With ``decimals`` the threshold is given as published (rounded), because
    ties are decided on rounded values.
    """
    if k < 1:
        raise ValueError(f"目标名次须为正整数，收到 {k}")
    present = sorted(_present(others).values(), reverse=higher_is_better)
    if k > len(present):
        return None
    threshold = present[k - 1]
    return threshold if decimals is None else round_half_up(threshold, decimals)


def rank_tier(rank: int | None, floor: int = 5, target: int = 4, stretch: int = 3) -> Tier | None:
    """保五争四冲三: which tier of the rank target a rank reaches."""
    if not 1 <= stretch <= target <= floor:
        raise ValueError(f"排名目标须满足 1 ≤ 冲刺名次 ≤ 争取名次 ≤ 保底名次，当前为冲{stretch}、争{target}、保{floor}")
    if rank is None:
        return None
    if rank <= stretch:
        return "stretch_met"
    if rank <= target:
        return "target_met"
    if rank <= floor:
        return "floor_held"
    return "below_floor"


@dataclass(frozen=True)
class ClassRules:
    """长板/短板 rules; a rule left ``None`` is not applied. The defaults are the national
    evaluation's: top 3 is a strength, outside the top 10 a weakness."""

    strength_rank_at_most: int | None = 3
    weakness_rank_above: int | None = 10
    strength_percentile_at_least: float | None = None
    weakness_percentile_below: float | None = None

    def __post_init__(self) -> None:
        # Rules of the same kind must not overlap, or one rank would be both 长板 and 短板.
        if (
            self.strength_rank_at_most is not None
            and self.weakness_rank_above is not None
            and self.strength_rank_at_most > self.weakness_rank_above
        ):
            raise ValueError(
                f"长板名次上限（{self.strength_rank_at_most}）不能大于短板名次界线（{self.weakness_rank_above}）"
            )
        if (
            self.strength_percentile_at_least is not None
            and self.weakness_percentile_below is not None
            and self.strength_percentile_at_least < self.weakness_percentile_below
        ):
            raise ValueError(
                f"长板百分位下限（{self.strength_percentile_at_least}）"
                f"不能小于短板百分位界线（{self.weakness_percentile_below}）"
            )


def classify(rank: int | None, n: int | None, rules: ClassRules = ClassRules()) -> Classification | None:
    """长板 / 短板 / neutral for one rank in a field of ``n`` regions.

    A strength rule is checked first, so when a rank rule and a percentile
    rule disagree the indicator counts as a strength.
    """
    if rank is None:
        return None
    uses_percentile = rules.strength_percentile_at_least is not None or rules.weakness_percentile_below is not None
    if uses_percentile and n is None:
        raise ValueError("按百分位划分长板短板时须提供参评地区数")
    percentile = percentile_of(rank, n) if n is not None else None
    if (rules.strength_rank_at_most is not None and rank <= rules.strength_rank_at_most) or (
        rules.strength_percentile_at_least is not None
        and percentile is not None
        and percentile >= rules.strength_percentile_at_least
    ):
        return "strength"
    if (rules.weakness_rank_above is not None and rank > rules.weakness_rank_above) or (
        rules.weakness_percentile_below is not None
        and percentile is not None
        and percentile < rules.weakness_percentile_below
    ):
        return "weakness"
    return "neutral"


# ---------------------------------------------------------------- scores


@dataclass(frozen=True)
class ScoreRun:
    scores: dict[str, float | None]
    worst: float | None
    best: float | None
    bounds_source: Literal["given", "observed"]


def frontier_scores(
    values: Mapping[str, float | None],
    higher_is_better: bool,
    worst: float | None = None,
    best: float | None = None,
) -> ScoreRun:
    """Distance to frontier, 0–100: 100·(v − worst)/(best − worst), clamped.

    The formula covers lower-is-better too, since there best < worst. Without
    given bounds the worst and best observed values are used; if they are
    equal everyone scores 100.
    """
    present = _present(values)
    if (worst is None) != (best is None):
        raise ValueError("前沿距离法的最差值与最优值须同时给出，或都不给出（取观测值）")
    if worst is not None and best is not None:
        if worst == best or (best > worst) != higher_is_better:
            direction = "越大越好" if higher_is_better else "越小越好"
            raise ValueError(f"指标{direction}，给定的最优值 {best} 与最差值 {worst} 方向不符或相等")
        source: Literal["given", "observed"] = "given"
    elif present:
        pick_best, pick_worst = (max, min) if higher_is_better else (min, max)
        worst, best = pick_worst(present.values()), pick_best(present.values())
        source = "observed"
    else:
        return ScoreRun({region: None for region in values}, None, None, "observed")

    def score(value: float) -> float:
        if best == worst:
            return 100.0
        raw = 100 * (value - worst) / (best - worst)
        return round_half_up(min(100.0, max(0.0, raw)), SCORE_DECIMALS)

    return ScoreRun(
        {region: (score(present[region]) if region in present else None) for region in values},
        float(worst),
        float(best),
        source,
    )


@dataclass(frozen=True)
class CompositeResult:
    score: float | None
    covered_weight: float
    total_weight: float


def composite(children: Sequence[tuple[float | None, float]], coverage: float = 2 / 3) -> CompositeResult:
    """Weighted mean of the children's (score, weight) pairs that have a score.

    No score when the weight with data is below ``coverage`` of the total:
    a parent built from a third of its children would mislead.
    """
    if not 0 <= coverage <= 1:
        raise ValueError(f"数据覆盖率要求须在 0 至 1 之间，收到 {coverage}")
    if any(weight < 0 for _, weight in children):
        raise ValueError("子指标权重不能为负数")
    total = sum(weight for _, weight in children)
    covered = [(score, weight) for score, weight in children if score is not None]
    covered_weight = sum(weight for _, weight in covered)
    if covered_weight <= 0 or covered_weight < coverage * total - _WEIGHT_EPSILON:
        return CompositeResult(None, covered_weight, total)
    mean = sum(score * weight for score, weight in covered) / covered_weight
    return CompositeResult(round_half_up(mean, SCORE_DECIMALS), covered_weight, total)


# ---------------------------------------------------------------- targets and gaps


def _shortfall(value: float, reference: float, higher_is_better: bool) -> float:
    """How far ``value`` is behind ``reference``; positive = behind, in the indicator's unit."""
    gap = reference - value if higher_is_better else value - reference
    return round_half_up(gap, VALUE_DECIMALS)


@dataclass(frozen=True)
class TargetResult:
    gap: float | None
    attainment: float | None
    attainment_capped: float | None
    met: bool | None


def value_target(value: float | None, target: float | None, higher_is_better: bool) -> TargetResult:
    """Gap to a value target (positive = short of it) and attainment %.

    Attainment is value/target·100 (or target/value·100 when lower is
    better) and only where that ratio means something: denominator > 0 and
    numerator ≥ 0. Otherwise it is ``None`` and the gap alone tells the story.
    """
    if value is None or target is None:
        return TargetResult(None, None, None, None)
    gap = _shortfall(value, target, higher_is_better)
    numerator, denominator = (value, target) if higher_is_better else (target, value)
    attainment = (
        round_half_up(100 * numerator / denominator, SCORE_DECIMALS) if denominator > 0 and numerator >= 0 else None
    )
    capped = None if attainment is None else min(attainment, 100.0)
    return TargetResult(gap, attainment, capped, gap <= 0)


def gap_to_benchmark(value: float | None, benchmark_value: float | None, higher_is_better: bool) -> float | None:
    """How far behind the 对标城市 (positive = behind, negative = ahead), in the indicator's unit."""
    if value is None or benchmark_value is None:
        return None
    return _shortfall(value, benchmark_value, higher_is_better)


def gap_ratio(value: float | None, benchmark_value: float | None, higher_is_better: bool) -> float | None:
    """The gap to the benchmark as a % of the benchmark's own value; ``None`` when that is 0."""
    gap = gap_to_benchmark(value, benchmark_value, higher_is_better)
    if gap is None or benchmark_value is None or benchmark_value == 0:
        return None
    return round_half_up(100 * gap / abs(benchmark_value), SCORE_DECIMALS)


# ---------------------------------------------------------------- change between periods


@dataclass(frozen=True)
class Change:
    value_delta: float | None
    value_delta_pct: float | None
    rank_delta: int | None
    trend: Trend | None


def change(
    current_value: float | None,
    previous_value: float | None,
    current_rank: int | None,
    previous_rank: int | None,
    higher_is_better: bool,
) -> Change:
    """Change from the previous period.

    ``value_delta`` = current − previous (raw sign); ``rank_delta`` =
    previous − current, so moving from 7th to 4th is +3. ``trend`` says
    whether the position improved: by rank when both ranks exist (ranks
    are what the city is judged on), else by value in the indicator's direction.
    """
    value_delta = value_delta_pct = None
    if current_value is not None and previous_value is not None:
        value_delta = round_half_up(current_value - previous_value, VALUE_DECIMALS)
        if previous_value != 0:
            value_delta_pct = round_half_up(100 * value_delta / abs(previous_value), SCORE_DECIMALS)
    rank_delta = None if current_rank is None or previous_rank is None else previous_rank - current_rank

    if rank_delta is not None:
        improvement: float | None = rank_delta
    elif value_delta is not None:
        improvement = value_delta if higher_is_better else -value_delta
    else:
        improvement = None
    trend: Trend | None = None
    if improvement is not None:
        trend = "up" if improvement > 0 else "down" if improvement < 0 else "flat"
    return Change(value_delta, value_delta_pct, rank_delta, trend)
