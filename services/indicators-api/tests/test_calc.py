"""Hand-computed cases for indicators_api.calc (no database)."""

import pytest

from indicators_api import calc
from indicators_api.calc import ClassRules

# ---------------------------------------------------------------- rounding


def test_round_half_up_rounds_the_decimal_form_like_excel() -> None:
    assert round(2.675, 2) == 2.67  # the built-in works on the binary value
    assert calc.round_half_up(2.675, 2) == 2.68
    assert calc.round_half_up(2.665, 2) == 2.67  # half away from zero, not to even
    assert calc.round_half_up(-2.675, 2) == -2.68
    assert calc.round_half_up(12.5, 0) == 13.0


def test_round_half_up_never_returns_negative_zero() -> None:
    assert str(calc.round_half_up(-0.001, 2)) == "0.0"


def test_round_half_up_refuses_non_finite() -> None:
    with pytest.raises(ValueError, match="有限数"):
        calc.round_half_up(float("nan"), 2)


# ---------------------------------------------------------------- competition ranks


def test_ranks_1224_higher_is_better() -> None:
    values = {"A": 90.0, "B": 85.0, "C": 85.0, "D": 80.0}
    assert calc.competition_ranks(values, True) == {"A": 1, "B": 2, "C": 2, "D": 4}


def test_ranks_lower_is_better() -> None:
    days = {"A": 5.0, "B": 2.0, "C": 3.0, "D": 3.0}
    assert calc.competition_ranks(days, False) == {"B": 1, "C": 2, "D": 2, "A": 4}


def test_ranks_tie_at_the_top_and_at_the_bottom() -> None:
    values = {"A": 9.0, "B": 9.0, "C": 7.0, "D": 1.0, "E": 1.0}
    assert calc.competition_ranks(values, True) == {"A": 1, "B": 1, "C": 3, "D": 4, "E": 4}


def test_ranks_all_equal_share_first() -> None:
    assert calc.competition_ranks({"A": 3.0, "B": 3.0, "C": 3.0}, True) == {"A": 1, "B": 1, "C": 1}


def test_ranks_ties_after_rounding() -> None:
    values = {"A": 3.141, "B": 3.139, "C": 3.0}
    assert calc.competition_ranks(values, True) == {"A": 1, "B": 2, "C": 3}
    assert calc.competition_ranks(values, True, decimals=2) == {"A": 1, "B": 1, "C": 3}
    # 2.675 is published as 2.68 and ties 2.68.
    assert calc.competition_ranks({"A": 2.675, "B": 2.68}, True, decimals=2) == {"A": 1, "B": 1}


def test_ranks_missing_data_is_excluded_not_zero() -> None:
    values = {"A": None, "B": -1.0, "C": 0.0}
    assert calc.competition_ranks(values, True) == {"A": None, "B": 2, "C": 1}
    assert calc.competition_ranks({"A": None, "B": None}, True) == {"A": None, "B": None}
    assert calc.competition_ranks({}, True) == {}


def test_ranks_refuse_nan() -> None:
    with pytest.raises(ValueError, match="A"):
        calc.competition_ranks({"A": float("nan"), "B": 1.0}, True)


# ---------------------------------------------------------------- percentiles


def test_percentiles_best_100_worst_0() -> None:
    ranks = {"A": 1, "B": 2, "C": 2, "D": 4, "E": None}
    # n = 4 regions with data: 100·(4 − r)/3
    assert calc.percentiles(ranks) == {"A": 100.0, "B": 66.67, "C": 66.67, "D": 0.0, "E": None}


def test_percentiles_tie_at_the_bottom_does_not_reach_zero() -> None:
    assert calc.percentiles({"A": 1, "B": 2, "C": 2}) == {"A": 100.0, "B": 50.0, "C": 50.0}


def test_percentile_single_region_is_100() -> None:
    assert calc.percentiles({"A": 1, "B": None}) == {"A": 100.0, "B": None}
    assert calc.percentiles({}) == {}


def test_percentile_rank_outside_the_field_is_refused() -> None:
    with pytest.raises(ValueError, match="名次"):
        calc.percentiles({"A": 1, "B": 3})


# ---------------------------------------------------------------- frontier scores


