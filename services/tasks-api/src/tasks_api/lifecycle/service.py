"""Moving a task through its lifecycle: only along the transition table
(lifecycle/rules.py), only by the role each transition names, only when its
guards pass; every move leaves a history row and an entry on the task's
timeline. Never commits."""

from __future__ import annotations

from datetime import UTC, datetime

from reform_common.auth import Principal
from reform_common.errors import Problem, forbidden
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.models import LIFECYCLE_STAGES, Task
from tasks_api.lifecycle import repository as repo
from tasks_api.lifecycle import rules
from tasks_api.lifecycle.models import TaskStageChange
from tasks_api.lifecycle.rules import STAGE_NAMES
from tasks_api.lifecycle.schemas import LifecycleMove, LifecycleRead, MoveOption, StageChangeRead, StageRef


async def _facts(session: AsyncSession, task: Task, ctx: LedgerContext) -> rules.Facts:
    return rules.Facts(
        lead_unit_known=task.lead_unit_id in ctx.units,
        evidence_report=await repo.has_evidence_report(session, task.id),
        best_practice=await repo.has_best_practice(session, task.id),
    )


def _option(principal: Principal, task: Task, transition: rules.Transition, facts: rules.Facts) -> MoveOption:
    reasons = [] if transition.may(principal, task) else [rules.role_refusal(transition)]
    reasons += [m.message for m in rules.missing(transition, task, facts)]
    return MoveOption(
        to_stage=transition.target, name=STAGE_NAMES[transition.target],
        direction="backward" if transition.backward else "forward", who=transition.who,
        comment_required=transition.comment_required, allowed=not reasons, reasons=reasons,
    )


async def _present(
    session: AsyncSession, principal: Principal, task: Task, ctx: LedgerContext
) -> LifecycleRead:
    facts = await _facts(session, task, ctx)
    return LifecycleRead(
        task_code=task.code, stage=task.lifecycle_stage, stage_name=STAGE_NAMES[task.lifecycle_stage],
        stages=[StageRef(stage=s, name=STAGE_NAMES[s]) for s in LIFECYCLE_STAGES],
        moves=[_option(principal, task, t, facts) for t in rules.moves_from(task.lifecycle_stage)],
        history=[
            StageChangeRead(id=c.id, from_stage=c.from_stage, to_stage=c.to_stage, actor=c.actor,
                            actor_unit=None if c.actor_unit_id is None else ctx.unit_ref(c.actor_unit_id),
                            comment=c.comment, changed_at=c.changed_at)
            for c in await repo.history(session, task.id)
        ],
    )


async def overview(session: AsyncSession, principal: Principal, code: str, ctx: LedgerContext) -> LifecycleRead:
    task, _ = await ledger.require_task(session, principal, code)
    return await _present(session, principal, task, ctx)


def _not_allowed(task: Task, target: str) -> Problem:
    current = STAGE_NAMES[task.lifecycle_stage]
    options = "、".join(f"「{STAGE_NAMES[t.target]}」" for t in rules.moves_from(task.lifecycle_stage)) or "无"
    if target == task.lifecycle_stage:
        detail = f"任务已处于「{current}」阶段。可变更为：{options}。"
    else:
        detail = f"任务当前处于「{current}」阶段，不能直接变更为「{STAGE_NAMES[target]}」。可变更为：{options}。"
    return Problem(409, "lifecycle.transition_not_allowed", "不允许的阶段变更", detail,
                   errors=[{"field": "to_stage", "code": "transition_not_allowed", "message": "不在允许的阶段变更之列"}])


async def move(
    session: AsyncSession, actor: Principal, code: str, data: LifecycleMove, ctx: LedgerContext
) -> LifecycleRead:
    task, _ = await ledger.require_task(session, actor, code, for_update=True)
    transition = rules.find(task.lifecycle_stage, data.to_stage)
    if transition is None:
        raise _not_allowed(task, data.to_stage)
    if not transition.may(actor, task):
        raise forbidden(rules.role_refusal(transition) + "。")
    comment = (data.comment or "").strip() or None
    if transition.comment_required and comment is None:
        raise Problem(422, "lifecycle.comment_required", "请填写退回说明",
                      f"从「{STAGE_NAMES[transition.source]}」退回「{STAGE_NAMES[transition.target]}」须说明原因。",
                      errors=[{"field": "comment", "code": "required", "message": "退回须填写说明"}])
    missing = rules.missing(transition, task, await _facts(session, task, ctx))
    if missing:
        raise Problem(
            409, "lifecycle.guard_failed", "不满足阶段变更条件",
            f"任务不能从「{STAGE_NAMES[transition.source]}」推进到「{STAGE_NAMES[transition.target]}」："
            f"{'；'.join(m.message for m in missing)}。",
            errors=[{"field": "to_stage", "code": m.code, "message": m.message} for m in missing],
        )
    session.add(TaskStageChange(task_id=task.id, from_stage=transition.source, to_stage=transition.target,
                                actor=actor.username, actor_unit_id=actor.unit_id, comment=comment,
                                changed_at=datetime.now(UTC)))
    task.lifecycle_stage = transition.target
    await session.flush()
    ledger.record(session, actor, task, "lifecycle.move", before={"lifecycle_stage": transition.source},
                  after={"lifecycle_stage": transition.target}, comment=comment)
    return await _present(session, actor, task, ctx)
