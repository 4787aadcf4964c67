"""Security headers on every response, and a per-client rate limit on the
public endpoints (login, token exchange, the public complaint form, the
12345 and Open311 integrations).

The limit is a fixed one-minute window per client address and rule, kept in
this process: each gateway replica limits on its own (nginx in front limits
globally in production)."""

from __future__ import annotations

import time
from collections import OrderedDict

from reform_common.errors import problem_response
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
        b"font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
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
