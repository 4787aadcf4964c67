"""Plans: one per year, drafted then published. Publishing freezes the
tasks' deadlines, units and scope: later changes are adjustments."""

from __future__ import annotations

from datetime import UTC, datetime

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem, conflict, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.plans import repository as repo
from tasks_api.plans.models import Plan
from tasks_api.plans.schemas import PlanCreate, PlanUpdate


async def require(session: AsyncSession, year: int, *, for_update: bool = False) -> Plan:
    plan = await repo.by_year(session, year, for_update=for_update)
    if plan is None:
        raise not_found(f"{year} 年度计划")
    return plan


async def create(session: AsyncSession, actor: Principal, data: PlanCreate) -> Plan:
    if await repo.by_year(session, data.year):
        raise conflict("plans.year_exists", f"{data.year} 年度计划已存在。")
    plan = Plan(**data.model_dump())
    session.add(plan)
    await session.flush()
    audit.record(session, AuditLog, action="plan.create", entity_type="plan", entity_id=plan.id, actor=actor,
                 detail=data.model_dump())
    return plan


async def update(session: AsyncSession, actor: Principal, year: int, data: PlanUpdate) -> Plan:
    plan = await require(session, year, for_update=True)
    changes = data.model_dump(exclude_unset=True)
    before = {k: getattr(plan, k) for k in changes}
    for key, value in changes.items():
        setattr(plan, key, value)
    audit.record(session, AuditLog, action="plan.update", entity_type="plan", entity_id=plan.id, actor=actor,
                 detail={"before": before, "after": changes})
    return plan


async def publish(session: AsyncSession, actor: Principal, year: int) -> Plan:
    plan = await require(session, year, for_update=True)
    if plan.status == "published":
        raise conflict("plans.already_published", f"{year} 年度计划已于 {plan.published_at:%Y-%m-%d} 发布。")
    if await repo.task_count(session, plan) == 0:
        raise Problem(422, "plans.empty", "计划没有任务", "请先导入或录入任务，再发布年度计划。")
    plan.status = "published"
    plan.published_at = datetime.now(UTC)
    audit.record(session, AuditLog, action="plan.publish", entity_type="plan", entity_id=plan.id, actor=actor)
    return plan
