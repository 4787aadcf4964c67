"""Errors as ``application/problem+json`` (RFC 9457).

Every error a client sees has a stable ``code`` and a Chinese ``title`` and
``detail`` a person can act on; validation errors list each field. Bad input
is always a 4xx; an unexpected fault is a 500 that says nothing internal.
"""

from __future__ import annotations

import logging
from typing import Any

from asyncpg.exceptions import InterfaceError, InternalClientError, PostgresError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("reform.errors")


class Problem(Exception):
    """Raise from any layer; the handler turns it into problem+json."""

    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{code}: {detail or title}")
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail or title
        self.errors = errors
        self.headers = headers


def not_found(what: str = "资源") -> Problem:
    return Problem(404, "not_found", f"{what}不存在", f"未找到该{what}，或您无权查看。")


def forbidden(detail: str = "您的角色无权执行此操作。") -> Problem:
    return Problem(403, "forbidden", "无权操作", detail)


def unauthorized(detail: str = "请先登录。", code: str = "auth.unauthorized") -> Problem:
    return Problem(401, code, "未认证", detail, headers={"WWW-Authenticate": "Bearer"})


def conflict(code: str, detail: str) -> Problem:
    return Problem(409, code, "操作冲突", detail)


def problem_response(
    status: int,
    code: str,
    title: str,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"https://reform.example.cn/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


# Chinese wording for pydantic's error types; anything else falls back to
# a generic sentence so a client never sees English internals.
_FIELD_MESSAGES = {
    "missing": "必填项缺失",
    "string_too_short": "内容过短",
    "string_too_long": "内容过长",
    "string_type": "应为文本",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为是/否",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "datetime_parsing": "时间格式应为 ISO 8601",
    "uuid_parsing": "应为有效的 UUID",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "greater_than": "数值过小",
    "less_than": "数值过大",
    "json_invalid": "请求体不是有效的 JSON",
    "model_attributes_type": "请求体格式不正确",
    "dict_type": "应为对象",
    "list_type": "应为列表",
    "extra_forbidden": "不允许的字段",
    "value_error": "取值无效",
}


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        kind = err.get("type", "")
        message = _FIELD_MESSAGES.get(kind, "取值无效")
        if kind == "value_error":
            # Our own validators raise ValueError with a Chinese message.
            ctx_error = (err.get("ctx") or {}).get("error")
            if ctx_error:
                message = str(ctx_error)
        out.append({"field": ".".join(loc) or "body", "code": kind or "invalid", "message": message})
    return out


_STATUS_TITLES = {
    400: ("bad_request", "请求有误", "请求格式不正确，请检查后重试。"),
    401: ("auth.unauthorized", "未认证", "请先登录。"),
    403: ("forbidden", "无权操作", "您的角色无权执行此操作。"),
    404: ("not_found", "资源不存在", "请求的地址不存在。"),
    405: ("method_not_allowed", "不支持的请求方法", "该地址不支持此请求方法。"),
    409: ("conflict", "操作冲突", "数据已被修改，请刷新后重试。"),
    413: ("payload_too_large", "上传内容过大", "请求内容超出大小限制。"),
    415: ("unsupported_media_type", "不支持的内容类型", "请求的内容类型不受支持。"),
    429: ("rate_limited", "请求过于频繁", "请求过于频繁，请稍后再试。"),
}


# SQLSTATE → what the caller did.
_DB_STATES = {
    "22021": (422, "invalid_characters", "内容含有无效字符", "提交的内容含有无法保存的字符（如空字符），请删除后重试。"),
    "22P05": (422, "invalid_characters", "内容含有无效字符", "提交的内容含有无法保存的字符，请删除后重试。"),
    "22001": (422, "value_too_long", "内容过长", "提交的内容超出长度限制。"),
    "22003": (422, "value_out_of_range", "数值超出范围", "提交的数值超出允许范围。"),
    "23502": (422, "missing_value", "缺少必填内容", "有必填内容为空，请补全后重试。"),
    "23505": (409, "conflict", "数据重复", "提交的内容与已有数据重复，请检查后重试。"),
    "23503": (422, "unknown_reference", "关联数据不存在", "提交的内容引用了不存在的数据。"),
    "23514": (422, "constraint_violated", "内容不符合规则", "提交的内容不符合填写规则。"),
    # asyncpg's own DataError, before the query is sent: e.g. an integer beyond the column's int4.
    "22000": (422, "value_out_of_range", "数值超出范围", "提交的数值或内容超出可保存的范围。"),
}


# SQLSTATEs of a database that is down, restarting or full (besides class 08, connection exceptions).
_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03", "53300"}
_UNAVAILABLE = (503, "service_unavailable", "服务暂不可用",
                "数据库暂时无法连接（可能正在重启），请稍后重试。")
_RETRY_AFTER = {"Retry-After": "5"}


def _database_unavailable(exc: Exception) -> bool:
    """The database is down, restarting or dropped the connection mid-request: nothing the caller did,
    and worth retrying, so a 503 rather than a 500."""
    if isinstance(exc, DBAPIError):
        state = _sqlstate(exc) or ""
        # A server's FATAL on an idle connection leaves asyncpg's protocol unusable (InternalClientError).
        return (exc.connection_invalidated or state.startswith("08") or state in _UNAVAILABLE_STATES
                or isinstance(exc.orig.__cause__, InternalClientError))
    # Connecting to a server that is not there: asyncpg lets the socket's own error through, unwrapped
    # (a Unix socket that is gone is a FileNotFoundError without a file name).
    return isinstance(exc, ConnectionError) or (isinstance(exc, FileNotFoundError) and exc.filename is None)


def _sqlstate(exc: DBAPIError) -> str | None:
    """The SQLSTATE of the driver error under SQLAlchemy's wrapper (asyncpg keeps it on the cause)."""
    for candidate in (exc.orig, getattr(exc.orig, "__cause__", None)):
        state = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if state:
            return str(state)
    return None


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(
            exc.status, exc.code, exc.title, exc.detail, exc.errors, exc.headers, request.url.path
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(
            422,
            "validation_failed",
            "提交的内容有误",
            "请按提示修改标注的字段后重试。",
            _field_errors(exc),
            instance=request.url.path,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, title, detail = _STATUS_TITLES.get(exc.status_code, ("http_error", "请求失败", "请求失败，请稍后重试。"))
        # Framework messages are English; only a Chinese detail is worth passing on.
        if isinstance(exc.detail, str) and not exc.detail.isascii():
            detail = exc.detail
        return problem_response(
            exc.status_code, code, title, detail, headers=getattr(exc, "headers", None),
            instance=request.url.path,
        )

    def _database_problem(request: Request, exc: Exception, state: str | None, unavailable: bool) -> JSONResponse:
        if unavailable:
            log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
            return problem_response(*_UNAVAILABLE, headers=_RETRY_AFTER, instance=request.url.path)
        # A constraint the request broke that no rule caught first: still the caller's
        # input, so a 4xx that says what kind of problem it is — never a 500.
        known = _DB_STATES.get(state)
        if known is None:
            log.exception("database error on %s %s", request.method, request.url.path)
            return problem_response(500, "internal_error", "服务器内部错误",
                                    "系统处理出错，已记录日志，请稍后重试或联系管理员。", instance=request.url.path)
        log.warning("rejected by the database on %s %s: %s", request.method, request.url.path, state)
        status, code, title, detail = known
        return problem_response(status, code, title, detail, instance=request.url.path)

    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: DBAPIError) -> JSONResponse:
        return _database_problem(request, exc.orig, _sqlstate(exc), _database_unavailable(exc))

    # A db.DirectReader's statements: asyncpg's own errors, not wrapped by SQLAlchemy.
    @app.exception_handler(PostgresError)
    @app.exception_handler(InterfaceError)
    @app.exception_handler(InternalClientError)
    async def _driver(request: Request, exc: Exception) -> JSONResponse:
        state = getattr(exc, "sqlstate", None)
        unavailable = ((state or "").startswith("08") or state in _UNAVAILABLE_STATES
                       or isinstance(exc, InternalClientError)
                       or (isinstance(exc, InterfaceError) and "connection is closed" in str(exc)))
        return _database_problem(request, exc, state, unavailable)

    @app.exception_handler(OSError)
    async def _os_error(request: Request, exc: OSError) -> JSONResponse:
        if _database_unavailable(exc):
            log.warning("database unreachable on %s %s: %r", request.method, request.url.path, exc)
            return problem_response(*_UNAVAILABLE, headers=_RETRY_AFTER, instance=request.url.path)
        return await _unexpected(request, exc)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            500, "internal_error", "服务器内部错误", "系统处理出错，已记录日志，请稍后重试或联系管理员。",
            instance=request.url.path,
        )
