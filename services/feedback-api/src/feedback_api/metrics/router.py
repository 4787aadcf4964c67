"""Metrics other services compute indicators from (indicators-api pulls them
with its service token): the one-time resolution rate (一次性化解率, SL-05) and
the summary of one-time resolution, satisfaction and on-time closure per
period, district and unit; and the same month by month over a year (the
leaders' cockpit). Formulas in docs/feedback-league.md."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
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

from feedback_api.cases.context import ContextDep
from feedback_api.metrics import service
from feedback_api.metrics.periods import PERIOD, PERIOD_HELP, period_bounds  # noqa: F401 (period_bounds re-exported)
from feedback_api.metrics.schemas import MetricsSummary, MetricsTrend, OneTimeResolution

router = APIRouter(prefix="/api/feedback/v1/metrics", tags=["指标口径"])
Period = Annotated[str, Query(pattern=PERIOD, description=PERIOD_HELP)]


@router.get("/one-time-resolution", response_model=OneTimeResolution,
            summary="营商环境事项一次性化解率：期内办结的诉求中，未重办且 30 日内无重复诉求的比例")
async def one_time_resolution(
    request: Request,
    session: SessionDep,
    _: Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, SERVICE)],
    period: Period,
) -> OneTimeResolution:
    return await service.one_time_resolution(session, request.app.state.settings, period)


@router.get("/summary", response_model=MetricsSummary,
            summary="诉求办理指标：一次性化解率、满意率、按期办结率（含分子分母），分区县、分单位")
async def summary(
    session: SessionDep,
    ctx: ContextDep,
    _: Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, SERVICE, UNIT, DISTRICT, LEAD_UNIT, GROUP_LEAD)],
    period: Period,
    district: Annotated[str | None, Query(max_length=50, description="区县名称或行政区划代码")] = None,
    unit: Annotated[str | None, Query(max_length=64, description="承办单位编码或 ID")] = None,
) -> MetricsSummary:
    return await service.summary(session, ctx, period, district, unit)


@router.get("/trend", response_model=MetricsTrend,
            summary="诉求办理逐月趋势：受理量、办结量与一次性化解率、满意率、按期办结率（全年逐月至本月）")
async def trend(
    session: SessionDep,
    ctx: ContextDep,
    _: Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, SERVICE, UNIT, DISTRICT, LEAD_UNIT, GROUP_LEAD)],
    year: Annotated[int, Query(ge=2000, le=2100, description="年份")],
    district: Annotated[str | None, Query(max_length=50, description="区县名称或行政区划代码")] = None,
    unit: Annotated[str | None, Query(max_length=64, description="承办单位编码或 ID")] = None,
) -> MetricsTrend:
    return await service.trend(session, ctx, year, district, unit)
