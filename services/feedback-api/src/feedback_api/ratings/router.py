"""营商环境我来评: the public catalogue and rating
(``/api/feedback/v1/public/services``, ``/public/ratings``) and the staff side
(``/api/feedback/v1/ratings``: list, summary, catalogue management)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from reform_common.auth import (
    DISTRICT,
    GROUP_LEAD,
    LEAD_UNIT,
    LEADER,
    REFORM_OFFICE,
    SERVICE,
    UNIT,
    Principal,
    require_roles,
)
from reform_common.db import SessionDep
from reform_common.pagination import PageDep

from feedback_api.cases.context import ContextDep
from feedback_api.metrics.periods import PERIOD, PERIOD_HELP, period_bounds
from feedback_api.public import spam
from feedback_api.ratings import service
from feedback_api.ratings.repository import RatingFilters
from feedback_api.ratings.schemas import (
    PublicRatingCreated,
    PublicRatingIn,
    PublicService,
    RatedServiceCreate,
    RatedServiceRead,
    RatedServiceUpdate,
    RatingList,
    RatingSummary,
)

router = APIRouter(prefix="/api/feedback/v1", tags=["营商环境我来评"])
Staff = Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, UNIT, DISTRICT, LEAD_UNIT, GROUP_LEAD, SERVICE)]
Office = Annotated[Principal, require_roles(REFORM_OFFICE)]
ServiceCode = Annotated[str, Path(max_length=40, description="事项代码")]
UnitParam = Annotated[str | None, Query(max_length=64, description="承办单位编码或 ID")]


@router.get("/public/services", response_model=list[PublicService],
            summary="营商环境我来评：可评价的高频涉企事项（含平均星级与评价数）")
async def public_services(session: SessionDep, ctx: ContextDep, response: Response) -> list[PublicService]:
    response.headers["Cache-Control"] = "public, max-age=60"
    return await service.public_catalogue(session, ctx)


@router.post("/public/ratings", response_model=PublicRatingCreated, status_code=201,
             summary="评价事项（1–5 星）；1–2 星并填写意见的转为诉求办理")
async def rate(request: Request, session: SessionDep, ctx: ContextDep, body: PublicRatingIn) -> PublicRatingCreated:
    return await service.submit(session, ctx, body, spam.client_address(request))


@router.get("/ratings", response_model=RatingList, summary="事项评价列表（承办单位只看本单位事项；电话脱敏）")
async def list_ratings(
    session: SessionDep, principal: Staff, ctx: ContextDep, page: PageDep,
    period: Annotated[str | None, Query(pattern=PERIOD, description=PERIOD_HELP)] = None,
    service_code: Annotated[str | None, Query(alias="service", max_length=40, description="事项代码")] = None,
    unit: UnitParam = None,
    stars: Annotated[int | None, Query(ge=1, le=5)] = None,
    has_case: Annotated[bool | None, Query(description="是否已转为诉求")] = None,
) -> RatingList:
    start, end = period_bounds(period) if period else (None, None)
    f = RatingFilters(start=start, end=end, service_code=service_code, stars=stars, has_case=has_case)
    return await service.list_ratings(session, principal, ctx, f, unit, page.page, page.page_size)


@router.get("/ratings/summary", response_model=RatingSummary,
            summary="评价统计：各事项、各单位的评价数、平均星级、星级分布、满意率与逐月趋势")
async def summary(session: SessionDep, principal: Staff, ctx: ContextDep,
                  period: Annotated[str, Query(pattern=PERIOD, description=PERIOD_HELP)],
                  unit: UnitParam = None) -> RatingSummary:
    return await service.summary(session, principal, ctx, period, unit)


@router.get("/ratings/services", response_model=list[RatedServiceRead], summary="事项清单（含已停用）")
async def catalogue(session: SessionDep, _: Staff, ctx: ContextDep) -> list[RatedServiceRead]:
    return await service.catalogue(session, ctx)


@router.post("/ratings/services", response_model=RatedServiceRead, status_code=201, summary="新增事项（改革办）")
async def create_service(session: SessionDep, principal: Office, ctx: ContextDep,
                         body: RatedServiceCreate) -> RatedServiceRead:
    return await service.create_service(session, principal, body, ctx)


@router.patch("/ratings/services/{code}", response_model=RatedServiceRead,
              summary="修改事项：名称、承办单位、分类、顺序、停用（改革办）")
async def update_service(session: SessionDep, principal: Office, ctx: ContextDep, code: ServiceCode,
                         body: RatedServiceUpdate) -> RatedServiceRead:
    return await service.update_service(session, principal, code, body, ctx)
