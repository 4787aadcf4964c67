"""The tasks-api app. Run with ``uvicorn --factory tasks_api.main:create_app``."""

from __future__ import annotations

from fastapi import FastAPI
from reform_common import system
from reform_common.app import create_service_app

from tasks_api.audit.models import AuditLog
from tasks_api.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings=settings,
        title="营商环境改革推进平台 · 任务台账服务",
        description="改革任务台账：年度计划、任务、节点、进展报送、红黄牌预警、提示单、督察考评、通报。",
        version="0.1.0",
        routers=[system.make_router(settings.service_name, AuditLog)],
    )
