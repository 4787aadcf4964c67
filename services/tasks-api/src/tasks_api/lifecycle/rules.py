"""The lifecycle's transition table (生命周期): 需求分析 → 项目生成 → 进度跟踪 →
督察考评 → 成果固化 → 复制推广, one step forward at a time, plus two explicit
steps back that need a comment. Every transition names who may make it and
the guards the task must pass; docs/lifecycle-pilots-practices.md says the
same in words. Pure: the service gathers the facts, this module judges."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reform_common.auth import GROUP_LEAD, REFORM_OFFICE, Principal

from tasks_api.ledger import permissions
from tasks_api.ledger.models import Task

STAGE_NAMES = {
    "demand_analysis": "需求分析",
    "project_generation": "项目生成",
    "progress_tracking": "进度跟踪",
    "evaluation": "督察考评",
    "consolidation": "成果固化",
    "replication": "复制推广",
}


@dataclass(frozen=True)
class Facts:
    """What the guards look at besides the task row."""

    lead_unit_known: bool
    # An approved progress report at 100 % with at least one attachment (the evidence).
    evidence_report: bool
    best_practice: bool


@dataclass(frozen=True)
class Missing:
    code: str
    message: str


Guard = Callable[[Task, Facts], Missing | None]


def _measures(task: Task, facts: Facts) -> Missing | None:
    if task.measures and task.measures.strip():
        return None
    return Missing("measures_missing", "尚未填写具体举措")


def _lead_unit(task: Task, facts: Facts) -> Missing | None:
    return None if facts.lead_unit_known else Missing("lead_unit_missing", "牵头单位不在单位目录中，请先确定牵头单位")


def _schedule(task: Task, facts: Facts) -> Missing | None:
    if task.milestones or task.deadline is not None:
        return None
    return Missing("schedule_missing", "尚未设置节点或完成时限")


def _completed(task: Task, facts: Facts) -> Missing | None:
    if task.progress >= 100:
        return None
    return Missing("not_completed", f"任务进度为 {task.progress}%，须完成（100%）后方可督察考评")


def _evidence(task: Task, facts: Facts) -> Missing | None:
    if facts.evidence_report:
        return None
    return Missing("evidence_missing", "缺少经审核通过、进度 100% 且附有佐证材料的进展报送")


def _best_practice(task: Task, facts: Facts) -> Missing | None:
    return None if facts.best_practice else Missing("best_practice_missing", "尚未由该任务形成最佳实践案例")


def _office(principal: Principal, task: Task) -> bool:
    return principal.has_any(REFORM_OFFICE)


def _office_or_group(principal: Principal, task: Task) -> bool:
    return _office(principal, task) or (principal.has_any(GROUP_LEAD) and principal.environment == task.environment)


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    backward: bool
    who: str  # said to the caller when the role does not fit
    may: Callable[[Principal, Task], bool]
    guards: tuple[Guard, ...] = ()

    @property
    def comment_required(self) -> bool:
        # A step back undoes someone's judgement: the reason must be on record.
        return self.backward


TRANSITIONS: tuple[Transition, ...] = (
    Transition("demand_analysis", "project_generation", False, "改革办或所属专项小组", _office_or_group,
               (_measures, _lead_unit)),
    Transition("project_generation", "progress_tracking", False, "改革办、所属专项小组或牵头单位",
               permissions.manages, (_schedule,)),
    Transition("progress_tracking", "evaluation", False, "改革办或所属专项小组", _office_or_group, (_completed,)),
    Transition("evaluation", "consolidation", False, "改革办", _office, (_evidence,)),
    Transition("consolidation", "replication", False, "改革办", _office, (_best_practice,)),
    # 督察发现任务并未真正完成：退回进度跟踪。
    Transition("evaluation", "progress_tracking", True, "改革办或所属专项小组", _office_or_group),
    # 成果不足以固化：退回督察考评。
    Transition("consolidation", "evaluation", True, "改革办", _office),
)


def moves_from(stage: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == stage]


def find(source: str, target: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.target == target), None)


def missing(transition: Transition, task: Task, facts: Facts) -> list[Missing]:
    return [m for guard in transition.guards if (m := guard(task, facts)) is not None]


def role_refusal(transition: Transition) -> str:
    verb = "退回" if transition.backward else "推进到"
    return f"只有{transition.who}可以将任务从「{STAGE_NAMES[transition.source]}」{verb}「{STAGE_NAMES[transition.target]}」"
