"""Every query on cases, with the caller's scope applied in SQL: a unit sees
the cases assigned or co-assigned to it (and those it entered), a district
the cases in its district, the reform office, leaders and internal services
everything. Anything else is not found."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from reform_common.auth import DISTRICT, LEAD_UNIT, UNIT, Principal
from reform_common.pagination import like_pattern
from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from feedback_api.cases.deadlines import OPEN_STATUSES
from feedback_api.cases.models import Case, CaseAttachment, CaseEvent, CaseExtension, CaseUnit, case_no_seq
from feedback_api.categories.models import Category

UNIT_ROLES = (UNIT, DISTRICT, LEAD_UNIT)


def co_assigned(unit_id: uuid.UUID) -> ColumnElement[bool]:
    return select(CaseUnit.case_id).where(CaseUnit.case_id == Case.id, CaseUnit.unit_id == unit_id).exists()


def scope(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    if principal.unit_id is None or not principal.has_any(*UNIT_ROLES):
        return false()
    conditions = [Case.main_unit_id == principal.unit_id, co_assigned(principal.unit_id),
                  Case.created_by_unit_id == principal.unit_id]
    if principal.has_any(DISTRICT):
        conditions.append(Case.district_unit_id == principal.unit_id)
    return or_(*conditions)


@dataclass
class CaseFilters:
    status: str | None = None
    channel: str | None = None
    type: str | None = None
    category: str | None = None
    district: str | None = None
    unit_id: uuid.UUID | None = None
    credit_code: str | None = None
    deadline_state: str | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    q: str | None = None


def deadline_condition(state: str, now: datetime, approaching_until: datetime) -> ColumnElement[bool]:
    is_open = Case.status.in_(OPEN_STATUSES)
    answered_late = and_(Case.replied_at.is_not(None), Case.replied_at > Case.due_at)
    if state == "overdue":
        return or_(and_(is_open, Case.due_at < now), and_(~is_open, answered_late))
    if state == "approaching":
        return and_(is_open, Case.due_at >= now, Case.due_at <= approaching_until)
    return or_(and_(is_open, Case.due_at > approaching_until), and_(~is_open, ~answered_late))


def filtered(principal: Principal, f: CaseFilters, now: datetime, approaching_until: datetime) -> Select:
    stmt = select(Case).where(scope(principal))
    for column, value in ((Case.status, f.status), (Case.channel, f.channel), (Case.type, f.type),
                          (Case.district_code, f.district), (Case.credit_code, f.credit_code)):
        if value is not None:
            stmt = stmt.where(column == value)
    if f.category is not None:
        # A category and everything under it.
        stmt = stmt.where(or_(Case.category_code == f.category, Case.category_code.like(f"{f.category}.%")))
    if f.unit_id is not None:
        stmt = stmt.where(or_(Case.main_unit_id == f.unit_id, co_assigned(f.unit_id)))
    if f.deadline_state is not None:
        stmt = stmt.where(deadline_condition(f.deadline_state, now, approaching_until))
    if f.received_from is not None:
        stmt = stmt.where(Case.received_at >= f.received_from)
    if f.received_to is not None:
        stmt = stmt.where(Case.received_at < f.received_to)
    if f.q:
        pattern = like_pattern(f.q)
        stmt = stmt.where(or_(Case.case_no.ilike(pattern), Case.title.ilike(pattern),
                              Case.enterprise_name.ilike(pattern), Case.external_id.ilike(pattern)))
    return stmt


async def page(
    session: AsyncSession, principal: Principal, f: CaseFilters, now: datetime, approaching_until: datetime,
    offset: int, limit: int,
) -> tuple[list[Case], int]:
    stmt = filtered(principal, f, now, approaching_until)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(stmt.order_by(Case.received_at.desc(), Case.case_no.desc())
                                 .offset(offset).limit(limit))
    return list(rows), int(total or 0)


async def summary(
    session: AsyncSession, principal: Principal, now: datetime, approaching_until: datetime
) -> tuple[dict[str, int], dict[str, int], int]:
    base = select(Case).where(scope(principal)).subquery()
    by_status = {s: n for s, n in (await session.execute(
        select(base.c.status, func.count()).group_by(base.c.status))).all()}
    by_deadline = {}
    for state in ("normal", "approaching", "overdue"):
        stmt = select(func.count()).select_from(Case).where(
            scope(principal), Case.status.in_(OPEN_STATUSES), deadline_condition(state, now, approaching_until))
        by_deadline[state] = int(await session.scalar(stmt) or 0)
    accept_overdue = int(await session.scalar(select(func.count()).select_from(Case).where(
        scope(principal), Case.status == "assigned", Case.accept_due_at < now)) or 0)
    return by_status, by_deadline, accept_overdue


async def get(session: AsyncSession, principal: Principal, case_no: str, *, for_update: bool = False) -> Case | None:
    stmt = select(Case).where(Case.case_no == case_no, scope(principal)).options(selectinload(Case.co_units))
    if for_update:
        stmt = stmt.with_for_update(of=Case)
    return await session.scalar(stmt)


async def by_tracking_code(session: AsyncSession, code: str, *, for_update: bool = False) -> Case | None:
    stmt = select(Case).where(Case.tracking_code == code).options(selectinload(Case.co_units))
    if for_update:
        stmt = stmt.with_for_update(of=Case)
    return await session.scalar(stmt)


async def by_external_id(session: AsyncSession, channel: str, external_id: str) -> Case | None:
    stmt = select(Case).where(Case.channel == channel, Case.external_id == external_id)
    return await session.scalar(stmt.options(selectinload(Case.co_units)))


async def lock_external_id(session: AsyncSession, channel: str, external_id: str) -> None:
    """Serialises concurrent pushes of the same order until the transaction ends."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(f"{channel}:{external_id}", 0))))


