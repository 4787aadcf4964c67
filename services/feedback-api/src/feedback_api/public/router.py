"""``/api/feedback/v1/public/*``: the enterprise's endpoints, no account needed.
Every write is a POST under this prefix, which the gateway rate-limits per
address; the phone number travels in the body, never in a URL (logs)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from reform_common.db import SessionDep
from reform_common.errors import problem_response
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases.context import CaseContext, ContextDep
from feedback_api.cases.models import Case
from feedback_api.cases.schemas import SATISFACTION_LABELS, TYPE_LABELS, DistrictRef
from feedback_api.categories import service as categories
from feedback_api.public import service, spam
from feedback_api.public.schemas import (
    AddInfoIn,
    FormToken,
    Option,
    PublicCaseCreate,
    PublicCaseCreated,
    PublicOptions,
    RateIn,
    TrackedCase,
    TrackIn,
    TypeOption,
)
from feedback_api.validation import parse

router = APIRouter(prefix="/api/feedback/v1/public", tags=["企业（公开）"])
NOT_FOUND_RESPONSE: dict[int | str, dict[str, Any]] = {404: {"description": "查询码或联系电话不正确"}}


@router.get("/options", response_model=PublicOptions, summary="表单选项：诉求类型与时限、分类、区县、满意度")
async def options(request: Request, session: SessionDep) -> PublicOptions:
    settings = request.app.state.settings
    limits = settings.feedback_time_limits
    return PublicOptions(
        types=[TypeOption(code=c, label=label, time_limit_working_days=int(limits.get(c, 5)),
                          anonymous_allowed=c == "suggestion") for c, label in TYPE_LABELS.items()],
        categories=await categories.tree(session, active_only=True),
        districts=[DistrictRef(code=code, name=name) for code, name in settings.feedback_districts],
        satisfactions=[Option(code=c, label=label) for c, label in SATISFACTION_LABELS.items()],
        max_attachment_bytes=settings.feedback_max_attachment_bytes,
    )


@router.post("/form-token", response_model=FormToken, summary="领取表单校验信息（提交诉求前）")
async def form_token(request: Request) -> FormToken:
    settings = request.app.state.settings
    return FormToken(token=spam.issue_token(request.app.state.vault, datetime.now(UTC)),
                     min_fill_seconds=settings.feedback_public_min_fill_seconds,
                     expires_in=settings.feedback_public_token_ttl_seconds)


@router.post("/cases", response_model=PublicCaseCreated, status_code=201,
             summary="在线反映诉求（返回诉求编号与查询码）")
async def create_case(
    request: Request, session: SessionDep, ctx: ContextDep, body: PublicCaseCreate
) -> PublicCaseCreated:
    case = await service.create(session, ctx, body, spam.client_address(request))
    return service.created(case)


async def _find(request: Request, session: AsyncSession, ctx: CaseContext, data: TrackIn,
                for_update: bool = False) -> Case | JSONResponse:
    """The case, or a 404 response (returned, not raised, so the failed attempt is committed and counted)."""
    address = spam.client_address(request)
    await service.guard_lookup(session, ctx, address)
    case = await service.find(session, ctx, data, for_update=for_update)
    if case is None:
        await service.lookup_failed(session, ctx, address)
        code, title, detail = service.NOT_FOUND
        return problem_response(404, code, title, detail, instance=request.url.path)
    return case


@router.post("/track", response_model=TrackedCase, responses=NOT_FOUND_RESPONSE,
             summary="查询进度：凭查询码和联系电话查看时间轴与答复")
async def track(request: Request, session: SessionDep, ctx: ContextDep, body: TrackIn) -> Any:
    case = await _find(request, session, ctx, body)
    if isinstance(case, JSONResponse):
        return case
    return await service.tracked(session, ctx, case)


@router.post("/track/info", response_model=TrackedCase, responses=NOT_FOUND_RESPONSE,
             summary="补充材料（文字）")
async def add_info(request: Request, session: SessionDep, ctx: ContextDep, body: AddInfoIn) -> Any:
    case = await _find(request, session, ctx, body, for_update=True)
    if isinstance(case, JSONResponse):
        return case
    await service.add_info(session, ctx, case, body.content, spam.client_address(request))
    return await service.tracked(session, ctx, case)


@router.post("/track/attachments", response_model=TrackedCase, status_code=201, responses=NOT_FOUND_RESPONSE,
             summary="补充附件（图片或 PDF）")
async def add_attachment(
    request: Request, session: SessionDep, ctx: ContextDep,
    tracking_code: Annotated[str, Form(min_length=6, max_length=20)],
    file: Annotated[UploadFile, File(description="图片或 PDF")],
    phone: Annotated[str | None, Form(max_length=30)] = None,
) -> Any:
    data = parse(TrackIn, {"tracking_code": tracking_code, "phone": phone})
    case = await _find(request, session, ctx, data, for_update=True)
    if isinstance(case, JSONResponse):
        return case
    content = await file.read(ctx.settings.feedback_max_attachment_bytes + 1)
    await service.add_attachment(session, ctx, case, file.filename, content, spam.client_address(request),
                                 Path(ctx.settings.feedback_storage_dir))
    return await service.tracked(session, ctx, case)


@router.post("/track/rating", response_model=TrackedCase, responses=NOT_FOUND_RESPONSE,
             summary="评价办理结果（答复后）：满意、基本满意则办结，不满意则重办")
async def rate(request: Request, session: SessionDep, ctx: ContextDep, body: RateIn) -> Any:
    case = await _find(request, session, ctx, body, for_update=True)
    if isinstance(case, JSONResponse):
        return case
    await service.rate(session, ctx, case, body.satisfaction, body.comment, spam.client_address(request))
    return await service.tracked(session, ctx, case)
