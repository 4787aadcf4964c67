"""``/api/tasks/v1/pilots``: grassroots innovation pilots (基层创新试点)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.pagination import Page, PageDep

from tasks_api.ledger.context import ContextDep
from tasks_api.ledger.schemas import Environment
from tasks_api.pilots import service
from tasks_api.pilots.repository import PilotFilters
from tasks_api.pilots.schemas import DecisionCreate, FeedbackCreate, PilotBrief, PilotCreate, PilotRead, PilotStatus

router = APIRouter(prefix="/api/tasks/v1", tags=["基层创新试点"])
Code = Annotated[str, Path(max_length=32, description="试点编号，如 SD-2026-001")]


@router.get("/pilots", response_model=Page[PilotBrief], summary="基层创新试点列表（可筛选、分页）")
async def list_pilots(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, page: PageDep,
    status: PilotStatus | None = None,
    environment: Environment | None = None,
    unit_id: Annotated[uuid.UUID | None, Query(description="试点单位")] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="试点开始年份")] = None,
    q: Annotated[str | None, Query(max_length=100, description="在名称、内容、攻坚目标、编号中搜索")] = None,
) -> Page[PilotBrief]:
    items, total = await service.listing(session, principal, PilotFilters(status, environment, unit_id, year, q),
                                         page.offset, page.page_size, ctx)
    return Page(items=items, total=total, page=page.page, page_size=page.page_size)


@router.post("/pilots", response_model=PilotRead, status_code=201, summary="设立基层创新试点（改革办、专项小组）")
async def create_pilot(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, body: PilotCreate
) -> PilotRead:
    return await service.create(session, principal, body, ctx)


@router.get("/pilots/{code}", response_model=PilotRead, summary="试点详情（情况反馈、决定、推开生成的任务）")
async def get_pilot(session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code) -> PilotRead:
    return await service.detail(session, principal, code, ctx)


@router.post("/pilots/{code}/feedback", response_model=PilotRead, status_code=201,
             summary="填报情况反馈（试点单位、改革办）")
async def add_feedback(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, body: FeedbackCreate
) -> PilotRead:
    return await service.add_feedback(session, principal, code, body, ctx)


@router.post("/pilots/{code}/decisions", response_model=PilotRead, status_code=201,
             summary="作出决定：调整完善、全面推开（按区县生成任务）或终止（改革办、专项小组）")
async def decide(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, body: DecisionCreate
) -> PilotRead:
    return await service.decide(session, principal, code, body, ctx)
