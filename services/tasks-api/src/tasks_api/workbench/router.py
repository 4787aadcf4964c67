"""``/api/tasks/v1/workbench``."""

from __future__ import annotations

from fastapi import APIRouter
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep

from tasks_api.ledger.context import ContextDep
from tasks_api.workbench.service import Workbench, build

router = APIRouter(prefix="/api/tasks/v1", tags=["我的工作台"])


@router.get("/workbench", response_model=Workbench, summary="我的工作台：待报送、被退回、待签收、红黄牌")
async def workbench(session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep) -> Workbench:
    return await build(session, principal, ctx)
