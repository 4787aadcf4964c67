"""``/api/tasks/v1/battle-map``: the battle map (作战图) — timeline, monthly dispatch, quarterly baselines."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from reform_common.auth import REFORM_OFFICE, CurrentPrincipal, Principal, require_roles
from reform_common.db import SessionDep
from reform_common.pagination import Page, PageDep

from tasks_api.actions.schemas import ACTION_CODE_PATTERN
from tasks_api.battlemap import repository as repo
from tasks_api.battlemap import service
from tasks_api.battlemap.schemas import (
    SLIP_RULE,
    STATE_RULE,
    BaselineCreate,
    BaselineRead,
    Comparison,
    Dispatch,
    Timeline,
)
from tasks_api.ledger.context import ContextDep
from tasks_api.ledger.schemas import Environment

router = APIRouter(prefix="/api/tasks/v1/battle-map", tags=["作战图"])
ActionFilter = Annotated[str | None, Query(max_length=32, pattern=ACTION_CODE_PATTERN,
                                           description="专项行动编号：该行动的时间节点及其关联任务的节点")]


@router.get("/timeline", response_model=Timeline, summary="作战图：全年逐月节点（按环境或专项行动筛选）",
            description=STATE_RULE)
async def timeline(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep,
    year: Annotated[int, Query(ge=2000, le=2100, description="年度（任务所属计划或行动的年度）")],
    environment: Environment | None = None, special_action: ActionFilter = None,
) -> Timeline:
    return await service.timeline(session, principal, year=year, environment=environment,
                                  special_action=special_action, ctx=ctx)


@router.get("/dispatch", response_model=Dispatch, summary="本月调度：本月到期、已完成、偏差及结转事项，按牵头单位统计",
            description=STATE_RULE)
async def dispatch(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep,
    month: Annotated[str, Query(pattern=r"^(20\d{2}|2100)-(0[1-9]|1[0-2])$", description="月份，如 2026-05")],
    environment: Environment | None = None, special_action: ActionFilter = None,
) -> Dispatch:
    return await service.dispatch(session, principal, month=month, environment=environment,
                                  special_action=special_action, ctx=ctx)


@router.post("/baselines", response_model=BaselineRead, status_code=201,
             summary="生成季度基线：冻结本年度全部节点的计划日期（改革办；每季度一份）")
async def create_baseline(
    session: SessionDep, actor: Annotated[Principal, require_roles(REFORM_OFFICE)], body: BaselineCreate
) -> BaselineRead:
    return service.baseline_read(await service.create_baseline(session, actor, body.year, body.quarter))


@router.get("/baselines", response_model=Page[BaselineRead], summary="季度基线列表")
async def list_baselines(
    session: SessionDep, _: CurrentPrincipal, page: PageDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Page[BaselineRead]:
    rows, total = await repo.list_baselines(session, year, page.offset, page.page_size)
    return Page(items=[service.baseline_read(b) for b in rows], total=total, page=page.page,
                page_size=page.page_size)


@router.get("/baselines/{baseline_id}/comparison", response_model=Comparison,
            summary="计划与实际对比：基线日期、现计划日期与完成日期，按单位统计偏差", description=SLIP_RULE)
async def comparison(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, baseline_id: uuid.UUID,
    environment: Environment | None = None,
) -> Comparison:
    return await service.comparison(session, principal, baseline_id, environment, ctx)
