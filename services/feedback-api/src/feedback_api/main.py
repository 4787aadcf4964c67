"""The feedback-api app. Run with ``uvicorn --factory feedback_api.main:create_app``."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI
from reform_common import system
from reform_common.app import create_service_app
from reform_common.service_client import ServiceClient
from reform_common.units import GatewayUnitDirectory, UnitDirectory
from sqlalchemy.ext.asyncio import async_sessionmaker

from feedback_api.audit.models import AuditLog
from feedback_api.cases.router import router as cases_router
from feedback_api.categories.router import router as categories_router
from feedback_api.clusters.router import router as clusters_router
from feedback_api.clusters.tasks_client import GatewayTasks
from feedback_api.dispatch import jobs as dispatch_jobs
from feedback_api.dispatch.router import router as dispatch_router
from feedback_api.hotline.router import router as hotline_router
from feedback_api.knowledge.router import router as knowledge_router
from feedback_api.league.router import router as league_router
from feedback_api.metrics.router import router as metrics_router
from feedback_api.open311.router import discovery_router
from feedback_api.open311.router import router as open311_router
from feedback_api.outbox.capture import Outbox, OutboxContextMiddleware
from feedback_api.outbox.dispatcher import Dispatcher
from feedback_api.outbox.router import router as outbox_router
from feedback_api.privacy import PiiVault
from feedback_api.public.router import router as public_router
from feedback_api.ratings.router import router as ratings_router
from feedback_api.repeats.router import router as repeats_router
from feedback_api.rollups import service as rollups
from feedback_api.settings import Settings
from feedback_api.workcal.router import router as calendar_router

DESCRIPTION = """企业诉求：在线反映、12345 对接、体验官/恳谈会/媒体/督察代登记；受理→交办→签收→办理→答复→回访办结，
退回、延期、重办；按法定工作日计算办理时限（正常/临期/超期）；企业凭查询码和电话查询、补充、评价；
联系电话与身份证号加密存储、脱敏展示、查看留痕（见 docs/feedback.md）。"""


def create_app(settings: Settings | None = None, units: UnitDirectory | None = None) -> FastAPI:
    """``units`` replaces the gateway's directory (tests, offline tools)."""
    settings = settings or Settings()
    if settings.hotline_callback_url and not settings.hotline_callback_secret:
        raise RuntimeError("已设置 HOTLINE_CALLBACK_URL，但未设置 HOTLINE_CALLBACK_SECRET（12345 回调的签名密钥）")
    vault = PiiVault(settings.feedback_pii_key, settings.feedback_pii_old_keys)
    outbox = Outbox(settings)

    async def startup(app: FastAPI) -> None:
        app.state.vault = vault
        app.state.units = units or GatewayUnitDirectory(
            ServiceClient(settings.gateway_url, "feedback-api", settings.service_secret, app.state.http)
        )
        outbox.units = app.state.units
        # 举一反三: tasks-api through the gateway (tests replace app.state.cluster_tasks with a fake).
        app.state.cluster_tasks = GatewayTasks(
            ServiceClient(settings.gateway_url, "feedback-api", settings.service_secret, app.state.http),
            settings.feedback_cluster_tasks_timeout_seconds)
        app.state.outbox = outbox
        # The rollups count "closed once" with a repeat window: recounted when the setting changed.
        await rollups.ensure_window(async_sessionmaker(app.state.db.engine, expire_on_commit=False), settings)
        if outbox.enabled and settings.hotline_callback_dispatcher:
            # Its own sessions on the engine: deliveries never share a request's transaction.
            outbox.dispatcher = Dispatcher(async_sessionmaker(app.state.db.engine, expire_on_commit=False), settings)
            outbox.dispatcher.start()
        # Dispatch suggestions: the daily retraining (docs/dispatch-suggestions.md).
        app.state.dispatch_training = None
        if settings.feedback_dispatch_schedule_enabled:
            app.state.dispatch_training = asyncio.create_task(dispatch_jobs.daily_loop(
                async_sessionmaker(app.state.db.engine, expire_on_commit=False), settings))

    async def shutdown(app: FastAPI) -> None:
        if app.state.dispatch_training is not None:
            app.state.dispatch_training.cancel()
        if outbox.dispatcher is not None:
            await outbox.dispatcher.stop()
            outbox.dispatcher = None

    return create_service_app(
        settings=settings,
        audit_model=AuditLog,
        title="营商环境改革推进平台 · 企业诉求服务",
        description=DESCRIPTION,
        version="0.1.0",
        routers=[cases_router, public_router, hotline_router, outbox_router, categories_router, metrics_router,
                 calendar_router, open311_router, discovery_router,
                 repeats_router, league_router, ratings_router, clusters_router, knowledge_router, dispatch_router,
                 system.make_router(settings.service_name, AuditLog)],
        on_startup=startup,
        on_shutdown=shutdown,
        middleware=[(OutboxContextMiddleware, {"outbox": outbox})],
    )
