"""The league configuration row (created by the migration; defaults if it is missing)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.league.models import DEFAULTS, LeagueSettings


async def config(session: AsyncSession, *, for_update: bool = False) -> LeagueSettings:
    stmt = select(LeagueSettings).where(LeagueSettings.id == 1)
    row = await session.scalar(stmt.with_for_update() if for_update else stmt)
    if row is None:
        row = LeagueSettings(id=1, **DEFAULTS)
        session.add(row)
        await session.flush()
    return row
