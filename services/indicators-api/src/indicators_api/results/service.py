"""Leaderboards, the served city's standing and a framework's overview."""

from __future__ import annotations

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem, not_found
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api import calc
from indicators_api.audit.models import AuditLog
from indicators_api.catalogs import repository as catalog
from indicators_api.catalogs.models import Framework, Indicator
from indicators_api.observations import repository as observations
from indicators_api.observations.models import Observation
from indicators_api.results import engine
from indicators_api.results.models import OfficialResult
from indicators_api.results.periods import previous
from indicators_api.results.schemas import (
    FrameworkOverview,
    Leaderboard,
    LeaderboardItem,
    OfficialResultIn,
    OverviewRow,
    RankTargets,
    ServedStatus,
    TrendPoint,
)


async def _indicator(session: AsyncSession, code: str) -> tuple[Indicator, Framework]:
    indicator = await catalog.indicator(session, code)
    if indicator is None:
        raise not_found("指标")
    framework = await catalog.framework(session, indicator.framework_code)
    assert framework is not None
    return indicator, framework


def _targets(framework: Framework) -> RankTargets | None:
    if framework.rank_floor is None or framework.rank_target is None or framework.rank_stretch is None:
        return None
    return RankTargets(floor=framework.rank_floor, target=framework.rank_target, stretch=framework.rank_stretch)


async def _synthetic(session: AsyncSession, code: str, period: str) -> bool:
    stmt = select(Observation.id).where(Observation.indicator_code == code, Observation.period == period,
                                        Observation.method == "synthetic", Observation.status == "approved").limit(1)
    return (await session.scalar(stmt)) is not None


async def served_status(
    session: AsyncSession, indicator: Indicator, framework: Framework, period: str, region_set: str, served: str,
    names: dict[str, str],
) -> tuple[ServedStatus, engine.CalculationRun]:
    current = await engine.run(session, indicator, period, region_set)
    rows = engine.rows(current)
    by_region = {r.region: r for r in rows}
    mine = by_region.get(served) or engine.Row(served, None, None, None, None)
    higher = current.parameters["higher_is_better"]
    others = {r.region: r.value for r in rows if r.region != served}
    targets = _targets(framework)
    earlier = engine.rows(await engine.run(session, indicator, previous(period), region_set))
    before = next((r for r in earlier if r.region == served), None)
    change = calc.change(mine.value, before.value if before else None, mine.rank, before.rank if before else None,
                         higher_is_better=higher)
    benchmark = by_region.get(framework.benchmark_region) if framework.benchmark_region else None
    target = calc.value_target(mine.value, indicator.target, higher) if indicator.target is not None else None
    official = await session.scalar(select(OfficialResult).where(
        OfficialResult.indicator_code == indicator.code, OfficialResult.region_code == served,
        OfficialResult.period == period))
    rules = calc.ClassRules(strength_rank_at_most=framework.strength_rank_at_most,
                            weakness_rank_above=framework.weakness_rank_above)
    counted = sum(1 for r in rows if r.rank is not None)
    status = ServedStatus(
        region=served, region_name=names.get(served, served), value=mine.value, rank=mine.rank, of=counted,
        percentile=mine.percentile, score=mine.score,
        tier=calc.rank_tier(mine.rank, targets.floor, targets.target, targets.stretch) if targets else None,
        rank_targets=targets,
        value_for_target_rank=calc.value_for_rank(others, targets.target, higher, indicator.decimals)
        if targets else None,
        value_for_stretch_rank=calc.value_for_rank(others, targets.stretch, higher, indicator.decimals)
        if targets else None,
        benchmark_region=framework.benchmark_region, benchmark_value=benchmark.value if benchmark else None,
        gap_to_benchmark=calc.gap_to_benchmark(mine.value, benchmark.value if benchmark else None, higher),
        gap_ratio_to_benchmark=calc.gap_ratio(mine.value, benchmark.value if benchmark else None, higher),
        target_value=indicator.target, gap_to_target=target.gap if target else None,
        attainment=target.attainment if target else None,
        classification=calc.classify(mine.rank, counted, rules),
        previous_period=previous(period), previous_value=before.value if before else None,
        previous_rank=before.rank if before else None,
        rank_change=change.rank_delta, trend=change.trend,
        official_rank=official.rank if official else None,
    )
    return status, current


