"""Reminder notices (提示单): issue, list, acknowledge, reply."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Request
from reform_common.auth import REFORM_OFFICE, CurrentPrincipal, Principal, require_roles
from reform_common.db import SessionDep, after_commit
from reform_common.errors import not_found
from reform_common.pagination import Page, PageDep

from tasks_api.ledger.context import ContextDep
from tasks_api.notices import delivery
from tasks_api.notices import repository as repo
from tasks_api.notices import service
from tasks_api.notices.schemas import NoticeCounts, NoticeRead, NoticeReply, RunResult

router = APIRouter(prefix="/api/tasks/v1/reminder-notices", tags=["提示单"])


@router.post("/run", response_model=RunResult, summary="按 as_of 发出提示单（每单位每天至多一份；改革办）")
async def run_notices(
    request: Request, session: SessionDep, actor: Annotated[Principal, require_roles(REFORM_OFFICE)], ctx: ContextDep
) -> RunResult:
    result, created = await service.run(session, actor, ctx)
    app = request.app

    async def send() -> None:
        # In the background: a slow robot must not hold up the office's request.
        app.state.background.spawn(
            delivery.deliver(app.state.db, app.state.http, app.state.settings.reminder_webhook_url, created)
        )

    after_commit(session, send)
    return result


@router.get("", response_model=Page[NoticeRead], summary="提示单列表（单位只见本单位）")
async def list_notices(
    session: SessionDep, principal: CurrentPrincipal, page: PageDep, unit_id: uuid.UUID | None = None,
    issued_on: date | None = None, acknowledged: bool | None = None,
) -> Page[NoticeRead]:
    rows, total = await repo.listing(session, principal, unit_id=unit_id, issued_on=issued_on,
                                     acknowledged=acknowledged, offset=page.offset, limit=page.page_size)
    return Page(items=[NoticeRead.model_validate(n) for n in rows], total=total, page=page.page,
                page_size=page.page_size)


@router.get("/counts", response_model=list[NoticeCounts], summary="各单位提示单数与未签收数")
async def notice_counts(session: SessionDep, principal: CurrentPrincipal) -> list[NoticeCounts]:
    return [NoticeCounts(unit_id=u, unit_name=n, total=t, unacknowledged=a)
            for u, n, t, a in await repo.counts(session, principal)]


@router.get("/{notice_id}", response_model=NoticeRead, summary="提示单详情")
async def get_notice(session: SessionDep, principal: CurrentPrincipal, notice_id: uuid.UUID) -> NoticeRead:
    notice = await repo.get(session, principal, notice_id)
    if notice is None:
        raise not_found("提示单")
    return NoticeRead.model_validate(notice)


@router.post("/{notice_id}/acknowledge", response_model=NoticeRead, summary="签收提示单（收件单位）")
async def acknowledge(session: SessionDep, principal: CurrentPrincipal, notice_id: uuid.UUID) -> NoticeRead:
    return NoticeRead.model_validate(await service.acknowledge(session, principal, notice_id))


@router.post("/{notice_id}/reply", response_model=NoticeRead, summary="回复提示单（收件单位）")
async def reply(session: SessionDep, principal: CurrentPrincipal, notice_id: uuid.UUID, body: NoticeReply) -> NoticeRead:
    return NoticeRead.model_validate(await service.reply(session, principal, notice_id, body.reply))
