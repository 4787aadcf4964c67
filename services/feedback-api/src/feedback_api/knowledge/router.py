"""``/api/feedback/v1/knowledge``: the handling knowledge base (知识库) — curated
by the reform office, read by every staff role; and on a case,
``/knowledge-suggestions`` and ``/direct-answer`` (直接答复 of a consultation)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response
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

from feedback_api.cases import service as cases
from feedback_api.cases.context import ContextDep
from feedback_api.cases.schemas import CaseRead
from feedback_api.knowledge import service
from feedback_api.knowledge.repository import EntryFilters
from feedback_api.knowledge.schemas import (
    DirectAnswerIn,
    EntryCreate,
    EntryList,
    EntryRead,
    EntryStatus,
    EntryUpdate,
    Kind,
    KnowledgeSuggestions,
)

router = APIRouter(prefix="/api/feedback/v1", tags=["知识库"])
# Every staff role reads published entries; curating is the reform office's (checked in service).
Staff = Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, UNIT, DISTRICT, LEAD_UNIT, GROUP_LEAD, SERVICE)]
EntryId = Annotated[uuid.UUID, Path(description="知识库条目 id")]
CaseNo = Annotated[str, Path(max_length=24, description="诉求编号，如 FK20261121-000123")]


async def filters(
    status: EntryStatus | None = None,
    kind: Kind | None = None,
    category: Annotated[str | None, Query(max_length=40, description="诉求分类（含下级）")] = None,
) -> EntryFilters:
    return EntryFilters(status, kind, category)


@router.get("/knowledge", response_model=EntryList,
            summary="知识库条目：按检索词排序（中文，字与词组匹配、常用同义词），或按更新时间；非改革办只见已发布")
async def list_entries(session: SessionDep, principal: Staff, page: PageDep,
                       f: Annotated[EntryFilters, Depends(filters)],
                       q: Annotated[str | None, Query(max_length=200, description="检索词，如「新公司怎么申领发票」")]
                       = None) -> EntryList:
    return await service.list_entries(session, principal, f, q, page.page, page.page_size)


@router.post("/knowledge", response_model=EntryRead, status_code=201, summary="新建条目（改革办，草稿）")
async def create_entry(session: SessionDep, principal: Staff, ctx: ContextDep, body: EntryCreate) -> EntryRead:
    return await service.read(session, await service.create(session, principal, body, ctx))


@router.post("/knowledge/from-case/{case_no}", response_model=EntryRead, status_code=201,
             responses={200: {"description": "该诉求已生成过条目：返回原有条目（可安全重试）"}},
             summary="一键由诉求的答复生成草稿条目（改革办；已去除电话、身份证号、姓名和企业名称）")
async def from_case(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo,
                    response: Response) -> EntryRead:
    entry, created = await service.from_case(session, principal, case_no, ctx)
    if not created:
        response.status_code = 200
    return await service.read(session, entry)


@router.get("/knowledge/{entry_id}", response_model=EntryRead, summary="条目详情")
async def get_entry(session: SessionDep, principal: Staff, entry_id: EntryId) -> EntryRead:
    return await service.read(session, await service.require(session, principal, entry_id))


@router.patch("/knowledge/{entry_id}", response_model=EntryRead, summary="修改条目（改革办）")
async def update_entry(session: SessionDep, principal: Staff, ctx: ContextDep, entry_id: EntryId,
                       body: EntryUpdate) -> EntryRead:
    return await service.read(session, await service.update(session, principal, entry_id, body, ctx))


@router.post("/knowledge/{entry_id}/publish", response_model=EntryRead, summary="发布条目（改革办；已归档的可重新发布）")
async def publish_entry(session: SessionDep, principal: Staff, ctx: ContextDep, entry_id: EntryId) -> EntryRead:
    return await service.read(session, await service.set_status(session, principal, entry_id, "published", ctx))


@router.post("/knowledge/{entry_id}/archive", response_model=EntryRead, summary="归档条目（改革办；不再推荐和检索）")
async def archive_entry(session: SessionDep, principal: Staff, ctx: ContextDep, entry_id: EntryId) -> EntryRead:
    return await service.read(session, await service.set_status(session, principal, entry_id, "archived", ctx))


@router.get("/cases/{case_no}/knowledge-suggestions", response_model=KnowledgeSuggestions,
            summary="与该诉求最相近的已发布条目（相似度与共有词语）；咨询可直接答复，其他类型须交办")
async def case_suggestions(session: SessionDep, principal: Staff, case_no: CaseNo) -> KnowledgeSuggestions:
    return await service.suggestions(session, principal, case_no)


@router.post("/cases/{case_no}/direct-answer", response_model=CaseRead,
             summary="直接答复（改革办）：以已发布条目的答复口径答复咨询，不交办；记录所用条目")
async def direct_answer(session: SessionDep, principal: Staff, ctx: ContextDep, case_no: CaseNo,
                        body: DirectAnswerIn) -> CaseRead:
    case = await service.direct_answer(session, principal, case_no, body, ctx)
    return await cases.present(session, principal, case, ctx)
