"""Queries on the catalogue and the ratings; unit scoping is passed in as a unit code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases.models import Case
from feedback_api.ratings.models import RatedService, ServiceRating

# Literal arguments (not bound parameters), so the same expression can be grouped on.
SHANGHAI_MONTH = func.to_char(func.timezone(literal_column("'Asia/Shanghai'"), ServiceRating.created_at),
                              literal_column("'YYYY-MM'"))


async def services(session: AsyncSession, *, active_only: bool = False,
                   unit_code: str | None = None) -> list[RatedService]:
    stmt = select(RatedService).order_by(RatedService.position, RatedService.code)
    if active_only:
        stmt = stmt.where(RatedService.active.is_(True))
    if unit_code is not None:
        stmt = stmt.where(RatedService.unit_code == unit_code)
    return list(await session.scalars(stmt))


async def service(session: AsyncSession, code: str, *, for_update: bool = False) -> RatedService | None:
    stmt = select(RatedService).where(RatedService.code == code)
    return await session.scalar(stmt.with_for_update() if for_update else stmt)


async def name_taken(session: AsyncSession, name: str, other_than: str | None = None) -> bool:
    stmt = select(func.count()).where(RatedService.name == name)
    if other_than is not None:
        stmt = stmt.where(RatedService.code != other_than)
    return bool(await session.scalar(stmt))


async def all_time_stats(session: AsyncSession) -> dict[str, tuple[int, float | None]]:
    """service code → (count, average stars) over every rating."""
    rows = await session.execute(select(ServiceRating.service_code, func.count(), func.avg(ServiceRating.stars))
                                 .group_by(ServiceRating.service_code))
    return {code: (int(n), float(avg) if avg is not None else None) for code, n, avg in rows.all()}


async def recent_from_address(session: AsyncSession, service_code: str, address_hash: str, since: datetime) -> int:
    stmt = select(func.count()).where(ServiceRating.service_code == service_code,
                                      ServiceRating.address_hash == address_hash, ServiceRating.created_at >= since)
    return int(await session.scalar(stmt) or 0)


@dataclass
class RatingFilters:
    start: datetime | None = None
    end: datetime | None = None
    service_code: str | None = None
    unit_code: str | None = None
    stars: int | None = None
    has_case: bool | None = None


def _filtered(f: RatingFilters):
    conditions = []
    if f.start is not None:
        conditions.append(ServiceRating.created_at >= f.start)
    if f.end is not None:
        conditions.append(ServiceRating.created_at < f.end)
    if f.service_code is not None:
        conditions.append(ServiceRating.service_code == f.service_code)
    if f.unit_code is not None:
        conditions.append(ServiceRating.unit_code == f.unit_code)
    if f.stars is not None:
        conditions.append(ServiceRating.stars == f.stars)
    if f.has_case is not None:
        conditions.append(ServiceRating.case_id.is_not(None) if f.has_case else ServiceRating.case_id.is_(None))
    return conditions


async def page(session: AsyncSession, f: RatingFilters, offset: int,
               limit: int) -> tuple[list[tuple[ServiceRating, str | None]], int]:
    conditions = _filtered(f)
    total = await session.scalar(select(func.count()).select_from(ServiceRating).where(*conditions))
    rows = await session.execute(
        select(ServiceRating, Case.case_no).outerjoin(Case, Case.id == ServiceRating.case_id).where(*conditions)
        .order_by(ServiceRating.created_at.desc(), ServiceRating.id).offset(offset).limit(limit))
    return [(r, no) for r, no in rows.all()], int(total or 0)


async def counts(session: AsyncSession, f: RatingFilters) -> list[tuple[str, str, str, int, int]]:
    """(service code, unit code, month, stars, count) rows."""
    rows = await session.execute(
        select(ServiceRating.service_code, ServiceRating.unit_code, SHANGHAI_MONTH, ServiceRating.stars, func.count())
        .where(*_filtered(f))
        .group_by(ServiceRating.service_code, ServiceRating.unit_code, SHANGHAI_MONTH, ServiceRating.stars))
    return [(s, u, m, int(stars), int(n)) for s, u, m, stars, n in rows.all()]
