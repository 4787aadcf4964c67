"""``/api/feedback/open311/v2/*`` and the discovery document
``/api/feedback/open311/discovery.{xml|json}``: GeoReport v2, each resource in
XML or JSON by its extension. Errors are the specification's error list (not
problem+json) in the requested format. Anyone may read; a POST needs an
``api_key`` from ``FEEDBACK_OPEN311_API_KEYS``."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from reform_common.db import SessionDep

from feedback_api.cases.context import build_context
from feedback_api.open311 import service
from feedback_api.open311.formats import Open311Error, check_format, render, render_error
from feedback_api.open311.service import Params

router = APIRouter(prefix="/api/feedback/open311/v2", tags=["Open311 GeoReport v2"])
discovery_router = APIRouter(prefix="/api/feedback/open311", tags=["Open311 GeoReport v2"])

Format = Annotated[str, Path(description="xml 或 json", json_schema_extra={"enum": ["xml", "json"]})]
Jurisdiction = Annotated[str | None, Query(description="可不填；填写时须为本市的 jurisdiction_id")]


# Declared, so the shared problem+json documentation (reform_common.openapi) leaves these errors alone.
_ERROR_CONTENT = {
    "text/xml": {"schema": {"type": "string"}},
    "application/json": {"schema": {"type": "array", "items": {
        "type": "object", "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}}}}},
}


def _docs(summary: str, description: str, status: int = 200, errors: dict[int, str] | None = None) -> dict[str, Any]:
    """OpenAPI for a two-format resource: the body is written by hand, so it is declared here."""
    error_responses: dict[int | str, dict[str, Any]] = {
        code: {"description": f"{text}（Open311 错误列表：JSON [{{code, description}}] 或 XML <errors>）",
               "content": _ERROR_CONTENT}
        for code, text in ({400: "参数有误或格式扩展名不支持"} | (errors or {})).items()
    }
    return {
        "summary": summary, "description": description, "response_class": Response,
        "responses": {status: {"description": "XML（text/xml）或 JSON，由扩展名决定",
                               "content": {"text/xml": {"schema": {"type": "string"}},
                                           "application/json": {"schema": {}}}},
                      **error_responses},
    }


def _params(request: Request) -> Params:
    params: Params = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


def _add(params: Params, key: str, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        value = "true" if value else "false"
    params.setdefault(key, []).append(str(value))


async def _body_params(request: Request) -> Params:
    """Query string plus the body (form-encoded per the specification, or JSON); the body wins."""
    params = _params(request)
    personal = sorted({"phone", "email", "first_name", "last_name"} & set(params))
    if personal:
        # URLs end up in access logs and proxies: personal data travels in the body only.
        raise Open311Error(400, f"{'、'.join(personal)}：个人信息须放在请求体（表单）中，不能放在地址的查询参数里。")
    body: Params = {}
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            data = json.loads(await request.body() or b"{}")
        except ValueError:
            raise Open311Error(400, "请求体不是有效的 JSON。") from None
        if not isinstance(data, dict):
            raise Open311Error(400, "JSON 请求体应为对象，字段同表单参数。")
        for key, value in data.items():
            if key == "attribute" and isinstance(value, dict):
                for code, item in value.items():
                    _add(body, f"attribute[{code}]", item)
            elif isinstance(value, list):
                for item in value:
                    _add(body, key, item)
            else:
                _add(body, key, value)
    elif content_type == "multipart/form-data":
        form = await request.form()
        for key, value in form.multi_items():
            if isinstance(value, str):
                body.setdefault(key, []).append(value)
    else:  # application/x-www-form-urlencoded, or a client that sent no content type
        raw = await request.body()
        try:
            pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, max_num_fields=200)
        except (UnicodeDecodeError, ValueError):
            raise Open311Error(400, "请求体应为 UTF-8 的 application/x-www-form-urlencoded 表单。") from None
        for key, value in pairs:
            body.setdefault(key, []).append(value)
    for key, values in body.items():
        params[key] = values
    return params


def _base_url(request: Request) -> str:
    configured = request.app.state.settings.feedback_open311_base_url
    if configured:
        return configured
    host = request.headers.get("x-forwarded-host", "").split(",")[0].strip()
    proto = request.headers.get("x-forwarded-proto", "").split(",")[0].strip() or request.url.scheme
    return f"{proto}://{host}" if host else str(request.base_url).rstrip("/")


@discovery_router.get("/discovery.{fmt}", **_docs(
    "Open311 服务发现文档", "GeoReport v2 的端点地址、规范版本与支持的格式（text/xml、application/json）。"))
async def discovery(request: Request, fmt: Format) -> Response:
    try:
        fmt = check_format(fmt)
        return render(fmt, "discovery", service.discovery(request.app.state.settings, _base_url(request)))
    except Open311Error as err:
        return render_error(fmt, err)


@router.get("/services.{fmt}", **_docs(
    "服务列表（= 诉求分类树，service_code 为分类代码）", "启用中的一级与二级分类；group 为一级分类名称。",
    errors={404: "jurisdiction_id 不存在"}))
async def services(request: Request, session: SessionDep, fmt: Format,
                   jurisdiction_id: Jurisdiction = None) -> Response:
    try:
        fmt = check_format(fmt)
        service.check_jurisdiction(request.app.state.settings, _params(request))
        return render(fmt, "services", await service.service_list(session))
    except Open311Error as err:
        return render_error(fmt, err)


@router.get("/services/{service_code}.{fmt}", **_docs(
    "服务定义：企业名称、统一社会信用代码、诉求类型、区县等属性", "提交时以 attribute[code]=value 传入。",
    errors={404: "service_code 或 jurisdiction_id 不存在"}))
async def service_definition(request: Request, session: SessionDep, service_code: str, fmt: Format,
                             jurisdiction_id: Jurisdiction = None) -> Response:
    try:
        fmt = check_format(fmt)
        settings = request.app.state.settings
        service.check_jurisdiction(settings, _params(request))
        return render(fmt, "service_definition", await service.service_definition(session, settings, service_code))
    except Open311Error as err:
        return render_error(fmt, err)


@router.get("/requests.{fmt}", **_docs(
    "查询诉求（仅经 Open311 提交的）", "service_request_id（逗号分隔，优先于其他条件）、service_code、start_date、"
    "end_date（ISO 8601，跨度不超过 90 天，默认最近 90 天）、status（open/closed）；最多 1000 条，按受理时间倒序。"
    "举报类诉求不公开描述与位置。", errors={404: "jurisdiction_id 不存在"}))
async def list_requests(
    request: Request, session: SessionDep, fmt: Format, jurisdiction_id: Jurisdiction = None,
    service_request_id: Annotated[str | None, Query(description="诉求编号，逗号分隔")] = None,
    service_code: Annotated[str | None, Query(description="服务代码（分类代码）")] = None,
    start_date: Annotated[str | None, Query(description="受理时间起，ISO 8601")] = None,
    end_date: Annotated[str | None, Query(description="受理时间止，ISO 8601")] = None,
    status: Annotated[str | None, Query(description="open 或 closed，逗号分隔")] = None,
) -> Response:
    try:
        fmt = check_format(fmt)
        params = _params(request)
        service.check_jurisdiction(request.app.state.settings, params)
        ctx = await build_context(session, request.app.state)
        return render(fmt, "service_requests", await service.query(session, ctx, params))
    except Open311Error as err:
        return render_error(fmt, err)


@router.post("/requests.{fmt}", **_docs(
    "提交诉求（需 api_key；表单或 JSON）",
    "application/x-www-form-urlencoded（规范）或 application/json：api_key、service_code、description、"
    "first_name/last_name、phone、lat/long 或 address_string 或 address_id、attribute[enterprise_name] 等"
    "（见服务定义）。以 open311 渠道登记为诉求，返回 service_request_id（诉求编号）与 token。",
    errors={403: "api_key 缺失或无效", 404: "jurisdiction_id 不存在"}),
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["api_key", "service_code"],
                                                         "properties": {
            "api_key": {"type": "string"}, "jurisdiction_id": {"type": "string"},
            "service_code": {"type": "string"}, "description": {"type": "string"},
            "lat": {"type": "number"}, "long": {"type": "number"}, "address_string": {"type": "string"},
            "address_id": {"type": "string"}, "email": {"type": "string", "description": "不保存"},
            "device_id": {"type": "string"}, "account_id": {"type": "string"}, "first_name": {"type": "string"},
            "last_name": {"type": "string"}, "phone": {"type": "string"}, "media_url": {"type": "string"},
            "attribute[enterprise_name]": {"type": "string"}, "attribute[credit_code]": {"type": "string"},
            "attribute[type]": {"type": "string"}, "attribute[district]": {"type": "string"},
            "attribute[title]": {"type": "string"}, "attribute[desired_outcome]": {"type": "string"},
        }}},
        "application/json": {"schema": {"type": "object", "description": "同表单字段；attribute 可为对象 {code: value}"}},
    }}},
)
async def create_request(request: Request, session: SessionDep, fmt: Format) -> Response:
    try:
        fmt = check_format(fmt)
        params = await _body_params(request)
        settings = request.app.state.settings
        client = service.client_for(settings, service.single(params, "api_key"))
        service.check_jurisdiction(settings, params)
        ctx = await build_context(session, request.app.state)
        created = await service.create(session, ctx, params, client)
        return render(fmt, "service_requests", [created])
    except Open311Error as err:
        await session.rollback()  # nothing of a refused request is kept
        return render_error(fmt, err)


@router.get("/requests/{service_request_id}.{fmt}", **_docs(
    "查询单件诉求（仅经 Open311 提交的）", "status 为 open 或 closed，status_notes 说明当前进展与答复。",
    errors={404: "service_request_id 或 jurisdiction_id 不存在"}))
async def get_request(request: Request, session: SessionDep, service_request_id: str, fmt: Format,
                      jurisdiction_id: Jurisdiction = None) -> Response:
    try:
        fmt = check_format(fmt)
        service.check_jurisdiction(request.app.state.settings, _params(request))
        ctx = await build_context(session, request.app.state)
        return render(fmt, "service_requests", await service.one(session, ctx, service_request_id))
    except Open311Error as err:
        return render_error(fmt, err)


@router.get("/tokens/{token}.{fmt}", **_docs(
    "由 token 查询诉求编号", "提交时返回的 token 换取 service_request_id。",
    errors={404: "token 或 jurisdiction_id 不存在"}))
async def get_token(request: Request, session: SessionDep, token: str, fmt: Format,
                    jurisdiction_id: Jurisdiction = None) -> Response:
    try:
        fmt = check_format(fmt)
        service.check_jurisdiction(request.app.state.settings, _params(request))
        return render(fmt, "service_requests", await service.resolve_token(session, token))
    except Open311Error as err:
        return render_error(fmt, err)
