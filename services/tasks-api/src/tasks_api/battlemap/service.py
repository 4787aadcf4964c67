"""The battle map (作战图): the year's timeline month by month, one month's
dispatch view, and quarterly baselines compared with today's dates
(battlemap/rules.py). Never commits."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import conflict, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.actions import service as actions
from tasks_api.audit.models import AuditLog
from tasks_api.battlemap import repository as repo
from tasks_api.battlemap import rules
from tasks_api.battlemap.models import Baseline, BaselineItem
from tasks_api.battlemap.repository import Step, StepFilters
from tasks_api.battlemap.schemas import (
    BaselineRead,
    Comparison,
    ComparisonItem,
    Dispatch,
    MapItem,
    StateCounts,
    Timeline,
    TimelineMonth,
    UnitDispatch,
    UnitSlippage,
)
from tasks_api.ledger.context import LedgerContext
from tasks_api.plans import repository as plans_repo
from tasks_api.plans import service as plans

SYSTEM_ACTOR = "system"
# Baselines freeze every step of the year, whoever asks for them.
EVERYTHING = Principal(subject="system:battle-map", username=SYSTEM_ACTOR, display_name="作战图基线",
                       roles=frozenset({"service"}), token_type="service")


def _item(step: Step, ctx: LedgerContext) -> MapItem:
    return MapItem(
        kind=step.kind, id=step.id, title=step.title, task_code=step.task_code, task_title=step.task_title,
        action_code=step.action_code, action_name=step.action_name, environment=step.environment,
        lead_unit_id=step.lead_unit_id, lead_unit=ctx.unit_ref(step.lead_unit_id), due_date=step.due_date,
        done_date=step.done_date, state=rules.item_state(step.due_date, step.done_date, ctx.as_of),
    )


def _counts(items: list[MapItem]) -> StateCounts:
    counts = dict.fromkeys(rules.STATES, 0)
    for i in items:
        counts[i.state] += 1
    return StateCounts(total=len(items), **counts)


async def _action_id(session: AsyncSession, principal: Principal, code: str | None) -> uuid.UUID | None:
    return None if code is None else (await actions.require_action(session, principal, code)).id


async def timeline(
    session: AsyncSession, principal: Principal, *, year: int, environment: str | None, special_action: str | None,
    ctx: LedgerContext,
) -> Timeline:
    action_id = await _action_id(session, principal, special_action)
    items = [_item(s, ctx) for s in await repo.steps(
        session, principal, StepFilters(year=year, environment=environment, action_id=action_id))]
    by_month: dict[int, list[MapItem]] = defaultdict(list)
    outside: list[MapItem] = []
    for item in items:
        if item.due_date.year == year:
            by_month[item.due_date.month].append(item)
        else:
            outside.append(item)
    return Timeline(
        year=year, as_of=ctx.as_of, environment=environment, special_action=special_action,
        months=[TimelineMonth(month=m, items=by_month[m], counts=_counts(by_month[m])) for m in range(1, 13)],
        outside_year=outside, counts=_counts(items), calendar_notices=ctx.notices([year]),
    )


def _month_bounds(month: str) -> tuple[date, date]:
    year, number = (int(p) for p in month.split("-"))
    first = date(year, number, 1)
    return first, date(year + number // 12, number % 12 + 1, 1)


async def dispatch(
    session: AsyncSession, principal: Principal, *, month: str, environment: str | None,
    special_action: str | None, ctx: LedgerContext,
) -> Dispatch:
    action_id = await _action_id(session, principal, special_action)
    first, after = _month_bounds(month)
    due = [_item(s, ctx) for s in await repo.steps(session, principal, StepFilters(
        due_from=first, due_before=after, environment=environment, action_id=action_id))]
    # Earlier steps still open are on the agenda too (已过期未完成的结转事项).
    carried = [_item(s, ctx) for s in await repo.steps(session, principal, StepFilters(
        due_before=min(first, ctx.as_of), open_only=True, environment=environment, action_id=action_id))]
    per_unit: dict[uuid.UUID, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item in due:
        unit = per_unit[item.lead_unit_id]
        unit["due"] += 1
        unit[item.state] += 1
    for item in carried:
        per_unit[item.lead_unit_id]["carried_over"] += 1
    by_unit = [
        UnitDispatch(unit_id=unit_id, unit=ctx.unit_ref(unit_id), due=c["due"], done=c["done"] + c["done_late"],
                     done_late=c["done_late"], overdue=c["overdue"], open=c["open"],
                     slipped=c["overdue"] + c["done_late"], carried_over=c["carried_over"])
        for unit_id, c in per_unit.items()
    ]
    by_unit.sort(key=lambda u: (-(u.slipped + u.carried_over), -u.due, u.unit.name if u.unit else str(u.unit_id)))
    states = _counts(due)
    counts = {
        "due": states.total, "done": states.done + states.done_late, "done_on_time": states.done,
        "done_late": states.done_late, "overdue": states.overdue, "open": states.open,
        "slipped": states.overdue + states.done_late, "carried_over": len(carried),
    }
    return Dispatch(month=month, as_of=ctx.as_of, environment=environment, special_action=special_action,
                    items=due, carried_over=carried, counts=counts, by_unit=by_unit,
                    calendar_notices=ctx.notices([first.year]))


# ---- baselines ----------------------------------------------------------------------------------

def baseline_read(baseline: Baseline) -> BaselineRead:
    return BaselineRead(id=baseline.id, year=baseline.year, quarter=baseline.quarter, taken_at=baseline.taken_at,
                        taken_by=baseline.taken_by, item_count=baseline.item_count)


async def _freeze(session: AsyncSession, year: int, quarter: int, actor: Principal | str) -> Baseline | None:
    """Takes the baseline unless one exists for the year and quarter (then None)."""
    baseline = await repo.insert_baseline(session, {
        "id": uuid.uuid4(), "year": year, "quarter": quarter, "item_count": 0,
        "taken_by": actor.username if isinstance(actor, Principal) else actor,
    })
    if baseline is None:
        return None
    everything = await repo.steps(session, EVERYTHING, StepFilters(year=year))
    baseline.item_count = len(everything)
    session.add_all([
        BaselineItem(baseline_id=baseline.id, kind=s.kind, item_id=s.id, title=s.title, task_id=s.task_id,
                     task_code=s.task_code, task_title=s.task_title, action_id=s.action_id,
                     action_code=s.action_code, action_name=s.action_name, lead_unit_id=s.lead_unit_id,
                     environment=s.environment, planned_due=s.due_date, done_date=s.done_date)
        for s in everything
    ])
    await session.flush()
    audit.record(session, AuditLog, action="battle_map.baseline", entity_type="battle_map_baseline",
                 entity_id=baseline.id, actor=actor, detail={"year": year, "quarter": quarter,
                                                             "items": len(everything)})
    return baseline


async def create_baseline(session: AsyncSession, actor: Principal, year: int, quarter: int) -> Baseline:
    await plans.require(session, year)
    baseline = await _freeze(session, year, quarter, actor)
    if baseline is None:
        raise conflict("battle_map.baseline_exists", f"{year} 年第 {quarter} 季度的基线已经生成，不能重复生成。")
    return baseline


async def ensure_quarter_baseline(session: AsyncSession, year: int, quarter: int) -> Baseline | None:
    """Idempotent: the year and quarter's baseline, taken now if it does not exist
    yet; None when the year has no plan. Safe for a daily job to call (for
    ``rules.quarter_of(today)``): the first run of a quarter freezes it."""
    if await plans_repo.by_year(session, year) is None:
        return None
    existing = await repo.baseline_for(session, year, quarter)
    if existing is not None:
        return existing
    # A concurrent caller may have taken it since: then its baseline is the one.
    return await _freeze(session, year, quarter, SYSTEM_ACTOR) or await repo.baseline_for(session, year, quarter)


async def require_baseline(session: AsyncSession, baseline_id: uuid.UUID) -> Baseline:
    baseline = await repo.get_baseline(session, baseline_id)
    if baseline is None:
        raise not_found("基线")
    return baseline


async def comparison(
    session: AsyncSession, principal: Principal, baseline_id: uuid.UUID, environment: str | None,
    ctx: LedgerContext,
) -> Comparison:
    baseline = await require_baseline(session, baseline_id)
    frozen = await repo.baseline_items(session, principal, baseline.id, environment)
    current = await repo.current_dates(session, [i.item_id for i in frozen if i.kind == "milestone"],
                                       [i.item_id for i in frozen if i.kind == "action_node"])
    items: list[ComparisonItem] = []
    for f in frozen:
        now = current.get((f.kind, f.item_id))
        current_due, done = now if now else (None, f.done_date)
        reasons = rules.slippage(f.planned_due, current_due, done, ctx.as_of)
        items.append(ComparisonItem(
            kind=f.kind, item_id=f.item_id, title=f.title, task_code=f.task_code, task_title=f.task_title,
            action_code=f.action_code, action_name=f.action_name, environment=f.environment,
            lead_unit_id=f.lead_unit_id, lead_unit=ctx.unit_ref(f.lead_unit_id), planned_due=f.planned_due,
            current_due=current_due, done_date=done,
            state="removed" if current_due is None else rules.item_state(current_due, done, ctx.as_of),
            moved_days=None if current_due is None else (current_due - f.planned_due).days,
            slip_reasons=reasons, slipped=bool(reasons), removed=current_due is None,
            note=rules.slip_note(f.planned_due, current_due, done, ctx.as_of, reasons),
        ))
    items.sort(key=lambda i: (not i.slipped, i.planned_due, i.task_code or i.action_code or "", i.title))
    by_unit: dict[uuid.UUID, UnitSlippage] = {}
    for i in items:
        u = by_unit.setdefault(i.lead_unit_id, UnitSlippage(
            unit_id=i.lead_unit_id, unit=i.lead_unit, planned=0, slipped=0, moved=0, done_late=0, open_past_plan=0,
            removed=0))
        u.planned += 1
        u.slipped += i.slipped
        u.removed += i.removed
        for reason in i.slip_reasons:
            setattr(u, reason, getattr(u, reason) + 1)
    frozen_keys = {(f.kind, f.item_id) for f in frozen}
    added = [_item(s, ctx) for s in await repo.steps(
        session, principal, StepFilters(year=baseline.year, environment=environment))
        if (s.kind, s.id) not in frozen_keys]
    counts = {
        "planned": len(items), "on_plan": sum(1 for i in items if not i.slipped and not i.removed),
        "slipped": sum(1 for i in items if i.slipped),
        **{r: sum(1 for i in items if r in i.slip_reasons) for r in ("moved", "done_late", "open_past_plan")},
        "removed": sum(1 for i in items if i.removed), "added": len(added),
    }
    return Comparison(
        baseline=baseline_read(baseline), as_of=ctx.as_of, environment=environment, counts=counts, items=items,
        by_unit=sorted(by_unit.values(), key=lambda u: (-u.slipped, u.unit.name if u.unit else str(u.unit_id))),
        added=added, calendar_notices=ctx.notices([baseline.year]),
    )
