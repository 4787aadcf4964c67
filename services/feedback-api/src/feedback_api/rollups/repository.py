"""The measures of :mod:`feedback_api.metrics.repository` read from the
rollups: sums of the monthly counters over the months of the selection, plus the
assignments still waiting for an answer counted live (whether they count
depends on the moment asked about). Same ``Counts`` as the full computation."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from reform_common.workdays import SHANGHAI
from sqlalchemy import func, null, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.metrics.repository import Counts, Group, Selection
from feedback_api.rollups.models import RollupConfig, RollupMonthly, RollupPending

# measure → (numerator counter, denominator counter)
MEASURES = {
    "volume": ("received", "received"),
    "on_time_closure": ("closed_on_time", "closed"),
    "one_time_resolution": ("closed_once", "closed"),
    "satisfaction": ("satisfied", "rated"),
    "reopens": ("reopens", "reopens"),
    "response": ("assignments_accepted", "assignments_counted"),
}
TRIGGERS = "case_rollup_cases_inserted, case_rollup_cases_updated, case_rollup_events_inserted, " \
           "case_rollup_events_changed"


async def flush(session: AsyncSession) -> None:
    """Apply this transaction's own pending rollup updates (deferred to commit) before reading them."""
    await session.execute(text(f"SET CONSTRAINTS {TRIGGERS} IMMEDIATE"))
    await session.execute(text(f"SET CONSTRAINTS {TRIGGERS} DEFERRED"))


async def newest(session: AsyncSession) -> datetime | None:
    """The latest moment any counter holds (received, closed, event, the answer to an assignment)."""
    return await session.scalar(select(func.max(RollupMonthly.last_at)))


async def window_days(session: AsyncSession) -> int | None:
    return await session.scalar(select(RollupConfig.repeat_window_days))


async def rebuild(session: AsyncSession, repeat_window_days: int) -> None:
    await session.execute(update(RollupConfig).values(repeat_window_days=repeat_window_days))
    await session.execute(text("SELECT feedback_rollups_rebuild()"))


def month_span(sel: Selection) -> tuple[date, date]:
    """The Shanghai months [first, after the last) covering the selection, as their first days. It starts
    at the start of a month; an end inside a month (an as_of) takes that whole month — the caller has
    checked that nothing counted is later."""
    start, end = sel.start.astimezone(SHANGHAI), sel.end.astimezone(SHANGHAI)
    if start.day != 1 or start.time() != time():
        raise ValueError("rollups are read from the start of a month")
    last = end.date().replace(day=1)
    if end.day == 1 and end.time() == time():
        return start.date(), last
    return start.date(), (last + timedelta(days=32)).replace(day=1)


def _key(group: Group) -> Any:
    d = RollupMonthly
    return {None: null(), "unit": d.unit_id, "district": d.district_code,
            "month": func.to_char(d.month, "YYYY-MM")}[group]


async def measures(session: AsyncSession, sel: Selection, group: Group, names: tuple[str, ...],
                   as_of: datetime | None = None) -> dict[str, Counts]:
    """The measures ``names`` per key; ``as_of`` (needed for the response rate) decides which waiting
    assignments count."""
    if "response" in names and (group == "month" or as_of is None):
        raise ValueError("the response rate needs as_of and is not grouped by month")
    d = RollupMonthly
    columns = sorted({c for n in names for c in MEASURES[n]})
    key = _key(group)
    first, after = month_span(sel)
    stmt = select(key, *(func.sum(getattr(d, c)) for c in columns)).where(d.month >= first, d.month < after)
    if sel.district is not None:
        stmt = stmt.where(d.district_code == sel.district)
    if sel.unit_id is not None:
        stmt = stmt.where(d.unit_id == sel.unit_id)
    if group is not None:
        stmt = stmt.group_by(key)
    sums = {row[0]: dict(zip(columns, (int(v or 0) for v in row[1:]), strict=True))
            for row in (await session.execute(stmt)).all()}
    out: dict[str, Counts] = {}
    for name in names:
        num, den = MEASURES[name]
        out[name] = {k: (v[num], v[den]) for k, v in sums.items()}
    if "response" in names:
        for k, late in (await _waiting(session, sel, group, as_of)).items():
            accepted, counted = out["response"].get(k, (0, 0))
            out["response"][k] = (accepted, counted + late)
    return {name: {k: v for k, v in counts.items() if v[1]} for name, counts in out.items()}


async def _waiting(session: AsyncSession, sel: Selection, group: Group, as_of: datetime) -> dict[Any, int]:
    """Assignments in the selection still unanswered whose acceptance limit has passed by ``as_of``."""
    p = RollupPending
    key = {None: null(), "unit": p.unit_id, "district": p.district_code}[group]
    stmt = select(key, func.count()).where(p.occurred_at >= sel.start, p.occurred_at < sel.end,
                                          p.occurred_at <= as_of, p.accept_due_at <= as_of)
    if sel.district is not None:
        stmt = stmt.where(p.district_code == sel.district)
    if sel.unit_id is not None:
        stmt = stmt.where(p.unit_id == sel.unit_id)
    if group is not None:
        stmt = stmt.group_by(key)
    return {k: int(n) for k, n in (await session.execute(stmt)).all()}
