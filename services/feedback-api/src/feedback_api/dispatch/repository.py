"""Queries of the dispatch suggestions. Training reads the newest closed cases (a system job, not
a caller's view); the case a suggestion is for is read through the cases repository, with the
caller's scope."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases.models import Case, CaseEvent, CaseUnit
from feedback_api.categories.models import Category
from feedback_api.dispatch.models import DispatchDecision, DispatchModel


@dataclass(frozen=True)
class ClosedCase:
    case_no: str
    received_at: datetime
    title: str
    description: str
    contact_name: str | None
    enterprise_name: str | None
    category: str
    unit: uuid.UUID
    co_units: tuple[uuid.UUID, ...]
    first_unit: uuid.UUID | None
    returns: int
    reopens: int
    satisfaction: str | None
    reply: str | None


async def closed_cases(session: AsyncSession, limit: int) -> list[ClosedCase]:
    """The newest ``limit`` closed cases (by closing) with their final main unit, co-units, the
    unit each was first assigned to and how often it was returned — oldest first. Capped so
    training stays bounded however long the history (docs/dispatch-suggestions.md)."""
    picked = (
        select(Case.id).where(Case.status == "closed", Case.main_unit_id.is_not(None))
        .order_by(Case.closed_at.desc(), Case.id).limit(limit).cte("picked")
    )
    # Per picked case through ix_case_events_case_id_id, not a grouping over every event.
    first_unit = (
        select(CaseEvent.detail["unit_id"].astext)
        .where(CaseEvent.case_id == Case.id, CaseEvent.event == "assigned")
        .order_by(CaseEvent.id).limit(1).scalar_subquery()
    )
    returns = (
        select(func.count().cast(Integer))
        .where(CaseEvent.case_id == Case.id, CaseEvent.event == "returned").scalar_subquery()
    )
    rows = (await session.execute(
        select(Case.id, Case.case_no, Case.received_at, Case.title, Case.description, Case.contact_name,
               Case.enterprise_name, Case.category_code, Case.main_unit_id, first_unit, returns,
               Case.reopen_count, Case.satisfaction, Case.reply)
        .join(picked, picked.c.id == Case.id)
        .order_by(Case.received_at, Case.case_no)
    )).all()
    co: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for case_id, unit_id in (await session.execute(
        select(CaseUnit.case_id, CaseUnit.unit_id).join(picked, picked.c.id == CaseUnit.case_id)
        .order_by(CaseUnit.case_id, CaseUnit.position)
    )).all():
        co[case_id].append(unit_id)
    return [ClosedCase(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], tuple(co.get(r[0], ())),
                       _uuid(r[9]), r[10], r[11], r[12], r[13]) for r in rows]


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


async def category_tree(session: AsyncSession) -> list[tuple[str, str, str | None]]:
    return list((await session.execute(
        select(Category.code, Category.name, Category.parent_code).where(Category.active).order_by(Category.code)
    )).all())


async def usual_units(session: AsyncSession, limit: int) -> dict[str, list[tuple[uuid.UUID, float]]]:
    """Per category: the units its recent cases were assigned to (the newest ``limit`` assigned
    cases, through ix_cases_received_at: today's responsibilities, bounded at any history), most
    frequent first, with shares."""
    recent = (select(Case.category_code, Case.main_unit_id).where(Case.main_unit_id.is_not(None))
              .order_by(Case.received_at.desc()).limit(limit).subquery())
    rows = (await session.execute(
        select(recent.c.category_code, recent.c.main_unit_id, func.count())
        .group_by(recent.c.category_code, recent.c.main_unit_id)
    )).all()
    per: dict[str, list[tuple[uuid.UUID, int]]] = defaultdict(list)
    for category, unit, n in rows:
        per[category].append((unit, n))
    result = {}
    for category, counts in per.items():
        total = sum(n for _, n in counts)
        counts.sort(key=lambda c: (-c[1], str(c[0])))
        result[category] = [(u, round(n / total, 4)) for u, n in counts]
    return result


async def latest_ready(session: AsyncSession) -> DispatchModel | None:
    return await session.scalar(select(DispatchModel).where(DispatchModel.status == "ready")
                                .order_by(DispatchModel.version.desc()).limit(1))


async def artifact(session: AsyncSession, version: int) -> bytes | None:
    return await session.scalar(select(DispatchModel.artifact).where(DispatchModel.version == version))


async def versions(session: AsyncSession, offset: int, limit: int) -> tuple[list[DispatchModel], int]:
    total = await session.scalar(select(func.count()).select_from(DispatchModel)) or 0
    rows = (await session.scalars(select(DispatchModel).order_by(DispatchModel.version.desc())
                                  .offset(offset).limit(limit))).all()
    return list(rows), total


async def acceptance(session: AsyncSession, versions: list[int] | None) -> dict[int | None, tuple[int, int]]:
    """(decisions, accepted) per model version; None: decisions made on the keyword rules."""
    stmt = select(DispatchDecision.model_version, func.count(),
                  func.count().filter(DispatchDecision.accepted)).group_by(DispatchDecision.model_version)
    if versions is not None:
        stmt = stmt.where(DispatchDecision.model_version.in_(versions) | DispatchDecision.model_version.is_(None))
    return {v: (n, a) for v, n, a in (await session.execute(stmt)).all()}


async def decisions_for(session: AsyncSession, case_id: uuid.UUID) -> list[DispatchDecision]:
    return list((await session.scalars(select(DispatchDecision).where(DispatchDecision.case_id == case_id)
                                       .order_by(DispatchDecision.id))).all())
