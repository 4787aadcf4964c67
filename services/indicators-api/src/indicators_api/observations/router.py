"""``/api/indicators/v1/observations``: entry, approval queue, import, export."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from reform_common import audit
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.errors import Problem
from reform_common.pagination import Page, PageDep

from indicators_api.observations import export, service
from indicators_api.observations import repository as repo
from indicators_api.observations.schemas import (
    PERIOD_PATTERN,
    ImportCommitted,
    ObservationImportPreview,
    ObservationIn,
    ObservationRead,
    ReviewIn,
)

router = APIRouter(prefix="/api/indicators/v1/observations", tags=["指标数据"])


@router.post("", response_model=list[ObservationRead], status_code=201,
             summary="录入指标数据（牵头单位录本单位指标；全部成功或全部不保存）")
async def submit(session: SessionDep, principal: CurrentPrincipal, body: list[ObservationIn]) -> list[ObservationRead]:
    if not body:
        raise Problem(422, "observations.empty", "没有数据", "请至少录入一条数据。")
    if len(body) > 5000:
        raise Problem(413, "observations.too_many", "数据过多", "一次最多录入 5000 条，请分批提交。")
    return await service.submit(session, principal, body)


@router.get("", response_model=Page[ObservationRead], summary="指标数据（审核队列：status=submitted）")
async def list_observations(
    session: SessionDep, principal: CurrentPrincipal, page: PageDep,
    status: Literal["submitted", "approved", "returned"] | None = None,
    indicator: Annotated[str | None, Query(max_length=32)] = None,
    period: Annotated[str | None, Query(pattern=PERIOD_PATTERN)] = None,
) -> Page[ObservationRead]:
    rows, total = await repo.listing(session, principal, status=status, indicator=indicator, period=period,
                                     offset=page.offset, limit=page.page_size)
    indicators, names = await service.lookups(session)
    return Page(items=[service.present(o, indicators, names) for o in rows], total=total, page=page.page,
                page_size=page.page_size)


@router.post("/review", response_model=list[ObservationRead], summary="审核指标数据：通过或退回（改革办）")
async def review(session: SessionDep, principal: CurrentPrincipal, body: ReviewIn) -> list[ObservationRead]:
    return await service.review(session, principal, body)


@router.post("/imports", response_model=ObservationImportPreview, status_code=201,
             summary="上传指标数据（xlsx/csv，长表或宽表），返回映射预览与逐格错误")
async def upload(
    request: Request, session: SessionDep, principal: CurrentPrincipal,
    file: Annotated[UploadFile, File(description="xlsx 或 csv")],
    period: Annotated[str | None, Form(pattern=PERIOD_PATTERN, description="宽表无期间列时的期间")] = None,
) -> ObservationImportPreview:
    limit = request.app.state.settings.max_import_bytes
    # One byte past the limit is enough to refuse, never the whole of a huge upload.
    data = await file.read(limit + 1)
    return await service.preview_import(session, principal, data, file.filename, period, limit)


@router.post("/imports/{import_id}/commit", response_model=ImportCommitted, summary="确认导入（全部或全不）")
async def commit(session: SessionDep, principal: CurrentPrincipal, import_id: uuid.UUID) -> ImportCommitted:
    return await service.commit_import(session, principal, import_id)


@router.get("/export", summary="导出已审核的指标数据（xlsx 或 csv，长表或宽表）", response_class=Response,
            dependencies=[audit.EXPORT])
async def export_observations(
    session: SessionDep, _: CurrentPrincipal,
    framework: Annotated[str, Query(max_length=32)],
    period: Annotated[str, Query(pattern=PERIOD_PATTERN)],
    layout: Literal["long", "wide"] = "long",
    format: Literal["xlsx", "csv"] = "xlsx",
) -> Response:
    data, media_type = await export.observations_file(session, framework, period, layout, format)
    filename = f"{framework}_{period}_{layout}.{format}"
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})
