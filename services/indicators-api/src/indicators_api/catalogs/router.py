"""``/api/indicators/v1``: frameworks, indicators, regions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from reform_common.auth import REFORM_OFFICE, CurrentPrincipal, Principal, require_roles
from reform_common.db import SessionDep
from reform_common.errors import not_found

from indicators_api.catalogs import repository as repo
from indicators_api.catalogs import service
from indicators_api.catalogs.schemas import (
    Environment,
    FrameworkRead,
    FrameworkUpdate,
    IndicatorCreate,
    IndicatorRead,
    RegionRead,
    RegionSetRead,
)

router = APIRouter(prefix="/api/indicators/v1", tags=["评价体系与指标"])
Code = Annotated[str, Path(max_length=32)]


@router.get("/frameworks", response_model=list[FrameworkRead], summary="评价体系：世行B-READY、国评、省晾晒、市指标")
async def list_frameworks(session: SessionDep, _: CurrentPrincipal) -> list[FrameworkRead]:
    counts: dict[str, int] = {}
    for indicator in await repo.indicators(session):
        counts[indicator.framework_code] = counts.get(indicator.framework_code, 0) + 1
    return [FrameworkRead.model_validate(f).model_copy(update={"indicator_count": counts.get(f.code, 0)})
            for f in await repo.frameworks(session)]


@router.patch("/frameworks/{code}", response_model=FrameworkRead,
              summary="修改名次目标（保五争四冲三）、长短板规则、地区组与对标城市（改革办）")
async def update_framework(
    session: SessionDep, actor: Annotated[Principal, require_roles(REFORM_OFFICE)], code: Code, body: FrameworkUpdate
) -> FrameworkRead:
    return FrameworkRead.model_validate(await service.update_framework(session, actor, code, body))


@router.get("/indicators", response_model=list[IndicatorRead], summary="指标（按体系、环境、关键词）")
async def list_indicators(
    session: SessionDep, _: CurrentPrincipal, framework: Annotated[str | None, Query(max_length=32)] = None,
    environment: Environment | None = None, q: Annotated[str | None, Query(max_length=100)] = None,
) -> list[IndicatorRead]:
    return [IndicatorRead.model_validate(i) for i in
            await repo.indicators(session, framework=framework, environment=environment, q=q)]


@router.get("/indicators/{code}", response_model=IndicatorRead, summary="指标详情")
async def get_indicator(session: SessionDep, _: CurrentPrincipal, code: Code) -> IndicatorRead:
    indicator = await repo.indicator(session, code)
    if indicator is None:
        raise not_found("指标")
    return IndicatorRead.model_validate(indicator)


@router.post("/indicators", response_model=IndicatorRead, status_code=201, summary="新增指标（改革办）")
async def create_indicator(
    session: SessionDep, actor: Annotated[Principal, require_roles(REFORM_OFFICE)], body: IndicatorCreate
) -> IndicatorRead:
    return IndicatorRead.model_validate(await service.create_indicator(session, actor, body))


@router.get("/regions", response_model=list[RegionRead], summary="地区（GB/T 2260）")
async def list_regions(session: SessionDep, _: CurrentPrincipal) -> list[RegionRead]:
    return [RegionRead.model_validate(r) for r in sorted((await repo.regions(session)).values(), key=lambda r: r.code)]


@router.get("/region-sets", response_model=list[RegionSetRead], summary="对比地区组：浙江11市、国评对比城市、京沪深广")
async def list_region_sets(session: SessionDep, _: CurrentPrincipal) -> list[RegionSetRead]:
    regions = await repo.regions(session)
    return [RegionSetRead(code=code, regions=[RegionRead.model_validate(regions[c]) for c in members])
            for code, members in (await repo.region_sets(session)).items()]
