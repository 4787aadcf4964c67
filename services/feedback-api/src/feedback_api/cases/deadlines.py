"""Deadlines in working days (DESIGN.md): N working days from the day of
receipt end at 23:59:59 Asia/Shanghai of the Nth working day after it; a
deadline is normal, approaching (due within the next
``approaching`` working days) or overdue."""

from __future__ import annotations

from datetime import datetime

from reform_common.workdays import SHANGHAI, WorkingCalendar

OPEN_STATUSES = ("received", "assigned", "accepted", "in_progress", "returned", "reopened")
DEADLINE_STATES = ("normal", "approaching", "overdue")


def shanghai_day(moment: datetime):
    return moment.astimezone(SHANGHAI).date()


def due_at(calendar: WorkingCalendar, start: datetime, working_days: int) -> datetime:
    return calendar.due_at(shanghai_day(start), working_days)


def extend(calendar: WorkingCalendar, due: datetime, working_days: int) -> datetime:
    """An extension moves the deadline by N working days from the current deadline's day."""
    return calendar.due_at(shanghai_day(due), working_days)


def approaching_until(calendar: WorkingCalendar, now: datetime, working_days: int) -> datetime:
    """Deadlines up to this moment count as approaching (from ``now`` on)."""
    return calendar.due_at(shanghai_day(now), working_days)


def state(status: str, due: datetime, replied_at: datetime | None, now: datetime, until: datetime) -> str:
    """Open cases against ``now``; answered ones by whether the reply came in time."""
    if status not in OPEN_STATUSES:
        return "overdue" if replied_at is not None and replied_at > due else "normal"
    if due < now:
        return "overdue"
    return "approaching" if due <= until else "normal"
