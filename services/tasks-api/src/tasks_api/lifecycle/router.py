"""``/api/tasks/v1/tasks/{code}/lifecycle``: a task's stage, its history and the possible moves."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep

from tasks_api.ledger.context import ContextDep
from tasks_api.lifecycle import service
from tasks_api.lifecycle.schemas import LifecycleMove, LifecycleRead

router = APIRouter(prefix="/api/tasks/v1", tags=["任务生命周期"])
Code = Annotated[str, Path(max_length=32, description="任务编号，如 2026-ZW-001")]


@router.get("/tasks/{code}/lifecycle", response_model=LifecycleRead,
            summary="任务生命周期：当前阶段、变更记录、可执行的变更及不能执行的原因")
async def get_lifecycle(session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code) -> LifecycleRead:
    return await service.overview(session, principal, code, ctx)


@router.post("/tasks/{code}/lifecycle", response_model=LifecycleRead,
             summary="变更任务生命周期阶段（按规定路径与条件；退回须说明）")
async def move_lifecycle(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, body: LifecycleMove
) -> LifecycleRead:
    return await service.move(session, principal, code, body, ctx)
