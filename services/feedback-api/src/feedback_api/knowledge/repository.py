"""Every knowledge-base query. The reform office sees every entry; every other
staff role only published ones (a draft or an archived entry is 404 to them)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from reform_common.auth import REFORM_OFFICE, Principal
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.knowledge.models import KnowledgeEntry


@dataclass(frozen=True)
class EntryFilters:
    status: str | None = None
    kind: str | None = None
    category: str | None = None


def _conditions(principal: Principal, f: EntryFilters) -> list[ColumnElement[bool]]:
    conditions = []
    if not principal.has_any(REFORM_OFFICE):
        conditions.append(KnowledgeEntry.status == "published")
    if f.status is not None:
        conditions.append(KnowledgeEntry.status == f.status)
    if f.kind is not None:
        conditions.append(KnowledgeEntry.kind == f.kind)
    if f.category is not None:
        # A category and everything under it.
        conditions.append(or_(KnowledgeEntry.category_code == f.category,
                              KnowledgeEntry.category_code.like(f"{f.category}.%")))
    return conditions


async def get(session: AsyncSession, principal: Principal, entry_id: uuid.UUID, *,
              for_update: bool = False) -> KnowledgeEntry | None:
    stmt = select(KnowledgeEntry).where(KnowledgeEntry.id == entry_id,
                                        *_conditions(principal, EntryFilters()))
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def by_source_case(session: AsyncSession, case_no: str) -> KnowledgeEntry | None:
    stmt = select(KnowledgeEntry).where(KnowledgeEntry.source_case_no == case_no)
    return (await session.execute(stmt)).scalar_one_or_none()


async def all_matching(session: AsyncSession, principal: Principal, f: EntryFilters) -> list[KnowledgeEntry]:
    """For ranking in Python: the whole (small) filtered set, newest first so ties favour recent entries."""
    stmt = (select(KnowledgeEntry).where(*_conditions(principal, f))
            .order_by(KnowledgeEntry.updated_at.desc(), KnowledgeEntry.id))
    return list((await session.execute(stmt)).scalars())


async def page(session: AsyncSession, principal: Principal, f: EntryFilters, offset: int,
               limit: int) -> tuple[list[KnowledgeEntry], int]:
    conditions = _conditions(principal, f)
    total = (await session.execute(select(func.count()).select_from(KnowledgeEntry).where(*conditions))).scalar_one()
    stmt = (select(KnowledgeEntry).where(*conditions)
            .order_by(KnowledgeEntry.updated_at.desc(), KnowledgeEntry.id).offset(offset).limit(limit))
    return list((await session.execute(stmt)).scalars()), total
