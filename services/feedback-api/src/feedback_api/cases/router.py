"""``/api/feedback/v1/cases``: the staff workbench — lists, details, the workflow
actions, notes, attachments and the audited reveal of contact details."""

from __future__ import annotations

import uuid
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from fastapi.responses import FileResponse
from pydantic import AwareDatetime
from reform_common import audit
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
from reform_common.errors import not_found
from reform_common.pagination import PageDep

from feedback_api.cases import service
from feedback_api.cases.context import ContextDep
from feedback_api.cases.repository import CaseFilters
from feedback_api.cases.schemas import (
    AssignIn,
    AttachmentRead,
    CaseCreated,
    CaseList,
    CaseRead,
    CaseSummary,
    CaseType,
    Channel,
    CommentIn,
    ContactRead,
    DeadlineState,
    ExtensionDecisionIn,
    ExtensionRequestIn,
    FollowUpIn,
    NoteIn,
    ReasonIn,
    ReplyIn,
    RevealIn,
    StaffCaseCreate,
    Status,
)

router = APIRouter(prefix="/api/feedback/v1", tags=["企业诉求"])
# Staff only: the 12345 account (role hotline) reaches nothing here, only the signed integration.
Staff = Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, UNIT, DISTRICT, LEAD_UNIT, GROUP_LEAD, SERVICE)]
CaseNo = Annotated[str, Path(max_length=24, description="诉求编号，如 FK20261121-000123")]


def _storage(request: Request) -> FilePath:
    return FilePath(request.app.state.settings.feedback_storage_dir)


async def filters(
    status: Status | None = None,
    channel: Channel | None = None,
    type: CaseType | None = None,
    category: Annotated[str | None, Query(max_length=40, description="分类代码（含下级）")] = None,
    district: Annotated[str | None, Query(max_length=12, description="区县行政区划代码")] = None,
    unit_id: Annotated[uuid.UUID | None, Query(description="主办或协办单位")] = None,
    credit_code: Annotated[str | None, Query(max_length=18)] = None,
    deadline_state: DeadlineState | None = None,
    received_from: Annotated[AwareDatetime | None, Query(description="受理时间起（含），带时区")] = None,
    received_to: Annotated[AwareDatetime | None, Query(description="受理时间止（不含），带时区")] = None,
    q: Annotated[str | None, Query(max_length=100, description="在编号、标题、企业名称、12345 工单号中搜索")] = None,
) -> CaseFilters:
    return CaseFilters(status, channel, type, category, district, unit_id, credit_code and credit_code.upper(),
                       deadline_state, received_from, received_to, q)


@router.get("/cases", response_model=CaseList, summary="诉求列表（按角色范围；联系电话脱敏；含时限状态）")
async def list_cases(
    session: SessionDep, principal: Staff, ctx: ContextDep, page: PageDep, f: Annotated[CaseFilters, Depends(filters)]
) -> CaseList:
    return await service.list_cases(session, principal, f, ctx, page.page, page.page_size)


@router.get("/cases/summary", response_model=CaseSummary, summary="诉求统计：各状态数，未答复诉求的正常/临期/超期数")
async def case_summary(session: SessionDep, principal: Staff, ctx: ContextDep) -> CaseSummary:
    return await service.summary(session, principal, ctx)


@router.post("/cases", response_model=CaseCreated, status_code=201,
             summary="代为登记诉求（体验官、恳谈会、媒体曝光、督察检查）")
async def create_case(session: SessionDep, principal: Staff, ctx: ContextDep, body: StaffCaseCreate) -> CaseCreated:
    case = await service.staff_create(session, principal, body, ctx)
    return CaseCreated(case_no=case.case_no, tracking_code=service.format_tracking_code(case.tracking_code),
                       status=case.status, received_at=case.received_at, due_at=case.due_at)


@router.get("/cases/{case_no}", response_model=CaseRead, summary="诉求详情（时间轴、附件、延期、当前可执行的动作）")
async def get_case(request: Request, principal: Staff, ctx: ContextDep, case_no: CaseNo) -> CaseRead:
    # No session: the page is one statement of the DirectReader.
    return await service.detail(request.app.state.db.direct, principal, case_no, ctx)


async def _read(session, principal, case, ctx) -> CaseRead:
    return await service.present(session, principal, case, ctx)


@router.post("/cases/{case_no}/assign", response_model=CaseRead, summary="交办（改革办）：主办单位与协办单位")
async def assign(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo, body: AssignIn) -> CaseRead:
    return await _read(session, principal, await service.assign(session, principal, case_no, body, ctx), ctx)


