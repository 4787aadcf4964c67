"""Queries for the league table. The table itself is published to every unit,
so it reads all of the plan's tasks (through the ledger's repository with an
internal principal); only the settings live here."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.league.models import LeagueSettings


async def settings(session: AsyncSession, plan_id: uuid.UUID, *, for_update: bool = False) -> LeagueSettings | None:
    stmt = select(LeagueSettings).where(LeagueSettings.plan_id == plan_id)
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)
