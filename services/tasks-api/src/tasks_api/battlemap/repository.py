"""Every query of the battle map. Steps are scoped like their owners: a
task's milestones like the ledger (ledger/repository.py), an action's nodes
like the actions (actions/repository.py); filtered by one special action,
the caller who may see the action sees all of its steps, as on its page."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from reform_common.auth import GROUP_LEAD, Principal
from sqlalchemy import ColumnElement, Select, func, or_, select, true
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.actions.models import SpecialAction, SpecialActionNode, SpecialActionTask
from tasks_api.actions.repository import scope as action_scope
from tasks_api.battlemap.models import Baseline, BaselineItem
from tasks_api.ledger.models import Milestone, Task
from tasks_api.ledger.repository import scope as task_scope
from tasks_api.plans.models import Plan


@dataclass(frozen=True)
class Step:
    """One dated step, whichever table it lives in."""

    kind: str
    id: uuid.UUID
    title: str
    due_date: date
    done_date: date | None
    lead_unit_id: uuid.UUID
    environment: str | None
    task_id: uuid.UUID | None = None
    task_code: str | None = None
    task_title: str | None = None
    action_id: uuid.UUID | None = None
    action_code: str | None = None
    action_name: str | None = None


@dataclass
class StepFilters:
    year: int | None = None  # the task's plan year / the action's year
    due_from: date | None = None
    due_before: date | None = None
    open_only: bool = False
    environment: str | None = None
    action_id: uuid.UUID | None = None  # the action's nodes and its linked tasks' milestones


def _milestones(principal: Principal, f: StepFilters) -> Select:
    stmt = (select(Milestone, Task).join(Task, Task.id == Milestone.task_id)
            .join(Plan, Plan.id == Task.plan_id))
    if f.action_id is not None:
        stmt = stmt.where(Task.id.in_(
            select(SpecialActionTask.task_id).where(SpecialActionTask.action_id == f.action_id)))
    else:
        stmt = stmt.where(task_scope(principal))
    if f.year is not None:
        stmt = stmt.where(Plan.year == f.year)
    if f.environment is not None:
        stmt = stmt.where(Task.environment == f.environment)
    return _dates(stmt, Milestone, f)


def _nodes(principal: Principal, f: StepFilters) -> Select:
    stmt = select(SpecialActionNode, SpecialAction).join(SpecialAction,
                                                         SpecialAction.id == SpecialActionNode.action_id)
    if f.action_id is not None:
        stmt = stmt.where(SpecialAction.id == f.action_id)
    else:
        stmt = stmt.where(action_scope(principal))
    if f.year is not None:
        stmt = stmt.where(SpecialAction.year == f.year)
    if f.environment is not None:
        stmt = stmt.where(SpecialAction.environment == f.environment)
    return _dates(stmt, SpecialActionNode, f)


def _dates(stmt: Select, model: Any, f: StepFilters) -> Select:
    if f.due_from is not None:
        stmt = stmt.where(model.due_date >= f.due_from)
    if f.due_before is not None:
        stmt = stmt.where(model.due_date < f.due_before)
    if f.open_only:
        stmt = stmt.where(model.done_date.is_(None))
    return stmt


async def steps(session: AsyncSession, principal: Principal, f: StepFilters) -> list[Step]:
    out = [
        Step(kind="milestone", id=m.id, title=m.title, due_date=m.due_date, done_date=m.done_date,
             lead_unit_id=t.lead_unit_id, environment=t.environment, task_id=t.id, task_code=t.code,
             task_title=t.title)
        for m, t in (await session.execute(_milestones(principal, f))).all()
    ]
    out += [
        Step(kind="action_node", id=n.id, title=n.title, due_date=n.due_date, done_date=n.done_date,
             lead_unit_id=a.lead_unit_id, environment=a.environment, action_id=a.id, action_code=a.code,
             action_name=a.name)
        for n, a in (await session.execute(_nodes(principal, f))).all()
    ]
    out.sort(key=lambda s: (s.due_date, s.task_code or s.action_code or "", s.title))
    return out


async def current_dates(
    session: AsyncSession, milestone_ids: list[uuid.UUID], node_ids: list[uuid.UUID]
) -> dict[tuple[str, uuid.UUID], tuple[date, date | None]]:
    """Today's (due, done) of steps a baseline froze; a deleted step is absent."""
    out: dict[tuple[str, uuid.UUID], tuple[date, date | None]] = {}
    if milestone_ids:
        rows = await session.execute(select(Milestone.id, Milestone.due_date, Milestone.done_date)
                                     .where(Milestone.id.in_(milestone_ids)))
        out.update({("milestone", i): (due, done) for i, due, done in rows.all()})
    if node_ids:
        rows = await session.execute(select(SpecialActionNode.id, SpecialActionNode.due_date,
                                            SpecialActionNode.done_date).where(SpecialActionNode.id.in_(node_ids)))
        out.update({("action_node", i): (due, done) for i, due, done in rows.all()})
    return out


# ---- baselines ----------------------------------------------------------------------------------

async def insert_baseline(session: AsyncSession, values: dict[str, Any]) -> Baseline | None:
    """One baseline per year and quarter, even when two callers race: the loser inserts nothing."""
    stmt = (insert(Baseline).values(**values)
            .on_conflict_do_nothing(constraint="uq_battle_map_baselines_year_quarter").returning(Baseline.id))
    new_id = await session.scalar(stmt)
    return None if new_id is None else await session.get(Baseline, new_id)


async def baseline_for(session: AsyncSession, year: int, quarter: int) -> Baseline | None:
    return await session.scalar(select(Baseline).where(Baseline.year == year, Baseline.quarter == quarter))


async def get_baseline(session: AsyncSession, baseline_id: uuid.UUID) -> Baseline | None:
    return await session.get(Baseline, baseline_id)


async def list_baselines(
    session: AsyncSession, year: int | None, offset: int, limit: int
) -> tuple[list[Baseline], int]:
    stmt = select(Baseline)
    if year is not None:
        stmt = stmt.where(Baseline.year == year)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(stmt.order_by(Baseline.year.desc(), Baseline.quarter.desc())
                                 .offset(offset).limit(limit))
    return list(rows), int(total or 0)


def _item_scope(principal: Principal) -> ColumnElement[bool]:
    """A frozen step is visible to whoever sees its task or action today, to its
    frozen lead unit, and to the special group of its frozen environment."""
    if principal.sees_everything:
        return true()
    conditions: list[ColumnElement[bool]] = [
        BaselineItem.task_id.in_(select(Task.id).where(task_scope(principal))),
        BaselineItem.action_id.in_(select(SpecialAction.id).where(action_scope(principal))),
    ]
    if principal.unit_id is not None:
        conditions.append(BaselineItem.lead_unit_id == principal.unit_id)
    if principal.has_any(GROUP_LEAD) and principal.environment:
        conditions.append(BaselineItem.environment == principal.environment)
    return or_(*conditions)


async def baseline_items(
    session: AsyncSession, principal: Principal, baseline_id: uuid.UUID, environment: str | None
) -> list[BaselineItem]:
    stmt = select(BaselineItem).where(BaselineItem.baseline_id == baseline_id, _item_scope(principal))
    if environment is not None:
        stmt = stmt.where(BaselineItem.environment == environment)
    return list(await session.scalars(stmt))
