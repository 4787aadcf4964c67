"""Inspections (督察) and rectifications (整改). Rules:

- the reform office and special groups (for their environment's tasks) record
  inspections — on-site visits or 四不两直 spot checks — with their findings;
- a finding that requires rectification gets one rectification: an owner unit
  and a deadline of N working days from the inspection date (official calendar);
- open → submitted (the owner unit, with evidence) → verified (the office), or
  back to open when the office returns it with a reason; other moves are 409;
- a rectification not verified as of a date is red once its due date is before
  that date and yellow when it falls within the plan's ``warning_days`` working
  days — the ledger's deadline arithmetic (``ledger.rules``), not a copy of it.
Never commits."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from pathlib import Path
from typing import Any

from reform_common import audit, uploads
from reform_common.auth import DISTRICT, GROUP_LEAD, LEAD_UNIT, REFORM_OFFICE, UNIT, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from reform_common.workdays import SHANGHAI
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.inspections import repository as repo
from tasks_api.inspections.models import Inspection, InspectionFinding, Rectification
from tasks_api.inspections.repository import InspectionFilters, RectificationFilters, RectificationRow
from tasks_api.inspections.schemas import (
    FindingCreate,
    FindingRead,
    InspectionCreate,
    InspectionList,
    InspectionRead,
    RectificationDecision,
    RectificationList,
    RectificationRead,
    RectificationSubmit,
)
from tasks_api.ledger import rules
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.models import Task
from tasks_api.plans import repository as plans_repo
from tasks_api.reports.schemas import Attachment
from tasks_api.reports.service import ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS

DEFAULT_WARNING_DAYS = 5  # a year without a plan warns like a plan's default


# ---- warnings -----------------------------------------------------------------------------------

def warning_of(r: Rectification, ctx: LedgerContext, warning_days: int) -> tuple[str, list[str]]:
    if r.issued_on > ctx.as_of or (r.verified_on is not None and r.verified_on <= ctx.as_of):
        return "none", []
    # The same red/yellow arithmetic as a task's deadline.
    level = rules.due_warning(r.due_date, ctx.as_of, ctx.calendar, warning_days)
    if level == "red":
        return "red", [f"整改已逾期（应于 {r.due_date.isoformat()} 前完成并通过核验）"]
    if level == "yellow":
        return "yellow", [f"整改将于 {r.due_date.isoformat()} 到期"]
    return "none", []


async def _warning_days(session: AsyncSession, years: set[int]) -> dict[int, int]:
    out = {}
    for year in years:
        plan = await plans_repo.by_year(session, year)
        out[year] = plan.warning_days if plan is not None else DEFAULT_WARNING_DAYS
    return out


# ---- presenting ---------------------------------------------------------------------------------

def present_rectification(
    r: Rectification, finding: InspectionFinding, inspection: Inspection, task_code: str | None,
    ctx: LedgerContext, warning_days: int,
) -> RectificationRead:
    warning, reasons = warning_of(r, ctx, warning_days)
    return RectificationRead(
        id=r.id, inspection_code=inspection.code, inspection_kind=inspection.kind, finding_id=finding.id,
        finding=finding.description, severity=finding.severity, task_code=task_code,
        owner_unit=ctx.unit_ref(r.owner_unit_id), issued_on=r.issued_on, deadline_days=r.deadline_days,
        due_date=r.due_date, due_at=datetime.combine(r.due_date, time(23, 59, 59), tzinfo=SHANGHAI),
        status=r.status, evidence=r.evidence,
        attachments=[Attachment(index=i, filename=a["filename"], content_type=a["content_type"], size=a["size"])
                     for i, a in enumerate(r.attachments)],
        submitted_on=r.submitted_on, submitted_by=r.submitted_by, verified_on=r.verified_on,
        verified_by=r.verified_by, verification_comment=r.verification_comment, return_reason=r.return_reason,
        returned_count=r.returned_count, warning=warning, warning_reasons=reasons,
    )


async def _present_inspections(
    session: AsyncSession, inspections: list[Inspection], ctx: LedgerContext
) -> list[InspectionRead]:
    tasks = await repo.tasks_by_id(session, {i.task_id for i in inspections if i.task_id})
    rectifications = await repo.rectifications_of(session, [i.id for i in inspections])
    days = await _warning_days(session, {i.year for i in inspections})
    out = []
    for i in inspections:
        task = tasks.get(i.task_id) if i.task_id else None
        task_code = task.code if task else None
        findings = []
        for f in i.findings:
            r = rectifications.get(f.id)
            findings.append(FindingRead(
                id=f.id, seq=f.seq, description=f.description, severity=f.severity,
                requires_rectification=f.requires_rectification,
                rectification=None if r is None else present_rectification(r, f, i, task_code, ctx, days[i.year]),
            ))
        out.append(InspectionRead(
            id=i.id, code=i.code, kind=i.kind, task_code=task_code, task_title=task.title if task else None,
            unit=ctx.unit_ref(i.unit_id) if i.unit_id else None, inspected_on=i.inspected_on, method=i.method,
            inspectors=i.inspectors, summary=i.summary, created_by=i.created_by, created_at=i.created_at,
            findings=findings,
        ))
    return out


# ---- inspections --------------------------------------------------------------------------------

def _require_inspector(actor: Principal) -> None:
    if not actor.has_any(REFORM_OFFICE, GROUP_LEAD):
        raise forbidden("督察由改革办或专项小组组织。")


def _may_inspect_task(actor: Principal, task: Task) -> bool:
    return actor.has_any(REFORM_OFFICE) or (actor.has_any(GROUP_LEAD) and actor.environment == task.environment)


def _check_unit(ctx: LedgerContext, unit_id: uuid.UUID, field: str) -> None:
    if unit_id not in ctx.units:
        raise Problem(422, "inspections.unit_unknown", "单位不存在", f"单位 {unit_id} 不在单位目录中。",
                      errors=[{"field": field, "code": "unknown_unit", "message": "单位不存在"}])


async def _add_findings(
    session: AsyncSession, inspection: Inspection, task: Task | None, findings: list[FindingCreate],
    first_seq: int, ctx: LedgerContext,
) -> list[dict[str, Any]]:
    """Adds findings and their rectifications; returns what the audit row records."""
    added = []
    for n, data in enumerate(findings):
        finding = InspectionFinding(seq=first_seq + n, description=data.description, severity=data.severity,
                                    requires_rectification=data.requires_rectification)
        inspection.findings.append(finding)
        added.append(finding)
    # Findings first: a rectification references its finding.
    await session.flush()
    recorded = []
    for n, (finding, data) in enumerate(zip(added, findings, strict=True)):
        entry: dict[str, Any] = {"seq": finding.seq, "severity": data.severity,
                                 "requires_rectification": data.requires_rectification}
        if data.rectification is not None:
            owner = data.rectification.owner_unit_id or inspection.unit_id or (task.lead_unit_id if task else None)
            assert owner is not None  # an inspection targets a unit or a task (check constraint)
            _check_unit(ctx, owner, f"findings.{n}.rectification.owner_unit_id")
            days = data.rectification.deadline_days
            due = ctx.calendar.add_working_days(inspection.inspected_on, days)
            session.add(Rectification(finding_id=finding.id, inspection_id=inspection.id, owner_unit_id=owner,
                                      issued_on=inspection.inspected_on, deadline_days=days, due_date=due))
            entry.update(owner_unit_id=str(owner), deadline_days=days, due_date=due.isoformat())
        recorded.append(entry)
    await session.flush()
    return recorded


async def create(session: AsyncSession, actor: Principal, data: InspectionCreate, ctx: LedgerContext) -> str:
    _require_inspector(actor)
    if data.inspected_on > ctx.as_of:
        raise Problem(422, "inspections.future_date", "督察日期有误", "督察日期不能晚于今天（as_of）。",
                      errors=[{"field": "inspected_on", "code": "future", "message": "督察日期不能晚于今天"}])
    task = None
    if data.task_code is not None:
        task, _ = await ledger.require_task(session, actor, data.task_code)
        if not _may_inspect_task(actor, task):
            raise forbidden("专项小组只能督察本环境的任务。")
    if data.unit_id is not None:
        _check_unit(ctx, data.unit_id, "unit_id")
    year = data.inspected_on.year
    seq = await repo.max_seq(session, year) + 1
    inspection = Inspection(
        id=uuid.uuid4(), code=f"DC-{year}-{seq:03d}", year=year, seq=seq, kind=data.kind,
        task_id=task.id if task else None, unit_id=data.unit_id, inspected_on=data.inspected_on,
        method=data.method, inspectors=data.inspectors, summary=data.summary, created_by=actor.username,
        created_unit_id=actor.unit_id,
        created_environment=actor.environment if actor.has_any(GROUP_LEAD) else None, findings=[],
    )
    session.add(inspection)
    await session.flush()
    findings = await _add_findings(session, inspection, task, data.findings, 1, ctx)
    audit.record(session, AuditLog, action="inspection.create", entity_type="inspection", entity_id=inspection.id,
                 actor=actor, detail={"code": inspection.code, "kind": data.kind, "task_code": data.task_code,
                                      "unit_id": str(data.unit_id) if data.unit_id else None,
                                      "inspected_on": data.inspected_on.isoformat(), "findings": findings})
    return inspection.code


async def _require(session: AsyncSession, actor: Principal, code: str, *, for_update: bool = False) -> Inspection:
    inspection = await repo.get_by_code(session, actor, code, for_update=for_update)
    if inspection is None:
        raise not_found("督察记录")
    return inspection


async def add_findings(
    session: AsyncSession, actor: Principal, code: str, findings: list[FindingCreate], ctx: LedgerContext
) -> None:
    _require_inspector(actor)
    inspection = await _require(session, actor, code, for_update=True)
    task = None
    if inspection.task_id is not None:
        task = (await repo.tasks_by_id(session, {inspection.task_id}))[inspection.task_id]
    own_environment = actor.environment is not None and inspection.created_environment == actor.environment
    if not (actor.has_any(REFORM_OFFICE) or own_environment or (task is not None and _may_inspect_task(actor, task))):
        raise forbidden("专项小组只能为本环境的督察补充问题。")
    first = max((f.seq for f in inspection.findings), default=0) + 1
    recorded = await _add_findings(session, inspection, task, findings, first, ctx)
    audit.record(session, AuditLog, action="inspection.add_findings", entity_type="inspection",
                 entity_id=inspection.id, actor=actor, detail={"code": inspection.code, "findings": recorded})


async def detail(session: AsyncSession, actor: Principal, code: str, ctx: LedgerContext) -> InspectionRead:
    inspection = await _require(session, actor, code)
    return (await _present_inspections(session, [inspection], ctx))[0]


async def list_inspections(
    session: AsyncSession, actor: Principal, f: InspectionFilters, offset: int, limit: int, ctx: LedgerContext
) -> InspectionList:
    rows, total = await repo.list_inspections(session, actor, f, offset, limit)
    return InspectionList(items=await _present_inspections(session, rows, ctx), total=total,
                          page=offset // limit + 1, page_size=limit, as_of=ctx.as_of)


# ---- rectifications -----------------------------------------------------------------------------

async def list_rectifications(
    session: AsyncSession, actor: Principal, f: RectificationFilters, warning: str | None, offset: int, limit: int,
    ctx: LedgerContext,
) -> RectificationList:
    # Warnings depend on as_of and the calendar, so they are computed for the filtered set (as the ledger does).
    rows = await repo.list_rectifications(session, actor, f)
    days = await _warning_days(session, {i.year for _, _, i, _ in rows})
    items = [present_rectification(r, fi, i, code, ctx, days[i.year]) for r, fi, i, code in rows]
    counts = {"red": 0, "yellow": 0, "none": 0}
    for item in items:
        counts[item.warning] += 1
    if warning:
        items = [item for item in items if item.warning == warning]
    return RectificationList(
        items=items[offset:offset + limit], total=len(items), page=offset // limit + 1, page_size=limit,
        as_of=ctx.as_of, counts=counts, calendar_notices=ctx.notices(sorted(days)),
    )


async def _rectification(
    session: AsyncSession, actor: Principal, rectification_id: uuid.UUID, *, for_update: bool = False
) -> RectificationRow:
    row = await repo.get_rectification(session, actor, rectification_id, for_update=for_update)
    if row is None:
        raise not_found("整改事项")
    return row


async def _present_one(session: AsyncSession, row: RectificationRow, ctx: LedgerContext) -> RectificationRead:
    r, finding, inspection, code = row
    days = await _warning_days(session, {inspection.year})
    return present_rectification(r, finding, inspection, code, ctx, days[inspection.year])


async def rectification(
    session: AsyncSession, actor: Principal, rectification_id: uuid.UUID, ctx: LedgerContext
) -> RectificationRead:
    return await _present_one(session, await _rectification(session, actor, rectification_id), ctx)


def _require_owner(actor: Principal, r: Rectification) -> None:
    if not (actor.has_any(LEAD_UNIT, UNIT, DISTRICT) and actor.unit_id == r.owner_unit_id):
        raise forbidden("只有整改责任单位可以报送整改情况。")


def _record(session: AsyncSession, actor: Principal, r: Rectification, action: str, **detail: Any) -> None:
    audit.record(session, AuditLog, action=action, entity_type="rectification", entity_id=r.id, actor=actor,
                 detail=ledger.jsonable(detail))


async def submit(
    session: AsyncSession, actor: Principal, rectification_id: uuid.UUID, data: RectificationSubmit,
    ctx: LedgerContext,
) -> RectificationRead:
    row = await _rectification(session, actor, rectification_id, for_update=True)
    r = row[0]
    _require_owner(actor, r)
    if r.status != "open":
        raise conflict("rectifications.not_open", "该整改事项已报送或已核验，不能再次报送。")
    if ctx.as_of < r.issued_on:
        raise Problem(422, "rectifications.before_issue", "报送日期有误", "报送日期不能早于整改下达日期。")
    r.status, r.evidence, r.submitted_on, r.submitted_by = "submitted", data.evidence, ctx.as_of, actor.username
    await session.flush()
    _record(session, actor, r, "rectification.submit", submitted_on=ctx.as_of, late=ctx.as_of > r.due_date)
    return await _present_one(session, row, ctx)


async def decide(
    session: AsyncSession, actor: Principal, rectification_id: uuid.UUID, data: RectificationDecision,
    ctx: LedgerContext,
) -> RectificationRead:
    if not actor.has_any(REFORM_OFFICE):
        raise forbidden("整改由改革办核验。")
    row = await _rectification(session, actor, rectification_id, for_update=True)
    r = row[0]
    if r.status != "submitted":
        raise conflict("rectifications.not_submitted",
                       "只有已报送的整改事项可以核验或退回。" if r.status == "open" else "该整改事项已核验通过。")
    if data.decision == "return" and not (data.comment and data.comment.strip()):
        raise Problem(422, "rectifications.reason_required", "请填写退回原因",
                      "退回整改时须说明原因，便于责任单位继续整改。",
                      errors=[{"field": "comment", "code": "required", "message": "退回须填写原因"}])
    if ctx.as_of < (r.submitted_on or r.issued_on):
        raise Problem(422, "rectifications.before_submission", "核验日期有误", "核验日期不能早于报送日期。")
    if data.decision == "verify":
        r.status, r.verified_on, r.verified_by = "verified", ctx.as_of, actor.username
        r.verification_comment = data.comment
    else:
        r.status, r.return_reason = "open", data.comment
        r.returned_count += 1
    await session.flush()
    _record(session, actor, r, f"rectification.{'verify' if data.decision == 'verify' else 'return'}",
            on=ctx.as_of, comment=data.comment)
    return await _present_one(session, row, ctx)


async def add_attachment(
    session: AsyncSession, actor: Principal, rectification_id: uuid.UUID, filename: str | None,
    data: bytes, storage_dir: Path, ctx: LedgerContext,
) -> RectificationRead:
    row = await _rectification(session, actor, rectification_id, for_update=True)
    r = row[0]
    _require_owner(actor, r)
    if r.status != "open":
        raise conflict("rectifications.not_open", "整改材料只能在报送前添加。")
    if len(r.attachments) >= MAX_ATTACHMENTS:
        raise Problem(422, "rectifications.too_many_attachments", "附件过多", f"每项整改最多 {MAX_ATTACHMENTS} 个附件。")
    accepted = await uploads.accept(data, uploads.UploadPolicy("rectifications.attachment_", ATTACHMENT_KINDS,
                                                               MAX_ATTACHMENT_BYTES))
    # Stored under a generated name: the client's file name is only displayed.
    key = f"rectifications/{r.id}/{uuid.uuid4().hex}{accepted.kind.extension}"
    path = storage_dir / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(accepted.data)
    name = uploads.safe_filename(filename)
    r.attachments = [*r.attachments, {"filename": name, "content_type": accepted.kind.content_type,
                                       "size": len(accepted.data), "key": key}]
    await session.flush()
    _record(session, actor, r, "rectification.attach", filename=name)
    return await _present_one(session, row, ctx)


async def attachment(
    session: AsyncSession, actor: Principal, rectification_id: uuid.UUID, index: int, storage_dir: Path
) -> tuple[Path, str, str]:
    r = (await _rectification(session, actor, rectification_id))[0]
    if not 0 <= index < len(r.attachments):
        raise not_found("附件")
    item = r.attachments[index]
    return storage_dir / item["key"], item["filename"], item["content_type"]
