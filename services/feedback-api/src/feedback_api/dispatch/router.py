"""``/api/feedback/v1/cases/{no}/suggestions``: what the dispatch screen shows for a case
(suggested category, units, similar closed cases; the dispatcher decides and assigns through
``/cases/{no}/assign``); ``/api/feedback/v1/dispatch/models``: the model versions with their
held-out quality and acceptance, and training on demand."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from reform_common.auth import LEADER, REFORM_OFFICE, Principal, require_roles
from reform_common.db import SessionDep
from reform_common.pagination import PageDep

from feedback_api.cases.context import ContextDep
from feedback_api.dispatch import service
from feedback_api.dispatch.schemas import DispatchModelList, DispatchModelRead, Suggestions

router = APIRouter(prefix="/api/feedback/v1", tags=["智能分派建议"])
# Whoever may assign a case: the reform office (the dispatcher). Leaders may read the quality.
Dispatcher = Annotated[Principal, require_roles(REFORM_OFFICE)]
Reader = Annotated[Principal, require_roles(REFORM_OFFICE, LEADER)]
CaseNo = Annotated[str, Path(max_length=24, description="诉求编号，如 FK20261121-000123")]


@router.get("/cases/{case_no}/suggestions", response_model=Suggestions,
            summary="分派建议（改革办）：分类、主办与协办单位及置信度、依据的词、5 件相似已办结诉求；只建议，不交办")
async def suggestions(session: SessionDep, principal: Dispatcher, ctx: ContextDep, case_no: CaseNo) -> Suggestions:
    return await service.suggestions(session, principal, case_no, ctx)


@router.get("/dispatch/models", response_model=DispatchModelList,
            summary="分派模型版本：训练数据时间窗、按时间切分的留出评估、采纳率（改革办、市领导）")
async def versions(session: SessionDep, principal: Reader, page: PageDep) -> DispatchModelList:
    return await service.versions(session, page.page, page.page_size)


@router.post("/dispatch/models", response_model=DispatchModelRead, status_code=201,
             summary="立即重新训练分派模型（改革办）：样本不足时记为规则版本")
async def train(session: SessionDep, principal: Dispatcher, ctx: ContextDep) -> DispatchModelRead:
    row = await service.train(session, ctx.settings, "manual", principal.username, ctx.now)
    return service.present_version(row)
