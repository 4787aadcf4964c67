"""Every query on observations."""

from __future__ import annotations

import uuid

from reform_common.auth import Principal
from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api.catalogs.models import Indicator
from indicators_api.observations.models import Observation


async def approved_values(session: AsyncSession, indicator_code: str, period: str) -> dict[str, float]:
    """The value in force per region: the latest approved observation."""
    stmt = (
        select(Observation.region_code, Observation.value)
        .where(Observation.indicator_code == indicator_code, Observation.period == period,
               Observation.status == "approved")
        .ext(distinct_on(Observation.region_code))
        .order_by(Observation.region_code, Observation.reviewed_at.desc(), Observation.submitted_at.desc())
    )
    return {region: value for region, value in (await session.execute(stmt)).all()}


async def approved_periods(session: AsyncSession, indicator_code: str) -> list[str]:
    stmt = (select(Observation.period).where(Observation.indicator_code == indicator_code,
                                             Observation.status == "approved").distinct())
    return sorted(await session.scalars(stmt))


def scope(principal: Principal) -> ColumnElement[bool]:
    """Lead units see the entries of their own indicators; the office, leaders and special groups all."""
    if principal.sees_everything or principal.has_any("group_lead"):
        return true()
    return Observation.indicator_code.in_(select(Indicator.code).where(Indicator.lead_unit_code == principal.unit_code))


async def listing(
    session: AsyncSession, principal: Principal, *, status: str | None, indicator: str | None, period: str | None,
    offset: int, limit: int,
) -> tuple[list[Observation], int]:
    stmt = select(Observation).where(scope(principal))
    for column, value in ((Observation.status, status), (Observation.indicator_code, indicator),
                          (Observation.period, period)):
        if value:
            stmt = stmt.where(column == value)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(
        stmt.order_by(Observation.submitted_at.desc(), Observation.indicator_code, Observation.region_code)
        .offset(offset).limit(limit)
    )
    return list(rows), int(total or 0)


async def by_ids(session: AsyncSession, principal: Principal, ids: list[uuid.UUID]) -> list[Observation]:
    stmt = select(Observation).where(Observation.id.in_(ids), scope(principal)).with_for_update()
    return list(await session.scalars(stmt))
