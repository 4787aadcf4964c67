"""Ledger rules: presenting tasks with their warnings, creating and editing
tasks and milestones, and the task's timeline. Never commits."""

from __future__ import annotations

import uuid
from collections import namedtuple
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter
from reform_common import audit
from reform_common.auth import REFORM_OFFICE, SERVICE, Principal
from reform_common.db import DirectReader
from reform_common.errors import Problem, conflict, not_found
from reform_common.workdays import WorkingCalendar
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.ledger import permissions, rules
from tasks_api.ledger import repository as repo
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.models import Milestone, Task, TaskUnit
from tasks_api.ledger.repository import TaskFilters
from tasks_api.ledger.schemas import (
    ADJUSTED_FIELDS,
    FromClusterCreate,
    MilestoneComplete,
    MilestoneIn,
    MilestoneRead,
    MilestoneUpdate,
    ReportBrief,
    TaskCreate,
    TaskList,
    TaskRead,
    TaskUpdate,
)
from tasks_api.plans import repository as plans_repo
from tasks_api.plans import service as plans
from tasks_api.plans.models import Plan
from tasks_api.plans.schemas import PlanCreate
from tasks_api.reports import repository as reports_repo
from tasks_api.reports.models import ProgressReport

ENVIRONMENT_PREFIX = {
    "gov_service": "ZW", "rule_of_law": "FZ", "market": "SC", "economic_ecology": "JJ", "humanistic": "RW",
    "entrepreneurship": "CY",
}
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))
QUARTER_TITLES = ("一季度节点", "二季度节点", "三季度节点", "四季度节点")
# Every warning_days a plan may have: 1 … the schema's bound.
PLAN_WARNING_DAYS = range(1, next(m.le for m in PlanCreate.model_fields["warning_days"].metadata
                                  if getattr(m, "le", None) is not None) + 1)


# ---- presenting ---------------------------------------------------------------------------------

# As FastAPI writes a response_model (the list writes its own, see _answer).
_TASK_LIST = TypeAdapter(TaskList)


def _milestone_state(m: Milestone, ctx: LedgerContext, warning_days: int) -> str:
    if m.done_date is not None:
        return "done"
    if m.due_date < ctx.as_of:
        return "overdue"
    if m.due_date < rules.warning_horizon(ctx.as_of, ctx.calendar, warning_days):
        return "due_soon"
    return "open"


def present(task: Task, plan: Plan, ctx: LedgerContext, latest: ProgressReport | None) -> TaskRead:
    evaluation = ctx.evaluate(task, plan)
    return TaskRead(
        id=task.id, code=task.code, year=plan.year, seq=task.seq, title=task.title, measures=task.measures,
        goal=task.goal, environment=task.environment, special_group=task.special_group, category=task.category,
        benchmark_class=task.benchmark_class, benchmark_city=task.benchmark_city,
        lead_unit=ctx.unit_ref(task.lead_unit_id),
        responsible_units=[ref for tu in task.responsible_units if (ref := ctx.unit_ref(tu.unit_id))],
        leading_official=task.leading_official, contact_name=task.contact_name, contact_phone=task.contact_phone,
        deadline=task.deadline, continuous=task.continuous, lifecycle_stage=task.lifecycle_stage,
        status=task.status, progress=task.progress, expected_progress=evaluation.expected_progress,
        warning=evaluation.warning, warning_reasons=evaluation.reasons, indicator_codes=task.indicator_codes,
        source=task.source, source_ref=task.source_ref, linked_cases=list(task.linked_cases or []), tags=task.tags,
        milestones=[
            MilestoneRead(id=m.id, seq=m.seq, title=m.title, quarter=m.quarter, due_date=m.due_date,
                          done_date=m.done_date, evidence=m.evidence,
                          state=_milestone_state(m, ctx, plan.warning_days))
            for m in task.milestones
        ],
        latest_report=None if latest is None else ReportBrief(
            id=latest.id, unit=ctx.unit_ref(latest.unit_id), period_start=latest.period_start,
            period_end=latest.period_end, progress=latest.progress, content=latest.content,
            status=latest.status, submitted_at=latest.submitted_at,
        ),
        updated_at=task.updated_at,
    )


