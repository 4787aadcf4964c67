"""``/api/feedback/v1/clusters``: 举一反三 — similar-case clusters suggested by
the system, decided by the reform office, turned into reform tasks in
tasks-api; and ``/cases/{no}/clusters``, a case's own clusters and tasks."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from reform_common.auth import (
    DISTRICT,
    GROUP_LEAD,
    LEAD_UNIT,
    LEADER,
    REFORM_OFFICE,
    SERVICE,
    UNIT,
    Principal,
    require_roles,
)
from reform_common.db import SessionDep
from reform_common.pagination import PageDep

from feedback_api.cases.context import ContextDep
from feedback_api.clusters import service
from feedback_api.clusters.repository import READERS, ClusterFilters
from feedback_api.clusters.schemas import (
    PERIOD_PATTERN,
    AddCasesIn,
    CaseClusterLink,
    ClusterList,
    ClusterRead,
    ClusterStatus,
    ConfirmIn,
    DismissIn,
    MergeIn,
    SplitIn,
    SuggestIn,
    SuggestResult,
    TaskIn,
    UpdateIn,
)
from feedback_api.clusters.tasks_client import TasksClient
from feedback_api.metrics.router import period_bounds

router = APIRouter(prefix="/api/feedback/v1", tags=["举一反三（类案）"])
# Reading: the reform office, leaders, special groups and services; changing: the reform office (checked in service).
Reader = Annotated[Principal, require_roles(*READERS)]
Staff = Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, UNIT, DISTRICT, LEAD_UNIT, GROUP_LEAD, SERVICE)]
Code = Annotated[str, Path(max_length=20, description="类案编号，如 LA-2026-0001")]
CaseNo = Annotated[str, Path(max_length=24, description="诉求编号")]


async def _tasks(request: Request) -> TasksClient:
    return request.app.state.cluster_tasks


TasksDep = Annotated[TasksClient, Depends(_tasks)]


async def filters(
    status: ClusterStatus | None = None,
    category: Annotated[str | None, Query(max_length=40, description="诉求分类（含下级）")] = None,
    period: Annotated[str | None, Query(pattern=PERIOD_PATTERN, description="与该期间有交集：2026、2026-Q4、2026-10")] = None,
    has_task: Annotated[bool | None, Query(description="是否已转为改革任务")] = None,
    q: Annotated[str | None, Query(max_length=100, description="在编号、标题、关键词、任务编号中搜索")] = None,
) -> ClusterFilters:
    start = end = None
    if period:
        first, after = period_bounds(period)
        start, end = first.date(), (after - timedelta(days=1)).date()
    return ClusterFilters(status, category, start, end, has_task, q)


@router.post("/clusters/suggest", response_model=SuggestResult,
             summary="按期间、分类建议类案（系统只建议，不自动合并；重复运行结果不变）")
async def suggest(session: SessionDep, principal: Reader, ctx: ContextDep, body: SuggestIn) -> SuggestResult:
    return await service.suggest(session, principal, body, ctx)


@router.get("/clusters", response_model=ClusterList, summary="类案列表（待确认的建议在前）")
async def list_clusters(session: SessionDep, principal: Reader, page: PageDep,
                        f: Annotated[ClusterFilters, Depends(filters)]) -> ClusterList:
    return await service.list_clusters(session, principal, f, page.page, page.page_size)


@router.get("/clusters/{code}", response_model=ClusterRead,
            summary="类案详情：诉求、区县、承办单位、月度趋势、关键词、相似候选、改革任务的实时状态")
async def get_cluster(session: SessionDep, principal: Reader, ctx: ContextDep, tasks: TasksDep,
                      code: Code) -> ClusterRead:
    return await service.detail(session, principal, code, ctx, tasks)


async def _read(session, principal, cluster, ctx, tasks) -> ClusterRead:
    return await service.present(session, principal, cluster, ctx, tasks)


@router.patch("/clusters/{code}", response_model=ClusterRead, summary="修改类案标题、说明（改革办）")
async def update_cluster(session: SessionDep, principal: Reader, ctx: ContextDep, tasks: TasksDep, code: Code,
                         body: UpdateIn) -> ClusterRead:
    return await _read(session, principal, await service.update(session, principal, code, body), ctx, tasks)


@router.post("/clusters/{code}/confirm", response_model=ClusterRead, summary="确认类案（改革办）")
async def confirm(session: SessionDep, principal: Reader, ctx: ContextDep, tasks: TasksDep, code: Code,
                  body: ConfirmIn | None = None) -> ClusterRead:
    cluster = await service.confirm(session, principal, code, body or ConfirmIn(), ctx)
    return await _read(session, principal, cluster, ctx, tasks)


@router.post("/clusters/{code}/dismiss", response_model=ClusterRead, summary="驳回类案（改革办，须说明理由）")
async def dismiss(session: SessionDep, principal: Reader, ctx: ContextDep, tasks: TasksDep, code: Code,
                  body: DismissIn) -> ClusterRead:
    return await _read(session, principal, await service.dismiss(session, principal, code, body, ctx), ctx, tasks)


@router.post("/clusters/{code}/merge", response_model=ClusterRead, summary="把另一类案并入本类案（改革办）")
async def merge(session: SessionDep, principal: Reader, ctx: ContextDep, tasks: TasksDep, code: Code,
                body: MergeIn) -> ClusterRead:
    return await _read(session, principal, await service.merge(session, principal, code, body.other), ctx, tasks)


@router.post("/clusters/{code}/split", response_model=ClusterRead, status_code=201,
             summary="拆分：把选中的诉求移到新类案（改革办），返回新类案")
async def split(session: SessionDep, principal: Reader, ctx: ContextDep, tasks: TasksDep, code: Code,
                body: SplitIn) -> ClusterRead:
    return await _read(session, principal, await service.split(session, principal, code, body, ctx), ctx, tasks)


@router.post("/clusters/{code}/cases", response_model=ClusterRead, summary="向类案加入诉求（改革办，同一分类）")
async def add_cases(session: SessionDep, principal: Reader, ctx: ContextDep, tasks: TasksDep, code: Code,
                    body: AddCasesIn) -> ClusterRead:
    return await _read(session, principal, await service.add_cases(session, principal, code, body), ctx, tasks)


@router.delete("/clusters/{code}/cases/{case_no}", response_model=ClusterRead, summary="从类案移出一件诉求（改革办）")
async def remove_case(session: SessionDep, principal: Reader, ctx: ContextDep, tasks: TasksDep, code: Code,
                      case_no: CaseNo) -> ClusterRead:
    cluster = await service.remove_case(session, principal, code, case_no)
    return await _read(session, principal, cluster, ctx, tasks)


@router.post("/clusters/{code}/task", response_model=ClusterRead, status_code=201,
             responses={200: {"description": "已转过任务：返回原有任务（可安全重试）"}},
             summary="转为改革任务：在任务台账创建来源为「举一反三」的任务并双向关联诉求（改革办）")
async def create_task(session: SessionDep, principal: Reader, ctx: ContextDep, tasks: TasksDep, code: Code,
                      body: TaskIn, response: Response) -> ClusterRead:
    cluster, created = await service.create_task(session, principal, code, body, ctx, tasks)
    if not created:
        response.status_code = 200
    return await _read(session, principal, cluster, ctx, tasks)


@router.get("/cases/{case_no}/clusters", response_model=list[CaseClusterLink],
            summary="该诉求所在的类案及其改革任务（举一反三）")
async def case_clusters(session: SessionDep, principal: Staff, case_no: CaseNo) -> list[CaseClusterLink]:
    return await service.case_links(session, principal, case_no)
