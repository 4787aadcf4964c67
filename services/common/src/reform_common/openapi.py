"""The error model in every service's OpenAPI document.

Errors are ``application/problem+json`` (reform_common.errors), so each operation documents the
problem statuses it can answer with that media type and the ``ProblemDetails`` schema: 401/403
where a token is required, 404 where a path, a parameter or the body names something, 409 for
writes, 400/413/415/422 where there is a request body (422 also for parameters), 429 where there is
no token (the gateway rate-limits public endpoints), and whatever a router declares itself.
Clients and the schemathesis fuzzer (tests/e2e/test_fuzz.py) then know every answer they can get."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

from .errors import PROBLEM_JSON

# Public endpoints the gateway does not rate-limit: the probes and the cacheable public key set.
_UNLIMITED = re.compile(r"/api/\w+/(healthz|readyz)|/\.well-known/jwks\.json")
_DESCRIPTIONS = {
    400: "请求体无法解析（如不是有效的 UTF-8）",
    401: "未认证：缺少令牌或令牌无效、过期",
    403: "无权操作：角色或单位不允许",
    404: "资源不存在，或无权查看",
    409: "操作冲突：状态不允许或数据重复",
    413: "请求内容过大",
    415: "请求体的内容类型不受支持",
    422: "提交的内容有误（errors 列出各字段）",
    429: "请求过于频繁（网关按客户端地址限流）",
}
_WRITES = {"post", "put", "patch", "delete"}
_METHODS = _WRITES | {"get", "head", "options"}


class FieldError(BaseModel):
    field: str = Field(description="出错的字段，点号分隔的路径")
    code: str
    message: str = Field(description="中文提示")


class ProblemDetails(BaseModel):
    """RFC 9457 problem details with a stable code."""

    type: str
    title: str
    status: int
    detail: str
    code: str = Field(description="稳定的错误代码，供程序判断")
    instance: str | None = None
    errors: list[FieldError] | None = None


def _problem_statuses(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    statuses = set()
    if operation.get("security"):
        statuses |= {401, 403}
    elif not _UNLIMITED.fullmatch(path):
        # The gateway rate-limits every public endpoint (gateway.main.rate_limit_rules).
        statuses.add(429)
    if "{" in path or "requestBody" in operation or operation.get("parameters"):
        statuses.add(404)  # the path, a parameter or the body names something that may not exist
    if method in _WRITES:
        statuses.add(409)
    if "requestBody" in operation:
        statuses |= {400, 413, 415, 422}
    if operation.get("parameters"):
        statuses.add(422)
    return statuses


def document_problems(document: dict[str, Any]) -> None:
    """Adds the problem responses to every operation of ``document`` (in place)."""
    content = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            # FastAPI's own 422 describes its default error body, which the handlers replace.
            if "HTTPValidationError" in json.dumps(responses.get("422", {})):
                del responses["422"]
            for status in _problem_statuses(path, method, operation):
                responses.setdefault(str(status), {"$ref": f"#/components/responses/Problem{status}"})
            for status, response in responses.items():
                if status.isdigit() and int(status) >= 400 and not ({"content", "$ref"} & set(response)):
                    response["content"] = content
    components = document.setdefault("components", {})
    components.setdefault("responses", {}).update(
        {f"Problem{status}": {"description": text, "content": content} for status, text in _DESCRIPTIONS.items()})
    schemas = components.setdefault("schemas", {})
    for model in (FieldError, ProblemDetails):
        schemas[model.__name__] = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas[model.__name__].pop("$defs", None)
    # FastAPI's default 422 body and its item, no longer referenced once every 422 is a problem.
    schemas.pop("HTTPValidationError", None)
    if '"#/components/schemas/ValidationError"' not in json.dumps(document):
        schemas.pop("ValidationError", None)


def install_problem_docs(app: FastAPI) -> None:
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document_problems(build())  # build() caches the document it returns on the app
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
