"""The indicators-api app. Run with ``uvicorn --factory indicators_api.main:create_app``."""

from __future__ import annotations

from fastapi import FastAPI
from reform_common import system
from reform_common.app import create_service_app
from reform_common.background import BackgroundTasks
from reform_common.service_client import ServiceClient

from indicators_api import computed
from indicators_api.audit.models import AuditLog
from indicators_api.catalogs.router import router as catalogs_router
from indicators_api.links.router import router as links_router
from indicators_api.observations.router import router as observations_router
from indicators_api.results.router import router as results_router
from indicators_api.settings import Settings

DESCRIPTION = """指标对标：世行 B-READY、国评（保五争四冲三）、省晾晒、市指标体系。指标树、对比地区、
数据录入与审核、竞争排名（并列 1224）、前沿距离得分、合成指标覆盖率规则、名次目标三档、
与对标城市的差距、长板短板、关联改革任务。公式见 docs/indicator-formulas.md。"""


def create_app(settings: Settings | None = None, tasks_client: ServiceClient | None = None) -> FastAPI:
    """``tasks_client`` replaces the client that reads tasks-api (tests)."""
    settings = settings or Settings()

    async def startup(app: FastAPI) -> None:
        # One client for every service this one reads (tasks-api, feedback-api), through the gateway.
        app.state.tasks_client = tasks_client or ServiceClient(
            settings.gateway_url, "indicators-api", settings.service_secret, app.state.http)
        app.state.background = BackgroundTasks()
        if settings.computed_refresh_enabled:
            app.state.background.spawn(computed.daily_loop(app.state.db, app.state.tasks_client,
                                                           settings.served_region))

    async def shutdown(app: FastAPI) -> None:
        app.state.background.cancel_all()
        await app.state.background.drain(5.0)

    return create_service_app(
        settings=settings,
        audit_model=AuditLog,
        title="营商环境改革推进平台 · 指标对标服务",
        description=DESCRIPTION,
        version="0.1.0",
        routers=[catalogs_router, results_router, links_router, observations_router,
                 system.make_router(settings.service_name, AuditLog)],
        on_startup=startup,
        on_shutdown=shutdown,
    )