async def evaluated(
    session: AsyncSession, principal: Principal, filters: TaskFilters, ctx: LedgerContext
) -> list[TaskRead]:
    """Every task matching the filters, presented with its warning as of ``ctx.as_of``."""
    rows = await repo.list_tasks(session, principal, filters)
    latest = await reports_repo.latest_by_task(session, [t.id for t, _ in rows])
    return [present(task, plan, ctx, latest.get(task.id)) for task, plan in rows]


# The list presents its page from the rows of its own statement through the same present(): these
# stand in for the ORM objects with the attributes present() and rules.evaluate() read.
_TaskRow = namedtuple("_TaskRow", [*repo.PAGE_TASK_COLUMNS, "milestones", "responsible_units"])
_PlanRow = namedtuple("_PlanRow", ["year", "warning_days", "lag_tolerance"])
_MilestoneRow = namedtuple("_MilestoneRow", repo.PAGE_MILESTONE_COLUMNS)
_TaskUnitRow = namedtuple("_TaskUnitRow", ["unit_id"])
_ReportRow = namedtuple("_ReportRow", repo.PAGE_REPORT_COLUMNS)
_TASK_FIELDS = slice(4, 4 + len(repo.PAGE_TASK_COLUMNS))  # after position, year, warning_days, lag_tolerance


def _present_row(row: tuple, ctx: LedgerContext) -> TaskRead:
    _, year, warning_days, lag_tolerance, *_ = row
    milestones, unit_ids, latest = row[-3:]
    task = _TaskRow(*row[_TASK_FIELDS], [_MilestoneRow(*m) for m in milestones or ()],
                    [_TaskUnitRow(u) for u in unit_ids or ()])
    return present(task, _PlanRow(year, warning_days, lag_tolerance), ctx,
                   None if latest is None else _ReportRow(*latest))


def _answer(page: repo.ListPage, ctx: LedgerContext, warning: str | None, offset: int, limit: int) -> bytes:
    """The TaskList JSON of a page. A page kept per snapshot (repository.list_page; its statement fixes as_of,
    the filters, the warning and the window) keeps its answer, written again only when the calendar or a unit of
    the directory changed: it depends on nothing else, and presenting 20 tasks and writing their JSON were most
    of a repeated request."""
    if page.presented:
        calendar, units, answer = page.presented
        if calendar is ctx.calendar and (units is ctx.units or len(units) == len(ctx.units) and all(
                ctx.units.get(unit_id) is unit for unit_id, unit in units.items())):
            return answer
    counts = {"red": 0, "yellow": 0, "none": 0}
    for level, _, n in page.groups:
        counts[level] += n
    shown = [(level, year, n) for level, year, n in page.groups if warning is None or level == warning]
    answer = _TASK_LIST.dump_json(TaskList(
        items=[_present_row(row, ctx) for row in page.rows], total=sum(n for _, _, n in shown),
        page=offset // limit + 1, page_size=limit, as_of=ctx.as_of, counts=counts,
        calendar_notices=ctx.notices(sorted({year for _, year, _ in shown})),
    ))
    page.presented[:] = [ctx.calendar, ctx.units, answer]
    return answer


@lru_cache(maxsize=64)
def _horizons(calendar: WorkingCalendar, as_of: date) -> dict[int, date]:
    """rules.warning_horizon for every warning_days a plan may have. Per calendar (a changed calendar
    is another object, see workcal.repository) and day: a walk over the days costs a millisecond."""
    return rules.warning_horizons(as_of, calendar, PLAN_WARNING_DAYS[-1])


