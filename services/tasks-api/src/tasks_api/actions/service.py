"""Special actions (专项行动, "12+N"): creating and editing them, their nodes
and linked tasks, and presenting one action's page with its rolled-up
progress and warning (actions/rules.py). Never commits."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem, conflict, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.actions import permissions, rules
from tasks_api.ledger import rules as ledger_rules
from tasks_api.actions import repository as repo
from tasks_api.actions.models import (
    SpecialAction,
    SpecialActionMeasure,
    SpecialActionNode,
    SpecialActionTask,
    SpecialActionUnit,
)
from tasks_api.actions.schemas import (
    ActionCounts,
    ActionNodeRead,
    LinkedTask,
    NodeComplete,
    NodeIn,
    NodeUpdate,
    SpecialActionCreate,
    SpecialActionList,
    SpecialActionPage,
    SpecialActionSummary,
    SpecialActionUpdate,
)
from tasks_api.audit.models import AuditLog
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.models import Task
from tasks_api.plans.models import Plan

# ---- presenting ---------------------------------------------------------------------------------


def _present(
    action: SpecialAction, ctx: LedgerContext, tasks: dict[uuid.UUID, tuple[Task, Plan]], plans: dict[int, Plan]
) -> SpecialActionPage:
    plan = plans.get(action.year)
    warning_days = plan.warning_days if plan else rules.DEFAULT_WARNING_DAYS
    linked: list[LinkedTask] = []
    for task, task_plan in sorted((tasks[link.task_id] for link in action.task_links if link.task_id in tasks),
                                  key=lambda tp: tp[0].code):
        evaluation = ctx.evaluate(task, task_plan)
        linked.append(LinkedTask(
            code=task.code, title=task.title, environment=task.environment, lead_unit=ctx.unit_ref(task.lead_unit_id),
            deadline=task.deadline, continuous=task.continuous, status=task.status, progress=task.progress,
            warning=evaluation.warning, warning_reasons=evaluation.reasons,
        ))
    nodes = sorted(action.nodes, key=lambda n: (n.due_date, n.seq))
    result = rules.rollup(nodes, [rules.TaskState(t.code, t.progress, t.warning) for t in linked],
                          as_of=ctx.as_of, calendar=ctx.calendar, warning_days=warning_days)
    window = ledger_rules.warning_horizon(ctx.as_of, ctx.calendar, warning_days)
    node_reads = [ActionNodeRead(id=n.id, seq=n.seq, title=n.title, due_date=n.due_date, done_date=n.done_date,
                                 evidence=n.evidence, state=rules.node_state(n, ctx.as_of, window)) for n in nodes]
    counts = ActionCounts(
        team_units=len(action.team), measures=len(action.measures), nodes=len(nodes),
        nodes_done=sum(1 for n in nodes if n.done_date is not None),
        nodes_overdue=sum(1 for n in node_reads if n.state == "overdue"),
        tasks=len(linked), tasks_completed=sum(1 for t in linked if t.status == "completed"),
        tasks_red=sum(1 for t in linked if t.warning == "red"),
        tasks_yellow=sum(1 for t in linked if t.warning == "yellow"),
    )
    return SpecialActionPage(
        id=action.id, code=action.code, year=action.year, kind=action.kind, name=action.name,
        leading_official=action.leading_official, lead_unit=ctx.unit_ref(action.lead_unit_id),
        environment=action.environment, progress=result.progress, task_progress=result.task_progress,
        node_progress=result.node_progress, warning=result.warning, warning_reasons=result.reasons, counts=counts,
        goal=action.goal, team=[ref for u in action.team if (ref := ctx.unit_ref(u.unit_id))],
        measures=[m.content for m in action.measures], nodes=node_reads, tasks=linked, as_of=ctx.as_of,
        calendar_notices=ctx.notices([action.year]), created_at=action.created_at, updated_at=action.updated_at,
    )


async def _pages(session: AsyncSession, actions: list[SpecialAction], ctx: LedgerContext) -> list[SpecialActionPage]:
    task_ids = list({link.task_id for a in actions for link in a.task_links})
    tasks = {t.id: (t, p) for t, p in await repo.tasks_by_ids(session, task_ids)}
    plans = await repo.plans_by_year(session, {a.year for a in actions})
    return [_present(a, ctx, tasks, plans) for a in actions]


async def list_actions(
    session: AsyncSession, principal: Principal, *, year: int | None, kind: str | None, environment: str | None,
    warning: str | None, offset: int, limit: int, ctx: LedgerContext,
) -> SpecialActionList:
    # Warnings depend on as_of, so they are computed for the filtered set; counts come before the warning filter.
    pages = await _pages(session, await repo.listing(session, principal, year, kind, environment), ctx)
    counts = {"city": 0, "extra": 0, "red": 0, "yellow": 0, "none": 0}
    for p in pages:
        counts[p.kind] += 1
        counts[p.warning] += 1
    if warning:
        pages = [p for p in pages if p.warning == warning]
    items = [SpecialActionSummary.model_validate(p.model_dump(include=set(SpecialActionSummary.model_fields)))
             for p in pages[offset:offset + limit]]
    return SpecialActionList(items=items, total=len(pages), page=offset // limit + 1, page_size=limit,
                             as_of=ctx.as_of, counts=counts)


async def require_action(
    session: AsyncSession, principal: Principal, code: str, *, for_update: bool = False
) -> SpecialAction:
    action = await repo.get_by_code(session, principal, code, for_update=for_update)
    if action is None:
        raise not_found("专项行动")
    return action


async def detail(session: AsyncSession, principal: Principal, code: str, ctx: LedgerContext) -> SpecialActionPage:
    return (await _pages(session, [await require_action(session, principal, code)], ctx))[0]


# ---- history ------------------------------------------------------------------------------------

def _jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID | date):
        return str(value)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _record(session: AsyncSession, actor: Principal, action: SpecialAction, what: str, **detail: Any) -> None:
    audit.record(session, AuditLog, action=what, entity_type="special_action", entity_id=action.id, actor=actor,
                 detail={k: _jsonable(v) for k, v in detail.items()})


def _snapshot(action: SpecialAction, fields: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in fields:
        if name == "team_unit_ids":
            out[name] = [str(u.unit_id) for u in action.team]
        elif name == "measures":
            out[name] = [m.content for m in action.measures]
        else:
            out[name] = _jsonable(getattr(action, name))
    return out


async def history(session: AsyncSession, principal: Principal, code: str, offset: int, limit: int):
    action = await require_action(session, principal, code)
    return await audit.list_entries(session, AuditLog, {"entity_type": "special_action", "entity_id": str(action.id)},
                                    offset=offset, limit=limit)


# ---- creating and editing -----------------------------------------------------------------------

def _check_units(ctx: LedgerContext, unit_ids: list[uuid.UUID]) -> None:
    unknown = [str(u) for u in unit_ids if u not in ctx.units]
    if unknown:
        raise Problem(422, "special_actions.unit_unknown", "单位不存在",
                      f"以下单位不在单位目录中：{'、'.join(unknown)}。",
                      errors=[{"field": "lead_unit_id/team_unit_ids", "code": "unknown_unit", "message": "单位不存在"}])


async def _next_code(session: AsyncSession, year: int) -> str:
    prefix = f"ZX-{year}-"
    numbers = [int(c.rsplit("-", 1)[1]) for c in await repo.codes_with_prefix(session, prefix)]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def _apply(action: SpecialAction, changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        if key == "team_unit_ids":
            # The lead unit leads the team; listing it again as a member adds nothing.
            ids = [u for u in dict.fromkeys(value) if u != action.lead_unit_id]
            action.team = [SpecialActionUnit(unit_id=u, position=i) for i, u in enumerate(ids)]
        elif key == "measures":
            action.measures = [SpecialActionMeasure(seq=i, content=m) for i, m in enumerate(value)]
        else:
            setattr(action, key, value)
    if "lead_unit_id" in changes:
        action.team = [u for u in action.team if u.unit_id != action.lead_unit_id]


def _new_nodes(action: SpecialAction, items: list[NodeIn]) -> list[SpecialActionNode]:
    start = max((n.seq for n in action.nodes), default=-1) + 1
    return [SpecialActionNode(seq=start + i, title=n.title, due_date=n.due_date) for i, n in enumerate(items)]


async def create(session: AsyncSession, actor: Principal, data: SpecialActionCreate, ctx: LedgerContext) -> str:
    permissions.require_plan(actor, data.environment)
    _check_units(ctx, [data.lead_unit_id, *(data.team_unit_ids or [])])
    code = data.code or await _next_code(session, data.year)
    if await repo.code_exists(session, code):
        raise conflict("special_actions.code_taken", f"专项行动编号 {code} 已存在。")
    action = SpecialAction(code=code, year=data.year, team=[], measures=[], nodes=[], task_links=[])
    fields = data.model_dump(include=set(SpecialActionUpdate.model_fields))
    fields["team_unit_ids"] = fields["team_unit_ids"] or []
    fields["measures"] = fields["measures"] or []
    _apply(action, fields)
    action.nodes = _new_nodes(action, data.nodes)
    session.add(action)
    await session.flush()
    if data.task_codes:
        await _link(session, actor, action, data.task_codes)
    _record(session, actor, action, "special_action.create", after=_snapshot(action, sorted(fields)),
            nodes=[{"title": n.title, "due_date": n.due_date} for n in data.nodes], task_codes=data.task_codes)
    return code


async def update(
    session: AsyncSession, actor: Principal, code: str, data: SpecialActionUpdate, ctx: LedgerContext
) -> None:
    action = await require_action(session, actor, code, for_update=True)
    permissions.require_plan(actor, action.environment)
    changes = data.model_dump(exclude_unset=True)
    if "environment" in changes:
        # A special group cannot hand its action to another environment (or to none).
        permissions.require_plan(actor, changes["environment"])
    _check_units(ctx, [u for u in (changes.get("lead_unit_id"),) if u] + list(changes.get("team_unit_ids") or []))
    fields = sorted(changes)
    before = _snapshot(action, fields)
    _apply(action, changes)
    await session.flush()
    _record(session, actor, action, "special_action.update", before=before, after=_snapshot(action, fields))


# ---- nodes --------------------------------------------------------------------------------------

async def add_nodes(session: AsyncSession, actor: Principal, code: str, items: list[NodeIn]) -> None:
    action = await require_action(session, actor, code, for_update=True)
    permissions.require_plan(actor, action.environment)
    action.nodes.extend(_new_nodes(action, items))
    await session.flush()
    _record(session, actor, action, "special_action.node_add",
            after=[{"title": n.title, "due_date": n.due_date} for n in items])


def _node(action: SpecialAction, node_id: uuid.UUID) -> SpecialActionNode:
    node = next((n for n in action.nodes if n.id == node_id), None)
    if node is None:
        raise not_found("节点")
    return node


async def update_node(
    session: AsyncSession, actor: Principal, code: str, node_id: uuid.UUID, data: NodeUpdate
) -> None:
    action = await require_action(session, actor, code, for_update=True)
    permissions.require_plan(actor, action.environment)
    node = _node(action, node_id)
    changes = data.model_dump(exclude_unset=True)
    before = {k: getattr(node, k) for k in changes}
    for key, value in changes.items():
        setattr(node, key, value)
    await session.flush()
    _record(session, actor, action, "special_action.node_update", node=node.title, before=before, after=changes)


async def delete_node(session: AsyncSession, actor: Principal, code: str, node_id: uuid.UUID) -> None:
    action = await require_action(session, actor, code, for_update=True)
    permissions.require_plan(actor, action.environment)
    node = _node(action, node_id)
    action.nodes.remove(node)
    await session.flush()
    _record(session, actor, action, "special_action.node_delete",
            before={"title": node.title, "due_date": node.due_date, "done_date": node.done_date})


async def complete_node(
    session: AsyncSession, actor: Principal, code: str, node_id: uuid.UUID, data: NodeComplete, ctx: LedgerContext
) -> None:
    action = await require_action(session, actor, code, for_update=True)
    permissions.require_run(actor, action)
    node = _node(action, node_id)
    if data.done_date > ctx.as_of:
        raise Problem(422, "special_actions.future_done_date", "完成日期有误", "完成日期不能晚于今天。",
                      errors=[{"field": "done_date", "code": "future", "message": "不能晚于今天"}])
    before = {"done_date": node.done_date, "evidence": node.evidence}
    node.done_date, node.evidence = data.done_date, data.evidence
    await session.flush()
    _record(session, actor, action, "special_action.node_complete", node=node.title, before=before,
            after={"done_date": data.done_date, "evidence": data.evidence})


# ---- linked tasks -------------------------------------------------------------------------------

async def _link(session: AsyncSession, actor: Principal, action: SpecialAction, codes: list[str]) -> None:
    """A task may be linked when the caller sees it in the ledger or when one of
    the action's units (lead or team) leads it or is responsible for it. Tasks
    already linked are on the action's page, so naming them again is a conflict."""
    found = await repo.tasks_by_codes(session, codes)
    linked = {link.task_id for link in action.task_links}
    visible = linked | await repo.visible_task_ids(session, actor, [t.id for t, _ in found.values()])
    team = {action.lead_unit_id, *(u.unit_id for u in action.team)}
    missing = [c for c in codes if c not in found or not (
        found[c][0].id in visible
        or found[c][0].lead_unit_id in team
        or any(tu.unit_id in team for tu in found[c][0].responsible_units))]
    if missing:
        raise Problem(404, "not_found", "任务不存在", f"未找到任务 {'、'.join(missing)}，或您无权关联。")
    wrong_year = [c for c in codes if found[c][1].year != action.year]
    if wrong_year:
        raise Problem(422, "special_actions.task_year_mismatch", "任务年度不符",
                      f"任务 {'、'.join(wrong_year)} 不属于 {action.year} 年度计划，不能关联到本行动。")
    already = [c for c in codes if found[c][0].id in linked]
    if already:
        raise conflict("special_actions.task_already_linked", f"任务 {'、'.join(already)} 已关联到本行动。")
    action.task_links.extend(SpecialActionTask(task_id=found[c][0].id) for c in codes)
    await session.flush()


async def link_tasks(session: AsyncSession, actor: Principal, code: str, codes: list[str]) -> None:
    action = await require_action(session, actor, code, for_update=True)
    permissions.require_run(actor, action)
    await _link(session, actor, action, codes)
    _record(session, actor, action, "special_action.task_link", task_codes=codes)


async def unlink_task(session: AsyncSession, actor: Principal, code: str, task_code: str) -> None:
    action = await require_action(session, actor, code, for_update=True)
    permissions.require_run(actor, action)
    found = await repo.tasks_by_codes(session, [task_code])
    link = next((lk for lk in action.task_links if task_code in found and lk.task_id == found[task_code][0].id), None)
    if link is None:
        raise Problem(404, "not_found", "关联不存在", f"任务 {task_code} 未关联到本行动。")
    action.task_links.remove(link)
    await session.flush()
    _record(session, actor, action, "special_action.task_unlink", task_code=task_code)
