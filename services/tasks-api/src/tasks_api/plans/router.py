"""``/api/tasks/v1/plans``: yearly plans."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from reform_common.auth import REFORM_OFFICE, CurrentPrincipal, Principal, require_roles
from reform_common.db import SessionDep

from tasks_api.plans import repository as repo
from tasks_api.plans import service
from tasks_api.plans.schemas import PlanCreate, PlanRead, PlanUpdate

router = APIRouter(prefix="/api/tasks/v1/plans", tags=["年度计划"])
Office = Annotated[Principal, require_roles(REFORM_OFFICE)]
Year = Annotated[int, Path(ge=2000, le=2100)]


def _read(plan, count: int) -> PlanRead:
    return PlanRead.model_validate(plan).model_copy(update={"task_count": count})


@router.get("", response_model=list[PlanRead], summary="年度计划列表")
async def list_plans(session: SessionDep, _: CurrentPrincipal) -> list[PlanRead]:
    return [_read(plan, n) for plan, n in await repo.list_with_counts(session)]


@router.post("", response_model=PlanRead, status_code=201, summary="新建年度计划（改革办）")
async def create_plan(session: SessionDep, actor: Office, body: PlanCreate) -> PlanRead:
    return _read(await service.create(session, actor, body), 0)


@router.get("/{year}", response_model=PlanRead, summary="年度计划")
async def get_plan(session: SessionDep, _: CurrentPrincipal, year: Year) -> PlanRead:
    plan = await service.require(session, year)
    return _read(plan, await repo.task_count(session, plan))


@router.patch("/{year}", response_model=PlanRead, summary="修改年度计划设置（改革办）")
async def update_plan(session: SessionDep, actor: Office, year: Year, body: PlanUpdate) -> PlanRead:
    plan = await service.update(session, actor, year, body)
    return _read(plan, await repo.task_count(session, plan))


@router.post("/{year}/publish", response_model=PlanRead, summary="发布年度计划（一年早知道）")
async def publish_plan(session: SessionDep, actor: Office, year: Year) -> PlanRead:
    plan = await service.publish(session, actor, year)
    return _read(plan, await repo.task_count(session, plan))
