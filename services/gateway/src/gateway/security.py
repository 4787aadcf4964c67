"""Security headers on every response, a limit on request body sizes, and a
per-client rate limit on the public endpoints (login, token exchange, the
public complaint form, the 12345 and Open311 integrations).

The limit is a fixed one-minute window per client address and rule, kept in
this process: each gateway replica limits on its own (nginx in front limits
globally in production)."""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Sequence

from reform_common.errors import problem_response
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(self), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"strict-transport-security", b"max-age=31536000; includeSubDomains"),
    (
        b"content-security-policy",
        # antd injects its styles at run time, hence 'unsafe-inline' for styles only.
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        b"font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
        b"form-action 'self'",
    ),
]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []), *[(k, v) for k, v in SECURITY_HEADERS if k not in present]
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyTooLarge(Exception):
    """Raised into the app by ``receive`` once a streamed body passes its limit."""


class BodySizeLimitMiddleware:
    """Refuses a request body over its limit with a problem+json 413 before the app reads it: at once when
    Content-Length says so, else as soon as the streamed body passes the limit (whatever the app then answered,
    the proxy's broken-off upload included, is replaced by the 413). Paths matching ``upload_paths``
    (regular expressions, whole path) get ``upload_max_bytes``.

    Like nginx's lingering close, the rest of a refused body is read and dropped (never kept) up to
    ``upload_max_bytes`` in all, so a client (or nginx) that sends before it reads gets the 413 rather than a
    connection reset; a body larger than that is never read to its end."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_max_bytes: int, upload_paths: Sequence[str]) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_max_bytes = upload_max_bytes
        self.uploads = re.compile("|".join(f"(?:{p})" for p in upload_paths)) if upload_paths else None

    def _limit(self, path: str) -> int:
        return self.upload_max_bytes if self.uploads and self.uploads.fullmatch(path) else self.max_bytes

    async def _reject(self, scope: Scope, receive: Receive, send: Send, limit: int, received: int,
                      more: bool) -> None:
        while more and received <= self.upload_max_bytes:
            message = await receive()
            if message["type"] != "http.request":
                break
            received += len(message.get("body", b""))
            more = message.get("more_body", False)
        response = problem_response(
            413, "payload_too_large", "请求内容过大", f"请求内容不能超过 {limit / 1048576:g} MB，请缩小后重试。",
            headers={"Connection": "close"}, instance=scope["path"],
        )
        await response(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            # A client waiting for "100 Continue" has sent nothing yet, and is not asked to.
            waiting = headers.get("expect", "").lower() == "100-continue"
            await self._reject(scope, receive, send, limit, 0, int(declared) <= self.upload_max_bytes and not waiting)
            return
        received, overflowed, more, started = 0, False, True, False

        async def counted() -> Message:
            nonlocal received, overflowed, more
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                more = message.get("more_body", False)
                if received > limit:
                    overflowed = True
                    raise BodyTooLarge
            return message

        async def unless_overflowed(message: Message) -> None:
            nonlocal started
            if overflowed:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, unless_overflowed)
        except Exception:
            if not overflowed:
                raise
        if overflowed and not started:
            await self._reject(scope, receive, send, limit, received, more)


class RateLimitMiddleware:
    """``rules``: (method, path prefix, requests per minute); method ``*`` is any
    method. The first matching rule counts a request, each rule separately."""

    MAX_TRACKED = 100_000

    def __init__(self, app: ASGIApp, rules: list[tuple[str, str, int]]) -> None:
        self.app = app
        self.rules = rules
        self.windows: OrderedDict[tuple[str, str, str, int], int] = OrderedDict()

    def _rule(self, method: str, path: str) -> tuple[str, str, int] | None:
        for rule_method, prefix, limit in self.rules:
            if rule_method in (method, "*") and path.startswith(prefix):
                return rule_method, prefix, limit
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rule = self._rule(scope.get("method", ""), scope.get("path", "")) if scope["type"] == "http" else None
        if rule is None:
            await self.app(scope, receive, send)
            return
        rule_method, prefix, limit = rule
        client = (scope.get("client") or ("unknown", 0))[0]
        window = int(time.time() // 60)
        key = (client, rule_method, prefix, window)
        count = self.windows.get(key, 0) + 1
        self.windows[key] = count
        self.windows.move_to_end(key)
        while len(self.windows) > self.MAX_TRACKED:
            self.windows.popitem(last=False)
        if count > limit:
            retry = str(60 - int(time.time()) % 60)
            response = problem_response(
                429, "rate_limited", "请求过于频繁", f"操作过于频繁，请 {retry} 秒后再试。",
                headers={"Retry-After": retry}, instance=scope["path"],
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
