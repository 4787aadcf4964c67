"""Progress reports: a unit reports per period; the lead unit or the office
approves (the task's reported progress follows) or returns it with a comment."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

from reform_common import uploads
from reform_common.auth import LEAD_UNIT, REFORM_OFFICE, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from reform_common.workdays import SHANGHAI
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.ledger import permissions
from tasks_api.ledger import repository as ledger_repo
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.models import Task
from tasks_api.ledger.repository import TaskFilters
from tasks_api.plans import service as plans
from tasks_api.plans.models import Plan
from tasks_api.reports import repository as repo
from tasks_api.reports.models import ProgressReport
from tasks_api.reports.periods import REPORT_GRACE_WORKING_DAYS, period_of, previous_period
from tasks_api.reports.schemas import Attachment, ReportCreate, ReportRead, ReportReview, ReportingStatus, UnitReporting

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10
# Recognised by their bytes: the client's Content-Type and file name are not trusted.
ATTACHMENT_KINDS = (uploads.PDF, uploads.PNG, uploads.JPEG, uploads.DOCX, uploads.XLSX)


def due_date(period_end: date, ctx: LedgerContext) -> date:
    return ctx.calendar.add_working_days(period_end, REPORT_GRACE_WORKING_DAYS)


def present(report: ProgressReport, code: str, ctx: LedgerContext) -> ReportRead:
    submitted_on = report.submitted_at.astimezone(SHANGHAI).date()
    return ReportRead(
        id=report.id, task_code=code, unit=ctx.unit_ref(report.unit_id), period_start=report.period_start,
        period_end=report.period_end, content=report.content, progress=report.progress,
        attachments=[Attachment(index=i, filename=a["filename"], content_type=a["content_type"], size=a["size"])
                     for i, a in enumerate(report.attachments)],
        status=report.status, submitted_by=report.submitted_by, submitted_at=report.submitted_at,
        late=submitted_on > due_date(report.period_end, ctx), reviewed_by=report.reviewed_by,
        reviewed_at=report.reviewed_at, review_comment=report.review_comment,
    )


async def for_task(session: AsyncSession, actor: Principal, code: str, ctx: LedgerContext) -> list[ReportRead]:
    task, _ = await ledger.require_task(session, actor, code)
    return [present(r, task.code, ctx) for r in await repo.for_task(session, task.id)]


async def submit(
    session: AsyncSession, actor: Principal, code: str, data: ReportCreate, ctx: LedgerContext
) -> ReportRead:
    task, plan = await ledger.require_task(session, actor, code, for_update=True)
    permissions.require_report(actor, task)
    assert actor.unit_id is not None
    start, end = period_of(data.period_start or ctx.as_of, plan.report_cycle)
    if start > ctx.as_of:
        raise Problem(422, "reports.future_period", "报送期有误", "不能报送尚未开始的报送期。")
    if await repo.active_in_period(session, task.id, actor.unit_id, start):
        raise conflict("reports.already_submitted",
                       f"本单位已报送 {start.isoformat()} 至 {end.isoformat()} 的进展；如需更正请联系审核单位退回。")
    report = ProgressReport(task_id=task.id, unit_id=actor.unit_id, period_start=start, period_end=end,
                            content=data.content, progress=data.progress, attachments=[],
                            submitted_by=actor.username, submitted_at=datetime.now(UTC))
    session.add(report)
    await session.flush()
    ledger.record(session, actor, task, "report.submit", report_id=report.id, period_start=start,
                  progress=data.progress)
    return present(report, task.code, ctx)


async def _report_and_task(
    session: AsyncSession, actor: Principal, report_id: uuid.UUID, *, for_update: bool = False
) -> tuple[ProgressReport, Task, Plan]:
    report = await repo.get(session, report_id, for_update=for_update)
    found = None if report is None else await ledger_repo.get_by_id(session, actor, report.task_id)
    if report is None or found is None:
        raise not_found("进展报送")
    return report, found[0], found[1]


async def review(
    session: AsyncSession, actor: Principal, report_id: uuid.UUID, data: ReportReview, ctx: LedgerContext
) -> ReportRead:
    report, task, _ = await _report_and_task(session, actor, report_id, for_update=True)
    is_lead = actor.has_any(LEAD_UNIT) and actor.unit_id == task.lead_unit_id
    if not (actor.has_any(REFORM_OFFICE) or is_lead):
        raise forbidden("进展报送由牵头单位或改革办审核。")
    if report.status != "submitted":
        raise conflict("reports.reviewed", "该进展报送已审核。")
    if data.decision == "return" and not data.comment:
        raise Problem(422, "reports.comment_required", "请填写退回意见", "退回报送时须说明原因，便于责任单位修改。",
                      errors=[{"field": "comment", "code": "required", "message": "退回须填写意见"}])
    report.status = "approved" if data.decision == "approve" else "returned"
    report.reviewed_by, report.reviewed_at, report.review_comment = actor.username, datetime.now(UTC), data.comment
    if report.status == "approved":
        task.reported_progress = report.progress
        ledger.refresh_derived(task)
    await session.flush()
    ledger.record(session, actor, task, f"report.{report.status}", report_id=report.id, comment=data.comment,
                  progress=task.progress)
    return present(report, task.code, ctx)


async def add_attachment(
    session: AsyncSession, actor: Principal, report_id: uuid.UUID, filename: str | None, data: bytes,
    storage_dir: Path, ctx: LedgerContext,
) -> ReportRead:
    report, task, _ = await _report_and_task(session, actor, report_id, for_update=True)
    if actor.unit_id != report.unit_id:
        raise forbidden("只有报送单位可以添加附件。")
    if report.status != "submitted":
        raise conflict("reports.reviewed", "已审核的报送不能再添加附件。")
    if len(report.attachments) >= MAX_ATTACHMENTS:
        raise Problem(422, "reports.too_many_attachments", "附件过多", f"每次报送最多 {MAX_ATTACHMENTS} 个附件。")
    accepted = await uploads.accept(data, uploads.UploadPolicy("reports.attachment_", ATTACHMENT_KINDS,
                                                               MAX_ATTACHMENT_BYTES))
    # Stored under a generated name: the client's file name is only displayed.
    key = f"reports/{report.id}/{uuid.uuid4().hex}{accepted.kind.extension}"
    path = storage_dir / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(accepted.data)
    name = uploads.safe_filename(filename)
    report.attachments = [*report.attachments, {"filename": name, "content_type": accepted.kind.content_type,
                                                 "size": len(accepted.data), "key": key}]
    ledger.record(session, actor, task, "report.attach", report_id=report.id, filename=name)
    return present(report, task.code, ctx)


async def attachment(
    session: AsyncSession, actor: Principal, report_id: uuid.UUID, index: int, storage_dir: Path
) -> tuple[Path, str, str]:
    report, _, _ = await _report_and_task(session, actor, report_id)
    if not 0 <= index < len(report.attachments):
        raise not_found("附件")
    item = report.attachments[index]
    return storage_dir / item["key"], item["filename"], item["content_type"]


async def reporting_status(
    session: AsyncSession, actor: Principal, year: int, ctx: LedgerContext
) -> ReportingStatus:
    """Per unit, for the last closed period: who reported on time, late, or not at all."""
    plan = await plans.require(session, year)
    start, end = previous_period(ctx.as_of, plan.report_cycle)
    due = due_date(end, ctx)
    rows = await ledger_repo.list_tasks(session, actor, TaskFilters(year=year))
    tasks = [t for t, _ in rows if t.status != "completed"]
    reports = await repo.in_period(session, [t.id for t in tasks], start)
    submitted: dict[tuple[uuid.UUID, uuid.UUID], ProgressReport] = {}
    for r in reports:
        if r.status != "returned":
            submitted[(r.task_id, r.unit_id)] = r
    per_unit: dict[uuid.UUID, UnitReporting] = {}
    missing: dict[uuid.UUID, list[str]] = defaultdict(list)
    for task in tasks:
        for unit_id in [task.lead_unit_id, *(tu.unit_id for tu in task.responsible_units)]:
            if not actor.sees_everything and actor.unit_id != unit_id and not actor.has_any("group_lead"):
                continue
            ref = ctx.unit_ref(unit_id)
            if ref is None:
                continue
            entry = per_unit.setdefault(unit_id, UnitReporting(unit=ref, expected=0, on_time=0, late=0, missing=0,
                                                              missing_tasks=[]))
            entry.expected += 1
            report = submitted.get((task.id, unit_id))
            if report is None:
                entry.missing += 1
                missing[unit_id].append(task.code)
            elif report.submitted_at.astimezone(SHANGHAI).date() > due:
                entry.late += 1
            else:
                entry.on_time += 1
    for unit_id, codes in missing.items():
        per_unit[unit_id].missing_tasks = sorted(codes)
    units = sorted(per_unit.values(), key=lambda u: (-u.missing, -u.late, u.unit.name))
    return ReportingStatus(period_start=start, period_end=end, due=due, units=units)