async def list_tasks(
    reader: DirectReader, principal: Principal, filters: TaskFilters, warning: str | None, sort: str,
    offset: int, limit: int, ctx: LedgerContext,
) -> bytes:
    """The ledger list's answer as TaskList JSON; ``ctx`` read by ``reader`` (it brings the snapshot)."""
    # Warnings depend on as_of and the calendar. The database evaluates them for the whole
    # filtered set (counts cover that set before the warning filter), sorts and pages, and reads
    # the page's tasks with what they are presented with, by the same rules, in one statement.
    page = await repo.list_page(reader, principal, filters, ctx.as_of, _horizons(ctx.calendar, ctx.as_of),
                                warning, sort, offset, limit, ctx.snapshot)
    return _answer(page, ctx, warning, offset, limit)


async def require_task(
    session: AsyncSession, principal: Principal, code: str, *, for_update: bool = False
) -> tuple[Task, Plan]:
    found = await repo.get_by_code(session, principal, code, for_update=for_update)
    if found is None:
        raise not_found("任务")
    return found


async def detail(session: AsyncSession, principal: Principal, code: str, ctx: LedgerContext) -> TaskRead:
    task, plan = await require_task(session, principal, code)
    latest = await reports_repo.latest_by_task(session, [task.id])
    return present(task, plan, ctx, latest.get(task.id))


# ---- derived values -----------------------------------------------------------------------------

def refresh_derived(task: Task) -> None:
    task.progress = rules.rollup_progress(task.milestones, task.reported_progress)
    task.status = rules.derive_status(task.continuous, task.milestones, task.progress)


# ---- history ------------------------------------------------------------------------------------

def jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID | date):
        return str(value)
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def record(session: AsyncSession, actor: Principal | str, task: Task, action: str, **detail: Any) -> None:
    audit.record(session, AuditLog, action=action, entity_type="task", entity_id=task.id, actor=actor,
                 detail={k: jsonable(v) for k, v in detail.items()})


def snapshot(task: Task, fields: list[str]) -> dict[str, Any]:
    out = {}
    for name in fields:
        if name == "responsible_unit_ids":
            out[name] = [str(tu.unit_id) for tu in task.responsible_units]
        else:
            out[name] = jsonable(getattr(task, name))
    return out


# ---- creating and editing -----------------------------------------------------------------------

async def _check_units(ctx: LedgerContext, unit_ids: list[uuid.UUID]) -> None:
    unknown = [str(u) for u in unit_ids if u not in ctx.units]
    if unknown:
        raise Problem(422, "tasks.unit_unknown", "单位不存在", f"以下单位不在单位目录中：{'、'.join(unknown)}。",
                      errors=[{"field": "lead_unit_id/responsible_unit_ids", "code": "unknown_unit",
                               "message": "单位不存在"}])


async def next_code(session: AsyncSession, year: int, environment: str) -> str:
    prefix = f"{year}-{ENVIRONMENT_PREFIX[environment]}-"
    numbers = [int(c.rsplit("-", 1)[1]) for c in await repo.codes_with_prefix(session, prefix)]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def quarterly_milestones(year: int) -> list[MilestoneIn]:
    return [MilestoneIn(title=QUARTER_TITLES[q], due_date=date(year, m, d), quarter=q + 1)
            for q, (m, d) in enumerate(QUARTER_ENDS)]


