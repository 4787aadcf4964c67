"""``/api/feedback/v1/league-table`` (staff) and
``/api/feedback/v1/public/league-table`` (anyone; unit names and numbers
only, cacheable): the handling units' and districts' league table (晾晒)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import AwareDatetime
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

from feedback_api.league import service
from feedback_api.league.schemas import Kind, LeagueConfig, LeagueConfigIn, LeagueTable, PublicLeagueTable
from feedback_api.metrics.periods import PERIOD, PERIOD_HELP

router = APIRouter(prefix="/api/feedback/v1", tags=["晾晒"])
Staff = Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, UNIT, DISTRICT, LEAD_UNIT, GROUP_LEAD, SERVICE)]
Office = Annotated[Principal, require_roles(REFORM_OFFICE)]
Period = Annotated[str, Query(pattern=PERIOD, description=PERIOD_HELP)]
PUBLIC_MAX_AGE = 300


async def _units(request: Request) -> dict:
    return {u.id: u for u in await request.app.state.units.all()}


@router.get("/league-table", response_model=LeagueTable,
            summary="晾晒：各承办单位或区县的受理量、签收率、按期办结率、一次性化解率、满意率、重办次数与综合排名")
async def league_table(
    request: Request, session: SessionDep, _: Staff, period: Period, kind: Kind = "unit",
    as_of: Annotated[AwareDatetime | None, Query(description="计算时点（默认现在）：期末取二者较早者")] = None,
    min_cases: Annotated[int | None, Query(ge=1, le=1000, description="参与排名的最少受理件数（默认按配置）")] = None,
) -> LeagueTable:
    return await service.table(session, request.app.state.settings, await _units(request), period, kind,
                               as_of or datetime.now(UTC), min_cases)


@router.get("/public/league-table", response_model=PublicLeagueTable,
            summary="公开晾晒：单位名称与各项指标（无个人信息）")
async def public_league_table(request: Request, response: Response, session: SessionDep, period: Period,
                              kind: Kind = "unit") -> PublicLeagueTable:
    result = await service.table(session, request.app.state.settings, await _units(request), period, kind,
                                 datetime.now(UTC), None)
    response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return service.public(result)


@router.get("/league-table/config", response_model=LeagueConfig, summary="晾晒配置：权重、重办扣分、最少件数")
async def get_config(session: SessionDep, _: Staff) -> LeagueConfig:
    return await service.get_config(session)


@router.put("/league-table/config", response_model=LeagueConfig, summary="修改晾晒配置（改革办）")
async def put_config(session: SessionDep, principal: Office, body: LeagueConfigIn) -> LeagueConfig:
    return await service.update_config(session, principal, body, datetime.now(UTC))
