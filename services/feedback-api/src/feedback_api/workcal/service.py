"""The working-day calendar's years: where each year's days come from, and
the office's corrections."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem
from reform_common.workdays import package_covers
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.audit.models import AuditLog
from feedback_api.workcal import repository as repo
from feedback_api.workcal.schemas import CalendarDayIn, CalendarYearIn, CalendarYearRead


async def read_year(session: AsyncSession, year: int) -> CalendarYearRead:
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


async def replace_year(session: AsyncSession, actor: Principal, year: int, body: CalendarYearIn) -> None:
    counts = Counter(d.day for d in body.days)
    repeated = sorted(day.isoformat() for day, n in counts.items() if n > 1)
    if repeated:
        raise Problem(422, "calendar.repeated_day", "日期重复", f"以下日期填写了多次：{'、'.join(repeated)}。")
    outside = [d.day.isoformat() for d in body.days if d.day.year != year]
    if outside:
        raise Problem(422, "calendar.wrong_year", "日期不属于该年", f"以下日期不在 {year} 年：{'、'.join(outside)}。")
    await repo.replace_year(session, year, [(d.day, d.is_working_day, d.note) for d in body.days],
                            body.published, body.note)
    audit.record(session, AuditLog, action="calendar.update", entity_type="calendar", entity_id=year,
                 actor=actor, detail={"published": body.published, "days": len(body.days)})
