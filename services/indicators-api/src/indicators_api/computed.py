"""Computed indicators fed by other services' metrics, pulled with this
service's token on a schedule and on demand. The contracts:

- tasks-api ``GET /api/tasks/v1/metrics/on-time-completion?year=YYYY`` →
  ``{"year", "as_of", "due", "completed_on_time", "value"}`` (改革任务按期完成率, %);
- feedback-api ``GET /api/feedback/v1/metrics/one-time-resolution?period=P`` →
  ``{"period", "closed", "closed_once", "value"}`` (营商环境事项一次性化解率, %: cases
  closed once — never reopened, no repeat within 30 days — over cases closed).

A value arrives as an approved observation of the served city with
``method=reported`` and the source naming the service; ``value: null`` (nothing
due yet) stores nothing. A service that does not answer is reported as
unavailable and nothing changes."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from pydantic import BaseModel
from reform_common.db import Database
from reform_common.service_client import ServiceClient
from reform_common.workdays import SHANGHAI, today_shanghai
from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api.catalogs import repository as catalog
from indicators_api.observations.models import Observation

log = logging.getLogger("indicators_api.computed")


@dataclass(frozen=True)
class Source:
    service: str
    path: str
    yearly: bool  # the metric is asked for by year, else by the period itself


SOURCES = {
    "CS-ZH-01": Source("tasks-api", "/api/tasks/v1/metrics/on-time-completion", yearly=True),
    "SL-05": Source("feedback-api", "/api/feedback/v1/metrics/one-time-resolution", yearly=False),
}


class RefreshItem(BaseModel):
    indicator: str
    period: str
    status: str  # updated / no_data / unavailable
    value: float | None
    detail: str


async def refresh(session: AsyncSession, client: ServiceClient, period: str, served: str) -> list[RefreshItem]:
    items = []
    for code, source in SOURCES.items():
        if await catalog.indicator(session, code) is None:
            continue
        metric_period = period[:4] if source.yearly else period
        params = {"year": metric_period} if source.yearly else {"period": metric_period}
        try:
            resp = await client.request("GET", source.path, params=params)
            body = resp.json() if resp.status_code == 200 else None
        except Exception:  # any transport failure means the source is unavailable for now
            body = None
        if body is None:
            items.append(RefreshItem(indicator=code, period=metric_period, status="unavailable", value=None,
                                     detail=f"{source.service} 暂未提供该口径"))
            continue
        value = body.get("value")
        if value is None:
            items.append(RefreshItem(indicator=code, period=metric_period, status="no_data", value=None,
                                     detail="来源服务暂无可计算的数据"))
            continue
        now = datetime.now(UTC)
        session.add(Observation(indicator_code=code, region_code=served, period=metric_period, value=float(value),
                                source=f"平台计算：{source.service}", method="reported", status="approved",
                                flags=[], submitted_by="system", submitted_at=now, reviewed_by="system",
                                reviewed_at=now, review_comment=f"自动计算：{body}"))
        items.append(RefreshItem(indicator=code, period=metric_period, status="updated", value=float(value),
                                 detail=source.path))
    await session.flush()
    return items


def current_period() -> str:
    today = today_shanghai()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


async def daily_loop(db: Database, client: ServiceClient, served: str, at: time = time(2, 0)) -> None:
    while True:
        now = datetime.now(SHANGHAI)
        run_at = datetime.combine(now.date(), at, tzinfo=SHANGHAI)
        if run_at <= now:
            run_at += timedelta(days=1)
        await asyncio.sleep((run_at - now).total_seconds())
        try:
            async with db.sessionmaker() as session, session.begin():
                await refresh(session, client, current_period(), served)
        except Exception:  # a failed night must not end the loop
            log.exception("computed indicators refresh failed")
