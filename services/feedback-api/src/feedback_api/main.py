"""The feedback-api app. Run with ``uvicorn --factory feedback_api.main:create_app``."""

from __future__ import annotations

from fastapi import FastAPI
from reform_common import system
from reform_common.app import create_service_app

from feedback_api.audit.models import AuditLog
from feedback_api.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings=settings,
        title="营商环境改革推进平台 · 企业诉求服务",
        description="企业诉求：在线反映、12345 对接、Open311、工作日时限的办理流程、举一反三与晾晒。",
        version="0.1.0",
        routers=[system.make_router(settings.service_name, AuditLog)],
    )