def test_frontier_observed_bounds_higher_is_better() -> None:
    run = calc.frontier_scores({"A": 60.0, "B": 70.0, "C": 100.0, "D": None}, True)
    assert run.scores == {"A": 0.0, "B": 25.0, "C": 100.0, "D": None}
    assert (run.worst, run.best, run.bounds_source) == (60.0, 100.0, "observed")


def test_frontier_observed_bounds_lower_is_better() -> None:
    run = calc.frontier_scores({"A": 1.0, "B": 4.0, "C": 10.0}, False)
    # 100·(v − 10)/(1 − 10): 4 days → 66.67
    assert run.scores == {"A": 100.0, "B": 66.67, "C": 0.0}
    assert (run.worst, run.best) == (10.0, 1.0)


def test_frontier_given_bounds_clamp() -> None:
    run = calc.frontier_scores({"A": 50.0, "B": 110.0, "C": 95.0}, True, worst=60.0, best=100.0)
    assert run.scores == {"A": 0.0, "B": 100.0, "C": 87.5}
    assert (run.worst, run.best, run.bounds_source) == (60.0, 100.0, "given")


def test_frontier_given_bounds_lower_is_better() -> None:
    run = calc.frontier_scores({"A": 0.5, "B": 3.0, "C": 30.0}, False, worst=20.0, best=1.0)
    # 100·(3 − 20)/(1 − 20) = 89.47
    assert run.scores == {"A": 100.0, "B": 89.47, "C": 0.0}


def test_frontier_all_equal_values_score_100() -> None:
    run = calc.frontier_scores({"A": 7.0, "B": 7.0, "C": None}, True)
    assert run.scores == {"A": 100.0, "B": 100.0, "C": None}
    assert (run.worst, run.best) == (7.0, 7.0)


def test_frontier_no_data() -> None:
    run = calc.frontier_scores({"A": None}, True)
    assert run == calc.ScoreRun({"A": None}, None, None, "observed")


@pytest.mark.parametrize(
    ("higher", "worst", "best"),
    [(True, 100.0, 60.0), (False, 1.0, 20.0), (True, 5.0, 5.0), (True, None, 5.0), (True, 5.0, None)],
)
def test_frontier_bad_bounds_are_refused(higher: bool, worst: float | None, best: float | None) -> None:
    with pytest.raises(ValueError):
        calc.frontier_scores({"A": 1.0}, higher, worst=worst, best=best)


# ---------------------------------------------------------------- composite


def test_composite_weighted_mean_of_children_with_data() -> None:
    result = calc.composite([(80.0, 2.0), (50.0, 1.0), (None, 0.5)])
    # covered 3 of 3.5 (≥ 2/3); (80·2 + 50·1)/3 = 70
    assert result == calc.CompositeResult(70.0, 3.0, 3.5)


def test_composite_coverage_exactly_two_thirds_meets() -> None:
    assert calc.composite([(90.0, 1.0), (60.0, 1.0), (None, 1.0)]).score == 75.0
    # 0.2 of 0.30000000000000004 is still two thirds
    assert calc.composite([(90.0, 0.1), (60.0, 0.1), (None, 0.1)]).score == 75.0


def test_composite_coverage_just_below_two_thirds_has_no_score() -> None:
    result = calc.composite([(90.0, 0.66), (None, 0.34)])
    assert result.score is None
    assert (result.covered_weight, result.total_weight) == (0.66, 1.0)
    assert calc.composite([(90.0, 0.67), (None, 0.33)]).score == 90.0


def test_composite_without_data_or_children() -> None:
    assert calc.composite([(None, 1.0), (None, 1.0)]) == calc.CompositeResult(None, 0.0, 2.0)
    assert calc.composite([]) == calc.CompositeResult(None, 0, 0)
    assert calc.composite([(None, 1.0)], coverage=0).score is None


def test_composite_refuses_bad_parameters() -> None:
    with pytest.raises(ValueError, match="权重"):
        calc.composite([(1.0, -1.0)])
    with pytest.raises(ValueError, match="覆盖率"):
        calc.composite([(1.0, 1.0)], coverage=1.5)


# ---------------------------------------------------------------- 保五争四冲三