def apply_fields(task: Task, changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        if key == "responsible_unit_ids":
            # Same unit listed as lead and responsible adds nothing.
            ids = [u for u in dict.fromkeys(value) if u != task.lead_unit_id]
            task.responsible_units = [TaskUnit(unit_id=u, position=i) for i, u in enumerate(ids)]
        else:
            setattr(task, key, value)
    if changes.get("continuous") is True:
        task.deadline = None


async def create(session: AsyncSession, actor: Principal, data: TaskCreate, ctx: LedgerContext,
                 *, authorized: bool = False) -> Task:
    """``authorized``: the caller's right was checked already (a service creating a task for a cluster)."""
    if not authorized and not actor.has_any(REFORM_OFFICE) and not (actor.environment == data.environment and
                                                                    actor.has_any("group_lead")):
        raise Problem(403, "forbidden", "无权操作", "只有改革办或所属专项小组可以新增任务。")
    plan = await plans.require(session, data.year)
    await _check_units(ctx, [data.lead_unit_id, *(data.responsible_unit_ids or [])])
    code = data.code or await next_code(session, data.year, data.environment)
    if await repo.code_exists(session, code):
        raise conflict("tasks.code_taken", f"任务编号 {code} 已存在。")
    task = Task(plan_id=plan.id, code=code, seq=await repo.max_seq(session, plan.id) + 1, source=data.source,
                continuous=bool(data.continuous), responsible_units=[], milestones=[])
    fields = data.model_dump(include={*TaskUpdate.model_fields, "lifecycle_stage"}, exclude_none=True)
    fields.setdefault("responsible_unit_ids", [])
    apply_fields(task, fields)
    milestones = data.milestones or (quarterly_milestones(plan.year) if data.quarterly_template else [])
    task.milestones = [Milestone(seq=i, title=m.title, due_date=m.due_date, quarter=m.quarter)
                       for i, m in enumerate(milestones)]
    refresh_derived(task)
    session.add(task)
    await session.flush()
    record(session, actor, task, "task.create", after=snapshot(task, sorted(fields)))
    return task


async def update(
    session: AsyncSession, actor: Principal, code: str, data: TaskUpdate, ctx: LedgerContext
) -> tuple[Task, Plan]:
    task, plan = await require_task(session, actor, code, for_update=True)
    permissions.require_manage(actor, task)
    changes = data.model_dump(exclude_unset=True)
    if plan.status == "published":
        frozen = sorted(ADJUSTED_FIELDS.intersection(changes))
        if frozen:
            raise Problem(
                409, "tasks.adjustment_required", "须走任务调整程序",
                "年度计划已发布，修改完成时限、责任单位或任务内容须提交任务调整申请，经改革办审核后生效。",
                errors=[{"field": f, "code": "adjustment_required", "message": "须提交任务调整"} for f in frozen],
            )
    await apply_changes(session, actor, task, changes, ctx, action="task.update")
    return task, plan


async def apply_changes(
    session: AsyncSession, actor: Principal | str, task: Task, changes: dict[str, Any], ctx: LedgerContext,
    action: str, **extra: Any,
) -> None:
    units = [u for u in (changes.get("lead_unit_id"),) if u] + list(changes.get("responsible_unit_ids") or [])
    await _check_units(ctx, units)
    continuous = changes.get("continuous", task.continuous)
    deadline = changes.get("deadline", None if changes.get("continuous") else task.deadline)
    if not continuous and deadline is None:
        raise Problem(422, "tasks.deadline_required", "缺少完成时限", "请填写完成时限，或标记为长期坚持/持续推进。")
    if continuous and changes.get("deadline") is not None:
        raise Problem(422, "tasks.deadline_with_continuous", "完成时限冲突", "持续推进的任务不设完成时限。")
    before = snapshot(task, sorted(changes))
    apply_fields(task, changes)
    refresh_derived(task)
    await session.flush()
    record(session, actor, task, action, before=before, after=snapshot(task, sorted(changes)), **extra)


async def history(session: AsyncSession, principal: Principal, code: str, offset: int, limit: int):
    task, _ = await require_task(session, principal, code)
    return await audit.list_entries(session, AuditLog, {"entity_type": "task", "entity_id": str(task.id)},
                                    offset=offset, limit=limit)


# ---- milestones ---------------------------------------------------------------------------------

async def add_milestones(
    session: AsyncSession, actor: Principal, code: str, items: list[MilestoneIn]
) -> tuple[Task, Plan]:
    task, plan = await require_task(session, actor, code, for_update=True)
    permissions.require_manage(actor, task)
    start = max((m.seq for m in task.milestones), default=-1) + 1
    for i, m in enumerate(items):
        task.milestones.append(Milestone(seq=start + i, title=m.title, due_date=m.due_date, quarter=m.quarter))
    refresh_derived(task)
    await session.flush()
    record(session, actor, task, "milestone.add", after=[{"title": m.title, "due_date": m.due_date} for m in items])
    return task, plan


async def apply_quarterly_template(session: AsyncSession, actor: Principal, code: str) -> None:
    task, plan = await require_task(session, actor, code)
    if task.milestones:
        raise conflict("milestones.exist", "该任务已有节点；季度模板只用于尚无节点的任务。")
    await add_milestones(session, actor, code, quarterly_milestones(plan.year))


async def _milestone(session: AsyncSession, actor: Principal, milestone_id: uuid.UUID):
    found = await repo.milestone_in_scope(session, actor, milestone_id)
    if found is None:
        raise not_found("节点")
    return found


async def update_milestone(
    session: AsyncSession, actor: Principal, milestone_id: uuid.UUID, data: MilestoneUpdate
) -> tuple[Task, Plan]:
    milestone, task, plan = await _milestone(session, actor, milestone_id)
    permissions.require_manage(actor, task)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    before = {k: getattr(milestone, k) for k in changes}
    for key, value in changes.items():
        setattr(milestone, key, value)
    await session.flush()
    record(session, actor, task, "milestone.update", milestone=milestone.title, before=before, after=changes)
    return task, plan


async def complete_milestone(
    session: AsyncSession, actor: Principal, milestone_id: uuid.UUID, data: MilestoneComplete, ctx: LedgerContext
) -> tuple[Task, Plan]:
    milestone, task, plan = await _milestone(session, actor, milestone_id)
    permissions.require_manage(actor, task)
    if data.done_date > ctx.as_of:
        raise Problem(422, "milestones.future_done_date", "完成日期有误", "完成日期不能晚于今天。",
                      errors=[{"field": "done_date", "code": "future", "message": "不能晚于今天"}])
    before = {"done_date": milestone.done_date, "evidence": milestone.evidence}
    milestone.done_date, milestone.evidence = data.done_date, data.evidence
    refresh_derived(task)
    await session.flush()
    record(session, actor, task, "milestone.complete", milestone=milestone.title, before=before,
           after={"done_date": data.done_date, "evidence": data.evidence}, progress=task.progress)
    return task, plan


# ---- 举一反三: a task from a feedback cluster -----------------------------------------------------

async def from_cluster(
    session: AsyncSession, actor: Principal, data: FromClusterCreate, ctx: LedgerContext
) -> tuple[Task, bool]:
    """The task of a feedback cluster: created once, found again by the cluster
    code on every retry (feedback-api calls first and records the link after,
    so a retry must give the same task). (task, whether it was created now)."""
    if not actor.has_any(REFORM_OFFICE, SERVICE):
        raise Problem(403, "forbidden", "无权操作", "举一反三任务由企业诉求服务或改革办创建。")
    await repo.lock_source_ref(session, "feedback_cluster", data.cluster_code)
    existing = await repo.by_source_ref(session, "feedback_cluster", data.cluster_code)
    if existing is not None:
        return existing, False
    if data.deadline < ctx.as_of:
        raise Problem(422, "tasks.deadline_past", "完成时限有误", "举一反三任务的完成时限不能早于今天。",
                      errors=[{"field": "deadline", "code": "past", "message": "不能早于今天"}])
    if await plans_repo.by_year(session, data.year) is None:
        raise Problem(422, "tasks.plan_missing", "缺少年度计划",
                      f"任务将列入 {data.year} 年度计划，但该计划尚未建立；请先建立 {data.year} 年度计划。",
                      errors=[{"field": "year", "code": "plan_missing", "message": f"{data.year} 年度计划不存在"}])
    task = await create(session, actor, TaskCreate(
        year=data.year, title=data.title, measures=data.measures, goal=data.goal, environment=data.environment,
        category=data.category, benchmark_class=data.benchmark_class, lead_unit_id=data.lead_unit_id,
        responsible_unit_ids=data.responsible_unit_ids, deadline=data.deadline, source="feedback_cluster",
        tags=data.tags or ["举一反三"],
    ), ctx, authorized=True)
    task.source_ref = data.cluster_code
    task.linked_cases = data.linked_cases
    await session.flush()
    record(session, actor, task, "task.from_cluster", cluster=data.cluster_code, linked_cases=data.linked_cases)
    return task, True
