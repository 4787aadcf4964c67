"""The ledger as the office's own workbook: the import template plus
status, warning, progress and the latest approved progress."""

from __future__ import annotations

from reform_common.auth import Principal
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.repository import TaskFilters
from tasks_api.ledger_excel.columns import ExportRow, Milestone
from tasks_api.ledger_excel.writer import write_workbook
from tasks_api.plans import service as plans
from tasks_api.reports import repository as reports_repo

STATUS_LABEL = {"not_started": "未启动", "in_progress": "推进中", "completed": "已完成", "ongoing": "持续推进"}
WARNING_LABEL = {"red": "红牌", "yellow": "黄牌", "none": None}


async def workbook(
    session: AsyncSession, principal: Principal, filters: TaskFilters, warning: str | None, ctx: LedgerContext
) -> tuple[bytes, str]:
    assert filters.year is not None
    plan = await plans.require(session, filters.year)
    tasks = await ledger.evaluated(session, principal, filters, ctx)
    if warning:
        tasks = [t for t in tasks if t.warning == warning]
    tasks.sort(key=lambda t: (t.seq, t.code))
    approved = await reports_repo.latest_by_task(session, [t.id for t in tasks], approved_only=True)
    rows = [
        ExportRow(
            code=t.code, seq=t.seq, title=t.title, measures=t.measures, goal=t.goal, environment=t.environment,
            special_group=t.special_group, category=t.category, benchmark_class=t.benchmark_class,
            benchmark_city=t.benchmark_city, lead_unit=t.lead_unit.name if t.lead_unit else "",
            responsible_units=[u.name for u in t.responsible_units], leading_official=t.leading_official,
            contact_name=t.contact_name, contact_phone=t.contact_phone, deadline=t.deadline,
            continuous=t.continuous,
            milestones=[Milestone(quarter=m.quarter or (m.due_date.month - 1) // 3 + 1, title=m.title,
                                  due_date=m.due_date) for m in t.milestones],
            indicator_codes=t.indicator_codes, tags=t.tags, status_label=STATUS_LABEL[t.status],
            warning_label=WARNING_LABEL[t.warning], progress=t.progress,
            latest_progress=approved[t.id].content if t.id in approved else None,
        )
        for t in tasks
    ]
    title = f"{plan.title}（截至 {ctx.as_of.isoformat()}）"
    return write_workbook(rows, plan.year, title), f"{plan.year}年任务台账_{ctx.as_of.isoformat()}.xlsx"
