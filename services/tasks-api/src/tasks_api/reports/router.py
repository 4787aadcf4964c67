"""Progress reports: ``/api/tasks/v1/tasks/{code}/reports``, ``/reports/{id}``, ``/reporting-status``."""

from __future__ import annotations

import uuid
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.responses import FileResponse
from reform_common import audit
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.errors import not_found

from tasks_api.ledger.context import ContextDep
from tasks_api.reports import service
from tasks_api.reports.schemas import ReportCreate, ReportingStatus, ReportRead, ReportReview

router = APIRouter(prefix="/api/tasks/v1", tags=["进展报送"])
Code = Annotated[str, Path(max_length=32)]


def _storage(request: Request) -> FilePath:
    return FilePath(request.app.state.settings.tasks_storage_dir)


@router.get("/tasks/{code}/reports", response_model=list[ReportRead], summary="任务的进展报送")
async def list_reports(session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code) -> list[ReportRead]:
    return await service.for_task(session, principal, code, ctx)


@router.post("/tasks/{code}/reports", response_model=ReportRead, status_code=201,
             summary="报送进展（牵头单位、责任单位；每期每单位一份）")
async def submit_report(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, code: Code, body: ReportCreate
) -> ReportRead:
    return await service.submit(session, principal, code, body, ctx)


@router.post("/reports/{report_id}/review", response_model=ReportRead, summary="审核进展：通过或退回（牵头单位、改革办）")
async def review_report(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, report_id: uuid.UUID, body: ReportReview
) -> ReportRead:
    return await service.review(session, principal, report_id, body, ctx)


@router.post("/reports/{report_id}/attachments", response_model=ReportRead, status_code=201,
             summary="上传报送附件（PDF、图片、Word、Excel，≤10 MB）")
async def upload_attachment(
    request: Request, session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, report_id: uuid.UUID,
    file: Annotated[UploadFile, File(description="附件")],
) -> ReportRead:
    # Read one byte past the limit: enough to refuse, never the whole of a huge upload.
    data = await file.read(service.MAX_ATTACHMENT_BYTES + 1)
    return await service.add_attachment(session, principal, report_id, file.filename, data, _storage(request), ctx)


@router.get("/reports/{report_id}/attachments/{index}", summary="下载报送附件",
            response_class=FileResponse, dependencies=[audit.DOWNLOAD])
async def download_attachment(
    request: Request, session: SessionDep, principal: CurrentPrincipal, report_id: uuid.UUID,
    index: Annotated[int, Path(ge=0, le=100)],
) -> FileResponse:
    path, filename, content_type = await service.attachment(session, principal, report_id, index, _storage(request))
    if not path.is_file():
        raise not_found("附件文件")
    return FileResponse(path, media_type=content_type,
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.get("/reporting-status", response_model=ReportingStatus,
            summary="各单位上一报送期的按时、迟报、缺报情况")
async def reporting_status(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep,
    year: Annotated[int, Query(ge=2000, le=2100)],
) -> ReportingStatus:
    return await service.reporting_status(session, principal, year, ctx)
