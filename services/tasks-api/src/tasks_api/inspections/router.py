"""``/api/tasks/v1/inspections`` and ``/api/tasks/v1/rectifications``: 督察、整改。"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from fastapi.responses import FileResponse
from reform_common import audit
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.errors import not_found
from reform_common.pagination import PageDep

from tasks_api.inspections import service
from tasks_api.inspections.repository import InspectionFilters, RectificationFilters
from tasks_api.inspections.schemas import (
    FindingsAdd,
    InspectionCreate,
    InspectionKind,
    InspectionList,
    InspectionRead,
    RectificationDecision,
    RectificationList,
    RectificationRead,
    RectificationStatus,
    RectificationSubmit,
)
from tasks_api.ledger.context import ContextDep
from tasks_api.ledger.schemas import Warning

router = APIRouter(prefix="/api/tasks/v1", tags=["督察整改"])
Code = Annotated[str, Path(max_length=32, description="督察编号，如 DC-2026-001")]
Year = Annotated[int | None, Query(ge=2000, le=2100)]


def _storage(request: Request) -> FilePath:
    return FilePath(request.app.state.settings.tasks_storage_dir)


async def inspection_filters(
    year: Year = None,
    kind: InspectionKind | None = None,
    task_code: Annotated[str | None, Query(max_length=32)] = None,
    unit_id: Annotated[uuid.UUID | None, Query(description="被督察单位")] = None,
    date_from: Annotated[date | None, Query(description="督察日期起")] = None,
    date_to: Annotated[date | None, Query(description="督察日期止")] = None,
) -> InspectionFilters:
    return InspectionFilters(year, kind, task_code, unit_id, date_from, date_to)


async def rectification_filters(
    year: Year = None,
    unit_id: Annotated[uuid.UUID | None, Query(description="整改责任单位")] = None,
    status: RectificationStatus | None = None,
    inspection_code: Annotated[str | None, Query(max_length=32)] = None,
    task_code: Annotated[str | None, Query(max_length=32)] = None,
) -> RectificationFilters:
    return RectificationFilters(year, unit_id, status, inspection_code, task_code)


@router.get("/inspections", response_model=InspectionList, summary="督察记录（可筛选、分页）")
async def list_inspections(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, page: PageDep,
    f: Annotated[InspectionFilters, Depends(inspection_filters)],
) -> InspectionList:
    return await service.list_inspections(session, principal, f, page.offset, page.page_size, ctx)


@router.post("/inspections", response_model=InspectionRead, status_code=201,
             summary="登记督察：实地督察或四不两直暗访抽查，连同发现的问题和整改要求（改革办、专项小组）")
async def create_inspection(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, body: InspectionCreate
) -> InspectionRead:
    code = await service.create(session, principal, body, ctx)
    return await service.detail(session, principal, code, ctx)


@router.get("/inspections/{code}", response_model=InspectionRead, summary="督察详情：问题及整改情况")
async def get_inspection(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code
) -> InspectionRead:
    return await service.detail(session, principal, code, ctx)


@router.post("/inspections/{code}/findings", response_model=InspectionRead, status_code=201,
             summary="补充督察发现的问题（改革办、专项小组）")
async def add_findings(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, body: FindingsAdd
) -> InspectionRead:
    await service.add_findings(session, principal, code, body.findings, ctx)
    return await service.detail(session, principal, code, ctx)


@router.get("/rectifications", response_model=RectificationList,
            summary="整改事项（按单位、状态、预警筛选，按 as_of 计算红黄牌）")
async def list_rectifications(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, page: PageDep,
    f: Annotated[RectificationFilters, Depends(rectification_filters)], warning: Warning | None = None,
) -> RectificationList:
    return await service.list_rectifications(session, principal, f, warning, page.offset, page.page_size, ctx)


@router.get("/rectifications/{rectification_id}", response_model=RectificationRead, summary="整改事项详情")
async def get_rectification(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, rectification_id: uuid.UUID
) -> RectificationRead:
    return await service.rectification(session, principal, rectification_id, ctx)


@router.post("/rectifications/{rectification_id}/submit", response_model=RectificationRead,
             summary="报送整改情况及佐证（整改责任单位；报送日期取 as_of）")
async def submit_rectification(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, rectification_id: uuid.UUID,
    body: RectificationSubmit,
) -> RectificationRead:
    return await service.submit(session, principal, rectification_id, body, ctx)


@router.post("/rectifications/{rectification_id}/decision", response_model=RectificationRead,
             summary="核验整改：通过或退回重改（改革办；退回须说明原因；核验日期取 as_of）")
async def decide_rectification(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, rectification_id: uuid.UUID,
    body: RectificationDecision,
) -> RectificationRead:
    return await service.decide(session, principal, rectification_id, body, ctx)


@router.post("/rectifications/{rectification_id}/attachments", response_model=RectificationRead, status_code=201,
             summary="上传整改佐证材料（PDF、图片、Word、Excel，≤10 MB；报送前）")
async def upload_attachment(
    request: Request, session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep,
    rectification_id: uuid.UUID, file: Annotated[UploadFile, File(description="附件")],
) -> RectificationRead:
    # Read one byte past the limit: enough to refuse, never the whole of a huge upload.
    data = await file.read(service.MAX_ATTACHMENT_BYTES + 1)
    return await service.add_attachment(session, principal, rectification_id, file.filename, data,
                                        _storage(request), ctx)


@router.get("/rectifications/{rectification_id}/attachments/{index}", response_class=FileResponse,
            summary="下载整改佐证材料", dependencies=[audit.DOWNLOAD])
async def download_attachment(
    request: Request, session: SessionDep, principal: CurrentPrincipal, rectification_id: uuid.UUID,
    index: Annotated[int, Path(ge=0, le=100)],
) -> FileResponse:
    path, filename, content_type = await service.attachment(session, principal, rectification_id, index,
                                                            _storage(request))
    if not path.is_file():
        raise not_found("附件文件")
    return FileResponse(path, media_type=content_type,
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})
