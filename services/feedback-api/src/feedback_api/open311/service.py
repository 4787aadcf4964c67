"""Open311 GeoReport v2 on top of the case rules: services are the active
category tree (``service_code`` = category code), a service definition lists
the attributes a case needs beyond the standard fields, a POSTed request is
filed through :func:`feedback_api.cases.service.intake` with channel
``open311`` (the same validation as the public form), and a case reads back
as an Open311 request. Only cases that came in through Open311 are visible
here; a report (举报) never shows its description or location."""

from __future__ import annotations

import hmac
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError
from reform_common import uploads
from reform_common.errors import Problem
from reform_common.workdays import SHANGHAI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases import repository as cases_repo
from feedback_api.cases import service as cases
from feedback_api.cases import workflow
from feedback_api.cases.context import CaseContext
from feedback_api.cases.events import Actor
from feedback_api.cases.models import Case, CaseAttachment
from feedback_api.cases.schemas import TYPE_LABELS, TYPES_BY_LABEL, CaseFields
from feedback_api.categories import service as categories
from feedback_api.categories.models import Category
from feedback_api.open311.formats import Open311Error
from feedback_api.open311.models import Open311Request
from feedback_api.settings import Settings

CHANNEL = "open311"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this endpoint's behaviour last changed (the discovery document's changeset).
CHANGESET = "2026-11-24T00:00:00+08:00"
MAX_RESULTS = 1000
MAX_SPAN = timedelta(days=90)
MAX_IDS = 200

Params = dict[str, list[str]]


# ---- services -----------------------------------------------------------------------------------

async def service_list(session: AsyncSession) -> list[dict[str, Any]]:
    """Every active category, first level then its children, as an Open311 service."""
    out = []
    for root in await categories.tree(session, active_only=True):
        for node, path in [(root, root.name)] + [(c, f"{root.name} / {c.name}") for c in root.children]:
            out.append({
                "service_code": node.code, "service_name": node.name, "description": path,
                "metadata": True, "type": "realtime", "keywords": ",".join(dict.fromkeys(path.split(" / "))),
                "group": root.name,
            })
    return out


def attributes(settings: Settings) -> list[dict[str, Any]]:
    """What a case needs beyond Open311's standard fields (description, names, phone, address)."""
    return [
        {"variable": True, "code": "enterprise_name", "datatype": "string", "required": True,
         "datatype_description": "企业全称，200 字以内", "order": 1,
         "description": "反映诉求的企业名称（匿名建议可不填）", "values": []},
        {"variable": True, "code": "credit_code", "datatype": "string", "required": False,
         "datatype_description": "18 位统一社会信用代码，校验位按 GB 32100-2015 核验", "order": 2,
         "description": "企业统一社会信用代码", "values": []},
        {"variable": True, "code": "type", "datatype": "singlevaluelist", "required": False,
         "datatype_description": "不填为投诉", "order": 3, "description": "诉求类型（只有建议可以匿名）",
         "values": [{"key": code, "name": label} for code, label in TYPE_LABELS.items()]},
        {"variable": True, "code": "district", "datatype": "singlevaluelist", "required": False,
         "datatype_description": "行政区划代码；不填时从 address_string 中识别", "order": 4,
         "description": "问题所在区县", "values": [{"key": code, "name": name}
                                                 for code, name in settings.feedback_districts]},
        {"variable": True, "code": "title", "datatype": "string", "required": False,
         "datatype_description": "2–200 字；不填时取描述的开头", "order": 5, "description": "诉求标题", "values": []},
        {"variable": True, "code": "desired_outcome", "datatype": "text", "required": False,
         "datatype_description": "2000 字以内", "order": 6, "description": "期望的解决结果", "values": []},
    ]


async def _active_category(session: AsyncSession, code: str) -> Category | None:
    category = await session.get(Category, code)
    return category if category is not None and category.active else None


async def service_definition(session: AsyncSession, settings: Settings, code: str) -> dict[str, Any]:
    if await _active_category(session, code) is None:
        raise Open311Error(404, f"service_code「{code}」不存在或已停用，可用的服务见 services.xml。")
    return {"service_code": code, "attributes": attributes(settings)}


def discovery(settings: Settings, base_url: str) -> dict[str, Any]:
    return {
        "changeset": CHANGESET, "contact": settings.feedback_open311_contact,
        "key_service": settings.feedback_open311_key_service,
        "endpoints": [{
            "specification": SPECIFICATION, "url": f"{base_url.rstrip('/')}/api/feedback/open311/v2",
            "changeset": CHANGESET, "type": "production", "formats": ["text/xml", "application/json"],
        }],
    }