@pytest.mark.parametrize(
    ("rank", "tier"),
    [(1, "stretch_met"), (3, "stretch_met"), (4, "target_met"), (5, "floor_held"), (6, "below_floor"), (None, None)],
)
def test_rank_tier_boundaries(rank: int | None, tier: str | None) -> None:
    assert calc.rank_tier(rank) == tier


def test_rank_tier_custom_targets() -> None:
    assert calc.rank_tier(2, floor=3, target=1, stretch=1) == "floor_held"


def test_rank_tier_validates_order_in_chinese() -> None:
    with pytest.raises(ValueError, match="冲刺名次 ≤ 争取名次 ≤ 保底名次"):
        calc.rank_tier(1, floor=4, target=5, stretch=3)
    with pytest.raises(ValueError, match="冲4"):
        calc.rank_tier(None, floor=5, target=3, stretch=4)


# ---------------------------------------------------------------- value targets and gaps


def test_value_target_higher_is_better() -> None:
    short = calc.value_target(80.0, 90.0, True)
    assert short == calc.TargetResult(gap=10.0, attainment=88.89, attainment_capped=88.89, met=False)
    over = calc.value_target(99.0, 90.0, True)
    assert over == calc.TargetResult(gap=-9.0, attainment=110.0, attainment_capped=100.0, met=True)


def test_value_target_lower_is_better() -> None:
    short = calc.value_target(4.0, 3.0, False)
    assert short == calc.TargetResult(gap=1.0, attainment=75.0, attainment_capped=75.0, met=False)
    over = calc.value_target(2.0, 3.0, False)
    assert over == calc.TargetResult(gap=-1.0, attainment=150.0, attainment_capped=100.0, met=True)


def test_value_target_exactly_met_and_float_noise() -> None:
    assert calc.value_target(0.1 + 0.2, 0.3, True).met is True
    assert calc.value_target(0.1 + 0.2, 0.3, True).gap == 0.0


def test_value_target_zero_and_negative() -> None:
    assert calc.value_target(0.0, 5.0, True) == calc.TargetResult(5.0, 0.0, 0.0, False)
    # A target of 0 for higher-is-better, or a value of 0 for lower-is-better: no ratio.
    assert calc.value_target(3.0, 0.0, True) == calc.TargetResult(-3.0, None, None, True)
    assert calc.value_target(0.0, 1.0, False) == calc.TargetResult(-1.0, None, None, True)
    # Ratios of negative quantities are not attainment.
    assert calc.value_target(-2.0, 5.0, True) == calc.TargetResult(7.0, None, None, False)


def test_value_target_missing() -> None:
    empty = calc.TargetResult(None, None, None, None)
    assert calc.value_target(None, 5.0, True) == empty
    assert calc.value_target(5.0, None, False) == empty


def test_gap_to_benchmark_positive_means_behind() -> None:
    assert calc.gap_to_benchmark(85.0, 92.5, True) == 7.5
    assert calc.gap_to_benchmark(95.0, 92.5, True) == -2.5
    assert calc.gap_to_benchmark(3.5, 2.0, False) == 1.5
    assert calc.gap_to_benchmark(None, 2.0, False) is None


def test_gap_ratio_relative_to_the_benchmark() -> None:
    assert calc.gap_ratio(85.0, 92.5, True) == 8.11
    assert calc.gap_ratio(3.5, 2.0, False) == 75.0
    assert calc.gap_ratio(1.0, -4.0, True) == -125.0
    assert calc.gap_ratio(1.0, 0.0, True) is None
    assert calc.gap_ratio(1.0, None, True) is None


# ---------------------------------------------------------------- value for rank


OTHERS = {"A": 90.0, "B": 85.0, "C": 85.0, "D": 80.0, "E": None}


@pytest.mark.parametrize(("k", "needed"), [(1, 90.0), (2, 85.0), (3, 85.0), (4, 80.0), (5, None), (9, None)])
def test_value_for_rank_with_ties(k: int, needed: float | None) -> None:
    assert calc.value_for_rank(OTHERS, k, True) == needed


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_value_for_rank_is_the_least_value_that_reaches_k(k: int) -> None:
    needed = calc.value_for_rank(OTHERS, k, True)
    assert needed is not None
    reached = calc.competition_ranks({**OTHERS, "ME": needed}, True)["ME"]
    missed = calc.competition_ranks({**OTHERS, "ME": needed - 0.01}, True)["ME"]
    assert reached is not None and reached <= k
    assert missed is not None and missed > k


