"""Rules for the catalog: new indicators must fit their framework's tree; a
framework's rank targets and strength/weakness rule stay consistent."""

from __future__ import annotations

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem, conflict, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api.audit.models import AuditLog
from indicators_api.catalogs import repository as repo
from indicators_api.catalogs.models import Framework, Indicator
from indicators_api.catalogs.schemas import FrameworkUpdate, IndicatorCreate


async def create_indicator(session: AsyncSession, actor: Principal, body: IndicatorCreate) -> Indicator:
    if await repo.indicator(session, body.code):
        raise conflict("indicators.code_taken", f"指标代码 {body.code} 已存在。")
    if await repo.framework(session, body.framework_code) is None:
        raise Problem(422, "indicators.unknown_framework", "评价体系不存在", f"没有代码为 {body.framework_code} 的评价体系。",
                      errors=[{"field": "framework_code", "code": "unknown", "message": "评价体系不存在"}])
    parent = await repo.indicator(session, body.parent_code) if body.parent_code else None
    if body.parent_code and (parent is None or parent.kind != "composite" or parent.framework_code != body.framework_code):
        raise Problem(422, "indicators.bad_parent", "上级指标无效", "上级指标须是同一评价体系中的合成指标。",
                      errors=[{"field": "parent_code", "code": "invalid", "message": "上级指标无效"}])
    unknown_links = [c for c in body.links if await repo.indicator(session, c) is None]
    if unknown_links:
        raise Problem(422, "indicators.unknown_links", "关联指标不存在", f"以下关联指标不存在：{'、'.join(unknown_links)}。")
    indicator = Indicator(**body.model_dump())
    session.add(indicator)
    await session.flush()
    audit.record(session, AuditLog, action="indicator.create", entity_type="indicator", entity_id=indicator.code,
                 actor=actor, detail=body.model_dump(mode="json"))
    return indicator


async def update_framework(session: AsyncSession, actor: Principal, code: str, body: FrameworkUpdate) -> Framework:
    framework = await repo.framework(session, code)
    if framework is None:
        raise not_found("评价体系")
    changes = body.model_dump(exclude_unset=True)
    if "region_set" in changes and not await repo.region_set(session, changes["region_set"]):
        raise Problem(422, "frameworks.unknown_region_set", "地区组不存在", f"没有名为 {changes['region_set']} 的地区组。")
    if changes.get("benchmark_region") and changes["benchmark_region"] not in await repo.regions(session):
        raise Problem(422, "frameworks.unknown_region", "对标城市不存在", "请填写有效的地区代码。")
    merged = {k: changes.get(k, getattr(framework, k)) for k in ("rank_floor", "rank_target", "rank_stretch")}
    tiers = [merged["rank_stretch"], merged["rank_target"], merged["rank_floor"]]
    if any(t is not None for t in tiers) and (None in tiers or not tiers[0] <= tiers[1] <= tiers[2]):
        raise Problem(422, "frameworks.bad_tiers", "名次目标不合理",
                      "冲刺、目标、底线名次须同时填写，且冲刺 ≤ 目标 ≤ 底线（如 冲三 ≤ 争四 ≤ 保五）。")
    strength, weakness = (changes.get(k, getattr(framework, k)) for k in ("strength_rank_at_most",
                                                                          "weakness_rank_above"))
    if strength is not None and weakness is not None and strength > weakness:
        raise Problem(422, "frameworks.bad_class_rule", "长短板规则冲突", "长板名次上限不能差于短板名次下限。")
    before = {k: getattr(framework, k) for k in changes}
    for key, value in changes.items():
        setattr(framework, key, value)
    audit.record(session, AuditLog, action="framework.update", entity_type="framework", entity_id=code,
                 actor=actor, detail={"before": before, "after": changes})
    return framework
