"""``/api/indicators/v1``: leaderboards, overviews, trends, official results."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from reform_common import audit
from reform_common.auth import REFORM_OFFICE, CurrentPrincipal, Principal, require_roles
from reform_common.db import SessionDep

from indicators_api import computed
from indicators_api.observations.schemas import PERIOD_PATTERN
from indicators_api.results import service, tables
from indicators_api.results.schemas import FrameworkOverview, Leaderboard, OfficialResultIn, TrendPoint

router = APIRouter(prefix="/api/indicators/v1", tags=["排名与对标"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Period = Annotated[str, Query(pattern=PERIOD_PATTERN, description="2026、2026-Q3 或 2026-10")]
RegionSet = Annotated[str | None, Query(max_length=32, description="对比地区组，默认为该体系的地区组")]


def _served(request: Request, region: str | None) -> str:
    return region or request.app.state.settings.served_region


@router.get("/indicators/{code}/leaderboard", response_model=Leaderboard,
            summary="排行榜（由好到差）及本市名次目标、差距")
async def leaderboard(
    request: Request, session: SessionDep, _: CurrentPrincipal, code: Annotated[str, Path(max_length=32)],
    period: Period, region_set: RegionSet = None,
    region: Annotated[str | None, Query(pattern=r"^\d{6}$", description="看哪个城市，默认本市")] = None,
) -> Leaderboard:
    return await service.leaderboard(session, code, period, region_set, _served(request, region))


@router.get("/indicators/{code}/leaderboard.xlsx", response_class=Response, summary="导出排行榜",
            dependencies=[audit.EXPORT],
            responses={200: {"content": {XLSX: {}}}})
async def leaderboard_xlsx(
    request: Request, session: SessionDep, _: CurrentPrincipal, code: Annotated[str, Path(max_length=32)],
    period: Period, region_set: RegionSet = None,
) -> Response:
    board = await service.leaderboard(session, code, period, region_set, _served(request, None))
    return _xlsx(tables.leaderboard_xlsx(board), f"{code}_{period}_排行.xlsx")


@router.get("/frameworks/{code}/overview.xlsx", response_class=Response, summary="导出体系总览",
            dependencies=[audit.EXPORT],
            responses={200: {"content": {XLSX: {}}}})
async def overview_xlsx(
    request: Request, session: SessionDep, _: CurrentPrincipal, code: Annotated[str, Path(max_length=32)],
    period: Period,
) -> Response:
    overview = await service.overview(session, code, period, _served(request, None))
    return _xlsx(tables.overview_xlsx(overview), f"{code}_{period}_总览.xlsx")


def _xlsx(data: bytes, filename: str) -> Response:
    return Response(data, media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.get("/indicators/{code}/trend", response_model=list[TrendPoint], summary="本市历期数值与名次")
async def trend(
    request: Request, session: SessionDep, _: CurrentPrincipal, code: Annotated[str, Path(max_length=32)],
    region_set: RegionSet = None,
) -> list[TrendPoint]:
    return await service.trend(session, code, region_set, _served(request, None))


@router.get("/frameworks/{code}/overview", response_model=FrameworkOverview,
            summary="体系总览：总体名次对照保五争四冲三、前十指标数、优势指标")
async def overview(
    request: Request, session: SessionDep, _: CurrentPrincipal, code: Annotated[str, Path(max_length=32)],
    period: Period,
) -> FrameworkOverview:
    return await service.overview(session, code, period, _served(request, None))


@router.post("/official-results", status_code=201, summary="录入官方公布的名次/分组/得分（改革办）")
async def record_official(
    session: SessionDep, actor: Annotated[Principal, require_roles(REFORM_OFFICE)], body: OfficialResultIn
) -> dict[str, str]:
    await service.record_official(session, actor, body)
    return {"status": "recorded"}


@router.post("/computed/refresh", response_model=list[computed.RefreshItem],
             summary="从任务台账、企业诉求服务拉取计算型指标（改革办；另有每日定时）")
async def refresh_computed(
    request: Request, session: SessionDep, _: Annotated[Principal, require_roles(REFORM_OFFICE)], period: Period
) -> list[computed.RefreshItem]:
    return await computed.refresh(session, request.app.state.tasks_client, period, _served(request, None))
