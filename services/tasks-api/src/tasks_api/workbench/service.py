"""A unit's workbench: its to-do list — tasks to report this
period, reports returned for rework, notices to acknowledge, its red and
yellow tasks. Built for a liaison on a phone."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from reform_common.auth import Principal
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.ledger import permissions
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.repository import TaskFilters
from tasks_api.ledger.schemas import TaskRead, UnitRef
from tasks_api.notices import repository as notices_repo
from tasks_api.notices.schemas import NoticeRead
from tasks_api.plans import repository as plans_repo
from tasks_api.reports import repository as reports_repo
from tasks_api.reports.periods import period_of
from tasks_api.reports.schemas import ReportRead
from tasks_api.reports.service import present as present_report

class ToReport(BaseModel):
    task: TaskRead
    period_start: date
    period_end: date


class Workbench(BaseModel):
    as_of: date
    unit: UnitRef | None
    counts: dict[str, int]
    to_report: list[ToReport]
    returned_reports: list[ReportRead]
    notices_to_acknowledge: list[NoticeRead]
    warned_tasks: list[TaskRead]
    calendar_notices: list[str]


async def build(session: AsyncSession, principal: Principal, ctx: LedgerContext) -> Workbench:
    tasks = await ledger.evaluated(session, principal, TaskFilters(year=ctx.as_of.year), ctx)
    mine = [t for t in tasks if principal.unit_id in
            {t.lead_unit.id if t.lead_unit else None, *(u.id for u in t.responsible_units)}]
    counts = {"total": len(mine), "red": 0, "yellow": 0, "none": 0}
    for t in mine:
        counts[t.warning] += 1
    plan = await plans_repo.by_year(session, ctx.as_of.year)
    to_report: list[ToReport] = []
    returned: list[ReportRead] = []
    if plan is not None and principal.unit_id is not None:
        start, end = period_of(ctx.as_of, plan.report_cycle)
        reports = await reports_repo.in_period(session, [t.id for t in mine], start)
        active = {r.task_id for r in reports if r.unit_id == principal.unit_id and r.status != "returned"}
        returned = [present_report(r, next(t.code for t in mine if t.id == r.task_id), ctx)
                    for r in reports
                    if r.unit_id == principal.unit_id and r.status == "returned" and r.task_id not in active]
        if principal.has_any(*permissions.REPORTING_ROLES):
            to_report = [ToReport(task=t, period_start=start, period_end=end) for t in mine
                         if t.id not in active and t.status != "completed"]
    notices, _ = await notices_repo.listing(session, principal, unit_id=principal.unit_id, issued_on=None,
                                            acknowledged=False, offset=0, limit=50)
    return Workbench(
        as_of=ctx.as_of, unit=ctx.unit_ref(principal.unit_id) if principal.unit_id else None, counts=counts,
        to_report=to_report, returned_reports=returned,
        notices_to_acknowledge=[NoticeRead.model_validate(n) for n in notices],
        warned_tasks=sorted([t for t in mine if t.warning != "none"], key=lambda t: (t.warning != "red", t.code)),
        calendar_notices=ctx.notices([ctx.as_of.year]),
    )
