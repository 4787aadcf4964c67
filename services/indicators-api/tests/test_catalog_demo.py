"""The indicator catalog's integrity and the synthetic demo data's shape. Pure
data: no database, no app."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

import pytest
from reform_common.demo import all_units

from indicators_api.catalog import (
    BENCHMARK_REGIONS,
    FRAMEWORK_REGION_SETS,
    FRAMEWORKS,
    INDICATORS,
    INDICATORS_BY_CODE,
    NATIONAL_NAMES,
    RANK_TARGETS,
    REGION_SETS,
    REGIONS,
    SERVED_REGION_DEFAULT,
    indicators_of,
)
from indicators_api.demo_data import (
    CITY_PERIODS,
    HANGZHOU,
    METHOD,
    NATIONAL_PERIODS,
    ONE_TIME_RESOLUTION_TOP_THREE,
    PROVINCIAL_PERIODS,
    SOURCE,
    ObservationSpec,
    generate_observations,
)

ADVANTAGES = {"获得用水用气", "劳动力市场监管", "政府采购", "市场监管"}


def competition_rank(values: Mapping[str, float], region: str, higher_is_better: bool = True) -> int:
    """1 + the number of regions strictly better ("1224" ranking)."""
    own = values[region]
    return 1 + sum(1 for v in values.values() if (v > own if higher_is_better else v < own))


@pytest.fixture(scope="module")
def observations() -> list[ObservationSpec]:
    return generate_observations()


@pytest.fixture(scope="module")
def table(observations: list[ObservationSpec]) -> dict[tuple[str, str], dict[str, float]]:
    """(indicator, period) → region → value."""
    values: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for obs in observations:
        values[(obs.indicator, obs.period)][obs.region] = obs.value
    return values


def national_overall(table: dict[tuple[str, str], dict[str, float]], period: str) -> dict[str, float]:
    """GP-00 as the equal-weight mean of the 18 first-level indicators."""
    leaves = [spec.code for spec in indicators_of("national") if spec.kind == "leaf"]
    regions = REGION_SETS["national"]
    return {region: sum(table[(code, period)][region] for code in leaves) / len(leaves) for region in regions}


# ---------------------------------------------------------------- catalog


def test_frameworks() -> None:
    assert [f.code for f in FRAMEWORKS] == ["bready", "national", "provincial", "city"]
    city = next(f for f in FRAMEWORKS if f.code == "city")
    assert all(f"{n}项" in city.description for n in (61, 128, 85, 130, 42))
    assert {t.framework: (t.floor, t.target, t.stretch) for t in RANK_TARGETS} == {
        "national": (5, 4, 3),
        "provincial": (3, 2, 1),
    }


def test_codes_unique_and_parents_exist() -> None:
    assert len(INDICATORS_BY_CODE) == len(INDICATORS)
    position = {spec.code: i for i, spec in enumerate(INDICATORS)}
    for spec in INDICATORS:
        if spec.parent is not None:
            parent = INDICATORS_BY_CODE[spec.parent]
            assert parent.kind == "composite" and parent.framework == spec.framework
            assert position[spec.parent] < position[spec.code], "a parent comes before its children"
    composites = {spec.code for spec in INDICATORS if spec.kind == "composite"}
    assert composites == {spec.parent for spec in INDICATORS if spec.parent}, "every composite has children"


def test_national_indicators_in_order() -> None:
    leaves = [spec for spec in indicators_of("national") if spec.parent == "GP-00"]
    assert [spec.name for spec in leaves] == list(NATIONAL_NAMES)
    assert [spec.code for spec in leaves] == [f"GP-{n:02d}" for n in range(1, 19)]
    assert NATIONAL_NAMES[0] == "开办企业" and NATIONAL_NAMES[-1] == "包容普惠创新"
    assert {spec.name for spec in leaves if spec.advantage} == ADVANTAGES
    assert INDICATORS_BY_CODE["GP-00"].kind == "composite"
    assert all(spec.weight == 1.0 and spec.kind == "leaf" and spec.unit == "分" for spec in leaves)


def test_bready_topics_and_pillars() -> None:
    specs = indicators_of("bready")
    topics = [spec for spec in specs if spec.parent is None]
    pillars = [spec for spec in specs if spec.parent is not None]
    assert len(topics) == 10 and len(pillars) == 30
    assert [t.name for t in topics][:3] == ["开办企业", "获取经营场所", "公用事业服务"]
    for topic in topics:
        assert topic.kind == "composite"
        assert [p.code for p in pillars if p.parent == topic.code] == [f"{topic.code}-{n}" for n in (1, 2, 3)]
    assert len({p.name for p in pillars}) == 30, "pillar names are unique, so imports can use them"


def test_provincial_and_city_targets() -> None:
    provincial = indicators_of("provincial")
    assert [s.code for s in provincial] == [f"SL-0{n}" for n in range(1, 6)]
    assert INDICATORS_BY_CODE["SL-05"].kind == "computed"
    assert all("全省首位" in s.description for s in provincial[:3])
    assert all("全省前三" in s.description for s in provincial[3:])
    city = {s.name: s for s in indicators_of("city")}
    assert (city["公共法律服务满意率"].target, city["公共法律服务满意率"].unit) == (96, "%")
    assert city["知识产权行政裁决案件年度结案率"].target == 95
    assert city["公平竞争社会满意率"].target == 93.5
    quick = city["简案快办时长"]
    assert (quick.target, quick.unit, quick.higher_is_better) == (3, "工作日", False)
    assert city["改革任务按期完成率"].kind == "computed"
    by_environment: defaultdict[str, int] = defaultdict(int)
    for spec in indicators_of("city"):
        if spec.environment:
            by_environment[spec.environment] += 1
            assert re.fullmatch(r"CS-(ZW|FZ|SC|JJ|RW)-\d{2}", spec.code)
    assert set(by_environment) == {"gov_service", "rule_of_law", "market", "economic_ecology", "humanistic"}
    assert all(6 <= n <= 8 for n in by_environment.values())


def test_links_lead_units_and_environments() -> None:
    unit_codes = {row[0] for row in all_units()}
    for spec in INDICATORS:
        assert spec.lead_unit is None or spec.lead_unit in unit_codes, spec.code
        for other in spec.links:
            linked = INDICATORS_BY_CODE[other]
            assert linked.framework != spec.framework, (spec.code, other)
            assert spec.code in linked.links, f"{other} links back to {spec.code}"
    assert INDICATORS_BY_CODE["GP-01"].links, "B-READY 开办企业 links to 国评 开办企业"


def test_regions() -> None:
    assert all(re.fullmatch(r"\d{6}", code) and REGIONS[code].code == code for code in REGIONS)
    assert len({r.name for r in REGIONS.values()}) == len(REGIONS)
    for name, codes in REGION_SETS.items():
        assert len(set(codes)) == len(codes) and set(codes) <= set(REGIONS), name
    assert len(REGION_SETS["zhejiang"]) == 11
    assert all(REGIONS[c].province == "浙江省" for c in REGION_SETS["zhejiang"])
    assert 15 <= len(REGION_SETS["national"]) <= 16 and SERVED_REGION_DEFAULT in REGION_SETS["national"]
    assert {REGIONS[c].name for c in REGION_SETS["tier1"]} == {"北京市", "上海市", "深圳市", "广州市"}
    assert BENCHMARK_REGIONS == {"bready": "310000", "national": "310000", "provincial": None, "city": "440300"}
    assert set(FRAMEWORK_REGION_SETS) == {f.code for f in FRAMEWORKS}


# ---------------------------------------------------------------- demo data


def test_demo_is_deterministic_and_synthetic(observations: list[ObservationSpec]) -> None:
    assert generate_observations() == observations
    assert all(obs.source == SOURCE and obs.method == METHOD for obs in observations)
    assert "合成" in SOURCE
    keys = [(o.indicator, o.region, o.period) for o in observations]
    assert len(set(keys)) == len(keys)


def test_demo_covers_leaves_only(observations: list[ObservationSpec]) -> None:
    for obs in observations:
        spec = INDICATORS_BY_CODE[obs.indicator]
        assert spec.kind != "composite", obs
        if spec.kind == "computed":
            assert obs.region != HANGZHOU, "the served region's computed values come from the service"
        assert round(obs.value, spec.decimals) == obs.value
    periods = defaultdict(set)
    regions = defaultdict(set)
    for obs in observations:
        framework = INDICATORS_BY_CODE[obs.indicator].framework
        periods[framework].add(obs.period)
        regions[framework].add(obs.region)
    assert periods["national"] == periods["bready"] == set(NATIONAL_PERIODS)
    assert periods["provincial"] == set(PROVINCIAL_PERIODS)
    assert periods["city"] == set(CITY_PERIODS)
    assert regions["national"] == regions["bready"] == set(REGION_SETS["national"])
    assert regions["provincial"] == set(REGION_SETS["zhejiang"])
    assert regions["city"] == {HANGZHOU}
    leaves = [s for s in indicators_of("national") + indicators_of("bready") if s.kind == "leaf"]
    assert sum(1 for o in observations if INDICATORS_BY_CODE[o.indicator].framework in ("national", "bready")) == (
        len(leaves) * len(REGION_SETS["national"]) * len(NATIONAL_PERIODS)
    )


def test_demo_values_realistic(observations: list[ObservationSpec]) -> None:
    for obs in observations:
        spec = INDICATORS_BY_CODE[obs.indicator]
        if spec.framework in ("national", "bready"):
            assert 60 <= obs.value <= 95, obs
        elif spec.unit == "%":
            assert 0 < obs.value <= 100, obs
        else:
            assert obs.value > 0, obs


def test_national_shape(table: dict[tuple[str, str], dict[str, float]]) -> None:
    overall = {period: national_overall(table, period) for period in NATIONAL_PERIODS}
    ranks = [competition_rank(overall[p], HANGZHOU) for p in NATIONAL_PERIODS]
    assert 4 <= ranks[-1] <= 6
    assert ranks == sorted(ranks, reverse=True), "the overall rank never worsens"
    scores = [overall[p][HANGZHOU] for p in NATIONAL_PERIODS]
    assert scores == sorted(scores), "the overall score improves every year"
    latest = {spec.name: competition_rank(table[(spec.code, "2025")], HANGZHOU) for spec in indicators_of("national")
              if spec.kind == "leaf"}  # fmt: skip
    assert all(latest[name] <= 2 for name in ADVANTAGES)
    assert 3 <= sum(1 for rank in latest.values() if rank > 10) <= 5


def test_provincial_shape(table: dict[tuple[str, str], dict[str, float]]) -> None:
    for period in PROVINCIAL_PERIODS:
        for code in ("SL-01", "SL-02", "SL-03", "SL-04"):
            assert 1 <= competition_rank(table[(code, period)], HANGZHOU) <= 4, (code, period)
        # SL-05 for 杭州 is computed by the service: from the advertised rate on it is top three.
        peers = table[("SL-05", period)] | {HANGZHOU: ONE_TIME_RESOLUTION_TOP_THREE}
        assert competition_rank(peers, HANGZHOU) <= 3, period
    assert competition_rank(table[("SL-02", PROVINCIAL_PERIODS[-1])], HANGZHOU) == 1


def test_city_trend(table: dict[tuple[str, str], dict[str, float]]) -> None:
    met = short = 0
    for spec in indicators_of("city"):
        if spec.kind == "computed":
            continue
        values = table[(spec.code, "2025")]
        assert set(values) == {HANGZHOU}
        first, second = table[(spec.code, "2024")][HANGZHOU], values[HANGZHOU]
        assert (second >= first) if spec.higher_is_better else (second <= first), spec.code
        latest = table.get((spec.code, "2026-Q3"), {}).get(HANGZHOU)
        if latest is not None and spec.target is not None:
            reached = latest >= spec.target if spec.higher_is_better else latest <= spec.target
            met, short = met + reached, short + (not reached)
    assert met >= 15 and 3 <= short <= 8, "most targets reached, several still short"