def test_value_for_rank_lower_is_better() -> None:
    days = {"A": 2.0, "B": 3.0, "C": 3.0, "D": 5.0}
    assert calc.value_for_rank(days, 1, False) == 2.0
    assert calc.value_for_rank(days, 3, False) == 3.0
    assert calc.value_for_rank(days, 4, False) == 5.0
    assert calc.competition_ranks({**days, "ME": 3.0}, False)["ME"] == 2


def test_value_for_rank_with_rounding_gives_the_published_threshold() -> None:
    others = {"A": 3.14, "B": 2.0}
    assert calc.value_for_rank(others, 1, True, decimals=1) == 3.1
    assert calc.competition_ranks({**others, "ME": 3.1}, True, decimals=1)["ME"] == 1
    assert calc.competition_ranks({**others, "ME": 3.0}, True, decimals=1)["ME"] == 2


def test_value_for_rank_without_others_any_value_will_do() -> None:
    assert calc.value_for_rank({"A": None}, 1, True) is None


def test_value_for_rank_refuses_rank_below_one() -> None:
    with pytest.raises(ValueError, match="目标名次"):
        calc.value_for_rank(OTHERS, 0, True)


# ---------------------------------------------------------------- 长板 / 短板


@pytest.mark.parametrize(
    ("rank", "expected"),
    [(1, "strength"), (3, "strength"), (4, "neutral"), (10, "neutral"), (11, "weakness"), (None, None)],
)
def test_classify_national_defaults(rank: int | None, expected: str | None) -> None:
    assert calc.classify(rank, None, ClassRules()) == expected


def test_classify_by_percentile() -> None:
    rules = ClassRules(None, None, strength_percentile_at_least=75.0, weakness_percentile_below=25.0)
    # n = 9: percentile = 100·(9 − r)/8 → r=3: 75, r=7: 25, r=8: 12.5
    assert calc.classify(3, 9, rules) == "strength"
    assert calc.classify(4, 9, rules) == "neutral"
    assert calc.classify(7, 9, rules) == "neutral"
    assert calc.classify(8, 9, rules) == "weakness"


def test_classify_strength_wins_when_rank_and_percentile_rules_disagree() -> None:
    rules = ClassRules(strength_rank_at_most=3, weakness_rank_above=None, weakness_percentile_below=50.0)
    assert calc.classify(3, 4, rules) == "strength"  # top 3, yet percentile 33.33


def test_classify_validates_rules_and_inputs() -> None:
    with pytest.raises(ValueError, match="长板名次"):
        ClassRules(strength_rank_at_most=12, weakness_rank_above=10)
    with pytest.raises(ValueError, match="长板百分位"):
        ClassRules(strength_percentile_at_least=20.0, weakness_percentile_below=30.0)
    with pytest.raises(ValueError, match="参评地区数"):
        calc.classify(2, None, ClassRules(strength_percentile_at_least=90.0))
    with pytest.raises(ValueError, match="名次"):
        calc.classify(12, 10, ClassRules())


# ---------------------------------------------------------------- change


def test_change_improved_rank_and_value() -> None:
    result = calc.change(92.0, 80.0, 4, 7, True)
    assert result == calc.Change(value_delta=12.0, value_delta_pct=15.0, rank_delta=3, trend="up")


def test_change_worse_rank() -> None:
    assert calc.change(3.0, 2.0, 6, 5, False) == calc.Change(1.0, 50.0, -1, "down")


def test_change_rank_decides_over_value() -> None:
    # The value improved but others improved more: the position fell.
    assert calc.change(95.0, 90.0, 5, 3, True).trend == "down"
    assert calc.change(95.0, 90.0, 3, 3, True).trend == "flat"


def test_change_by_value_when_ranks_are_missing() -> None:
    assert calc.change(2.0, 3.0, None, 5, False) == calc.Change(-1.0, -33.33, None, "up")
    assert calc.change(2.0, 3.0, None, None, True).trend == "down"
    assert calc.change(0.1 + 0.2, 0.3, None, None, True) == calc.Change(0.0, 0.0, None, "flat")


