"""``/api/tasks/v1/inbox``: the caller's unit's messages."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.pagination import PageDep

from tasks_api.inbox import repository as repo
from tasks_api.inbox import service
from tasks_api.inbox.schemas import InboxMessageRead, InboxPage

router = APIRouter(prefix="/api/tasks/v1/inbox", tags=["单位收件箱"])


@router.get("", response_model=InboxPage, summary="本单位收件箱（未读在前，含未读数）")
async def inbox(session: SessionDep, principal: CurrentPrincipal, page: PageDep) -> InboxPage:
    if principal.unit_id is None:
        return InboxPage(items=[], total=0, page=page.page, page_size=page.page_size, unread=0)
    rows, total, unread = await repo.listing(session, principal.unit_id, offset=page.offset, limit=page.page_size)
    return InboxPage(items=[InboxMessageRead.model_validate(m) for m in rows], total=total, page=page.page,
                     page_size=page.page_size, unread=unread)


@router.post("/{message_id}/read", response_model=InboxMessageRead, summary="标记消息已读")
async def mark_read(session: SessionDep, principal: CurrentPrincipal, message_id: uuid.UUID) -> InboxMessageRead:
    return InboxMessageRead.model_validate(await service.mark_read(session, principal, message_id))
