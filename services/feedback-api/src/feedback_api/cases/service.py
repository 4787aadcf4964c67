"""Case rules: intake from every channel, the workflow (one function applies
a row of :mod:`feedback_api.cases.workflow`), deadlines, presenting with
personal data masked, and the audited reveal. Never commits."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from reform_common import audit, uploads
from reform_common.auth import DISTRICT, LEAD_UNIT, REFORM_OFFICE, UNIT, Principal
from reform_common.db import DirectReader
from reform_common.errors import Problem, conflict, forbidden, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.audit.models import AuditLog
from feedback_api.cases import attachments as files
from feedback_api.cases import deadlines, events, workflow
from feedback_api.cases import repository as repo
from feedback_api.cases.context import CaseContext
from feedback_api.cases.events import Actor
from feedback_api.cases.models import Case, CaseAttachment, CaseEvent, CaseExtension, CaseUnit
from feedback_api.cases.repository import CaseFilters
from feedback_api.cases.schemas import (
    CHANNEL_LABELS,
    DEADLINE_LABELS,
    TYPE_LABELS,
    AssignIn,
    AttachmentRead,
    CaseEventRead,
    CaseFields,
    CaseList,
    CaseListItem,
    CaseRead,
    CaseSummary,
    CategoryRef,
    ContactRead,
    DistrictRef,
    ExtensionRead,
)
from feedback_api.categories.models import Category
from feedback_api.dispatch import service as dispatch
from feedback_api.identifiers import mask_id_number, mask_phone
from feedback_api.repeats import detect as repeat_detect

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
TRACKING_LENGTH = 12
UNIT_ROLES = (UNIT, DISTRICT, LEAD_UNIT)
ASSIGNABLE_KINDS = ("department", "district", "court_other", "reform_office")


# ---- who the caller is on a case ----------------------------------------------------------------

def roles_on(principal: Principal, case: Case) -> set[str]:
    """The workflow parts (dispatcher / handler) the caller plays on this case."""
    roles = set()
    if principal.has_any(REFORM_OFFICE):
        roles.add(workflow.DISPATCHER)
    if principal.has_any(*UNIT_ROLES) and principal.unit_id is not None and principal.unit_id == case.main_unit_id:
        roles.add(workflow.HANDLER)
    return roles


def is_co_unit(principal: Principal, case: Case) -> bool:
    return (principal.has_any(*UNIT_ROLES) and principal.unit_id is not None
            and any(cu.unit_id == principal.unit_id for cu in case.co_units))


def handles(principal: Principal, case: Case) -> bool:
    """Handles the case: the dispatcher, the main unit and the co-units (may see personal data)."""
    return bool(roles_on(principal, case)) or is_co_unit(principal, case)


# ---- the one function that changes a case's status ----------------------------------------------

def _status_label(status: str | None) -> str:
    return workflow.STATUS_LABELS.get(status or "", "（新建）")


def check(case: Case, action: str, parts: set[str]) -> workflow.Transition:
    """The workflow row for (case.status, action) that one of ``parts`` may take,
    else 409 (the status does not allow the action) or 403 (not the caller's part)."""
    label = workflow.ACTION_LABELS[action]
    if not parts:
        raise forbidden(f"您不是该诉求的调度或承办单位，不能「{label}」。")
    candidates = workflow.allowed_from(case.status, action)
    if not candidates:
        possible = [workflow.ACTION_LABELS[a] for a in workflow.actions_for(case.status, parts)]
        hint = f"当前可进行：{'、'.join(possible)}。" if possible else "当前没有您可进行的操作。"
        raise conflict("cases.illegal_transition",
                       f"诉求 {case.case_no} 当前状态为「{_status_label(case.status)}」，不能「{label}」。{hint}")
    row = next((t for t in candidates if t.who in parts), None)
    if row is None:
        who = "或".join(dict.fromkeys(workflow.WHO_LABELS[t.who] for t in candidates))
        raise forbidden(f"「{label}」只能由{who}进行。")
    return row


async def transition(
    session: AsyncSession,
    case: Case,
    action: str,
    actor: Actor,
    parts: set[str],
    ctx: CaseContext,
    *,
    comment: str | None = None,
    detail: dict[str, Any] | None = None,
    public: bool = True,
    at: datetime | None = None,
    settle: Callable[[Case], None] | None = None,
) -> CaseEvent:
    """The only place a case's status changes: applies the workflow row
    (case.status, action, →, who ∈ ``parts``) and records its event. Callers
    set the action's own fields first, so the event's listeners see the case
    as it is after the step; ``settle`` sets those that depend on the new
    status (before the case is written, so no second UPDATE)."""
    row = check(case, action, parts)
    previous = case.status
    case.status = row.target
    case.updated_at = at or ctx.now
    if settle is not None:
        settle(case)
    return await events.record(session, case, workflow.EVENTS[action], actor, at or ctx.now,
                               from_status=previous, comment=comment, public=public, detail=detail)


# ---- intake -------------------------------------------------------------------------------------

@dataclass
class Intake:
    channel: str
    received_at: datetime
    created_by: str
    created_by_unit_id: uuid.UUID | None = None
    external_id: str | None = None
    external_category: str | None = None
    source_detail: str | None = None
    time_limit: int | None = None
    intake_hash: str | None = None
    require_contact: bool = True
    # Sets what the case stores of the channel's answer (the 12345 receipt), once it has its status.
    answered: Callable[[Case], None] | None = None


def _field_problem(errors: list[dict[str, str]]) -> Problem:
    return Problem(422, "validation_failed", "提交的内容有误", "请按提示修改标注的字段后重试。", errors=errors)


def field_error(field: str, message: str, code: str = "invalid") -> dict[str, str]:
    return {"field": field, "code": code, "message": message}


def check_fields(ctx: CaseContext, data: CaseFields,
                 require_contact: bool) -> tuple[list[dict[str, str]], tuple[str, str] | None]:
    """The rules a schema cannot check alone, but the category (checked with intake's other reads);
    every problem at once."""
    errors = []
    district = None
    if data.district:
        district = ctx.district(data.district)
        if district is None:
            errors.append(field_error("district", "区县不存在，请填写本市区县名称或行政区划代码", "unknown_district"))
    if data.anonymous and data.type != "suggestion":
        errors.append(field_error("anonymous", "只有建议类诉求可以匿名提交", "anonymous_not_allowed"))
    if require_contact and not data.anonymous:
        for name, message in (("enterprise_name", "请填写企业名称"), ("contact_name", "请填写联系人"),
                              ("contact_phone", "请填写联系电话")):
            if not getattr(data, name):
                errors.append(field_error(name, message, "missing"))
    return errors, district


def _new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def normalize_tracking_code(value: str) -> str:
    return "".join(c for c in value.upper() if c.isalnum())


def format_tracking_code(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


async def intake(session: AsyncSession, ctx: CaseContext, data: CaseFields, how: Intake, actor: Actor) -> Case:
    errors, district = check_fields(ctx, data, how.require_contact)
    code = _new_tracking_code()
    checks = await repo.intake_checks(session, data.category_code, code, creating=not errors)
    if not checks.category_active:
        errors.insert(0, field_error("category_code", "诉求分类不存在或已停用", "unknown_category"))
    if errors:
        raise _field_problem(errors)
    assert checks.number is not None
    taken = checks.code_taken
    while taken:
        code = _new_tracking_code()
        taken = await repo.tracking_code_exists(session, code)
    vault = ctx.vault
    anonymous = data.anonymous
    phone = None if anonymous else data.contact_phone
    id_number = None if anonymous else data.contact_id_number
    phone_index = vault.blind_index(phone, "phone") if phone else None
    received_day = deadlines.shanghai_day(how.received_at)
    number = checks.number
    limit = how.time_limit or ctx.time_limit(data.type)
    district_unit = ctx.district_unit(district[1]) if district else None
    case = Case(
        id=uuid.uuid4(), case_no=f"FK{received_day:%Y%m%d}-{number:06d}", tracking_code=code,
        channel=how.channel, external_id=how.external_id, source_detail=how.source_detail, type=data.type,
        category_code=data.category_code, external_category=how.external_category, title=data.title.strip(),
        description=data.description.strip(), desired_outcome=data.desired_outcome,
        enterprise_name=None if anonymous else data.enterprise_name,
        credit_code=None if anonymous else data.credit_code, anonymous=anonymous,
        contact_name=None if anonymous else data.contact_name,
        contact_phone_enc=vault.encrypt(phone, "contact_phone") if phone else None,
        contact_phone_index=phone_index, contact_phone_masked=mask_phone(phone) if phone else None,
        contact_id_enc=vault.encrypt(id_number, "contact_id_number") if id_number else None,
        contact_id_masked=mask_id_number(id_number) if id_number else None,
        district_code=district[0] if district else None, district_name=district[1] if district else None,
        district_unit_id=district_unit.id if district_unit else None, address=data.address,
        status=None, received_at=how.received_at, time_limit_working_days=limit,
        due_at=deadlines.due_at(ctx.calendar, how.received_at, limit), reopen_count=0,
        intake_hash=how.intake_hash, created_by=how.created_by, created_by_unit_id=how.created_by_unit_id,
        co_units=[],
    )
    # Same enterprise, same matter, within the window of an earlier closing: linked and flagged (repeats/).
    match = await repeat_detect.find_earlier(session, ctx.settings, case, phone_index, how.received_at)
    earlier = match.case if match is not None else None
    if earlier is not None:
        case.repeat_of_id = earlier.id
    # Written with its first event, once the workflow has given it a status (events.record).
    detail = {"channel": how.channel, "due_at": case.due_at.isoformat(), "time_limit_working_days": limit}
    if earlier is not None:
        detail["repeat_of"] = earlier.case_no
    await transition(session, case, "receive", actor, {workflow.INTAKE}, ctx, detail=detail, at=how.received_at,
                     settle=how.answered)
    if match is not None:
        repeat_detect.flag(session, case, match)
    return case


async def staff_create(session: AsyncSession, principal: Principal, data, ctx: CaseContext) -> Case:
    if not principal.has_any(REFORM_OFFICE, *UNIT_ROLES):
        raise forbidden("只有改革办和承办单位可以代为登记诉求。")
    received_at = data.received_at or ctx.now
    if received_at > ctx.now + timedelta(minutes=10):
        raise _field_problem([field_error("received_at", "反映时间不能晚于现在", "in_future")])
    if data.external_id and await repo.by_external_id(session, data.channel, data.external_id):
        raise conflict("cases.duplicate_external_id", f"该渠道的编号 {data.external_id} 已登记过。")
    how = Intake(channel=data.channel, received_at=received_at, created_by=principal.username,
                 created_by_unit_id=principal.unit_id, external_id=data.external_id,
                 source_detail=data.source_detail, require_contact=False)
    return await intake(session, ctx, data, how, Actor.staff(principal))


# ---- presenting ---------------------------------------------------------------------------------

# The catalogue as ORM objects or as the case page's rows (repository.parts): same attributes.
Categories = Mapping[str, Category | repo.CategoryRow]


def category_ref(code: str, categories: Categories) -> CategoryRef:
    cat = categories.get(code)
    if cat is None:
        return CategoryRef(code=code, name=code, path=code)
    names, node, seen = [cat.name], cat, {cat.code}
    while node.parent_code and node.parent_code in categories and node.parent_code not in seen:
        node = categories[node.parent_code]
        seen.add(node.code)
        names.insert(0, node.name)
    return CategoryRef(code=cat.code, name=cat.name, path=" / ".join(names))


def present_item(case: Case, ctx: CaseContext, categories: Categories) -> dict[str, Any]:
    state = deadlines.state(case.status, case.due_at, case.replied_at, ctx.now, ctx.approaching_until)
    return dict(
        case_no=case.case_no, channel=case.channel, channel_label=CHANNEL_LABELS[case.channel],
        external_id=case.external_id, type=case.type, type_label=TYPE_LABELS[case.type],
        category=category_ref(case.category_code, categories), title=case.title,
        enterprise_name=case.enterprise_name, credit_code=case.credit_code, anonymous=case.anonymous,
        contact_name=case.contact_name, contact_phone=case.contact_phone_masked,
        district=DistrictRef(code=case.district_code, name=case.district_name) if case.district_code else None,
        status=case.status, status_label=workflow.STATUS_LABELS[case.status],
        main_unit=ctx.unit_ref(case.main_unit_id), received_at=case.received_at, due_at=case.due_at,
        deadline_state=state, deadline_label=DEADLINE_LABELS[state], replied_at=case.replied_at,
        closed_at=case.closed_at, satisfaction=case.satisfaction, reopen_count=case.reopen_count,
    )


def present_event(e: repo.EventRow, ctx: CaseContext) -> CaseEventRead:
    return CaseEventRead(
        id=e.id, event=e.event, label=workflow.EVENT_LABELS.get(e.event, e.event), from_status=e.from_status,
        to_status=e.to_status, occurred_at=e.occurred_at, actor=e.actor, actor_kind=e.actor_kind,
        actor_unit=ctx.unit_ref(e.actor_unit_id) if e.actor_unit_id else None, comment=e.comment,
        public=e.public, detail=e.detail,
    )


def present_attachment(a: CaseAttachment | repo.AttachmentRow) -> AttachmentRead:
    return AttachmentRead(id=a.id, filename=a.filename, content_type=a.content_type, size=a.size, url=a.url,
                          source=a.source, created_at=a.created_at)


def present_extension(x: repo.ExtensionRow) -> ExtensionRead:
    return ExtensionRead(
        id=x.id, working_days=x.working_days, reason=x.reason, status=x.status, requested_by=x.requested_by,
        requested_at=x.requested_at, decided_by=x.decided_by, decided_at=x.decided_at,
        decision_comment=x.decision_comment, old_due_at=x.old_due_at, new_due_at=x.new_due_at,
    )


def allowed_actions(
    principal: Principal, case: Case, ctx: CaseContext, extensions: list[repo.ExtensionRow]
) -> list[str]:
    actions = workflow.actions_for(case.status, roles_on(principal, case))
    if {"request_extension", "approve_extension", "refuse_extension"} & set(actions):
        pending = any(x.status == "pending" for x in extensions)
        skip = {"request_extension"} if pending else {"approve_extension", "refuse_extension"}
        actions = [a for a in actions if a not in skip]
    if "reopen" in actions and case.status == "closed" and not _within_repeat_window(case, ctx):
        actions.remove("reopen")
    if "direct_answer" in actions and case.type not in workflow.DIRECT_ANSWER_TYPES:
        actions.remove("direct_answer")
    return actions


def _within_repeat_window(case: Case, ctx: CaseContext) -> bool:
    days = ctx.settings.feedback_repeat_window_days
    return case.closed_at is not None and ctx.now - case.closed_at <= timedelta(days=days)


async def detail(reader: DirectReader, principal: Principal, case_no: str, ctx: CaseContext) -> CaseRead:
    """The case page, read with no session (repository.read_page)."""
    found = await repo.read_page(reader, principal, case_no)
    if found is None:
        raise not_found("诉求")
    case, parts = found
    return _present(principal, case, parts, ctx)


async def present(session: AsyncSession, principal: Principal, case: Case, ctx: CaseContext) -> CaseRead:
    return _present(principal, case, await repo.parts(session, case), ctx)


def _present(principal: Principal, case: Case | repo.CaseRow, parts: repo.CaseParts, ctx: CaseContext) -> CaseRead:
    handling = handles(principal, case)
    return CaseRead(
        **present_item(case, ctx, parts.categories),
        description=case.description, desired_outcome=case.desired_outcome, address=case.address,
        source_detail=case.source_detail, external_category=case.external_category,
        contact_id_number=case.contact_id_masked,
        co_units=[ref for cu in case.co_units if (ref := ctx.unit_ref(cu.unit_id))],
        time_limit_working_days=case.time_limit_working_days, accept_due_at=case.accept_due_at,
        accept_overdue=case.status == "assigned" and case.accept_due_at is not None and case.accept_due_at < ctx.now,
        assigned_at=case.assigned_at, accepted_at=case.accepted_at, reply=case.reply,
        satisfaction_comment=case.satisfaction_comment, repeat_of=parts.repeat_of,
        tracking_code=format_tracking_code(case.tracking_code) if handling else None,
        attachments=[present_attachment(a) for a in parts.attachments],
        events=[present_event(e, ctx) for e in parts.events],
        extensions=[present_extension(x) for x in parts.extensions],
        allowed_actions=allowed_actions(principal, case, ctx, parts.extensions),
        can_reveal_contact=handling and bool(case.contact_phone_enc or case.contact_id_enc),
        notices=ctx.calendar.notices(sorted({deadlines.shanghai_day(case.received_at).year,
                                             deadlines.shanghai_day(case.due_at).year})),
    )


async def list_cases(
    session: AsyncSession, principal: Principal, f: CaseFilters, ctx: CaseContext, page: int, page_size: int
) -> CaseList:
    rows, total = await repo.page(session, principal, f, ctx.now, ctx.approaching_until,
                                  (page - 1) * page_size, page_size)
    categories = await repo.categories(session)
    years = {deadlines.shanghai_day(c.due_at).year for c in rows} | {deadlines.shanghai_day(ctx.now).year}
    return CaseList(items=[CaseListItem(**present_item(c, ctx, categories)) for c in rows], total=total, page=page,
                    page_size=page_size, notices=ctx.calendar.notices(sorted(years)))


async def summary(session: AsyncSession, principal: Principal, ctx: CaseContext) -> CaseSummary:
    by_status, by_deadline, accept_overdue = await repo.summary(session, principal, ctx.now, ctx.approaching_until)
    return CaseSummary(total=sum(by_status.values()),
                       by_status={s: by_status.get(s, 0) for s in workflow.STATUS_LABELS},
                       by_deadline=by_deadline, accept_overdue=accept_overdue)


async def require(session: AsyncSession, principal: Principal, case_no: str, *, for_update: bool = False) -> Case:
    case = await repo.get(session, principal, case_no, for_update=for_update)
    if case is None:
        raise not_found("诉求")
    return case


# ---- staff actions ------------------------------------------------------------------------------

def _unit_error(field: str, message: str) -> Problem:
    return _field_problem([field_error(field, message, "unknown_unit")])


async def _assign_category(session: AsyncSession, code: str) -> Category:
    """The category chosen at dispatch: a specific (leaf) one, as the suggestions learn and count by leaf."""
    categories = await repo.categories(session)
    category = categories.get(code)
    if category is None or not category.active:
        raise _field_problem([field_error("category_code", "诉求分类不存在或已停用", "unknown_category")])
    if any(c.parent_code == code and c.active for c in categories.values()):
        raise _field_problem([field_error("category_code", f"“{category.name}”下还有子分类，请选择具体的子分类",
                                          "not_leaf_category")])
    return category


async def assign(session: AsyncSession, principal: Principal, case_no: str, data: AssignIn,
                 ctx: CaseContext) -> Case:
    case = await require(session, principal, case_no, for_update=True)
    parts = roles_on(principal, case)
    check(case, "assign", parts)
    main = ctx.units.get(data.unit_id)
    if main is None or main.kind not in ASSIGNABLE_KINDS:
        raise _unit_error("unit_id", "主办单位不存在或不能承办诉求")
    co_ids = list(dict.fromkeys(u for u in data.co_unit_ids if u != data.unit_id))
    for i, unit_id in enumerate(co_ids):
        unit = ctx.units.get(unit_id)
        if unit is None or unit.kind not in ASSIGNABLE_KINDS:
            raise _unit_error(f"co_unit_ids.{i}", "协办单位不存在或不能承办诉求")
    # Only a change is checked: the case's own category stays valid even if it is not a leaf.
    category = None
    if data.category_code is not None and data.category_code != case.category_code:
        category = await _assign_category(session, data.category_code)
    detail = {"unit_id": str(main.id), "unit_name": main.name, "co_units": [ctx.units[u].name for u in co_ids]}
    if case.main_unit_id and case.status == "assigned":
        detail["previous_unit_id"] = str(case.main_unit_id)
    if category is not None:
        detail["previous_category"], detail["category"] = case.category_code, category.code
        case.category_code = category.code
    case.main_unit_id = main.id
    case.co_units = [CaseUnit(unit_id=u, position=i) for i, u in enumerate(co_ids)]
    case.assigned_at = ctx.now
    case.accepted_at = None
    case.accept_due_at = deadlines.due_at(ctx.calendar, ctx.now, ctx.settings.feedback_accept_working_days)
    detail["accept_due_at"] = case.accept_due_at.isoformat()
    await transition(session, case, "assign", Actor.staff(principal), parts, ctx, comment=data.comment,
                     detail=detail)
    # The choice next to the suggestion it replaced (a person always decides; docs/dispatch-suggestions.md).
    await dispatch.record_decision(session, case, principal, main.id, co_ids, data.accept_suggestion, ctx)
    return case


async def simple(session: AsyncSession, principal: Principal, case_no: str, action: str, comment: str | None,
                 ctx: CaseContext) -> Case:
    """accept / start: no fields of their own."""
    case = await require(session, principal, case_no, for_update=True)
    parts = roles_on(principal, case)
    check(case, action, parts)
    detail = {}
    if action == "accept":
        case.accepted_at = ctx.now
        # Whether it was signed within the limit stays visible on the event.
        detail["late"] = case.accept_due_at is not None and ctx.now > case.accept_due_at
    await transition(session, case, action, Actor.staff(principal), parts, ctx, comment=comment, detail=detail)
    return case


async def reply(session: AsyncSession, principal: Principal, case_no: str, text: str, comment: str | None,
                ctx: CaseContext) -> Case:
    case = await require(session, principal, case_no, for_update=True)
    parts = roles_on(principal, case)
    check(case, "reply", parts)
    late = ctx.now > case.due_at
    case.reply = text
    case.replied_at = ctx.now
    pending = await repo.pending_extension(session, case.id)
    if pending is not None:  # answered while waiting: the request lapses
        pending.status, pending.decided_by, pending.decided_at = "refused", "system", ctx.now
        pending.decision_comment = "已答复，延期申请自动撤销"
    await transition(session, case, "reply", Actor.staff(principal), parts, ctx, comment=comment,
                     detail={"reply": text, "late": late})
    return case


async def return_case(session: AsyncSession, principal: Principal, case_no: str, reason: str,
                      ctx: CaseContext) -> Case:
    case = await require(session, principal, case_no, for_update=True)
    parts = roles_on(principal, case)
    check(case, "return", parts)
    detail = {"unit_id": str(case.main_unit_id) if case.main_unit_id else None, "reason": reason}
    # Back to the dispatcher: the unit no longer holds it.
    case.main_unit_id = None
    case.co_units = []
    case.accept_due_at = None
    case.accepted_at = None
    await transition(session, case, "return", Actor.staff(principal), parts, ctx, comment=reason, public=False,
                     detail=detail)
    return case


async def request_extension(session: AsyncSession, principal: Principal, case_no: str, working_days: int,
                            reason: str, ctx: CaseContext) -> Case:
    case = await require(session, principal, case_no, for_update=True)
    parts = roles_on(principal, case)
    check(case, "request_extension", parts)
    limit = ctx.settings.feedback_max_extension_working_days
    if await repo.pending_extension(session, case.id) is not None:
        raise conflict("cases.extension_pending", "该诉求已有待审批的延期申请，请等待改革办审批。")
    if working_days > limit:
        raise _field_problem([field_error("working_days", f"一次最多申请延期 {limit} 个工作日", "too_many")])
    session.add(CaseExtension(case_id=case.id, working_days=working_days, reason=reason, status="pending",
                              requested_by=principal.username, requested_at=ctx.now, old_due_at=case.due_at))
    await transition(session, case, "request_extension", Actor.staff(principal), parts, ctx, comment=reason,
                     public=False, detail={"working_days": working_days})
    return case


async def decide_extension(session: AsyncSession, principal: Principal, case_no: str, approve: bool,
                           comment: str | None, ctx: CaseContext) -> Case:
    case = await require(session, principal, case_no, for_update=True)
    action = "approve_extension" if approve else "refuse_extension"
    parts = roles_on(principal, case)
    check(case, action, parts)
    pending = await repo.pending_extension(session, case.id)
    if pending is None:
        raise conflict("cases.no_pending_extension", "该诉求没有待审批的延期申请。")
    detail: dict[str, Any] = {"working_days": pending.working_days, "old_due_at": case.due_at.isoformat()}
    pending.status = "approved" if approve else "refused"
    pending.decided_by, pending.decided_at, pending.decision_comment = principal.username, ctx.now, comment
    if approve:
        pending.new_due_at = case.due_at = deadlines.extend(ctx.calendar, case.due_at, pending.working_days)
        detail["new_due_at"] = case.due_at.isoformat()
    await transition(session, case, action, Actor.staff(principal), parts, ctx, comment=comment, public=approve,
                     detail=detail)
    return case


async def settle(session: AsyncSession, case: Case, satisfaction: str, comment: str | None, actor: Actor,
                 parts: set[str], ctx: CaseContext, via: str) -> Case:
    """Follow-up (dispatcher) or rating (enterprise) of a reply: satisfied or
    basically satisfied closes the case, dissatisfied reopens it (重办)."""
    action = "reopen" if satisfaction == "dissatisfied" else "close"
    check(case, action, parts)
    case.satisfaction, case.satisfaction_comment = satisfaction, comment
    if action == "close":
        case.closed_at = ctx.now
        case.first_closed_at = case.first_closed_at or ctx.now
    else:
        _reopen_fields(case, ctx)
    await transition(session, case, action, actor, parts, ctx, comment=comment,
                     detail={"satisfaction": satisfaction, "via": via, "due_at": case.due_at.isoformat()})
    return case


def _reopen_fields(case: Case, ctx: CaseContext) -> None:
    """A reopened case starts a new handling period; the previous reply stays in the timeline."""
    case.reopen_count += 1
    case.due_at = deadlines.due_at(ctx.calendar, ctx.now, ctx.time_limit(case.type))
    case.replied_at = None
    case.reply = None
    case.closed_at = None
    case.accept_due_at = None
    case.accepted_at = None


async def follow_up(session: AsyncSession, principal: Principal, case_no: str, satisfaction: str,
                    comment: str | None, ctx: CaseContext) -> Case:
    case = await require(session, principal, case_no, for_update=True)
    return await settle(session, case, satisfaction, comment, Actor.staff(principal), roles_on(principal, case),
                        ctx, "follow_up")


async def reopen(session: AsyncSession, principal: Principal, case_no: str, reason: str, ctx: CaseContext) -> Case:
    case = await require(session, principal, case_no, for_update=True)
    parts = roles_on(principal, case)
    check(case, "reopen", parts)
    window = ctx.settings.feedback_repeat_window_days
    if case.status == "closed" and not _within_repeat_window(case, ctx):
        raise conflict("cases.reopen_window_passed",
                       f"该诉求办结已超过 {window} 日，不能重办；同一事项再次反映请作为新诉求登记。")
    via = "repeat" if case.status == "closed" else "follow_up"
    _reopen_fields(case, ctx)
    case.satisfaction = "dissatisfied" if via == "follow_up" else None
    await transition(session, case, "reopen", Actor.staff(principal), parts, ctx, comment=reason,
                     detail={"reason": reason, "via": via, "due_at": case.due_at.isoformat()})
    return case


async def add_note(session: AsyncSession, principal: Principal, case_no: str, content: str,
                   ctx: CaseContext) -> Case:
    case = await require(session, principal, case_no, for_update=True)
    if not handles(principal, case):
        raise forbidden("只有调度、主办和协办单位可以添加办理意见。")
    event = "note" if roles_on(principal, case) else "co_opinion"
    await events.record(session, case, event, Actor.staff(principal), ctx.now, from_status=case.status,
                        comment=content, public=False)
    return case


async def reveal_contact(session: AsyncSession, principal: Principal, case_no: str, reason: str | None,
                         ctx: CaseContext) -> ContactRead:
    case = await require(session, principal, case_no)
    if not handles(principal, case):
        raise forbidden("只有调度、主办和协办单位可以查看完整联系方式。")
    vault = ctx.vault
    audit.record(session, AuditLog, action="case.contact_revealed", entity_type="case", entity_id=case.case_no,
                 actor=principal, detail={"reason": reason, "fields": [
                     f for f, v in (("contact_phone", case.contact_phone_enc),
                                    ("contact_id_number", case.contact_id_enc)) if v]})
    return ContactRead(
        case_no=case.case_no, contact_name=case.contact_name,
        contact_phone=vault.decrypt(case.contact_phone_enc, "contact_phone") if case.contact_phone_enc else None,
        contact_id_number=(vault.decrypt(case.contact_id_enc, "contact_id_number")
                           if case.contact_id_enc else None),
    )


# ---- attachments --------------------------------------------------------------------------------

async def add_attachment(session: AsyncSession, case: Case, filename: str | None, data: bytes, source: str,
                         actor: Actor, ctx: CaseContext, storage_dir: Path) -> CaseAttachment:
    settings = ctx.settings
    if await repo.attachment_count(session, case.id) >= settings.feedback_max_attachments:
        raise Problem(422, "cases.too_many_attachments", "附件过多",
                      f"每件诉求最多 {settings.feedback_max_attachments} 个附件。")
    if case.status == "closed":
        raise conflict("cases.closed", "诉求已办结，不能再添加附件。")
    accepted = await uploads.accept(data, files.policy(settings.feedback_max_attachment_bytes))
    item = CaseAttachment(case_id=case.id, filename=uploads.safe_filename(filename),
                          content_type=accepted.kind.content_type, size=len(accepted.data),
                          storage_key=files.store(storage_dir, case.id, accepted.data, accepted.kind.extension),
                          source=source, uploaded_by=actor.name)
    session.add(item)
    await session.flush()
    await events.record(session, case, "attachment_added", actor, ctx.now, from_status=case.status,
                        public=source == "enterprise", detail={"filename": item.filename, "size": item.size})
    return item


async def staff_attachment(session: AsyncSession, principal: Principal, case_no: str, filename: str | None,
                           data: bytes, ctx: CaseContext, storage_dir: Path) -> CaseAttachment:
    case = await require(session, principal, case_no, for_update=True)
    if not handles(principal, case):
        raise forbidden("只有调度、主办和协办单位可以上传附件。")
    return await add_attachment(session, case, filename, data, "staff", Actor.staff(principal), ctx, storage_dir)


async def attachment_file(session: AsyncSession, principal: Principal, case_no: str, attachment_id: uuid.UUID,
                          storage_dir: Path) -> tuple[Path, str, str]:
    case = await require(session, principal, case_no)
    item = await repo.attachment(session, case.id, attachment_id)
    if item is None or item.storage_key is None:
        raise not_found("附件")
    return storage_dir / item.storage_key, item.filename, item.content_type or "application/octet-stream"

