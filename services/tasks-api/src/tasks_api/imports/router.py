"""Excel round trip: ``POST /imports`` (preview), ``POST /imports/{id}/commit``,
``GET /tasks/export.xlsx``."""

from __future__ import annotations

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response
from reform_common import audit
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.errors import Problem

from tasks_api.imports import export, service
from tasks_api.imports.schemas import ImportCommitResult, ImportPreview
from tasks_api.ledger.context import ContextDep
from tasks_api.ledger.repository import TaskFilters
from tasks_api.ledger.router import filters
from tasks_api.ledger.schemas import Warning

router = APIRouter(prefix="/api/tasks/v1", tags=["Excel 导入导出"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.post("/imports", response_model=ImportPreview, status_code=201,
             summary="上传任务清单 Excel，返回逐行预览与错误（改革办）")
async def upload(
    request: Request, session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep,
    file: Annotated[UploadFile, File(description="任务清单 .xlsx")],
    year: Annotated[int, Form(ge=2000, le=2100, description="计划年度")],
) -> Response:
    limit = request.app.state.settings.max_import_bytes
    # One byte past the limit is enough to refuse, never the whole of a huge upload.
    data = await file.read(limit + 1)
    preview = await service.preview(session, principal, data, file.filename, year, ctx, limit)
    return Response(preview, status_code=201, media_type="application/json")


@router.get("/imports/{import_id}", response_model=ImportPreview, summary="导入预览")
async def get_import(session: SessionDep, principal: CurrentPrincipal, import_id: uuid.UUID) -> Response:
    # The service writes the ImportPreview JSON itself (5,000 rows); response_model documents it.
    return Response(service.present(await service.get(session, principal, import_id)), media_type="application/json")


@router.post("/imports/{import_id}/commit", response_model=ImportCommitResult,
             summary="确认导入：全部成功或全部不导入")
async def commit(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, import_id: uuid.UUID
) -> ImportCommitResult:
    return await service.commit(session, principal, import_id, ctx)


@router.get("/tasks/export.xlsx", summary="导出任务台账（与导入同一模板，另含状态、预警、进度、最新进展）",
            response_class=Response, dependencies=[audit.EXPORT], responses={200: {"content": {XLSX: {}}}})
async def export_tasks(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep,
    f: Annotated[TaskFilters, Depends(filters)], warning: Warning | None = None,
) -> Response:
    if f.year is None:
        raise Problem(422, "export.year_required", "请选择年度", "导出须指定计划年度（year）。",
                      errors=[{"field": "year", "code": "missing", "message": "必填项缺失"}])
    data, filename = await export.workbook(session, principal, f, warning, ctx)
    return Response(data, media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})
