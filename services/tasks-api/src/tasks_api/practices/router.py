"""``/api/tasks/v1/best-practices``: best practices (最佳实践案例) and their replications (复制推广)."""

from __future__ import annotations

import uuid
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse
from reform_common import audit
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.errors import not_found
from reform_common.pagination import Page, PageDep

from tasks_api.ledger.context import ContextDep
from tasks_api.ledger.schemas import Environment
from tasks_api.practices import service
from tasks_api.practices.repository import PracticeFilters
from tasks_api.practices.schemas import BestPracticeBrief, BestPracticeCreate, BestPracticeRead, ReplicationCreate

router = APIRouter(prefix="/api/tasks/v1", tags=["最佳实践案例"])
Code = Annotated[str, Path(max_length=32, description="案例编号，如 AL-2026-001")]


@router.get("/best-practices", response_model=Page[BestPracticeBrief], summary="最佳实践案例列表（含复制推广单位数）")
async def list_practices(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, page: PageDep,
    environment: Environment | None = None,
    unit_id: Annotated[uuid.UUID | None, Query(description="案例所属单位")] = None,
    adopted_by: Annotated[uuid.UUID | None, Query(description="已采用该案例的单位")] = None,
    q: Annotated[str | None, Query(max_length=100, description="在案例名称、摘要、编号中搜索")] = None,
) -> Page[BestPracticeBrief]:
    items, total = await service.listing(session, principal, PracticeFilters(environment, unit_id, adopted_by, q),
                                         page.offset, page.page_size, ctx)
    return Page(items=items, total=total, page=page.page, page_size=page.page_size)


@router.post("/best-practices", response_model=BestPracticeRead, status_code=201,
             summary="由成果固化阶段的任务形成最佳实践案例")
async def create_practice(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, body: BestPracticeCreate
) -> BestPracticeRead:
    return await service.create(session, principal, body, ctx)


@router.get("/best-practices/{code}", response_model=BestPracticeRead, summary="最佳实践案例详情（含复制推广情况）")
async def get_practice(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code
) -> BestPracticeRead:
    return await service.detail(session, principal, code, ctx)


@router.post("/best-practices/{code}/replications", response_model=BestPracticeRead, status_code=201,
             summary="登记复制推广（采用单位自行登记或改革办登记）")
async def add_replication(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, body: ReplicationCreate
) -> BestPracticeRead:
    return await service.replicate(session, principal, code, body, ctx)


@router.get("/best-practices/{code}/attachments/{index}", summary="下载案例佐证材料", response_class=FileResponse,
            dependencies=[audit.DOWNLOAD])
async def download_attachment(
    request: Request, session: SessionDep, principal: CurrentPrincipal, code: Code,
    index: Annotated[int, Path(ge=0, le=1000)],
) -> FileResponse:
    path, filename, content_type = await service.attachment(
        session, principal, code, index, FilePath(request.app.state.settings.tasks_storage_dir))
    if not path.is_file():
        raise not_found("附件文件")
    return FileResponse(path, media_type=content_type,
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})
