"""The app factory every service uses: the same health, readiness, metrics,
OpenAPI location, error model, request ids and lifespan everywhere."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from prometheus_client import CollectorRegistry

from .audit import AuditMixin
from .auth import JWKSVerifier, TokenVerifier
from .db import Database
from .errors import install_error_handlers, problem_response
from .observability import RequestContextMiddleware, configure_logging, metrics_endpoint
from .openapi import install_problem_docs
from .settings import ServiceSettings


def create_service_app(
    *,
    settings: ServiceSettings,
    title: str,
    description: str,
    version: str,
    routers: Sequence[APIRouter],
    verifier_factory: Callable[[FastAPI], TokenVerifier] | None = None,
    on_startup: Callable[[FastAPI], Any] | None = None,
    on_shutdown: Callable[[FastAPI], Any] | None = None,
    openapi_tags: list[dict[str, str]] | None = None,
    middleware: Sequence[tuple[type, dict[str, Any]]] = (),
    audit_model: type[AuditMixin] | None = None,
) -> FastAPI:
    """``settings.service_name`` is the public prefix: /api/<name>/...; with ``audit_model``
    every write and export that records no audit entry itself gets a generic one."""
    prefix = f"/api/{settings.service_name}"
    configure_logging(settings.service_name, settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(settings.resolved_database_url(), settings.db_pool_size)
        app.state.http = httpx.AsyncClient(timeout=10.0)
        if verifier_factory is not None:
            app.state.verifier = verifier_factory(app)
        else:
            verifier = JWKSVerifier(settings.jwks_url, settings.jwt_issuer)
            verifier.http = app.state.http
            app.state.verifier = verifier
        if on_startup is not None:
            await on_startup(app)
        try:
            yield
        finally:
            if on_shutdown is not None:
                await on_shutdown(app)
            await app.state.http.aclose()
            await app.state.db.dispose()

    app = FastAPI(
        title=title,
        description=description,
        version=version,
        openapi_url=f"{prefix}/openapi.json",
        docs_url=f"{prefix}/docs",
        redoc_url=None,
        lifespan=lifespan,
        openapi_tags=openapi_tags,
        # Metrics are Prometheus' and request ids our own (observability): FastAPI's native OpenTelemetry
        # would otherwise look its providers up in the environment on every request (~2 % of an order's CPU).
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.audit_model = audit_model
    install_error_handlers(app)
    install_problem_docs(app)

    for cls, options in middleware:
        app.add_middleware(cls, **options)
    # Added last so it is outermost: every response, even a rejected one,
    # gets a request id, an access log line and a metric.
    registry = CollectorRegistry()
    app.add_middleware(RequestContextMiddleware, registry=registry, service=settings.service_name)
    app.add_route("/metrics", metrics_endpoint(registry), include_in_schema=False)

    @app.get(f"{prefix}/healthz", tags=["运维"], summary="进程存活检查")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": settings.service_name}

    @app.get(
        f"{prefix}/readyz",
        tags=["运维"],
        summary="就绪检查（数据库可达）",
        responses={503: {"description": "数据库不可达"}},
    )
    async def readyz(request: Request) -> Any:
        try:
            await request.app.state.db.ping()
        except Exception:
            return problem_response(
                503, "not_ready", "服务未就绪", "数据库暂不可达，请稍后重试。", instance=request.url.path
            )
        return JSONResponse({"status": "ready", "service": settings.service_name})

    for router in routers:
        app.include_router(router)
    return app
