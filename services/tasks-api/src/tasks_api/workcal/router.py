"""``/api/tasks/v1/calendar/{year}``: the working-day calendar and its overrides."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Path
from reform_common import audit
from reform_common.auth import REFORM_OFFICE, CurrentPrincipal, Principal, require_roles
from reform_common.db import SessionDep
from reform_common.errors import Problem
from reform_common.workdays import package_covers
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.workcal import repository as repo
from tasks_api.workcal.schemas import CalendarDayIn, CalendarYearIn, CalendarYearRead

router = APIRouter(prefix="/api/tasks/v1/calendar", tags=["工作日历"])
Year = Annotated[int, Path(ge=2000, le=2100)]


async def _read(session: AsyncSession, year: int) -> CalendarYearRead:
    calendar = await repo.load_calendar(session)
    days = await repo.days_of_year(session, year)
    published = await repo.published_year(session, year)
    start = date(year, 1, 1)
    count = sum(1 for i in range((date(year + 1, 1, 1) - start).days)
                if calendar.is_working_day(start + timedelta(days=i)))
    notices = calendar.notices([year])
    return CalendarYearRead(
        year=year,
        source="published" if published else ("package" if package_covers(year) else "fallback"),
        days=[CalendarDayIn(day=d.day, is_working_day=d.is_working_day, note=d.note) for d in days],
        working_days=count,
        notice=notices[0] if notices else None,
    )


@router.get("/{year}", response_model=CalendarYearRead, summary="某年工作日历（含调整）")
async def get_year(session: SessionDep, _: CurrentPrincipal, year: Year) -> CalendarYearRead:
    return await _read(session, year)


@router.put("/{year}", response_model=CalendarYearRead, summary="录入某年节假日与调休（改革办）")
async def put_year(
    session: SessionDep, actor: Annotated[Principal, require_roles(REFORM_OFFICE)], year: Year, body: CalendarYearIn
) -> CalendarYearRead:
    outside = [d.day.isoformat() for d in body.days if d.day.year != year]
    if outside:
        raise Problem(422, "calendar.wrong_year", "日期不属于该年", f"以下日期不在 {year} 年：{'、'.join(outside)}。")
    await repo.replace_year(session, year, [(d.day, d.is_working_day, d.note) for d in body.days],
                            body.published, body.note)
    audit.record(session, AuditLog, action="calendar.update", entity_type="calendar", entity_id=year,
                 actor=actor, detail={"published": body.published, "days": len(body.days)})
    return await _read(session, year)
