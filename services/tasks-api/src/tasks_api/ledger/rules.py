"""The ledger's rules, in one place so lists, details, counts, notices and
exports give the same answer (docs/ledger.md explains them for people).

Progress rollup
    n milestones, d of them done → milestone progress = round(100·d/n).
    A task's progress = max(milestone progress, latest approved reported %),
    capped at 99 while a milestone is open; no milestones → the reported %.
Status
    continuous tasks are ``ongoing``; 100 % → ``completed``; any progress or
    a done milestone → ``in_progress``; else ``not_started``.
Warnings, as of a business date (Asia/Shanghai)
    red     an open milestone, or the deadline of an unfinished task, is before as_of;
    yellow  one of them falls within ``warning_days`` working days (as_of itself
            included), or progress trails the milestone schedule by more than
            ``lag_tolerance`` points;
    none    otherwise, and always for completed tasks.
Schedule (expected progress)
    the schedule's points are the milestones' due dates, plus the deadline when
    it is later than the last milestone; point k of n is worth k/n of 100 %;
    from the plan's start (1 January) or the previous point to the next one,
    expected progress rises linearly; after the last point it is 100 %. A task
    without milestones has no schedule to lag (its deadline still warns).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from reform_common.workdays import WorkingCalendar


class MilestoneLike(Protocol):
    title: str
    due_date: date
    done_date: date | None


@dataclass(frozen=True)
class Evaluation:
    warning: str  # none / yellow / red
    reasons: list[str] = field(default_factory=list)
    expected_progress: int | None = None


def rollup_progress(milestones: Sequence[MilestoneLike], reported: int | None) -> int:
    if not milestones:
        return reported or 0
    done = sum(1 for m in milestones if m.done_date is not None)
    progress = max(round(100 * done / len(milestones)), reported or 0)
    return progress if done == len(milestones) else min(progress, 99)


def derive_status(continuous: bool, milestones: Sequence[MilestoneLike], progress: int) -> str:
    if continuous:
        return "ongoing"
    if progress >= 100:
        return "completed"
    if progress > 0 or any(m.done_date for m in milestones):
        return "in_progress"
    return "not_started"


def expected_progress(
    milestones: Sequence[MilestoneLike], deadline: date | None, year: int, as_of: date
) -> int | None:
    points = sorted(m.due_date for m in milestones)
    if not points:
        return None
    if deadline is not None and deadline > points[-1]:
        points.append(deadline)
    start = date(year, 1, 1)
    share = 100 / len(points)
    previous_date, previous_value = start, 0.0
    for k, due in enumerate(points, start=1):
        if as_of <= due:
            span = max((due - previous_date).days, 1)
            fraction = max(as_of - previous_date, timedelta(0)).days / span
            return round(previous_value + fraction * (k * share - previous_value))
        previous_date, previous_value = due, k * share
    return 100


def warning_horizon(as_of: date, calendar: WorkingCalendar, warning_days: int) -> date:
    """Open items due before this day are "within ``warning_days`` working days" of as_of (as_of included)."""
    return calendar.add_working_days(as_of, warning_days + 1)


def warning_horizons(as_of: date, calendar: WorkingCalendar, most: int) -> dict[int, date]:
    """:func:`warning_horizon` for every warning_days from 1 to ``most``, in one walk over the days."""
    horizons: dict[int, date] = {}
    day, counted = as_of, 0
    while counted <= most:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
            if counted > 1:
                horizons[counted - 1] = day
    return horizons


def due_warning(due: date, as_of: date, calendar: WorkingCalendar, warning_days: int) -> str:
    """The warning of one open item due on ``due`` (a deadline, a rectification): red / yellow / none."""
    if due < as_of:
        return "red"
    return "yellow" if due < warning_horizon(as_of, calendar, warning_days) else "none"


def evaluate(
    *,
    status: str,
    progress: int,
    deadline: date | None,
    milestones: Sequence[MilestoneLike],
    as_of: date,
    calendar: WorkingCalendar,
    warning_days: int,
    lag_tolerance: int,
    year: int,
) -> Evaluation:
    expected = expected_progress(milestones, deadline, year, as_of)
    if status == "completed":
        return Evaluation("none", [], expected)
    soon_before = warning_horizon(as_of, calendar, warning_days)
    red: list[str] = []
    yellow: list[str] = []
    for m in milestones:
        if m.done_date is not None:
            continue
        if m.due_date < as_of:
            red.append(f"节点「{m.title}」已逾期（应于 {m.due_date.isoformat()} 完成）")
        elif m.due_date < soon_before:
            yellow.append(f"节点「{m.title}」将于 {m.due_date.isoformat()} 到期")
    if deadline is not None:
        if deadline < as_of:
            red.append(f"任务已超过完成时限 {deadline.isoformat()}")
        elif deadline < soon_before:
            yellow.append(f"任务完成时限 {deadline.isoformat()} 临近")
    if red:
        return Evaluation("red", red + yellow, expected)
    if expected is not None and progress < expected - lag_tolerance:
        yellow.append(f"进度 {progress}% 落后于节点计划（应达 {expected}%）")
    return Evaluation("yellow" if yellow else "none", yellow, expected)
