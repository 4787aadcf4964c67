"""Every query on frameworks, indicators and regions. The catalog is public
to every signed-in user; who may change an indicator's data is decided in
the observations service."""

from __future__ import annotations

from reform_common.pagination import like_pattern
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api.catalogs.models import Framework, Indicator, Region, RegionSetMember


async def frameworks(session: AsyncSession) -> list[Framework]:
    return list(await session.scalars(select(Framework).order_by(Framework.sort_order, Framework.code)))


async def framework(session: AsyncSession, code: str) -> Framework | None:
    return await session.get(Framework, code)


async def indicators(
    session: AsyncSession, *, framework: str | None = None, environment: str | None = None, q: str | None = None
) -> list[Indicator]:
    stmt = select(Indicator).order_by(Indicator.framework_code, Indicator.sort_order, Indicator.code)
    if framework:
        stmt = stmt.where(Indicator.framework_code == framework)
    if environment:
        stmt = stmt.where(Indicator.environment == environment)
    if q:
        pattern = like_pattern(q)
        stmt = stmt.where(or_(Indicator.name.ilike(pattern), Indicator.code.ilike(pattern)))
    return list(await session.scalars(stmt))


async def indicator(session: AsyncSession, code: str) -> Indicator | None:
    return await session.scalar(select(Indicator).where(Indicator.code == code))


async def children(session: AsyncSession, code: str) -> list[Indicator]:
    stmt = select(Indicator).where(Indicator.parent_code == code).order_by(Indicator.sort_order, Indicator.code)
    return list(await session.scalars(stmt))


async def regions(session: AsyncSession) -> dict[str, Region]:
    return {r.code: r for r in await session.scalars(select(Region))}


async def region_set(session: AsyncSession, set_code: str) -> list[str]:
    stmt = select(RegionSetMember.region_code).where(RegionSetMember.set_code == set_code)
    return sorted(await session.scalars(stmt))


async def region_sets(session: AsyncSession) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for member in await session.scalars(select(RegionSetMember).order_by(RegionSetMember.set_code)):
        out.setdefault(member.set_code, []).append(member.region_code)
    return out
