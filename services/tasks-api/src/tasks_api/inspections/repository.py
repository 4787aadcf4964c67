"""Every query on inspections, findings and rectifications, with the caller's scope:
the reform office and leaders see all; a special group what concerns its
environment's tasks and the inspections it made; a unit the inspections of tasks
it leads or is responsible for, of itself, and those holding a rectification it owns."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from reform_common.auth import GROUP_LEAD, Principal
from sqlalchemy import ColumnElement, Select, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from tasks_api.inspections.models import Inspection, InspectionFinding, Rectification
from tasks_api.ledger import repository as ledger_repo
from tasks_api.ledger.models import Task


def scope(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    conditions: list[ColumnElement[bool]] = [
        # Whoever sees the task in the ledger sees its inspections. Not correlated: lists join tasks too.
        Inspection.task_id.in_(select(Task.id).where(ledger_repo.scope(principal)).correlate(None)),
    ]
    if principal.unit_id is not None:
        conditions.append(Inspection.unit_id == principal.unit_id)
        owned = aliased(Rectification)  # rectification lists select Rectification themselves
        conditions.append(
            select(owned.id)
            .where(owned.inspection_id == Inspection.id, owned.owner_unit_id == principal.unit_id)
            .exists()
        )
    if principal.has_any(GROUP_LEAD) and principal.environment:
        conditions.append(Inspection.created_environment == principal.environment)
    return or_(*conditions) if conditions else false()


@dataclass
class InspectionFilters:
    year: int | None = None
    kind: str | None = None
    task_code: str | None = None
    unit_id: uuid.UUID | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class RectificationFilters:
    year: int | None = None
    owner_unit_id: uuid.UUID | None = None
    status: str | None = None
    inspection_code: str | None = None
    task_code: str | None = None


_WITH_FINDINGS = selectinload(Inspection.findings)


def _inspections(principal: Principal, f: InspectionFilters) -> Select:
    stmt = select(Inspection).where(scope(principal))
    for column, value in ((Inspection.year, f.year), (Inspection.kind, f.kind), (Inspection.unit_id, f.unit_id)):
        if value is not None:
            stmt = stmt.where(column == value)
    if f.task_code is not None:
        stmt = stmt.where(Inspection.task_id.in_(select(Task.id).where(Task.code == f.task_code)))
    if f.date_from is not None:
        stmt = stmt.where(Inspection.inspected_on >= f.date_from)
    if f.date_to is not None:
        stmt = stmt.where(Inspection.inspected_on <= f.date_to)
    return stmt


async def list_inspections(
    session: AsyncSession, principal: Principal, f: InspectionFilters, offset: int, limit: int
) -> tuple[list[Inspection], int]:
    stmt = _inspections(principal, f)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(
        stmt.options(_WITH_FINDINGS).order_by(Inspection.inspected_on.desc(), Inspection.code.desc())
        .offset(offset).limit(limit)
    )
    return list(rows), int(total or 0)


async def get_by_code(
    session: AsyncSession, principal: Principal, code: str, *, for_update: bool = False
) -> Inspection | None:
    stmt = select(Inspection).where(Inspection.code == code, scope(principal)).options(_WITH_FINDINGS)
    if for_update:
        stmt = stmt.with_for_update(of=Inspection)
    return await session.scalar(stmt)


async def max_seq(session: AsyncSession, year: int) -> int:
    return int(await session.scalar(
        select(func.coalesce(func.max(Inspection.seq), 0)).where(Inspection.year == year)))


async def tasks_by_id(session: AsyncSession, task_ids: set[uuid.UUID]) -> dict[uuid.UUID, Task]:
    if not task_ids:
        return {}
    return {t.id: t for t in await session.scalars(select(Task).where(Task.id.in_(task_ids)))}


async def rectifications_of(session: AsyncSession, inspection_ids: list[uuid.UUID]) -> dict[uuid.UUID, Rectification]:
    """Keyed by finding."""
    if not inspection_ids:
        return {}
    stmt = select(Rectification).where(Rectification.inspection_id.in_(inspection_ids))
    return {r.finding_id: r for r in await session.scalars(stmt)}


RectificationRow = tuple[Rectification, InspectionFinding, Inspection, str | None]


def _rectifications(principal: Principal) -> Select:
    return (
        select(Rectification, InspectionFinding, Inspection, Task.code)
        .join(InspectionFinding, InspectionFinding.id == Rectification.finding_id)
        .join(Inspection, Inspection.id == Rectification.inspection_id)
        .outerjoin(Task, Task.id == Inspection.task_id)
        .where(scope(principal))
    )


async def list_rectifications(
    session: AsyncSession, principal: Principal, f: RectificationFilters
) -> list[RectificationRow]:
    stmt = _rectifications(principal)
    if f.year is not None:
        stmt = stmt.where(Inspection.year == f.year)
    for column, value in ((Rectification.owner_unit_id, f.owner_unit_id), (Rectification.status, f.status),
                          (Inspection.code, f.inspection_code), (Task.code, f.task_code)):
        if value is not None:
            stmt = stmt.where(column == value)
    stmt = stmt.order_by(Rectification.due_date, Inspection.code, InspectionFinding.seq)
    return [(r, fi, i, code) for r, fi, i, code in (await session.execute(stmt)).all()]


async def get_rectification(
    session: AsyncSession, principal: Principal, rectification_id: uuid.UUID, *, for_update: bool = False
) -> RectificationRow | None:
    stmt = _rectifications(principal).where(Rectification.id == rectification_id)
    if for_update:
        stmt = stmt.with_for_update(of=Rectification)
    row = (await session.execute(stmt)).first()
    return (row[0], row[1], row[2], row[3]) if row else None


async def open_rectifications_by_unit(session: AsyncSession, as_of: date) -> dict[uuid.UUID, int]:
    """Per owner unit: rectifications issued on or before ``as_of`` and not verified on or before it."""
    stmt = (
        select(Rectification.owner_unit_id, func.count())
        .where(Rectification.issued_on <= as_of,
               or_(Rectification.verified_on.is_(None), Rectification.verified_on > as_of))
        .group_by(Rectification.owner_unit_id)
    )
    return {unit_id: int(n) for unit_id, n in (await session.execute(stmt)).all()}
