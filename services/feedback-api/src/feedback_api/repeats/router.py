"""``/api/feedback/v1/repeats`` and ``/cases/{no}/repeat``: the repeat flags
(重复诉求) found at intake, and the staff decision on each."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path
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

from feedback_api.repeats import service
from feedback_api.repeats.schemas import ConfirmIn, DismissIn, FlagStatus, RepeatFlagList, RepeatFlagRead

router = APIRouter(prefix="/api/feedback/v1", tags=["重复诉求"])
Staff = Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, UNIT, DISTRICT, LEAD_UNIT, GROUP_LEAD, SERVICE)]
CaseNo = Annotated[str, Path(max_length=24, description="诉求编号，如 FK20261121-000123")]


@router.get("/repeats", response_model=RepeatFlagList,
            summary="重复诉求标记列表（按角色范围；status=suggested 为待确认）")
async def list_flags(session: SessionDep, principal: Staff, page: PageDep,
                     status: FlagStatus | None = None) -> RepeatFlagList:
    return await service.list_flags(session, principal, status, page.page, page.page_size)


@router.get("/cases/{case_no}/repeat", response_model=RepeatFlagRead, summary="该诉求的重复标记")
async def get_flag(session: SessionDep, principal: Staff, case_no: CaseNo) -> RepeatFlagRead:
    return await service.get(session, principal, case_no)


@router.post("/cases/{case_no}/repeat/confirm", response_model=RepeatFlagRead,
             summary="确认重复（改革办或承办单位）：计入被重复诉求的一次性化解率")
async def confirm(session: SessionDep, principal: Staff, case_no: CaseNo,
                  body: ConfirmIn | None = None) -> RepeatFlagRead:
    return await service.decide(session, principal, case_no, True, body.comment if body else None,
                                datetime.now(UTC))


@router.post("/cases/{case_no}/repeat/dismiss", response_model=RepeatFlagRead,
             summary="排除重复（改革办或承办单位，须说明理由）：取消关联，不再计入一次性化解率")
async def dismiss(session: SessionDep, principal: Staff, case_no: CaseNo, body: DismissIn) -> RepeatFlagRead:
    return await service.decide(session, principal, case_no, False, body.reason, datetime.now(UTC))
