"""Task adjustments: requested on a task, decided by the reform office."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.pagination import Page, PageDep

from tasks_api.adjustments import repository as repo
from tasks_api.adjustments import service
from tasks_api.adjustments.models import TaskAdjustment
from tasks_api.adjustments.schemas import AdjustmentCreate, AdjustmentDecision, AdjustmentRead
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import ContextDep

router = APIRouter(prefix="/api/tasks/v1", tags=["任务调整"])


def _read(adjustment: TaskAdjustment, code: str) -> AdjustmentRead:
    return AdjustmentRead.model_validate(adjustment).model_copy(update={"task_code": code})


@router.post("/tasks/{code}/adjustments", response_model=AdjustmentRead, status_code=201,
             summary="申请任务调整（时限、单位、内容）")
async def request_adjustment(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep,
    code: Annotated[str, Path(max_length=32)], body: AdjustmentCreate,
) -> AdjustmentRead:
    adjustment, task_code = await service.request(session, principal, code, body, ctx)
    return _read(adjustment, task_code)


@router.get("/tasks/{code}/adjustments", response_model=list[AdjustmentRead], summary="任务的调整记录")
async def task_adjustments(
    session: SessionDep, principal: CurrentPrincipal, code: Annotated[str, Path(max_length=32)]
) -> list[AdjustmentRead]:
    task, _ = await ledger.require_task(session, principal, code)
    return [_read(a, task.code) for a in await repo.for_task(session, task.id)]


@router.get("/adjustments", response_model=Page[AdjustmentRead], summary="调整申请列表")
async def list_adjustments(
    session: SessionDep, principal: CurrentPrincipal, page: PageDep,
    status: Literal["pending", "approved", "rejected"] | None = None,
) -> Page[AdjustmentRead]:
    rows, total = await repo.listing(session, principal, status, page.offset, page.page_size)
    return Page(items=[_read(a, code) for a, code in rows], total=total, page=page.page, page_size=page.page_size)


@router.post("/adjustments/{adjustment_id}/decision", response_model=AdjustmentRead, summary="审核任务调整（改革办）")
async def decide_adjustment(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, adjustment_id: uuid.UUID,
    body: AdjustmentDecision,
) -> AdjustmentRead:
    adjustment, code = await service.decide(session, principal, adjustment_id, body, ctx)
    return _read(adjustment, code)
