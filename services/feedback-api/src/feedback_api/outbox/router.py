"""``/api/feedback/v1/outbox``: the reform office's view of the 12345 callback
outbox — what is waiting, what failed and why, and "retry now"."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from reform_common import audit
from reform_common.auth import REFORM_OFFICE, Principal, require_roles
from reform_common.db import SessionDep, after_commit
from reform_common.errors import conflict, not_found
from reform_common.pagination import PageDep

from feedback_api.audit.models import AuditLog
from feedback_api.outbox import repository as repo
from feedback_api.outbox.models import HotlineCallback
from feedback_api.outbox.schemas import CallbackList, CallbackRead, RetryResult

router = APIRouter(prefix="/api/feedback/v1/outbox", tags=["12345 回调"])
Office = Annotated[Principal, require_roles(REFORM_OFFICE)]


def present(row: HotlineCallback) -> CallbackRead:
    return CallbackRead(
        id=row.id, event_id=row.event_id, order_no=row.order_no, case_no=row.case_no, event=row.event,
        state=row.state, attempts=row.attempts, last_status_code=row.last_status_code, last_error=row.last_error,
        next_attempt_at=row.next_attempt_at if row.state != "delivered" else None,
        last_attempt_at=row.last_attempt_at, delivered_at=row.delivered_at, created_at=row.created_at,
        payload=json.loads(row.body),
    )


def _kick_after_commit(request: Request, session) -> None:
    outbox = request.app.state.outbox
    after_commit(session, outbox.kick)


@router.get("", response_model=CallbackList, summary="12345 回调发件箱：待发送、失败（含尝试次数与错误）、已送达（仅改革办）")
async def list_callbacks(
    request: Request, principal: Office, session: SessionDep, page: PageDep,
    state: Annotated[Literal["pending", "failed", "delivered", "undelivered"] | None,
                     Query(description="undelivered = pending + failed")] = None,
    order_no: Annotated[str | None, Query(max_length=64, description="12345 工单号")] = None,
) -> CallbackList:
    rows, total = await repo.page(session, state, order_no, page.offset, page.page_size)
    counts = await repo.counts(session)
    return CallbackList(items=[present(r) for r in rows], total=total, page=page.page, page_size=page.page_size,
                        enabled=bool(request.app.state.settings.hotline_callback_url),
                        counts={s: counts.get(s, 0) for s in ("pending", "failed", "delivered")})


@router.post("/retry", response_model=RetryResult, summary="全部未送达的回调立即重试（仅改革办）")
async def retry_all(request: Request, principal: Office, session: SessionDep) -> RetryResult:
    scheduled = await repo.retry_now(session)
    audit.record(session, AuditLog, action="outbox.retry", entity_type="hotline_callback", entity_id="*",
                 actor=principal, detail={"scheduled": scheduled})
    _kick_after_commit(request, session)
    return RetryResult(scheduled=scheduled)


@router.post("/{callback_id}/retry", response_model=CallbackRead, summary="该回调立即重试（同一工单更早的未送达回调一并提前，仍按顺序发送）",
             responses={404: {"description": "回调不存在"}, 409: {"description": "已送达"}})
async def retry_one(request: Request, principal: Office, session: SessionDep,
                    callback_id: Annotated[int, Path(ge=1, le=2**62)]) -> CallbackRead:
    row = await repo.get(session, callback_id)
    if row is None:
        raise not_found("回调")
    if row.state == "delivered":
        raise conflict("outbox.already_delivered", f"回调 {callback_id} 已送达，无需重试。")
    # Earlier undelivered events of the same order go first: bring them forward too.
    await repo.retry_now(session, order_no=row.order_no, up_to_id=row.id)
    audit.record(session, AuditLog, action="outbox.retry", entity_type="hotline_callback", entity_id=str(row.id),
                 actor=principal, detail={"order_no": row.order_no, "event": row.event})
    await session.refresh(row)
    _kick_after_commit(request, session)
    return present(row)