async def next_number(session: AsyncSession) -> int:
    return int(await session.scalar(select(case_no_seq.next_value())))


async def tracking_code_exists(session: AsyncSession, code: str) -> bool:
    return bool(await session.scalar(select(func.count()).where(Case.tracking_code == code)))


async def events(session: AsyncSession, case_id: uuid.UUID, *, public_only: bool = False) -> list[CaseEvent]:
    stmt = select(CaseEvent).where(CaseEvent.case_id == case_id)
    if public_only:
        stmt = stmt.where(CaseEvent.public.is_(True))
    return list(await session.scalars(stmt.order_by(CaseEvent.id)))


async def attachments(session: AsyncSession, case_id: uuid.UUID) -> list[CaseAttachment]:
    stmt = select(CaseAttachment).where(CaseAttachment.case_id == case_id)
    return list(await session.scalars(stmt.order_by(CaseAttachment.created_at, CaseAttachment.id)))


async def attachment(session: AsyncSession, case_id: uuid.UUID, attachment_id: uuid.UUID) -> CaseAttachment | None:
    stmt = select(CaseAttachment).where(CaseAttachment.case_id == case_id, CaseAttachment.id == attachment_id)
    return await session.scalar(stmt)


async def attachment_count(session: AsyncSession, case_id: uuid.UUID) -> int:
    stmt = select(func.count()).where(CaseAttachment.case_id == case_id)
    return int(await session.scalar(stmt) or 0)


async def extensions(session: AsyncSession, case_id: uuid.UUID) -> list[CaseExtension]:
    stmt = select(CaseExtension).where(CaseExtension.case_id == case_id)
    return list(await session.scalars(stmt.order_by(CaseExtension.requested_at)))


async def pending_extension(
    session: AsyncSession, case_id: uuid.UUID, *, for_update: bool = True
) -> CaseExtension | None:
    stmt = select(CaseExtension).where(CaseExtension.case_id == case_id, CaseExtension.status == "pending")
    return await session.scalar(stmt.with_for_update() if for_update else stmt)


async def case_no_of(session: AsyncSession, case_id: uuid.UUID | None) -> str | None:
    if case_id is None:
        return None
    return await session.scalar(select(Case.case_no).where(Case.id == case_id))


async def info_added_since(session: AsyncSession, case_id: uuid.UUID, since: datetime) -> int:
    stmt = select(func.count()).where(CaseEvent.case_id == case_id, CaseEvent.event == "info_added",
                                      CaseEvent.occurred_at >= since)
    return int(await session.scalar(stmt) or 0)


async def categories(session: AsyncSession) -> dict[str, Category]:
    return {c.code: c for c in await session.scalars(select(Category))}