# ---- parameters ---------------------------------------------------------------------------------

def single(params: Params, name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    value = values[-1].strip()
    return value or None


_ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")


def attribute_values(params: Params) -> dict[str, str]:
    out = {}
    for key, values in params.items():
        match = _ATTRIBUTE.match(key)
        if match and values and values[-1].strip():
            out[match.group(1)] = values[-1].strip()
    return out


def client_for(settings: Settings, api_key: str | None) -> str:
    """The client's name for a valid ``api_key``, else 403."""
    if not api_key:
        raise Open311Error(403, "缺少 api_key：提交诉求须提供市委改革办发放的 api_key。")
    found = None
    for key, name in settings.feedback_open311_api_keys.items():
        if hmac.compare_digest(key.encode(), api_key.encode()):
            found = name
    if found is None:
        raise Open311Error(403, "api_key 无效，不能提交诉求。")
    return found


def check_jurisdiction(settings: Settings, params: Params) -> None:
    given = single(params, "jurisdiction_id")
    if given is not None and given != settings.feedback_open311_jurisdiction_id:
        raise Open311Error(404, f"jurisdiction_id「{given}」不存在；本接口服务 {settings.feedback_open311_jurisdiction_id}。")


# The Open311 parameter a case field came from, for error descriptions.
PARAMETERS = {
    "type": "attribute[type]", "category_code": "service_code", "title": "attribute[title]",
    "description": "description", "desired_outcome": "attribute[desired_outcome]",
    "enterprise_name": "attribute[enterprise_name]", "credit_code": "attribute[credit_code]",
    "contact_name": "first_name/last_name", "contact_phone": "phone", "district": "attribute[district]",
    "address": "address_string", "anonymous": "attribute[type]",
}
KNOWN_ATTRIBUTES = {"enterprise_name", "credit_code", "type", "district", "title", "desired_outcome"}


def _message(err: dict[str, Any]) -> str:
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "value_error" and ctx.get("error"):
        return str(ctx["error"])
    if kind == "missing":
        return "必填"
    if kind == "string_too_short":
        return f"内容过短，至少 {ctx.get('min_length')} 个字"
    if kind == "string_too_long":
        return f"内容过长，最多 {ctx.get('max_length')} 个字"
    if kind == "literal_error":
        return "取值不在允许范围内"
    return "取值无效"


def _described(field: str, message: str) -> str:
    return f"{PARAMETERS.get(field, field)}：{message}"


def _float(params: Params, name: str, low: float, high: float, errors: list[str]) -> float | None:
    raw = single(params, name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        errors.append(f"{name}：应为数字（WGS-84 度）")
        return None
    if not low <= value <= high:
        errors.append(f"{name}：应在 {low:g} 到 {high:g} 之间")
        return None
    return value


def _contact_name(first: str | None, last: str | None) -> str | None:
    parts = [p for p in (last, first) if p]
    if not parts:
        return None
    # 王 + 先生 → 王先生; Latin names keep "first last".
    if all(p.isascii() for p in parts):
        return " ".join(p for p in (first, last) if p)
    return "".join(parts)


def _district_in(settings: Settings, text: str | None) -> str | None:
    if not text:
        return None
    for code, name in settings.feedback_districts:
        if name in text:
            return code
    return None


def _title(description: str | None) -> str:
    first_line = (description or "").strip().splitlines()[0] if (description or "").strip() else ""
    return first_line if len(first_line) <= 30 else first_line[:29] + "…"


# ---- POST requests ------------------------------------------------------------------------------

async def create(session: AsyncSession, ctx: CaseContext, params: Params, client: str) -> dict[str, Any]:
    """Files the request as a case; every problem with the parameters at once (400)."""
    settings = ctx.settings
    errors: list[str] = []
    service_code = single(params, "service_code")
    if service_code is None:
        errors.append("service_code：必填，可用的服务见 services.xml")
    elif await _active_category(session, service_code) is None:
        errors.append(f"service_code：「{service_code}」不存在或已停用，可用的服务见 services.xml")
    attrs = attribute_values(params)
    for code in sorted(set(attrs) - KNOWN_ATTRIBUTES):
        errors.append(f"attribute[{code}]：该服务没有此属性（见服务定义）")
    lat = _float(params, "lat", -90, 90, errors)
    lon = _float(params, "long", -180, 180, errors)
    if (lat is None) != (lon is None) and not any(e.startswith(("lat", "long")) for e in errors):
        errors.append("lat/long：经纬度须同时提供")
    address = single(params, "address_string")
    address_id = single(params, "address_id")
    district = attrs.get("district") or _district_in(settings, address)
    if not ((lat is not None and lon is not None) or address or address_id or district):
        errors.append("位置：请提供 lat 与 long、address_string、address_id 或 attribute[district] 之一")
    case_type = attrs.get("type", "complaint")
    case_type = TYPES_BY_LABEL.get(case_type, case_type)
    media_url = single(params, "media_url")
    if media_url and (len(media_url) > 1000 or not re.match(r"^https?://\S+$", media_url)):
        errors.append("media_url：应为 http 或 https 链接，1000 字符以内")
    description = single(params, "description")
    name = _contact_name(single(params, "first_name"), single(params, "last_name"))
    phone = single(params, "phone")
    fields = {
        "type": case_type, "category_code": service_code or "", "title": attrs.get("title") or _title(description),
        "description": description or "", "desired_outcome": attrs.get("desired_outcome"),
        "enterprise_name": attrs.get("enterprise_name"), "credit_code": attrs.get("credit_code"),
        "contact_name": name, "contact_phone": phone, "district": district, "address": address,
        # Only a suggestion may come without contact data: it is then anonymous.
        "anonymous": case_type == "suggestion" and not phone and not name,
    }
    data = None
    try:
        data = CaseFields.model_validate(fields)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            field = str(err["loc"][0]) if err.get("loc") else "body"
            if field == "description" and not description:
                errors.append("description：请描述诉求（至少 5 个字）")
            elif field != "category_code" or service_code:  # a missing service_code is reported above
                errors.append(_described(field, _message(err)))
    if errors or data is None:
        raise Open311Error(400, *dict.fromkeys(errors))
    how = cases.Intake(channel=CHANNEL, received_at=ctx.now, created_by=f"open311:{client}"[:128])
    try:
        case = await cases.intake(session, ctx, data, how, Actor(f"open311:{client}"[:128], "enterprise"))
    except Problem as problem:  # the intake's own checks (category, district, contact data)
        if problem.errors:
            raise Open311Error(400, *[_described(e["field"], e["message"]) for e in problem.errors]) from None
        raise Open311Error(problem.status if 400 <= problem.status < 500 else 400, problem.detail) from None
    token = secrets.token_urlsafe(18)
    account_id = single(params, "account_id")
    session.add(Open311Request(case_id=case.id, token=token, client=client[:100], latitude=lat, longitude=lon,
                               address_id=(address_id or "")[:100] or None, account_id=(account_id or "")[:100] or None,
                               device_id=(single(params, "device_id") or "")[:100] or None, media_url=media_url))
    if media_url:
        session.add(CaseAttachment(case_id=case.id, filename=uploads.safe_filename(media_url, "media"),
                                   url=media_url, source="open311", uploaded_by=f"open311:{client}"[:128]))
    await session.flush()
    created = {"service_request_id": case.case_no, "token": token, "service_notice": notice(case)}
    if account_id:
        created["account_id"] = account_id
    return created


# ---- GET requests -------------------------------------------------------------------------------

def notice(case: Case) -> str:
    due = case.due_at.astimezone(SHANGHAI)
    return (f"诉求编号 {case.case_no}，{TYPE_LABELS[case.type]}类诉求办理时限 {case.time_limit_working_days} 个工作日，"
            f"应于 {due:%Y-%m-%d %H:%M} 前答复。")


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(SHANGHAI).replace(microsecond=0).isoformat() if value is not None else None


def status_notes(case: Case, unit: str | None, confidential: bool) -> str:
    reply = None if confidential else case.reply
    notes = {
        "received": "已受理，等待交办承办单位。",
        "assigned": f"已交{unit or '承办单位'}办理，等待签收。",
        "accepted": f"{unit or '承办单位'}已签收，正在办理。",
        "in_progress": f"{unit or '承办单位'}正在办理。",
        "replied": f"已答复：{reply}" if reply else "已答复。",
        "closed": f"已办结。答复：{reply}" if reply else "已办结。",
        "returned": "承办单位已退回，等待重新交办。",
        "reopened": "重新办理中。",
    }
    return notes.get(case.status, workflow.STATUS_LABELS.get(case.status, case.status))


def present(case: Case, extra: Open311Request | None, ctx: CaseContext,
            names: dict[str, Category]) -> dict[str, Any]:
    confidential = case.type == "report"  # 举报: what and where stay with the handlers
    unit_ref = ctx.unit_ref(case.main_unit_id) if case.status not in ("received", "returned", "reopened") else None
    unit = unit_ref.name if unit_ref else None
    category = names.get(case.category_code)
    address = case.address
    if case.district_name and (not address or case.district_name not in address):
        address = " ".join(p for p in (case.district_name, address) if p)
    return {
        "service_request_id": case.case_no,
        "status": "closed" if case.status == "closed" else "open",
        "status_notes": status_notes(case, unit, confidential),
        "service_name": category.name if category else case.category_code,
        "service_code": case.category_code,
        "description": None if confidential else case.description[:4000],
        "agency_responsible": unit,
        "service_notice": notice(case),
        "requested_datetime": _iso(case.received_at),
        "updated_datetime": _iso(case.closed_at if case.status == "closed" and case.closed_at else case.updated_at),
        "expected_datetime": _iso(case.due_at),
        "address": None if confidential else address,
        "address_id": extra.address_id if extra else None,
        "zipcode": None,
        "lat": None if confidential or extra is None else extra.latitude,
        "long": None if confidential or extra is None else extra.longitude,
        "media_url": None if confidential or extra is None else extra.media_url,
    }


def _moment(params: Params, name: str) -> datetime | None:
    raw = single(params, name)
    if raw is None:
        return None
    try:
        # An unencoded "+" in a query string arrives as a space: 2026-11-01T00:00:00 08:00.
        value = datetime.fromisoformat(re.sub(r"(T[\d:.]+) (\d{2}:?\d{2})$", r"\1+\2", raw))
    except ValueError:
        raise Open311Error(400, f"{name}：时间格式应为 ISO 8601，如 2026-11-01T00:00:00+08:00") from None
    return value if value.tzinfo else value.replace(tzinfo=SHANGHAI)


def _list(params: Params, name: str) -> list[str]:
    out: list[str] = []
    for value in params.get(name, []):
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return list(dict.fromkeys(out))


async def _rows(session: AsyncSession, *conditions) -> list[tuple[Case, Open311Request | None]]:
    stmt = (select(Case, Open311Request).outerjoin(Open311Request, Open311Request.case_id == Case.id)
            .where(Case.channel == CHANNEL, *conditions).order_by(Case.received_at.desc(), Case.case_no.desc())
            .limit(MAX_RESULTS))
    return [(c, r) for c, r in (await session.execute(stmt)).all()]


async def query(session: AsyncSession, ctx: CaseContext, params: Params) -> list[dict[str, Any]]:
    ids = _list(params, "service_request_id")
    if ids:  # overrides every other filter
        if len(ids) > MAX_IDS:
            raise Open311Error(400, f"service_request_id：一次最多查询 {MAX_IDS} 件")
        rows = await _rows(session, Case.case_no.in_(ids))
    else:
        conditions = []
        codes = _list(params, "service_code")
        if codes:
            conditions.append(Case.category_code.in_(codes))
        statuses = _list(params, "status")
        if any(s not in ("open", "closed") for s in statuses):
            raise Open311Error(400, "status：应为 open 或 closed（可用逗号分隔多个）")
        if set(statuses) == {"open"}:
            conditions.append(Case.status != "closed")
        elif set(statuses) == {"closed"}:
            conditions.append(Case.status == "closed")
        start, end = _moment(params, "start_date"), _moment(params, "end_date")
        if start is None and end is None:
            end = ctx.now
        if start is None:
            start = end - MAX_SPAN
        if end is None:
            end = start + MAX_SPAN
        if end < start:
            raise Open311Error(400, "end_date：不能早于 start_date")
        if end - start > MAX_SPAN:
            raise Open311Error(400, "start_date/end_date：时间跨度不能超过 90 天")
        conditions += [Case.received_at >= start, Case.received_at <= end]
        rows = await _rows(session, *conditions)
    names = await cases_repo.categories(session)
    return [present(c, r, ctx, names) for c, r in rows]


async def one(session: AsyncSession, ctx: CaseContext, request_id: str) -> list[dict[str, Any]]:
    rows = await _rows(session, Case.case_no == request_id)
    if not rows:
        raise Open311Error(404, f"service_request_id「{request_id}」不存在。")
    names = await cases_repo.categories(session)
    return [present(c, r, ctx, names) for c, r in rows]


async def resolve_token(session: AsyncSession, token: str) -> list[dict[str, Any]]:
    found = (await session.execute(select(Case.case_no, Open311Request.token)
                                   .join(Open311Request, Open311Request.case_id == Case.id)
                                   .where(Open311Request.token == token))).first()
    if found is None:
        raise Open311Error(404, f"token「{token}」不存在。")
    return [{"service_request_id": found.case_no, "token": found.token}]
