"""Adjustments (任务调整) of a published plan's tasks: requested with a
reason by the task's managers, decided by the reform office; an approved
adjustment applies its changes and both steps are on the task's timeline."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from reform_common.auth import REFORM_OFFICE, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.adjustments import repository as repo
from tasks_api.adjustments.models import TaskAdjustment
from tasks_api.adjustments.schemas import AdjustmentCreate, AdjustmentDecision
from tasks_api.ledger import permissions
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext


async def request(
    session: AsyncSession, actor: Principal, code: str, data: AdjustmentCreate, ctx: LedgerContext
) -> tuple[TaskAdjustment, str]:
    task, plan = await ledger.require_task(session, actor, code, for_update=True)
    permissions.require_manage(actor, task)
    changes = data.changes.model_dump(exclude_unset=True)
    if not changes:
        raise Problem(422, "adjustments.empty", "没有调整内容", "请至少填写一项要调整的内容。")
    if plan.status != "published":
        raise conflict("adjustments.plan_not_published", "年度计划尚未发布，可直接修改任务，无需申请调整。")
    units = [u for u in (changes.get("lead_unit_id"),) if u] + list(changes.get("responsible_unit_ids") or [])
    unknown = [str(u) for u in units if u not in ctx.units]
    if unknown:
        raise Problem(422, "tasks.unit_unknown", "单位不存在", f"以下单位不在单位目录中：{'、'.join(unknown)}。")
    adjustment = TaskAdjustment(
        task_id=task.id, reason=data.reason, changes=ledger.jsonable(changes),
        before=ledger.snapshot(task, sorted(changes)), requested_by=actor.username,
        requested_unit_id=actor.unit_id,
    )
    session.add(adjustment)
    await session.flush()
    ledger.record(session, actor, task, "adjustment.request", adjustment_id=adjustment.id, reason=data.reason,
                  changes=changes)
    return adjustment, task.code


async def decide(
    session: AsyncSession, actor: Principal, adjustment_id: uuid.UUID, data: AdjustmentDecision,
    ctx: LedgerContext,
) -> tuple[TaskAdjustment, str]:
    if not actor.has_any(REFORM_OFFICE):
        raise forbidden("任务调整由改革办审核。")
    found = await repo.in_scope(session, actor, adjustment_id)
    if found is None:
        raise not_found("调整申请")
    adjustment, code = found
    if adjustment.status != "pending":
        raise conflict("adjustments.decided", "该调整申请已处理。")
    task, _ = await ledger.require_task(session, actor, code, for_update=True)
    adjustment.status = "approved" if data.decision == "approve" else "rejected"
    adjustment.decided_by = actor.username
    adjustment.decided_at = datetime.now(UTC)
    adjustment.decision_comment = data.comment
    if data.decision == "approve":
        changes = AdjustmentCreate.model_validate({"reason": adjustment.reason, "changes": adjustment.changes})
        await ledger.apply_changes(
            session, actor, task, changes.changes.model_dump(exclude_unset=True), ctx,
            action="adjustment.approve", adjustment_id=adjustment.id, reason=adjustment.reason,
            requested_by=adjustment.requested_by,
        )
    else:
        ledger.record(session, actor, task, "adjustment.reject", adjustment_id=adjustment.id, comment=data.comment)
    return adjustment, code
