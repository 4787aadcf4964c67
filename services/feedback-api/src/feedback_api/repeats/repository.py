"""Queries on repeat flags, scoped like cases (the caller sees a flag when it
sees the flagged case)."""

from __future__ import annotations

import uuid

from reform_common.auth import Principal
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from feedback_api.cases.models import Case
from feedback_api.cases.repository import scope
from feedback_api.repeats.models import CaseRepeatFlag

Earlier = aliased(Case)


async def flag_for(session: AsyncSession, case_id: uuid.UUID, *, for_update: bool = False) -> CaseRepeatFlag | None:
    stmt = select(CaseRepeatFlag).where(CaseRepeatFlag.case_id == case_id)
    return await session.scalar(stmt.with_for_update() if for_update else stmt)


async def earlier_case(session: AsyncSession, case_id: uuid.UUID) -> Case | None:
    return await session.get(Case, case_id)


async def page(session: AsyncSession, principal: Principal, status: str | None, offset: int,
               limit: int) -> tuple[list[tuple[CaseRepeatFlag, Case, Case]], int]:
    stmt = (select(CaseRepeatFlag, Case, Earlier)
            .join(Case, Case.id == CaseRepeatFlag.case_id)
            .join(Earlier, Earlier.id == CaseRepeatFlag.repeat_of_id)
            .where(scope(principal)))
    if status is not None:
        stmt = stmt.where(CaseRepeatFlag.status == status)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.execute(stmt.order_by(CaseRepeatFlag.created_at.desc(), Case.case_no.desc())
                                 .offset(offset).limit(limit))
    return [tuple(r) for r in rows.all()], int(total or 0)