def test_change_from_zero_and_missing() -> None:
    assert calc.change(5.0, 0.0, None, None, True) == calc.Change(5.0, None, None, "up")
    assert calc.change(5.0, -10.0, None, None, True).value_delta_pct == 150.0
    assert calc.change(None, 3.0, None, None, True) == calc.Change(None, None, None, None)


# ---------------------------------------------------------------- quality flags


def test_percent_out_of_range() -> None:
    flags = calc.quality_flags(101.5, "%", [])
    assert [f.code for f in flags] == ["percent_out_of_range"]
    assert "101.5%" in flags[0].message and "100%" in flags[0].message
    assert [f.code for f in calc.quality_flags(-0.5, "％", [])] == ["percent_out_of_range"]
    assert calc.quality_flags(100.0, "%", []) == []
    assert calc.quality_flags(0.0, "%", []) == []


PEERS = [10.0, 10.0, 20.0, 20.0]  # mean 15, population stdev 5: 3σ band is 0 ~ 30


def test_outlier_just_inside_three_sigma() -> None:
    assert calc.quality_flags(30.0, "", PEERS) == []
    assert calc.quality_flags(0.0, "", PEERS) == []


def test_outlier_just_outside_three_sigma() -> None:
    flags = calc.quality_flags(30.01, "", PEERS)
    assert [f.code for f in flags] == ["outlier"]
    assert "30.01" in flags[0].message and "0 ~ 30" in flags[0].message
    assert [f.code for f in calc.quality_flags(-0.01, "", PEERS)] == ["outlier"]


def test_outlier_needs_four_peers_and_spread() -> None:
    assert calc.quality_flags(1000.0, "", [10.0, 10.0, 20.0]) == []
    assert calc.quality_flags(1000.0, "", [10.0, 10.0, 20.0, None]) == []
    assert calc.quality_flags(1000.0, "", [10.0, 10.0, 10.0, 10.0]) == []
    assert [f.code for f in calc.quality_flags(26.0, "", PEERS, sigma=2.0)] == ["outlier"]


@pytest.mark.parametrize("unit", ["件", "个", "天", "工作日", "小时", "家", "次"])
def test_negative_counts_and_durations(unit: str) -> None:
    flags = calc.quality_flags(-2.0, unit, [])
    assert [f.code for f in flags] == ["negative"]
    assert "-2" in flags[0].message and unit in flags[0].message
    assert calc.quality_flags(0.0, unit, []) == []


def test_negative_allowed_for_other_units_and_flags_combine() -> None:
    assert calc.quality_flags(-3.0, "亿元", []) == []
    assert calc.quality_flags(None, "%", PEERS) == []
    codes = [f.code for f in calc.quality_flags(-100.0, "天", [1.0, 2.0, 3.0, 4.0])]
    assert codes == ["negative", "outlier"]


# ---------------------------------------------------------------- framework summary


def test_band_of() -> None:
    assert [calc.band_of(r) for r in (1, 2, 3, 4, 10, 11, None)] == [
        "first",
        "top3",
        "top3",
        "top10",
        "top10",
        "beyond10",
        None,
    ]


def test_framework_summary() -> None:
    ranks = {"water": 1, "labour": 2, "procurement": 1, "credit": 10, "tax": 11, "courts": None}
    summary = calc.framework_summary(ranks, advantage_codes=["water", "labour", "procurement", "market"])
    assert summary == calc.FrameworkSummary(
        indicator_count=6,
        ranked_count=5,
        top=10,
        in_top=["water", "labour", "procurement", "credit"],
        outside_top=["tax"],
        unranked=["courts"],
        band_counts={"first": 2, "top3": 1, "top10": 1, "beyond10": 1},
        advantage_first=["water", "procurement"],
        advantage_not_first=["labour", "market"],
    )


def test_framework_summary_other_top_and_bad_input() -> None:
    assert calc.framework_summary({"a": 3, "b": 4}, top=3).in_top == ["a"]
    with pytest.raises(ValueError):
        calc.framework_summary({"a": 1}, top=0)
    with pytest.raises(ValueError):
        calc.framework_summary({"a": 0})
