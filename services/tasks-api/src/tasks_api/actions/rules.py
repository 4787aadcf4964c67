"""How a special action rolls up, in one place (docs/special-actions-battle-map.md
says the same for people; the OpenAPI descriptions quote it).

Parts
    task part = the mean progress of the linked ledger tasks (each task's own
                progress as the ledger derives it);
    node part = 100 · (nodes done) / (nodes).
Progress
    round(the mean of the parts that exist); 0 when the action has neither
    linked tasks nor nodes. Each part is shown rounded beside it.
Warning, as of a business date (the ledger's calendar and its plan's
``warning_days``; 5 working days when the action's year has no plan)
    red     an open node's due date is before as_of, or a linked task is red;
    yellow  an open node falls due within ``warning_days`` working days (as_of
            included, exactly like a ledger milestone), or a linked task is yellow;
    none    otherwise.
Node state
    done (on or before its due date) / done_late / overdue (open, due before
    as_of) / due_soon (open, within the yellow window) / open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from reform_common.workdays import WorkingCalendar

from tasks_api.ledger import rules as ledger_rules

DEFAULT_WARNING_DAYS = 5


class NodeLike(Protocol):
    title: str
    due_date: date
    done_date: date | None


@dataclass(frozen=True)
class TaskState:
    code: str
    progress: int
    warning: str


@dataclass(frozen=True)
class Rollup:
    progress: int
    task_progress: int | None
    node_progress: int | None
    warning: str
    reasons: list[str] = field(default_factory=list)


def node_state(node: NodeLike, as_of: date, soon_before: date) -> str:
    if node.done_date is not None:
        return "done" if node.done_date <= node.due_date else "done_late"
    if node.due_date < as_of:
        return "overdue"
    if node.due_date < soon_before:
        return "due_soon"
    return "open"


def rollup(
    nodes: Sequence[NodeLike], tasks: Sequence[TaskState], *, as_of: date, calendar: WorkingCalendar,
    warning_days: int,
) -> Rollup:
    parts: list[float] = []
    task_part = node_part = None
    if tasks:
        task_part = sum(t.progress for t in tasks) / len(tasks)
        parts.append(task_part)
    if nodes:
        node_part = 100 * sum(1 for n in nodes if n.done_date is not None) / len(nodes)
        parts.append(node_part)
    progress = round(sum(parts) / len(parts)) if parts else 0

    window = ledger_rules.warning_horizon(as_of, calendar, warning_days)
    red: list[str] = []
    yellow: list[str] = []
    for n in nodes:
        state = node_state(n, as_of, window)
        if state == "overdue":
            red.append(f"节点「{n.title}」已逾期（应于 {n.due_date.isoformat()} 完成）")
        elif state == "due_soon":
            yellow.append(f"节点「{n.title}」将于 {n.due_date.isoformat()} 到期")
    for t in tasks:
        if t.warning == "red":
            red.append(f"关联任务 {t.code} 亮红牌")
        elif t.warning == "yellow":
            yellow.append(f"关联任务 {t.code} 亮黄牌")
    warning = "red" if red else "yellow" if yellow else "none"
    return Rollup(
        progress=progress,
        task_progress=None if task_part is None else round(task_part),
        node_progress=None if node_part is None else round(node_part),
        warning=warning, reasons=red + yellow,
    )
