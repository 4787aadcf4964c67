"""The indicators-api app. Run with ``uvicorn --factory indicators_api.main:create_app``."""

from __future__ import annotations

from fastapi import FastAPI
from reform_common import system
from reform_common.app import create_service_app

from indicators_api.audit.models import AuditLog
from indicators_api.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings=settings,
        title="营商环境改革推进平台 · 指标对标服务",
        description="指标对标：世行 B-READY、国评（保五争四冲三）、省晾晒、市指标体系的排名、得分、目标与差距。",
        version="0.1.0",
        routers=[system.make_router(settings.service_name, AuditLog)],
    )
