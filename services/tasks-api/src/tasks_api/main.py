"""The tasks-api app. Run with ``uvicorn --factory tasks_api.main:create_app``."""

from __future__ import annotations

from fastapi import FastAPI
from reform_common import system
from reform_common.app import create_service_app
from reform_common.background import BackgroundTasks
from reform_common.service_client import ServiceClient
from reform_common.units import GatewayUnitDirectory, UnitDirectory

from tasks_api.actions.router import router as actions_router
from tasks_api.adjustments.router import router as adjustments_router
from tasks_api.audit.models import AuditLog
from tasks_api.battlemap.router import router as battlemap_router
from tasks_api.bulletins.router import router as bulletins_router
from tasks_api.evaluations.ranks import GatewayIndicatorRanks, IndicatorRanks
from tasks_api.evaluations.router import router as evaluations_router
from tasks_api.imports.router import router as imports_router
from tasks_api.inbox.router import router as inbox_router
from tasks_api.inspections.router import router as inspections_router
from tasks_api.league.router import router as league_router
from tasks_api.ledger.router import router as ledger_router
from tasks_api.lifecycle.router import router as lifecycle_router
from tasks_api.metrics.router import router as metrics_router
from tasks_api.notices import delivery
from tasks_api.notices.router import router as notices_router
from tasks_api.pilots.router import router as pilots_router
from tasks_api.plans.router import router as plans_router
from tasks_api.practices.router import router as practices_router
from tasks_api.reports.router import router as reports_router
from tasks_api.settings import Settings
from tasks_api.workbench.router import router as workbench_router
from tasks_api.workcal.router import router as calendar_router

DESCRIPTION = """改革任务台账：年度计划、任务、节点、进展报送、按法定工作日计算的红黄牌预警、提示单、
任务调整与时间轴、Excel 导入导出。凡显示任务的接口都接受 `as_of=YYYY-MM-DD`（默认上海时间今天），
列表、详情、统计与导出按同一规则计算（见 docs/ledger.md）。"""


def create_app(
    settings: Settings | None = None, units: UnitDirectory | None = None,
    indicator_ranks: IndicatorRanks | None = None,
) -> FastAPI:
    """``units`` replaces the gateway's directory and ``indicator_ranks`` indicators-api's ranks
    (tests, offline tools)."""
    settings = settings or Settings()

    async def startup(app: FastAPI) -> None:
        app.state.background = BackgroundTasks()
        app.state.units = units or GatewayUnitDirectory(
            ServiceClient(settings.gateway_url, "tasks-api", settings.service_secret, app.state.http)
        )
        app.state.indicator_ranks = indicator_ranks or GatewayIndicatorRanks(
            ServiceClient(settings.gateway_url, "tasks-api", settings.service_secret, app.state.http)
        )
        app.state.reminder_loop = None
        if settings.reminder_scheduler_enabled:
            app.state.reminder_loop = app.state.background.spawn(delivery.daily_loop(
                app.state.db, app.state.units, app.state.http, settings.reminder_webhook_url,
                settings.reminder_time))

    async def shutdown(app: FastAPI) -> None:
        if app.state.reminder_loop is not None:
            app.state.reminder_loop.cancel()
        # Deliveries already under way get a moment to finish and record their outcome.
        await app.state.background.drain(5.0)
        app.state.background.cancel_all()

    return create_service_app(
        settings=settings,
        audit_model=AuditLog,
        title="营商环境改革推进平台 · 任务台账服务",
        description=DESCRIPTION,
        version="0.1.0",
        routers=[plans_router, imports_router, ledger_router, reports_router, adjustments_router, notices_router,
                 workbench_router, calendar_router, metrics_router,
                 lifecycle_router, pilots_router, practices_router,
                 inspections_router, evaluations_router,
                 actions_router, battlemap_router,
                 league_router, bulletins_router, inbox_router,
                 system.make_router(settings.service_name, AuditLog)],
        on_startup=startup,
        on_shutdown=shutdown,
    )