async def leaderboard(
    session: AsyncSession, code: str, period: str, region_set: str | None, served: str
) -> Leaderboard:
    indicator, framework = await _indicator(session, code)
    region_set = region_set or framework.region_set
    if not await catalog.region_set(session, region_set):
        raise Problem(422, "indicators.unknown_region_set", "地区组不存在", f"没有名为 {region_set} 的地区组。")
    names = {c: r.name for c, r in (await catalog.regions(session)).items()}
    status, current = await served_status(session, indicator, framework, period, region_set, served, names)
    items = [LeaderboardItem(region=r.region, region_name=names.get(r.region, r.region), value=r.value, rank=r.rank,
                             percentile=r.percentile, score=r.score, served=r.region == served,
                             benchmark=r.region == framework.benchmark_region)
             for r in engine.rows(current)]
    return Leaderboard(
        indicator=indicator.code, indicator_name=indicator.name, unit=indicator.unit,
        higher_is_better=current.parameters["higher_is_better"], period=period, region_set=region_set,
        run_id=current.id, run_created_at=current.created_at, bounds=current.parameters.get("bounds", {}),
        items=items, served=status, synthetic=await _synthetic(session, code, period),
    )


def _first_level(indicators: list[Indicator]) -> tuple[Indicator | None, list[Indicator]]:
    """The framework's single root composite (its overall) and the level below it, else the roots."""
    roots = [i for i in indicators if i.parent_code is None]
    if len(roots) == 1 and roots[0].kind == "composite":
        return roots[0], [i for i in indicators if i.parent_code == roots[0].code]
    return None, roots


async def overview(session: AsyncSession, framework_code: str, period: str, served: str) -> FrameworkOverview:
    framework = await catalog.framework(session, framework_code)
    if framework is None:
        raise not_found("评价体系")
    indicators = await catalog.indicators(session, framework=framework_code)
    overall, first = _first_level(indicators)
    names = {c: r.name for c, r in (await catalog.regions(session)).items()}
    overall_status = None
    if overall is not None:
        overall_status, _ = await served_status(session, overall, framework, period, framework.region_set, served,
                                                names)
    rows: list[OverviewRow] = []
    synthetic = False
    for indicator in first:
        status, _ = await served_status(session, indicator, framework, period, framework.region_set, served, names)
        synthetic = synthetic or await _synthetic(session, indicator.code, period)
        rows.append(OverviewRow(code=indicator.code, name=indicator.name, unit=indicator.unit, value=status.value,
                                rank=status.rank, of=status.of, tier=status.tier,
                                gap_to_benchmark=status.gap_to_benchmark, classification=status.classification,
                                trend=status.trend, advantage=indicator.advantage))
    summary = calc.framework_summary({r.code: r.rank for r in rows}, top=10)
    return FrameworkOverview(
        framework=framework.code, name=framework.name, period=period, region_set=framework.region_set,
        served_region=served, overall=overall_status, top10=len(summary.in_top), first_level=len(rows),
        advantage=[r for r in rows if r.advantage], indicators=rows, synthetic=synthetic,
    )


async def trend(session: AsyncSession, code: str, region_set: str | None, served: str) -> list[TrendPoint]:
    indicator, framework = await _indicator(session, code)
    region_set = region_set or framework.region_set
    source = indicator
    # A composite's periods are its leaves' periods.
    while source.kind == "composite":
        children = await catalog.children(session, source.code)
        if not children:
            return []
        source = children[0]
    points = []
    for period in await observations.approved_periods(session, source.code):
        rows = engine.rows(await engine.run(session, indicator, period, region_set))
        mine = next((r for r in rows if r.region == served), None)
        points.append(TrendPoint(period=period, value=mine.value if mine else None, rank=mine.rank if mine else None,
                                 of=sum(1 for r in rows if r.rank is not None)))
    return points


async def record_official(session: AsyncSession, actor: Principal, body: OfficialResultIn) -> None:
    if await catalog.indicator(session, body.indicator) is None or body.region not in await catalog.regions(session):
        raise Problem(422, "official.unknown", "指标或地区不存在", "请检查指标代码和地区代码。")
    existing = await session.scalar(select(OfficialResult).where(
        OfficialResult.indicator_code == body.indicator, OfficialResult.region_code == body.region,
        OfficialResult.period == body.period))
    if existing is not None:
        raise Problem(409, "official.exists", "官方结果已录入", "该指标该期的官方结果已录入，官方结果不被覆盖。")
    session.add(OfficialResult(indicator_code=body.indicator, region_code=body.region, period=body.period,
                               rank=body.rank, group_label=body.group_label, score=body.score, source=body.source,
                               recorded_by=actor.username))
    audit.record(session, AuditLog, action="official.record", entity_type="official_result",
                 entity_id=f"{body.indicator}/{body.region}/{body.period}", actor=actor, detail=body.model_dump())
