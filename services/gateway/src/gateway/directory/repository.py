"""Every query on units and users. The directory is the reform office's to
manage; reads of units are open to every signed-in caller (pickers need
them), reads of users to the office and leaders (checked in the router)."""

from __future__ import annotations

import uuid

from reform_common.pagination import like_pattern
from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from gateway.directory.models import Unit, User


async def _page(session: AsyncSession, stmt: Select, offset: int, limit: int) -> tuple[list, int]:
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (await session.scalars(stmt.offset(offset).limit(limit))).all()
    return list(rows), int(total or 0)


async def list_units(
    session: AsyncSession, *, kind: str | None, q: str | None, include_inactive: bool, offset: int, limit: int
) -> tuple[list[Unit], int]:
    stmt = select(Unit).order_by(Unit.kind, Unit.sort_order, Unit.name)
    if kind:
        stmt = stmt.where(Unit.kind == kind)
    if not include_inactive:
        stmt = stmt.where(Unit.is_active.is_(True))
    if q:
        pattern = like_pattern(q)
        stmt = stmt.where(
            or_(
                Unit.name.ilike(pattern),
                Unit.short_name.ilike(pattern),
                Unit.code.ilike(pattern),
                func.array_to_string(Unit.aliases, " ").ilike(pattern),
            )
        )
    return await _page(session, stmt, offset, limit)


async def get_unit(session: AsyncSession, unit_id: uuid.UUID) -> Unit | None:
    return await session.get(Unit, unit_id)


async def unit_by_code(session: AsyncSession, code: str) -> Unit | None:
    return await session.scalar(select(Unit).where(Unit.code == code))


async def unit_by_name(session: AsyncSession, name: str) -> Unit | None:
    return await session.scalar(select(Unit).where(Unit.name == name))


async def list_users(
    session: AsyncSession, *, q: str | None, unit_id: uuid.UUID | None, offset: int, limit: int
) -> tuple[list[User], int]:
    stmt = select(User).options(selectinload(User.unit)).order_by(User.username)
    if unit_id:
        stmt = stmt.where(User.unit_id == unit_id)
    if q:
        pattern = like_pattern(q)
        stmt = stmt.where(or_(User.username.ilike(pattern), User.display_name.ilike(pattern)))
    return await _page(session, stmt, offset, limit)


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.scalar(select(User).options(selectinload(User.unit)).where(User.id == user_id))


async def user_by_username(session: AsyncSession, username: str, *, for_update: bool = False) -> User | None:
    stmt = select(User).options(selectinload(User.unit)).where(User.username == username)
    if for_update:
        # Serialises concurrent logins of one account so the failure count is exact.
        stmt = stmt.with_for_update(of=User)
    return await session.scalar(stmt)
