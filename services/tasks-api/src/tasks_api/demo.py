"""Loads the demo 2026 plan (tasks_api.demo_plan) into the ledger: tasks,
milestones with their done dates, progress reports and their reviews, so the
ledger shows some yellow and red as of late November 2026. Idempotent: a
year whose plan already has tasks is left alone."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time

from reform_common.demo import all_units, unit_uuid
from reform_common.workdays import SHANGHAI
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.demo_plan import generate_plan, plan_title
from tasks_api.ledger import service as ledger
from tasks_api.ledger.models import Milestone, Task
from tasks_api.ledger_excel.units import UnitRef, resolve_unit
from tasks_api.plans import repository as plans_repo
from tasks_api.plans.models import Plan
from tasks_api.reports.models import ProgressReport
from tasks_api.reports.periods import period_of

DEMO_YEAR = 2026


def _directory() -> list[UnitRef]:
    return [UnitRef(unit_uuid(code), name, short, list(aliases)) for code, name, short, aliases, _ in all_units()]


async def load(session: AsyncSession, year: int = DEMO_YEAR) -> dict[str, int]:
    plan = await plans_repo.by_year(session, year)
    if plan is not None and await plans_repo.task_count(session, plan):
        return {"tasks": 0, "reports": 0}
    if plan is None:
        plan = Plan(year=year, title=plan_title(year), status="published", report_cycle="monthly",
                    published_at=datetime(year, 2, 20, 9, tzinfo=SHANGHAI))
        session.add(plan)
        await session.flush()
    directory = _directory()
    tasks = reports = 0
    for demo in generate_plan(year):
        row = demo.row
        lead = resolve_unit(row.lead_unit, directory).id
        task = Task(
            plan_id=plan.id, code=row.code, seq=row.seq or tasks + 1, title=row.title, measures=row.measures,
            goal=row.goal, environment=row.environment, special_group=row.special_group, category=row.category,
            benchmark_class=row.benchmark_class, benchmark_city=row.benchmark_city, lead_unit_id=lead,
            leading_official=row.leading_official, contact_name=row.contact_name, contact_phone=row.contact_phone,
            deadline=row.deadline, continuous=row.continuous, indicator_codes=row.indicator_codes, tags=row.tags,
            reported_progress=demo.reported_progress, responsible_units=[], milestones=[],
        )
        ledger.apply_fields(task, {"responsible_unit_ids": [resolve_unit(n, directory).id
                                                            for n in row.responsible_units]})
        task.milestones = [Milestone(seq=i, title=m.title, quarter=m.quarter, due_date=m.due_date, done_date=done,
                                     evidence=f"{m.title}相关文件已上传" if done else None)
                           for i, (m, done) in enumerate(zip(row.milestones, demo.milestone_done, strict=True))]
        ledger.refresh_derived(task)
        session.add(task)
        await session.flush()
        for report in demo.progress_reports:
            unit_id = resolve_unit(report["unit_name"], directory).id
            start, end = period_of(report["period_end"], plan.report_cycle)
            submitted = datetime.combine(report["period_end"], time(17), tzinfo=SHANGHAI).astimezone(UTC)
            reviewed = report["status"] != "submitted"
            session.add(ProgressReport(
                id=uuid.uuid4(), task_id=task.id, unit_id=unit_id, period_start=start, period_end=end,
                content=report["content"], progress=report["progress"], attachments=[], status=report["status"],
                submitted_by="demo", submitted_at=submitted, reviewed_by="demo" if reviewed else None,
                reviewed_at=submitted if reviewed else None,
                review_comment="请补充量化成效和下一步时间节点。" if report["status"] == "returned" else None,
            ))
            reports += 1
        tasks += 1
    await session.flush()
    return {"tasks": tasks, "reports": reports}
