"""The enterprise's side, without an account: file a case through the public
form (spam-guarded), then with the tracking code and phone number follow its
timeline and reply, add information and rate the result. Only public events
are shown: no internal notes, comments, staff names or other cases."""

from __future__ import annotations

import hmac
from datetime import timedelta
from pathlib import Path

from reform_common.errors import Problem, conflict
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases import repository as cases_repo
from feedback_api.cases import service as cases
from feedback_api.cases import workflow
from feedback_api.cases.context import CaseContext
from feedback_api.cases.events import ENTERPRISE_ACTOR, record
from feedback_api.cases.models import Case, CaseEvent
from feedback_api.cases.schemas import SATISFACTION_LABELS, TYPE_LABELS
from feedback_api.public import spam
from feedback_api.public.schemas import (
    PublicAttachment,
    PublicCaseCreate,
    PublicCaseCreated,
    PublicEvent,
    TrackedCase,
    TrackIn,
)

NOT_FOUND = ("public.not_found", "未查到诉求", "查询码或联系电话不正确，请核对后重试。")


async def create(session: AsyncSession, ctx: CaseContext, data: PublicCaseCreate, address: str) -> Case:
    spam.check_honeypot(data.website)
    nonce = spam.check_token(ctx.vault, ctx.settings, data.form_token, ctx.now)
    address_hash = ctx.vault.address_hash(address)
    phone_index = ctx.vault.blind_index(data.contact_phone, "phone") if data.contact_phone else None
    await spam.check_limits(session, ctx.settings, address_hash, phone_index, ctx.now)
    await spam.remember(session, "create", address_hash, ctx.now, nonce=nonce, phone_index=phone_index)
    how = cases.Intake(channel="public_form", received_at=ctx.now, created_by="enterprise")
    case = await cases.intake(session, ctx, data, how, ENTERPRISE_ACTOR)
    return case


def created(case: Case) -> PublicCaseCreated:
    return PublicCaseCreated(case_no=case.case_no, tracking_code=cases.format_tracking_code(case.tracking_code),
                             status=case.status, received_at=case.received_at, due_at=case.due_at)


async def find(session: AsyncSession, ctx: CaseContext, data: TrackIn, *, for_update: bool = False) -> Case | None:
    """The case if both the code and the phone match (anonymous cases: no phone)."""
    code = cases.normalize_tracking_code(data.tracking_code)
    case = await cases_repo.by_tracking_code(session, code, for_update=for_update)
    if case is None:
        return None
    if case.contact_phone_index is None:
        return case if data.phone is None else None
    if data.phone is None:
        return None
    given = ctx.vault.blind_index(data.phone, "phone")
    return case if hmac.compare_digest(given, case.contact_phone_index) else None


async def lookup_failed(session: AsyncSession, ctx: CaseContext, address: str) -> None:
    await spam.remember(session, "lookup_failed", ctx.vault.address_hash(address), ctx.now)


async def guard_lookup(session: AsyncSession, ctx: CaseContext, address: str) -> None:
    await spam.check_lookups(session, ctx.settings, ctx.vault.address_hash(address), ctx.now)


def _public_text(e: CaseEvent, ctx: CaseContext) -> str | None:
    d = e.detail or {}
    if e.event == "assigned":
        return f"已交{d.get('unit_name', '承办单位')}办理"
    if e.event == "replied":
        return d.get("reply")
    if e.event == "extended":
        return f"经批准延期 {d.get('working_days')} 个工作日"
    if e.event in ("closed", "reopened") and d.get("satisfaction"):
        return f"评价：{SATISFACTION_LABELS[d['satisfaction']]}"
    if e.event == "info_added":
        return e.comment
    if e.event == "attachment_added":
        return d.get("filename")
    return None


async def tracked(session: AsyncSession, ctx: CaseContext, case: Case) -> TrackedCase:
    timeline = [PublicEvent(occurred_at=e.occurred_at, event=e.event,
                            label=workflow.EVENT_LABELS.get(e.event, e.event), text=_public_text(e, ctx))
                for e in await cases_repo.events(session, case.id, public_only=True)]
    unit = ctx.unit_ref(case.main_unit_id) if case.status not in ("received", "returned", "reopened") else None
    return TrackedCase(
        case_no=case.case_no, type=case.type, type_label=TYPE_LABELS[case.type], title=case.title,
        status=case.status, status_label=workflow.STATUS_LABELS[case.status], received_at=case.received_at,
        due_at=case.due_at, handling_unit=unit.name if unit else None, reply=case.reply, replied_at=case.replied_at,
        closed_at=case.closed_at, satisfaction=case.satisfaction, can_add_info=case.status != "closed",
        can_rate=case.status == "replied",
        timeline=timeline,
        attachments=[PublicAttachment(filename=a.filename, created_at=a.created_at)
                     for a in await cases_repo.attachments(session, case.id) if a.source == "enterprise"],
    )


async def add_info(session: AsyncSession, ctx: CaseContext, case: Case, content: str, address: str) -> None:
    if case.status == "closed":
        raise conflict("public.case_closed", "诉求已办结，不能再补充材料；如问题仍未解决，请重新提交诉求。")
    since = ctx.now - timedelta(days=1)
    if await cases_repo.info_added_since(session, case.id, since) >= ctx.settings.feedback_public_daily_info_per_case:
        raise Problem(429, "public.info_limit", "补充次数已达上限", "24 小时内补充材料的次数已达上限，请稍后再试。",
                      headers={"Retry-After": "3600"})
    await spam.remember(session, "add_info", ctx.vault.address_hash(address), ctx.now, case_no=case.case_no)
    await record(session, case, "info_added", ENTERPRISE_ACTOR, ctx.now, from_status=case.status, comment=content)


async def add_attachment(session: AsyncSession, ctx: CaseContext, case: Case, filename: str | None, data: bytes,
                         address: str, storage_dir: Path) -> None:
    await spam.remember(session, "attachment", ctx.vault.address_hash(address), ctx.now, case_no=case.case_no)
    await cases.add_attachment(session, case, filename, data, "enterprise", ENTERPRISE_ACTOR, ctx, storage_dir)


async def rate(session: AsyncSession, ctx: CaseContext, case: Case, satisfaction: str, comment: str | None,
               address: str) -> None:
    await spam.remember(session, "rate", ctx.vault.address_hash(address), ctx.now, case_no=case.case_no)
    if case.status != "replied":
        raise conflict("cases.illegal_transition",
                       f"诉求当前状态为「{workflow.STATUS_LABELS[case.status]}」，答复后才能评价。")
    await cases.settle(session, case, satisfaction, comment, ENTERPRISE_ACTOR, {workflow.ENTERPRISE}, ctx, "rating")
