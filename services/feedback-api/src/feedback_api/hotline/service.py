"""12345 work orders in: a signed push becomes a case (idempotent by order
number: the same body again replays the first answer, a different body is a
conflict), and a signed read gives the order's progress. Callbacks out are
added by the outbox (it subscribes to case events)."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from reform_common import uploads
from reform_common.errors import conflict, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases import repository as cases_repo
from feedback_api.cases import service as cases
from feedback_api.cases import workflow
from feedback_api.cases.context import CaseContext
from feedback_api.cases.events import Actor
from feedback_api.cases.models import Case, CaseAttachment
from feedback_api.cases.schemas import CaseFields
from feedback_api.hotline.schemas import HotlineOrder, HotlineReceipt, HotlineStatus

CHANNEL = "hotline_12345"


def _error(field: str, message: str) -> dict[str, Any]:
    # Shaped like a pydantic error, so the shared handler renders it like the others.
    return {"type": "value_error", "loc": (field,), "msg": message, "input": None, "ctx": {"error": message}}


# Clearer words than the shared generic ones for what a 12345 integrator gets wrong most.
_MESSAGES = {
    ("received_at", "timezone_aware"): "受理时间须带时区，如 2026-09-30T10:15:00+08:00",
    ("received_at", "datetime_from_date_parsing"): "受理时间格式应为 ISO 8601，如 2026-09-30T10:15:00+08:00",
    ("order_no", "string_pattern_mismatch"): "工单号只能包含字母、数字、“-”和“_”",
    ("url", "string_pattern_mismatch"): "附件地址应为 http 或 https 链接",
}


def _explained(err: dict[str, Any]) -> dict[str, Any]:
    loc = tuple(err.get("loc", ()))
    message = _MESSAGES.get((str(loc[-1]) if loc else "", err.get("type", "")))
    return {**err, "type": "value_error", "ctx": {"error": message}} if message else err


def canonical_hash(raw: bytes) -> str:
    """Same JSON, same hash, whatever the key order or whitespace."""
    body = json.loads(raw)
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def parse(raw: bytes, ctx: CaseContext) -> tuple[HotlineOrder, tuple[str, str]]:
    """The order and its district, or one 422 listing every bad field."""
    errors: list[dict[str, Any]] = []
    order = None
    try:
        order = HotlineOrder.model_validate_json(raw)
    except ValidationError as exc:
        errors = [_explained(e) for e in exc.errors(include_url=False)]
    district = None
    try:
        loose = json.loads(raw)
    except ValueError:
        loose = None
    given = loose.get("district") if isinstance(loose, dict) else None
    if isinstance(given, str):
        district = ctx.district(given) if given.strip() else None
        if district is None:
            errors.append(_error("district", "区县不存在，请填写本市区县名称或 GB/T 2260 行政区划代码"))
    if order is not None and order.received_at > ctx.now + timedelta(minutes=10):
        errors.append(_error("received_at", "受理时间不能晚于现在"))
    if errors:
        raise RequestValidationError(errors)
    assert order is not None and district is not None
    return order, district


def receipt(case: Case) -> dict[str, Any]:
    return HotlineReceipt(case_no=case.case_no, order_no=case.external_id or "", status=case.status,
                          due_at=case.due_at).model_dump(mode="json")


async def push(session: AsyncSession, ctx: CaseContext, key_id: str, raw: bytes) -> tuple[bool, dict[str, Any]]:
    """(created, answer)."""
    order, district = parse(raw, ctx)
    digest = canonical_hash(raw)
    await cases_repo.lock_external_id(session, CHANNEL, order.order_no)
    pushed_before, category_code = await cases_repo.order_lookup(session, CHANNEL, order.order_no, order.category)
    if pushed_before:
        existing = await cases_repo.by_external_id(session, CHANNEL, order.order_no)
        assert existing is not None  # under the lock: still there
        if existing.intake_hash != digest:
            raise conflict("hotline.order_conflict",
                           f"工单 {order.order_no} 已推送过且内容不同；如需更正请通过 12345 系统的补充或撤单流程。")
        return False, dict(existing.intake_response or receipt(existing))
    fields = CaseFields.model_construct(
        # A category outside the catalogue files the order under 其他, keeping the 12345 wording.
        type=order.type, category_code=category_code or "other", title=order.title,
        description=order.content, desired_outcome=None, enterprise_name=order.enterprise_name,
        credit_code=order.credit_code, contact_name=order.caller_name, contact_phone=order.caller_phone,
        contact_id_number=None, district=district[0], address=order.address, anonymous=False,
    )
    how = cases.Intake(channel=CHANNEL, received_at=order.received_at, created_by=f"12345:{key_id}",
                       external_id=order.order_no,
                       external_category=order.category if fields.category_code == "other" else None,
                       time_limit=order.time_limit_working_days, intake_hash=digest, answered=_store_receipt)
    case = await cases.intake(session, ctx, fields, how, Actor(f"12345:{key_id}", "hotline"))
    for item in order.attachments:
        session.add(CaseAttachment(case_id=case.id, filename=uploads.safe_filename(item.name), url=item.url,
                                   source="hotline", uploaded_by=f"12345:{key_id}"))
    return True, dict(case.intake_response)


def _store_receipt(case: Case) -> None:
    # The first answer, replayed to a repeated push of the same order.
    case.intake_response = receipt(case)


async def status(session: AsyncSession, ctx: CaseContext, order_no: str) -> HotlineStatus:
    case = await cases_repo.by_external_id(session, CHANNEL, order_no)
    if case is None:
        raise not_found("工单")
    unit = ctx.unit_ref(case.main_unit_id)
    return HotlineStatus(
        order_no=order_no, case_no=case.case_no, status=case.status,
        status_label=workflow.STATUS_LABELS[case.status], due_at=case.due_at,
        handling_unit=unit.name if unit else None, reply=case.reply, replied_at=case.replied_at,
        closed_at=case.closed_at, satisfaction=case.satisfaction,
    )
