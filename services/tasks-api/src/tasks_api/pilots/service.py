"""Pilots (基层创新试点): 攻坚目标 → 试点探索 → 反馈情况 → 调整完善 → 全面推开.
The office or the environment's special group opens a pilot in a district or
department; the pilot unit feeds back; a decision adjusts it (it keeps
running), stops it, or rolls it out — one ledger task per chosen district,
created by the ledger's own rules and linked to the pilot. Never commits."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from reform_common import audit
from reform_common.auth import GROUP_LEAD, REFORM_OFFICE, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.permissions import REPORTING_ROLES
from tasks_api.ledger.schemas import TaskCreate
from tasks_api.pilots import repository as repo
from tasks_api.pilots.models import Pilot, PilotDecision, PilotFeedback, PilotTask
from tasks_api.pilots.repository import PilotFilters
from tasks_api.pilots.schemas import (
    DecisionCreate,
    DecisionRead,
    FeedbackCreate,
    FeedbackRead,
    PilotBrief,
    PilotCreate,
    PilotRead,
    PilotTaskRef,
)
from tasks_api.plans import repository as plans_repo

CODE_PREFIX = "SD"  # 试点
PILOT_UNIT_KINDS = ("district", "department")
STATUS_NAMES = {"running": "试点中", "rolled_out": "已全面推开", "stopped": "已终止"}


def _brief(pilot: Pilot, feedback_count: int, ctx: LedgerContext) -> PilotBrief:
    return PilotBrief(id=pilot.id, code=pilot.code, title=pilot.title, unit=ctx.unit_ref(pilot.unit_id),
                      environment=pilot.environment, start_date=pilot.start_date, end_date=pilot.end_date,
                      status=pilot.status, feedback_count=feedback_count)


async def _read(session: AsyncSession, principal: Principal, pilot: Pilot, ctx: LedgerContext) -> PilotRead:
    feedback = await repo.feedback(session, pilot.id)
    return PilotRead(
        **_brief(pilot, len(feedback), ctx).model_dump(), description=pilot.description, goal=pilot.goal,
        created_by=pilot.created_by, created_at=pilot.created_at, concluded_at=pilot.concluded_at,
        feedback=[FeedbackRead(id=f.id, unit=None if f.unit_id is None else ctx.unit_ref(f.unit_id), author=f.author,
                               reported_on=f.reported_on, content=f.content, progress_note=f.progress_note,
                               created_at=f.created_at) for f in feedback],
        decisions=[DecisionRead(id=d.id, decision=d.decision, comment=d.comment, changes=d.changes,
                                decided_by=d.decided_by, decided_at=d.decided_at)
                   for d in await repo.decisions(session, pilot.id)],
        tasks=[PilotTaskRef(code=t.code, title=t.title, lead_unit=ctx.unit_ref(t.lead_unit_id), deadline=t.deadline,
                            status=t.status, progress=t.progress, lifecycle_stage=t.lifecycle_stage)
               for t in await repo.tasks(session, principal, pilot.id)],
    )


def _record(session: AsyncSession, actor: Principal, pilot: Pilot, action: str, **detail: Any) -> None:
    audit.record(session, AuditLog, action=action, entity_type="pilot", entity_id=pilot.id, actor=actor,
                 detail=ledger.jsonable(detail))


def _plans_pilots(actor: Principal, environment: str) -> bool:
    return actor.has_any(REFORM_OFFICE) or (actor.has_any(GROUP_LEAD) and actor.environment == environment)


async def _require(session: AsyncSession, actor: Principal, code: str, *, for_update: bool = False) -> Pilot:
    pilot = await repo.by_code(session, actor, code, for_update=for_update)
    if pilot is None:
        raise not_found("试点")
    return pilot


async def listing(
    session: AsyncSession, principal: Principal, f: PilotFilters, offset: int, limit: int, ctx: LedgerContext
) -> tuple[list[PilotBrief], int]:
    rows, total = await repo.listing(session, principal, f, offset, limit)
    return [_brief(p, n, ctx) for p, n in rows], total


async def detail(session: AsyncSession, principal: Principal, code: str, ctx: LedgerContext) -> PilotRead:
    return await _read(session, principal, await _require(session, principal, code), ctx)


async def _next_code(session: AsyncSession, year: int) -> str:
    prefix = f"{CODE_PREFIX}-{year}-"
    numbers = [int(c.rsplit("-", 1)[1]) for c in await repo.codes_with_prefix(session, prefix)]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


async def create(session: AsyncSession, actor: Principal, data: PilotCreate, ctx: LedgerContext) -> PilotRead:
    if not _plans_pilots(actor, data.environment):
        raise forbidden("基层创新试点由改革办或所属专项小组设立。")
    unit = ctx.units.get(data.unit_id)
    if unit is None or unit.kind not in PILOT_UNIT_KINDS:
        raise Problem(422, "pilots.unit_invalid", "试点单位有误", "试点单位须为单位目录中的区县或市直部门。",
                      errors=[{"field": "unit_id", "code": "invalid_unit", "message": "须为区县或市直部门"}])
    pilot = Pilot(code=await _next_code(session, data.start_date.year), status="running", created_by=actor.username,
                  created_at=datetime.now(UTC), **data.model_dump())
    session.add(pilot)
    await session.flush()
    _record(session, actor, pilot, "pilot.create", after=data.model_dump())
    return await _read(session, actor, pilot, ctx)


def _require_running(pilot: Pilot) -> None:
    if pilot.status != "running":
        raise conflict("pilots.concluded", f"试点 {pilot.code} {STATUS_NAMES[pilot.status]}，不能再反馈或作出决定。")


async def add_feedback(
    session: AsyncSession, actor: Principal, code: str, data: FeedbackCreate, ctx: LedgerContext
) -> PilotRead:
    pilot = await _require(session, actor, code, for_update=True)
    pilot_unit = actor.has_any(*REPORTING_ROLES) and actor.unit_id == pilot.unit_id
    if not (actor.has_any(REFORM_OFFICE) or pilot_unit):
        raise forbidden("情况反馈由试点单位或改革办填报。")
    _require_running(pilot)
    reported_on = data.reported_on or ctx.as_of
    if reported_on > ctx.as_of or reported_on < pilot.start_date:
        raise Problem(422, "pilots.feedback_date", "反馈日期有误",
                      f"反馈日期须在试点开始（{pilot.start_date.isoformat()}）之后，且不晚于今天。",
                      errors=[{"field": "reported_on", "code": "out_of_range", "message": "不在试点期间内或晚于今天"}])
    entry = PilotFeedback(pilot_id=pilot.id, unit_id=actor.unit_id, author=actor.username, reported_on=reported_on,
                          content=data.content, progress_note=data.progress_note, created_at=datetime.now(UTC))
    session.add(entry)
    await session.flush()
    _record(session, actor, pilot, "pilot.feedback", feedback_id=entry.id, reported_on=reported_on)
    return await _read(session, actor, pilot, ctx)


def _adjust(pilot: Pilot, data: DecisionCreate) -> dict[str, Any]:
    changes = {f: getattr(data, f) for f in ("description", "goal", "end_date") if getattr(data, f) is not None}
    end_date = changes.get("end_date", pilot.end_date)
    if end_date < pilot.start_date:
        raise Problem(422, "pilots.period_invalid", "试点期间有误", "调整后的结束日期不能早于试点开始日期。",
                      errors=[{"field": "end_date", "code": "before_start", "message": "早于试点开始日期"}])
    recorded = {}
    for field, value in changes.items():
        if getattr(pilot, field) != value:
            recorded[field] = {"before": getattr(pilot, field), "after": value}
            setattr(pilot, field, value)
    return recorded


async def _roll_out(
    session: AsyncSession, actor: Principal, pilot: Pilot, data: DecisionCreate, ctx: LedgerContext
) -> dict[str, Any]:
    assert data.district_unit_ids is not None and data.deadline is not None  # the schema requires both
    districts = list(dict.fromkeys(data.district_unit_ids))
    wrong = [str(u) for u in districts if u not in ctx.units or ctx.units[u].kind != "district"]
    if wrong:
        raise Problem(422, "pilots.not_district", "推开单位有误", f"以下单位不是单位目录中的区县：{'、'.join(wrong)}。",
                      errors=[{"field": "district_unit_ids", "code": "not_district", "message": "须为区县"}])
    if data.deadline < ctx.as_of:
        raise Problem(422, "pilots.deadline_past", "完成时限有误", "推开任务的完成时限不能早于今天。",
                      errors=[{"field": "deadline", "code": "past", "message": "不能早于今天"}])
    year = data.deadline.year
    if await plans_repo.by_year(session, year) is None:
        raise Problem(422, "pilots.plan_missing", "缺少年度计划",
                      f"推开任务将列入 {year} 年度计划，但该计划尚未建立；请先建立 {year} 年度计划。",
                      errors=[{"field": "deadline", "code": "plan_missing", "message": f"{year} 年度计划不存在"}])
    codes = []
    for unit_id in districts:
        suffix = f"（{ctx.units[unit_id].short_name}全面推开）"
        task = await ledger.create(session, actor, TaskCreate(
            year=year, title=pilot.title[:300 - len(suffix)] + suffix, measures=pilot.description, goal=pilot.goal,
            environment=pilot.environment, category=data.category or "signature", lead_unit_id=unit_id,
            deadline=data.deadline, source="pilot", tags=[pilot.code],
        ), ctx)
        session.add(PilotTask(pilot_id=pilot.id, task_id=task.id))
        ledger.record(session, actor, task, "pilot.roll_out", pilot=pilot.code)
        codes.append(task.code)
    pilot.status = "rolled_out"
    return {"district_unit_ids": districts, "deadline": data.deadline, "task_codes": codes}


async def decide(
    session: AsyncSession, actor: Principal, code: str, data: DecisionCreate, ctx: LedgerContext
) -> PilotRead:
    pilot = await _require(session, actor, code, for_update=True)
    if not _plans_pilots(actor, pilot.environment):
        raise forbidden("试点的调整、推开或终止由改革办或所属专项小组决定。")
    _require_running(pilot)
    now = datetime.now(UTC)
    if data.decision == "adjust":
        changes = _adjust(pilot, data)
    elif data.decision == "roll_out":
        changes = await _roll_out(session, actor, pilot, data, ctx)
    else:
        changes = {}
        pilot.status = "stopped"
    if pilot.status != "running":
        pilot.concluded_at = now
    changes = ledger.jsonable(changes)
    session.add(PilotDecision(pilot_id=pilot.id, decision=data.decision, comment=data.comment, changes=changes,
                              decided_by=actor.username, decided_unit_id=actor.unit_id, decided_at=now))
    await session.flush()
    _record(session, actor, pilot, f"pilot.{data.decision}", comment=data.comment, changes=changes)
    return await _read(session, actor, pilot, ctx)
