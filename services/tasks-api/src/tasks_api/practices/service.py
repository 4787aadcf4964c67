"""Best practices (最佳实践案例): consolidated from a task that reached 成果固化,
with its summary and evidence (the files of the task's approved reports);
replications (复制推广) record which units adopted a case and when. Never commits."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reform_common import audit
from reform_common.auth import DISTRICT, GROUP_LEAD, LEAD_UNIT, LEADER, REFORM_OFFICE, SERVICE, UNIT, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.ledger import permissions
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext
from tasks_api.lifecycle.rules import STAGE_NAMES
from tasks_api.practices import repository as repo
from tasks_api.practices.models import BestPractice, Replication
from tasks_api.practices.repository import PracticeFilters
from tasks_api.practices.schemas import (
    BestPracticeBrief,
    BestPracticeCreate,
    BestPracticeRead,
    EvidenceFile,
    ReplicationCreate,
    ReplicationRead,
)
from tasks_api.reports import repository as reports_repo

READERS = (REFORM_OFFICE, GROUP_LEAD, LEAD_UNIT, UNIT, DISTRICT, LEADER, SERVICE)
# A unit records its own adoption under one of these roles; the office records anyone's.
ADOPTING_ROLES = (GROUP_LEAD, LEAD_UNIT, UNIT, DISTRICT)
CONSOLIDATED_STAGES = ("consolidation", "replication")
CODE_PREFIX = "AL"  # 案例


def _require_reader(principal: Principal) -> None:
    if not principal.has_any(*READERS):
        raise forbidden("您的角色无权查看最佳实践案例。")


def _brief(practice: BestPractice, task_code: str, adoptions: int, ctx: LedgerContext) -> BestPracticeBrief:
    return BestPracticeBrief(
        id=practice.id, code=practice.code, task_code=task_code, title=practice.title,
        unit=ctx.unit_ref(practice.unit_id), environment=practice.environment, published_at=practice.published_at,
        adoption_count=adoptions,
    )


async def _read(session: AsyncSession, practice: BestPractice, task_code: str, ctx: LedgerContext) -> BestPracticeRead:
    replications = await repo.replications(session, practice.id)
    brief = _brief(practice, task_code, len(replications), ctx)
    return BestPracticeRead(
        **brief.model_dump(), summary=practice.summary, evidence=practice.evidence,
        attachments=[EvidenceFile(index=i, report_id=a["report_id"], filename=a["filename"],
                                  content_type=a["content_type"], size=a["size"])
                     for i, a in enumerate(practice.attachments)],
        created_by=practice.created_by,
        adopted_units=[ref for r in replications if (ref := ctx.unit_ref(r.unit_id))],
        replications=[ReplicationRead(id=r.id, unit=ctx.unit_ref(r.unit_id), adopted_on=r.adopted_on, note=r.note,
                                      recorded_by=r.recorded_by, recorded_at=r.recorded_at) for r in replications],
    )


def _record(session: AsyncSession, actor: Principal, practice: BestPractice, action: str, **detail) -> None:
    audit.record(session, AuditLog, action=action, entity_type="best_practice", entity_id=practice.id, actor=actor,
                 detail=ledger.jsonable(detail))


async def listing(
    session: AsyncSession, principal: Principal, f: PracticeFilters, offset: int, limit: int, ctx: LedgerContext
) -> tuple[list[BestPracticeBrief], int]:
    _require_reader(principal)
    rows, total = await repo.listing(session, f, offset, limit)
    return [_brief(p, code, n, ctx) for p, code, n in rows], total


async def _require(session: AsyncSession, code: str, *, for_update: bool = False) -> tuple[BestPractice, str]:
    found = await repo.by_code(session, code, for_update=for_update)
    if found is None:
        raise not_found("最佳实践案例")
    return found


async def detail(session: AsyncSession, principal: Principal, code: str, ctx: LedgerContext) -> BestPracticeRead:
    _require_reader(principal)
    practice, task_code = await _require(session, code)
    return await _read(session, practice, task_code, ctx)


async def _next_code(session: AsyncSession, year: int) -> str:
    prefix = f"{CODE_PREFIX}-{year}-"
    numbers = [int(c.rsplit("-", 1)[1]) for c in await repo.codes_with_prefix(session, prefix)]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


async def create(
    session: AsyncSession, actor: Principal, data: BestPracticeCreate, ctx: LedgerContext
) -> BestPracticeRead:
    task, _ = await ledger.require_task(session, actor, data.task_code, for_update=True)
    if not permissions.manages(actor, task):
        raise forbidden("最佳实践案例由改革办、所属专项小组或任务的牵头单位固化。")
    if task.lifecycle_stage not in CONSOLIDATED_STAGES:
        raise conflict("practices.stage_not_consolidated",
                       f"任务 {task.code} 处于「{STAGE_NAMES[task.lifecycle_stage]}」阶段；"
                       "须先进入「成果固化」阶段，才能形成最佳实践案例。")
    existing = await repo.for_task(session, task.id)
    if existing is not None:
        raise conflict("practices.exists", f"任务 {task.code} 已形成最佳实践案例 {existing.code}。")
    unit_id = data.unit_id or task.lead_unit_id
    if unit_id not in {task.lead_unit_id, *(tu.unit_id for tu in task.responsible_units)}:
        raise Problem(422, "practices.unit_not_on_task", "案例所属单位有误", "案例所属单位须为该任务的牵头单位或责任单位。",
                      errors=[{"field": "unit_id", "code": "not_on_task", "message": "不是该任务的牵头或责任单位"}])
    # The evidence is what the reviewers already accepted: files of approved reports.
    attachments = [
        {"report_id": str(r.id), **{k: a[k] for k in ("filename", "content_type", "size", "key")}}
        for r in reversed(await reports_repo.for_task(session, task.id)) if r.status == "approved"
        for a in r.attachments
    ]
    practice = BestPractice(
        code=await _next_code(session, ctx.as_of.year), task_id=task.id, title=data.title, summary=data.summary,
        evidence=data.evidence, attachments=attachments, unit_id=unit_id, environment=task.environment,
        published_at=datetime.now(UTC), created_by=actor.username,
    )
    session.add(practice)
    await session.flush()
    _record(session, actor, practice, "best_practice.create", task=task.code, title=data.title)
    ledger.record(session, actor, task, "best_practice.create", best_practice=practice.code, title=data.title)
    return await _read(session, practice, task.code, ctx)


async def replicate(
    session: AsyncSession, actor: Principal, code: str, data: ReplicationCreate, ctx: LedgerContext
) -> BestPracticeRead:
    _require_reader(actor)
    practice, task_code = await _require(session, code, for_update=True)
    unit_id = data.unit_id or actor.unit_id
    office = actor.has_any(REFORM_OFFICE)
    if not office and not (actor.has_any(*ADOPTING_ROLES) and unit_id is not None and unit_id == actor.unit_id):
        raise forbidden("复制推广由采用单位自行登记，或由改革办登记。")
    if unit_id is None or unit_id not in ctx.units:
        raise Problem(422, "practices.unit_unknown", "单位不存在", "请选择单位目录中的采用单位。",
                      errors=[{"field": "unit_id", "code": "unknown_unit", "message": "单位不存在"}])
    if unit_id == practice.unit_id:
        raise Problem(422, "practices.own_unit", "采用单位有误", "案例所属单位不需要登记复制推广，请选择其他采用单位。",
                      errors=[{"field": "unit_id", "code": "own_unit", "message": "不能是案例所属单位"}])
    if data.adopted_on > ctx.as_of:
        raise Problem(422, "practices.future_adoption", "采用日期有误", "采用日期不能晚于今天。",
                      errors=[{"field": "adopted_on", "code": "future", "message": "不能晚于今天"}])
    earlier = await repo.replication_of(session, practice.id, unit_id)
    if earlier is not None:
        name = ctx.units[unit_id].name
        raise conflict("practices.already_adopted",
                       f"{name}已于 {earlier.adopted_on.isoformat()} 登记采用该案例，不能重复登记。")
    session.add(Replication(best_practice_id=practice.id, unit_id=unit_id, adopted_on=data.adopted_on, note=data.note,
                            recorded_by=actor.username, recorded_at=datetime.now(UTC)))
    await session.flush()
    _record(session, actor, practice, "best_practice.replicate", unit_id=unit_id, adopted_on=data.adopted_on,
            note=data.note)
    return await _read(session, practice, task_code, ctx)


async def attachment(session: AsyncSession, principal: Principal, code: str, index: int,
                     storage_dir: Path) -> tuple[Path, str, str]:
    _require_reader(principal)
    practice, _ = await _require(session, code)
    if not 0 <= index < len(practice.attachments):
        raise not_found("附件")
    item = practice.attachments[index]
    return storage_dir / item["key"], item["filename"], item["content_type"]
