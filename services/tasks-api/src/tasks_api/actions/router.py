"""``/api/tasks/v1/special-actions``: special actions (专项行动, "12+N"), one page each."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Path, Query
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.pagination import Page, PageDep
from reform_common.system import AuditEntry

from tasks_api.actions import service
from tasks_api.actions.schemas import (
    ACTION_CODE_PATTERN,
    ROLLUP_RULE,
    Kind,
    NodeComplete,
    NodeIn,
    NodeUpdate,
    SpecialActionCreate,
    SpecialActionList,
    SpecialActionPage,
    SpecialActionUpdate,
    TaskLinks,
)
from tasks_api.ledger.context import ContextDep
from tasks_api.ledger.schemas import Environment, Warning

router = APIRouter(prefix="/api/tasks/v1/special-actions", tags=["专项行动"])
Code = Annotated[str, Path(max_length=32, pattern=ACTION_CODE_PATTERN, description="行动编号，如 ZX-2026-01")]
TaskCode = Annotated[str, Path(max_length=32, description="任务编号，如 2026-ZW-001")]


@router.get("", response_model=SpecialActionList, summary="专项行动列表（含汇总进度与预警）", description=ROLLUP_RULE)
async def list_actions(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, page: PageDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    kind: Annotated[Kind | None, Query(description="city：12 项全市专项行动；extra：N 项")] = None,
    environment: Environment | None = None,
    warning: Warning | None = None,
) -> SpecialActionList:
    return await service.list_actions(session, principal, year=year, kind=kind, environment=environment,
                                      warning=warning, offset=page.offset, limit=page.page_size, ctx=ctx)


@router.post("", response_model=SpecialActionPage, status_code=201, summary="新建专项行动（改革办、专项小组）")
async def create_action(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, body: SpecialActionCreate
) -> SpecialActionPage:
    code = await service.create(session, principal, body, ctx)
    return await service.detail(session, principal, code, ctx)


@router.get("/{code}", response_model=SpecialActionPage, summary="专项行动页面（团队、举措、节点、关联任务、汇总进度）",
            description=ROLLUP_RULE)
async def get_action(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code
) -> SpecialActionPage:
    return await service.detail(session, principal, code, ctx)


@router.patch("/{code}", response_model=SpecialActionPage, summary="修改专项行动（改革办、专项小组）")
async def update_action(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, body: SpecialActionUpdate
) -> SpecialActionPage:
    await service.update(session, principal, code, body, ctx)
    return await service.detail(session, principal, code, ctx)


@router.get("/{code}/history", response_model=Page[AuditEntry], summary="专项行动时间轴（谁、何时、改前→改后）")
async def action_history(
    session: SessionDep, principal: CurrentPrincipal, code: Code, page: PageDep
) -> Page[AuditEntry]:
    rows, total = await service.history(session, principal, code, page.offset, page.page_size)
    return Page(items=[AuditEntry.model_validate(r) for r in rows], total=total, page=page.page,
                page_size=page.page_size)


@router.post("/{code}/nodes", response_model=SpecialActionPage, status_code=201,
             summary="增加时间节点（改革办、专项小组）")
async def add_nodes(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code,
    body: Annotated[list[NodeIn], Body(min_length=1, max_length=50)],
) -> SpecialActionPage:
    await service.add_nodes(session, principal, code, body)
    return await service.detail(session, principal, code, ctx)


@router.patch("/{code}/nodes/{node_id}", response_model=SpecialActionPage,
              summary="修改时间节点名称或日期（改革办、专项小组）")
async def update_node(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, node_id: uuid.UUID,
    body: NodeUpdate,
) -> SpecialActionPage:
    await service.update_node(session, principal, code, node_id, body)
    return await service.detail(session, principal, code, ctx)


@router.delete("/{code}/nodes/{node_id}", response_model=SpecialActionPage, summary="删除时间节点（改革办、专项小组）")
async def delete_node(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, node_id: uuid.UUID
) -> SpecialActionPage:
    await service.delete_node(session, principal, code, node_id)
    return await service.detail(session, principal, code, ctx)


@router.post("/{code}/nodes/{node_id}/complete", response_model=SpecialActionPage,
             summary="时间节点完成（附佐证；牵头单位、改革办、专项小组）")
async def complete_node(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, node_id: uuid.UUID,
    body: NodeComplete,
) -> SpecialActionPage:
    await service.complete_node(session, principal, code, node_id, body, ctx)
    return await service.detail(session, principal, code, ctx)


@router.post("/{code}/tasks", response_model=SpecialActionPage, summary="关联台账任务（牵头单位、改革办、专项小组）")
async def link_tasks(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, body: TaskLinks
) -> SpecialActionPage:
    await service.link_tasks(session, principal, code, body.task_codes)
    return await service.detail(session, principal, code, ctx)


@router.delete("/{code}/tasks/{task_code}", response_model=SpecialActionPage,
               summary="取消关联台账任务（牵头单位、改革办、专项小组）")
async def unlink_task(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, task_code: TaskCode
) -> SpecialActionPage:
    await service.unlink_task(session, principal, code, task_code)
    return await service.detail(session, principal, code, ctx)
