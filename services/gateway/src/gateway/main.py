"""The gateway app: auth and directory APIs, JWKS, the proxy to the
services and the SPA. Run with ``uvicorn --factory gateway.main:create_app``."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from reform_common import system
from reform_common.app import create_service_app

from gateway import proxy, spa
from gateway.audit.models import AuditLog
from gateway.auth.router import jwks_router
from gateway.auth.router import router as auth_router
from gateway.auth.tokens import TokenIssuer
from gateway.directory.router import router as directory_router
from gateway.keys import LocalVerifier, load_signing_key
from gateway.security import BodySizeLimitMiddleware, RateLimitMiddleware, SecurityHeadersMiddleware
from gateway.settings import GatewaySettings

DESCRIPTION = """营商环境改革推进平台网关：登录、单位与用户、角色、令牌（JWT ES256，公钥见
`/.well-known/jwks.json`），并将 `/api/tasks/`、`/api/indicators/`、`/api/feedback/`
原样转发到各服务。错误统一为 `application/problem+json`，含稳定的 `code`。"""


def rate_limit_rules(settings: GatewaySettings) -> list[tuple[str, str, int]]:
    """(method or ``*``, path prefix, requests per client address and minute); the first match counts."""
    return [
        ("POST", "/api/auth/v1/login", settings.login_rate_limit_per_minute),
        ("POST", "/api/auth/v1/refresh", settings.login_rate_limit_per_minute),
        ("POST", "/api/auth/v1/logout", settings.login_rate_limit_per_minute),
        ("POST", "/api/auth/v1/service-token", settings.login_rate_limit_per_minute),
        ("POST", "/api/feedback/v1/public/", settings.public_rate_limit_per_minute),
        ("GET", "/api/feedback/v1/public/", settings.public_read_rate_limit_per_minute),
        ("*", "/api/feedback/v1/integrations/12345/", settings.hotline_rate_limit_per_minute),
        ("POST", "/api/feedback/open311/", settings.open311_post_rate_limit_per_minute),
        ("*", "/api/feedback/open311/", settings.open311_rate_limit_per_minute),
    ]


# The upload endpoints (whole path, regular expressions): their bodies may reach max_upload_request_bytes.
UPLOAD_PATHS = (
    r"/api/feedback/v1/cases/[^/]+/attachments",
    r"/api/feedback/v1/public/track/attachments",
    r"/api/tasks/v1/imports",
    r"/api/tasks/v1/(?:reports|rectifications)/[^/]+/attachments",
    r"/api/indicators/v1/observations/imports",
)


def cors_middleware(settings: GatewaySettings) -> list[tuple[type, dict]]:
    """Only for the configured origins; none configured: no CORS headers at all (same origin only).
    Tokens travel in the Authorization header, never in cookies, so no credentials."""
    if not settings.cors_allow_origins:
        return []
    return [(CORSMiddleware, {
        "allow_origins": settings.cors_allow_origins,
        "allow_methods": ["GET", "POST", "PUT", "PATCH", "DELETE"],
        "allow_headers": ["Authorization", "Content-Type", "X-Request-ID"],
        "expose_headers": ["Content-Disposition", "Retry-After", "X-Request-ID"],
        "max_age": 600,
    })]


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()
    key = load_signing_key(settings)

    async def startup(app: FastAPI) -> None:
        app.state.proxy_client = proxy.make_client(settings)

    async def shutdown(app: FastAPI) -> None:
        await app.state.proxy_client.close()

    app = create_service_app(
        settings=settings,
        audit_model=AuditLog,
        title="营商环境改革推进平台 · 网关与认证",
        description=DESCRIPTION,
        version="0.1.0",
        routers=[
            auth_router, directory_router, system.make_router(settings.service_name, AuditLog), jwks_router,
            proxy.router, spa.router,
        ],
        verifier_factory=lambda _app: LocalVerifier(key, settings.jwt_issuer),
        on_startup=startup,
        on_shutdown=shutdown,
        middleware=[
            (RateLimitMiddleware, {"rules": rate_limit_rules(settings)}),
            (BodySizeLimitMiddleware, {"max_bytes": settings.max_request_bytes,
                                       "upload_max_bytes": settings.max_upload_request_bytes,
                                       "upload_paths": UPLOAD_PATHS}),
            # Preflights are answered here, before the rate limit counts them.
            *cors_middleware(settings),
            # Outside the rate limit, so a 429 carries the headers too.
            (SecurityHeadersMiddleware, {}),
        ],
    )
    app.state.issuer = TokenIssuer(key, settings)
    return app

