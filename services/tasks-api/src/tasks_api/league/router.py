"""``/api/tasks/v1/league-table``: the unit league table (晾晒) and its settings."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from reform_common.auth import DISTRICT, GROUP_LEAD, LEAD_UNIT, LEADER, REFORM_OFFICE, UNIT, Principal, require_roles
from reform_common.db import SessionDep

from tasks_api.league import service
from tasks_api.league.schemas import LeagueSettingsRead, LeagueSettingsUpdate, LeagueTable

router = APIRouter(prefix="/api/tasks/v1/league-table", tags=["晾晒与通报"])
# The table is published: every working role reads it (not the hotline).
Reader = Annotated[Principal, require_roles(REFORM_OFFICE, GROUP_LEAD, LEAD_UNIT, UNIT, DISTRICT, LEADER)]
Office = Annotated[Principal, require_roles(REFORM_OFFICE)]
Year = Annotated[int, Query(ge=2000, le=2100, description="年度计划的年份")]


@router.get("", response_model=LeagueTable, summary="单位晾晒排名（按期间与 as_of 计算）")
async def league_table(
    request: Request, session: SessionDep, _: Reader,
    period: Annotated[str, Query(max_length=10, description="统计期间：2026-10（月）、2026-Q3（季）或 2026（年）")],
    as_of: Annotated[date | None, Query(description="统计日期（YYYY-MM-DD），默认期末与今天中较早者")] = None,
) -> LeagueTable:
    return await service.compute_table(session, request.app.state.units, period, as_of)


@router.get("/settings", response_model=LeagueSettingsRead, summary="晾晒权重与通报设置")
async def get_settings(session: SessionDep, _: Reader, year: Year) -> LeagueSettingsRead:
    return await service.read_settings(session, year)


@router.put("/settings", response_model=LeagueSettingsRead, summary="修改晾晒权重与通报设置（改革办）")
async def put_settings(session: SessionDep, actor: Office, year: Year, body: LeagueSettingsUpdate) -> LeagueSettingsRead:
    return await service.update_settings(session, actor, year, body)
