"""Rules for the catalog: new indicators must fit their framework's tree."""

from __future__ import annotations

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem, conflict
from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api.audit.models import AuditLog
from indicators_api.catalogs import repository as repo
from indicators_api.catalogs.models import Indicator
from indicators_api.catalogs.schemas import IndicatorCreate


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
