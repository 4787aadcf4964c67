"""The battle map's rules, in one place (docs/special-actions-battle-map.md
says the same for people).

Items
    every dated step of the year: each ledger task's milestones and each
    special action's own time nodes. The year is the task's plan year or the
    action's year; the month is the due date's month.
State, as of a business date
    done       done on or before its due date;
    done_late  done after its due date;
    overdue    not done and its due date is before as_of (the ledger's red);
    open       otherwise.
    As in the ledger, a recorded done date counts whatever as_of is.
Slippage against a quarterly baseline (the planned due date frozen then)
    moved           the current due date is later than planned;
    done_late       done after the planned date (even if on time for a moved date);
    open_past_plan  not done and as_of is after the planned date;
    slipped = any of them. A step deleted since the baseline is ``removed``
    (counted apart; open_past_plan still applies to it when it was open).
"""

from __future__ import annotations

from datetime import date

STATES = ("done", "done_late", "overdue", "open")


def item_state(due: date, done: date | None, as_of: date) -> str:
    if done is not None:
        return "done" if done <= due else "done_late"
    return "overdue" if due < as_of else "open"


def slippage(planned_due: date, current_due: date | None, done: date | None, as_of: date) -> list[str]:
    reasons = []
    if current_due is not None and current_due > planned_due:
        reasons.append("moved")
    if done is not None and done > planned_due:
        reasons.append("done_late")
    if done is None and as_of > planned_due:
        reasons.append("open_past_plan")
    return reasons


def slip_note(planned_due: date, current_due: date | None, done: date | None, as_of: date,
              reasons: list[str]) -> str:
    parts = []
    if current_due is None:
        parts.append("基线之后该节点已被删除")
    if "moved" in reasons and current_due is not None:
        parts.append(f"计划日期 {planned_due.isoformat()} 已调整为 {current_due.isoformat()}"
                     f"（推迟 {(current_due - planned_due).days} 天）")
    if "done_late" in reasons and done is not None:
        parts.append(f"{done.isoformat()} 完成，晚于计划日期 {planned_due.isoformat()}")
    if "open_past_plan" in reasons:
        parts.append(f"计划 {planned_due.isoformat()} 完成，截至 {as_of.isoformat()} 仍未完成")
    return "；".join(parts) or "按计划推进"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1
