"""``/api/tasks/v1/tasks``: the ledger, task details, milestones, history."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.pagination import Page, PageDep
from reform_common.system import AuditEntry

from tasks_api.ledger import service
from tasks_api.ledger.context import ContextDep
from tasks_api.ledger.repository import TaskFilters
from tasks_api.ledger.schemas import (
    BenchmarkClass,
    Category,
    Environment,
    FromClusterCreate,
    MilestoneComplete,
    MilestoneIn,
    MilestoneUpdate,
    Status,
    TaskCreate,
    TaskList,
    TaskRead,
    TaskUpdate,
    Warning,
)

router = APIRouter(prefix="/api/tasks/v1", tags=["任务台账"])
Code = Annotated[str, Path(max_length=32, description="任务编号，如 2026-ZW-001")]


async def filters(
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    environment: Environment | None = None,
    category: Category | None = None,
    benchmark_class: BenchmarkClass | None = None,
    lead_unit_id: uuid.UUID | None = None,
    responsible_unit_id: uuid.UUID | None = None,
    status: Status | None = None,
    q: Annotated[str | None, Query(max_length=100, description="在任务名称、举措、目标、编号、标签中搜索")] = None,
    code: Annotated[str | None, Query(max_length=32)] = None,
    indicator: Annotated[str | None, Query(max_length=64, description="关联的指标代码")] = None,
) -> TaskFilters:
    return TaskFilters(year, environment, category, benchmark_class, lead_unit_id, responsible_unit_id, status,
                       q, code, indicator)


FiltersDep = Annotated[TaskFilters, Depends(filters)]


@router.get("/tasks", response_model=TaskList, summary="任务台账（可筛选、分页，按 as_of 计算红黄牌）")
async def list_tasks(
    request: Request,
    principal: CurrentPrincipal,
    ctx: ContextDep,
    page: PageDep,
    f: FiltersDep,
    warning: Warning | None = None,
    sort: Literal["code", "deadline", "warning", "progress"] = "code",
) -> Response:
    # The busiest GET reads with no session: its two statements go through the DirectReader.
    # The service writes the TaskList JSON itself (kept with the page); response_model documents it.
    answer = await service.list_tasks(request.app.state.db.direct, principal, f, warning, sort, page.offset,
                                      page.page_size, ctx)
    return Response(answer, media_type="application/json")


@router.post("/tasks", response_model=TaskRead, status_code=201, summary="新增任务（改革办、专项小组）")
async def create_task(session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, body: TaskCreate) -> TaskRead:
    task = await service.create(session, principal, body, ctx)
    return await service.detail(session, principal, task.code, ctx)


@router.post("/tasks/from-cluster", response_model=TaskRead, status_code=201,
             responses={200: {"description": "该类案已有任务：返回原任务（按类案编号幂等，可安全重试）"}},
             summary="举一反三：由企业诉求类案生成改革任务（企业诉求服务或改革办）")
async def task_from_cluster(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, body: FromClusterCreate, response: Response
) -> TaskRead:
    task, created = await service.from_cluster(session, principal, body, ctx)
    if not created:
        response.status_code = 200
    return await service.detail(session, principal, task.code, ctx)


@router.get("/tasks/{code}", response_model=TaskRead, summary="任务详情")
async def get_task(session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code) -> TaskRead:
    return await service.detail(session, principal, code, ctx)


@router.patch("/tasks/{code}", response_model=TaskRead,
              summary="修改任务（计划发布后，时限、单位、内容须走任务调整）")
async def update_task(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, body: TaskUpdate
) -> TaskRead:
    await service.update(session, principal, code, body, ctx)
    return await service.detail(session, principal, code, ctx)


@router.get("/tasks/{code}/history", response_model=Page[AuditEntry], summary="任务时间轴（谁、何时、改前→改后）")
async def task_history(session: SessionDep, principal: CurrentPrincipal, code: Code, page: PageDep) -> Page[AuditEntry]:
    rows, total = await service.history(session, principal, code, page.offset, page.page_size)
    return Page(items=[AuditEntry.model_validate(r) for r in rows], total=total, page=page.page,
                page_size=page.page_size)


@router.post("/tasks/{code}/milestones", response_model=TaskRead, status_code=201, summary="增加节点")
async def add_milestones(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, body: list[MilestoneIn]
) -> TaskRead:
    await service.add_milestones(session, principal, code, body)
    return await service.detail(session, principal, code, ctx)


@router.post("/tasks/{code}/milestones/quarterly", response_model=TaskRead, status_code=201,
             summary="按季度模板生成四个节点")
async def quarterly_template(session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code) -> TaskRead:
    await service.apply_quarterly_template(session, principal, code)
    return await service.detail(session, principal, code, ctx)


@router.patch("/milestones/{milestone_id}", response_model=TaskRead, summary="修改节点")
async def update_milestone(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, milestone_id: uuid.UUID, body: MilestoneUpdate
) -> TaskRead:
    task, _ = await service.update_milestone(session, principal, milestone_id, body)
    return await service.detail(session, principal, task.code, ctx)


@router.post("/milestones/{milestone_id}/complete", response_model=TaskRead, summary="节点完成（附佐证）")
async def complete_milestone(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, milestone_id: uuid.UUID,
    body: MilestoneComplete,
) -> TaskRead:
    task, _ = await service.complete_milestone(session, principal, milestone_id, body, ctx)
    return await service.detail(session, principal, task.code, ctx)
