"""Demo data for indicators: the reference catalog plus the synthetic
observations of indicators_api.demo_data, all ``method=synthetic`` and
approved, so every screen shows the 示例数据 banner while they are loaded.
Idempotent: nothing is added when synthetic data already exist."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api import reference
from indicators_api.demo_data import generate_observations
from indicators_api.observations.models import Observation


async def load(session: AsyncSession) -> dict[str, int]:
    catalog = await reference.load(session)
    if await session.scalar(select(Observation.id).where(Observation.method == "synthetic").limit(1)):
        return {**catalog, "observations": 0}
    now = datetime.now(UTC)
    rows = [{"indicator_code": o.indicator, "region_code": o.region, "period": o.period, "value": o.value,
             "source": o.source, "method": "synthetic", "status": "approved", "flags": [],
             "submitted_by": "demo", "submitted_at": now, "reviewed_by": "demo", "reviewed_at": now}
            for o in generate_observations()]
    for start in range(0, len(rows), 1000):
        await session.execute(insert(Observation).values(rows[start:start + 1000]))
    return {**catalog, "observations": len(rows)}
