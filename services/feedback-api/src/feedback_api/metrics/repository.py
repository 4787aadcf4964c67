"""The measures of case handling, computed in full from cases and events:
the one-time resolution metric (SL-05, indicators-api), the metrics summary,
and the league table (league/). Each returns counts — numerator and
denominator — for the whole selection or grouped by handling unit or by
district; formulas in docs/feedback-league.md. The same measures are kept as
counters by migration 0007 (its view ``case_rollup_contributions`` restates
them per case — change both together); ``rollups.service.counts`` chooses.

Attribution:
- case measures (volume, on-time closure, one-time resolution) go to the
  case's main unit (``cases.main_unit_id``) and its district;
- event measures (satisfaction, reopens) go to the unit whose reply was
  rated or reopened (the last ``replied`` event before it), else the main unit;
- acceptance (response) goes to the unit named in the assignment event.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, func, null, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from feedback_api.cases.models import Case, CaseEvent

Group = Literal["unit", "district", "month"] | None
# group key (a unit id, a district code, a month "YYYY-MM" in Shanghai time, or None for the whole
# selection) → (numerator, denominator). A case measure's month is that of the moment it is counted at
# (received for volume, last closed for the closing measures); an event measure's that of the event.
Counts = dict[Any, tuple[int, int]]
SATISFIED = ("satisfied", "basically_satisfied")


@dataclass(frozen=True)
class Selection:
    """What the measures are taken over: [start, end) and optional filters."""

    start: datetime
    end: datetime
    district: str | None = None  # GB/T 2260 code
    unit_id: uuid.UUID | None = None


def _case_filters(sel: Selection) -> list[ColumnElement[bool]]:
    conditions = []
    if sel.district is not None:
        conditions.append(Case.district_code == sel.district)
    if sel.unit_id is not None:
        conditions.append(Case.main_unit_id == sel.unit_id)
    return conditions


def month_of(moment: Any) -> ColumnElement[str]:
    """The Shanghai month (YYYY-MM) of a timestamptz column."""
    return func.to_char(func.timezone("Asia/Shanghai", moment), "YYYY-MM")


def _case_key(group: Group, counted_at: Any) -> ColumnElement[Any] | None:
    if group == "unit":
        return Case.main_unit_id
    if group == "district":
        return Case.district_code
    if group == "month":
        return month_of(counted_at)
    return None


def _grouped(key: ColumnElement[Any] | None, numerator: Any, denominator: Any) -> Select:
    """SELECT [key,] numerator, denominator [GROUP BY key]."""
    if key is None:
        return select(null(), numerator, denominator)
    return select(key, numerator, denominator).group_by(key)


async def _counts(session: AsyncSession, stmt: Select) -> Counts:
    """``stmt`` selects (key, numerator, denominator) rows; keys with nothing counted are left out."""
    return {key: (int(num or 0), int(den or 0)) for key, num, den in (await session.execute(stmt)).all()
            if den}


def _closed_in(sel: Selection) -> ColumnElement[bool]:
    """Cases whose last closing falls in the selection (the population of the closing measures)."""
    return and_(Case.status == "closed", Case.closed_at >= sel.start, Case.closed_at < sel.end)


def closed_once_condition(repeat_window: timedelta) -> ColumnElement[bool]:
    """Closed once: never reopened, and no live repeat (a case linked to it by ``repeat_of`` —
    suggested or confirmed, not dismissed — received within the window after its closing)."""
    later = aliased(Case)
    repeat = select(later.id).where(later.repeat_of_id == Case.id,
                                    later.received_at <= Case.closed_at + repeat_window).exists()
    return and_(Case.reopen_count == 0, ~repeat)


async def one_time_resolution(session: AsyncSession, sel: Selection, repeat_window: timedelta,
                              group: Group = None) -> Counts:
    """一次性化解率: (closed once, closed) per key."""
    stmt = _grouped(_case_key(group, Case.closed_at), func.count().filter(closed_once_condition(repeat_window)),
                    func.count())
    return await _counts(session, stmt.select_from(Case).where(_closed_in(sel), *_case_filters(sel)))


async def on_time_closure(session: AsyncSession, sel: Selection, group: Group = None) -> Counts:
    """按期办结率: (closed and answered by due_at, closed) per key."""
    on_time = and_(Case.replied_at.is_not(None), Case.replied_at <= Case.due_at)
    stmt = _grouped(_case_key(group, Case.closed_at), func.count().filter(on_time), func.count())
    return await _counts(session, stmt.select_from(Case).where(_closed_in(sel), *_case_filters(sel)))


async def volume(session: AsyncSession, sel: Selection, group: Group = None) -> Counts:
    """受理量: cases received in the selection, (n, n) per key."""
    stmt = _grouped(_case_key(group, Case.received_at), func.count(), func.count())
    return await _counts(session, stmt.select_from(Case).where(Case.received_at >= sel.start,
                                                               Case.received_at < sel.end, *_case_filters(sel)))


def _answering_unit(event: Any) -> ColumnElement[Any]:
    """The unit whose reply an event judges: the last reply before it, else the case's main unit."""
    reply = aliased(CaseEvent)
    last_reply = (select(reply.actor_unit_id)
                  .where(reply.case_id == event.case_id, reply.event == "replied", reply.id < event.id)
                  .order_by(reply.id.desc()).limit(1).scalar_subquery())
    return func.coalesce(last_reply, Case.main_unit_id)