@router.post("/cases/{case_no}/accept", response_model=CaseRead, summary="签收（承办单位）")
async def accept(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo,
                 body: CommentIn | None = None) -> CaseRead:
    case = await service.simple(session, principal, case_no, "accept", body.comment if body else None, ctx)
    return await _read(session, principal, case, ctx)


@router.post("/cases/{case_no}/start", response_model=CaseRead, summary="开始办理（承办单位）")
async def start(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo,
                body: CommentIn | None = None) -> CaseRead:
    case = await service.simple(session, principal, case_no, "start", body.comment if body else None, ctx)
    return await _read(session, principal, case, ctx)


@router.post("/cases/{case_no}/reply", response_model=CaseRead, summary="答复企业（承办单位）")
async def reply(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo, body: ReplyIn) -> CaseRead:
    case = await service.reply(session, principal, case_no, body.reply, body.comment, ctx)
    return await _read(session, principal, case, ctx)


@router.post("/cases/{case_no}/return", response_model=CaseRead, summary="退回（承办单位：非本单位职责，须说明理由）")
async def return_case(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo,
                      body: ReasonIn) -> CaseRead:
    case = await service.return_case(session, principal, case_no, body.reason, ctx)
    return await _read(session, principal, case, ctx)


@router.post("/cases/{case_no}/extension", response_model=CaseRead, summary="申请延期（承办单位）")
async def request_extension(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo,
                            body: ExtensionRequestIn) -> CaseRead:
    case = await service.request_extension(session, principal, case_no, body.working_days, body.reason, ctx)
    return await _read(session, principal, case, ctx)


@router.post("/cases/{case_no}/extension/decision", response_model=CaseRead,
             summary="审批延期（改革办）：批准则办理时限顺延")
async def decide_extension(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo,
                           body: ExtensionDecisionIn) -> CaseRead:
    case = await service.decide_extension(session, principal, case_no, body.approve, body.comment, ctx)
    return await _read(session, principal, case, ctx)


@router.post("/cases/{case_no}/follow-up", response_model=CaseRead,
             summary="回访（改革办）：满意、基本满意则办结，不满意则重办")
async def follow_up(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo,
                    body: FollowUpIn) -> CaseRead:
    case = await service.follow_up(session, principal, case_no, body.satisfaction, body.comment, ctx)
    return await _read(session, principal, case, ctx)


@router.post("/cases/{case_no}/reopen", response_model=CaseRead,
             summary="重办（改革办）：答复后企业不满意，或办结后 30 日内同一诉求再次反映")
async def reopen(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo, body: ReasonIn) -> CaseRead:
    case = await service.reopen(session, principal, case_no, body.reason, ctx)
    return await _read(session, principal, case, ctx)


@router.post("/cases/{case_no}/notes", response_model=CaseRead, status_code=201,
             summary="内部办理意见（调度、主办、协办单位；企业不可见）")
async def add_note(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo, body: NoteIn) -> CaseRead:
    case = await service.add_note(session, principal, case_no, body.content, ctx)
    return await _read(session, principal, case, ctx)


@router.post("/cases/{case_no}/contact", response_model=ContactRead,
             summary="查看完整联系方式（调度、主办、协办单位；每次查看记入审计）")
async def reveal_contact(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo,
                         body: RevealIn | None = None) -> ContactRead:
    return await service.reveal_contact(session, principal, case_no, body.reason if body else None, ctx)


@router.post("/cases/{case_no}/attachments", response_model=AttachmentRead, status_code=201,
             summary="上传附件（图片或 PDF，大小受限）")
async def upload_attachment(
    request: Request, session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo,
    file: Annotated[UploadFile, File(description="图片或 PDF")],
) -> AttachmentRead:
    # One byte past the limit is enough to refuse, never the whole of a huge upload.
    data = await file.read(ctx.settings.feedback_max_attachment_bytes + 1)
    item = await service.staff_attachment(session, principal, case_no, file.filename, data, ctx, _storage(request))
    return service.present_attachment(item)


@router.get("/cases/{case_no}/attachments/{attachment_id}", response_class=FileResponse, summary="下载附件",
            dependencies=[audit.DOWNLOAD])
async def download_attachment(
    request: Request, session: SessionDep, principal: Staff, case_no: CaseNo, attachment_id: uuid.UUID,
) -> FileResponse:
    path, filename, content_type = await service.attachment_file(session, principal, case_no, attachment_id,
                                                                 _storage(request))
    if not path.is_file():
        raise not_found("附件文件")
    return FileResponse(path, media_type=content_type,
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})
