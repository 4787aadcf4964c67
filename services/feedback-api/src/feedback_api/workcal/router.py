"""``/api/feedback/v1/calendar/{year}``: the working-day calendar and its overrides."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from reform_common.auth import REFORM_OFFICE, CurrentPrincipal, Principal, require_roles
from reform_common.db import SessionDep

from feedback_api.workcal import service
from feedback_api.workcal.schemas import CalendarYearIn, CalendarYearRead

router = APIRouter(prefix="/api/feedback/v1/calendar", tags=["工作日历"])
Year = Annotated[int, Path(ge=2000, le=2100)]


@router.get("/{year}", response_model=CalendarYearRead, summary="某年工作日历（含调整）")
async def get_year(session: SessionDep, _: CurrentPrincipal, year: Year) -> CalendarYearRead:
    return await service.read_year(session, year)


@router.put("/{year}", response_model=CalendarYearRead, summary="录入某年节假日与调休（改革办）")
async def put_year(
    session: SessionDep, actor: Annotated[Principal, require_roles(REFORM_OFFICE)], year: Year, body: CalendarYearIn
) -> CalendarYearRead:
    await service.replace_year(session, actor, year, body)
    return await service.read_year(session, year)