def _judged_events(sel: Selection, events: tuple[str, ...], *extra: Callable[[Any], ColumnElement[bool]]):
    """Events in the selection, with the unit they are attributed to and the case's district."""
    e = aliased(CaseEvent)
    unit = _answering_unit(e)
    stmt = (select(e.id, e.detail, unit.label("unit_id"), Case.district_code.label("district"),
                   month_of(e.occurred_at).label("month"))
            .join(Case, Case.id == e.case_id)
            .where(e.event.in_(events), e.occurred_at >= sel.start, e.occurred_at < sel.end,
                   *[c(e) for c in extra]))
    if sel.district is not None:
        stmt = stmt.where(Case.district_code == sel.district)
    if sel.unit_id is not None:
        stmt = stmt.where(unit == sel.unit_id)
    return stmt.subquery()


def _sub_key(sub, group: Group) -> ColumnElement[Any] | None:
    if group == "unit":
        return sub.c.unit_id
    if group == "district":
        return sub.c.district
    if group == "month":
        return sub.c.month
    return None


async def satisfaction(session: AsyncSession, sel: Selection, group: Group = None) -> Counts:
    """满意率: ratings (closing or reopening with a satisfaction, by the enterprise or the follow-up)
    in the selection — (满意 + 基本满意, rated) per key."""
    sub = _judged_events(sel, ("closed", "reopened"), lambda e: e.detail.has_key("satisfaction"))
    satisfied = sub.c.detail["satisfaction"].astext.in_(SATISFIED)
    return await _counts(session, _grouped(_sub_key(sub, group), func.count().filter(satisfied), func.count())
                         .select_from(sub))


async def reopens(session: AsyncSession, sel: Selection, group: Group = None) -> Counts:
    """重办次数: reopenings in the selection, (n, n) per key."""
    sub = _judged_events(sel, ("reopened",))
    return await _counts(session, _grouped(_sub_key(sub, group), func.count(), func.count()).select_from(sub))


async def response(session: AsyncSession, sel: Selection, as_of: datetime, group: Group = None) -> Counts:
    """签收率: assignments made in the selection — (accepted within the acceptance limit, assignments
    that count). What ended an assignment is the next acceptance, return or reassignment of the case
    (up to ``as_of``). Not grouped by month. An assignment does not count while its limit has not passed unanswered, nor when
    the unit returned it within the limit (not its duty) or the dispatcher reassigned it within the limit."""
    if group == "month":
        raise ValueError("the response rate is not grouped by month")
    a, nxt = aliased(CaseEvent), aliased(CaseEvent)
    n = aliased(CaseEvent)
    next_id = (select(func.min(n.id))
               .where(n.case_id == a.case_id, n.id > a.id, n.event.in_(("accepted", "returned", "assigned")),
                      n.occurred_at <= as_of)
               .scalar_subquery())
    inner = (select(a.detail["unit_id"].astext.label("unit_id"), a.detail["accept_due_at"].astext.label("due"),
                    Case.district_code.label("district"), next_id.label("next_id"))
             .join(Case, Case.id == a.case_id)
             .where(a.event == "assigned", a.occurred_at >= sel.start, a.occurred_at < sel.end,
                    a.occurred_at <= as_of))
    if sel.district is not None:
        inner = inner.where(Case.district_code == sel.district)
    if sel.unit_id is not None:
        inner = inner.where(a.detail["unit_id"].astext == str(sel.unit_id))
    sub = inner.subquery()
    rows = await session.execute(select(sub.c.unit_id, sub.c.due, sub.c.district, nxt.event, nxt.occurred_at)
                                 .outerjoin(nxt, nxt.id == sub.c.next_id))
    totals: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, due_text, district, next_event, next_at in rows.all():
        if not unit_id or not due_text:
            continue
        due = datetime.fromisoformat(due_text)
        if next_event is None:
            counts, accepted = due <= as_of, False  # unanswered: counts once the limit has passed
        elif next_event == "accepted":
            counts, accepted = True, next_at <= due
        else:  # returned or reassigned: within the limit it does not count, after it it was late
            counts, accepted = next_at > due, False
        if not counts:
            continue
        key = uuid.UUID(unit_id) if group == "unit" else district if group == "district" else None
        totals[key][0] += int(accepted)
        totals[key][1] += 1
    return {k: (v[0], v[1]) for k, v in totals.items()}
