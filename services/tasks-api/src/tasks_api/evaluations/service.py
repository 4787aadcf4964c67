"""Evaluations (考评). Rules:

- a lead unit scores each responsible unit of a task it leads
  (``lead_on_responsible``); the reform office scores a task's lead unit
  (``office_on_lead``); per task and period (year, quarter or month);
- scores are given per rubric item (the plan's rubric, editable by the office;
  default 进度完成 40 / 工作成效 40 / 报送质量 20), each from 0 to the item's
  maximum; the total is their sum (0–100);
- one evaluation per task, period, evaluated unit and kind; its author's unit
  may correct it;
- rank rule (per plan, on by default): when the office scores a lead unit on a
  task linked to an indicator ranking in the national top N (default 10) or
  the provincial top M (default 1), the evaluation is full marks, ``auto``,
  with a reason naming indicator, period and rank. Ranks come from
  indicators-api, else from the ranks the office entered by hand.
Never commits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from reform_common import audit
from reform_common.auth import LEAD_UNIT, REFORM_OFFICE, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.evaluations import periods
from tasks_api.evaluations import repository as repo
from tasks_api.evaluations.models import Evaluation, EvaluationRubric, IndicatorRank
from tasks_api.evaluations.ranks import IndicatorRanks, RankPoint, pick
from tasks_api.evaluations.repository import EvaluationFilters
from tasks_api.evaluations.schemas import (
    EvaluationCreate,
    EvaluationRead,
    EvaluationUpdate,
    IndicatorRankIn,
    IndicatorRankRead,
    RankRuleItem,
    RankRuleResult,
    RankRuleRun,
    RubricItem,
    RubricRead,
    RubricUpdate,
)
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.models import Task
from tasks_api.plans import service as plans
from tasks_api.plans.models import Plan

DEFAULT_RUBRIC = (
    RubricItem(key="progress", name="进度完成", max_points=40),
    RubricItem(key="effect", name="工作成效", max_points=40),
    RubricItem(key="reporting", name="报送质量", max_points=20),
)
FRAMEWORK_NAMES = {"national": "国评", "provincial": "省晾晒"}


# ---- rubric -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rubric:
    items: list[RubricItem]
    rank_rule_enabled: bool = True
    national_top_n: int = 10
    provincial_top_n: int = 1

    def full_marks(self) -> dict[str, float]:
        return {i.key: i.max_points for i in self.items}


async def _rubric(session: AsyncSession, plan: Plan) -> tuple[Rubric, EvaluationRubric | None]:
    row = await repo.rubric(session, plan.id)
    if row is None:
        return Rubric(list(DEFAULT_RUBRIC)), None
    return Rubric([RubricItem(**i) for i in row.items], row.rank_rule_enabled, row.national_top_n,
                  row.provincial_top_n), row


def _rubric_read(year: int, rubric: Rubric, row: EvaluationRubric | None) -> RubricRead:
    return RubricRead(year=year, items=rubric.items, rank_rule_enabled=rubric.rank_rule_enabled,
                      national_top_n=rubric.national_top_n, provincial_top_n=rubric.provincial_top_n,
                      is_default=row is None, updated_by=row.updated_by if row else None,
                      updated_at=row.updated_at if row else None)


async def get_rubric(session: AsyncSession, year: int) -> RubricRead:
    plan = await plans.require(session, year)
    return _rubric_read(year, *await _rubric(session, plan))


async def put_rubric(session: AsyncSession, actor: Principal, year: int, data: RubricUpdate) -> RubricRead:
    if not actor.has_any(REFORM_OFFICE):
        raise forbidden("评分细则由改革办设置。")
    plan = await plans.require(session, year, for_update=True)
    current, row = await _rubric(session, plan)
    items = [i.model_dump() for i in data.items]
    # Scores already given were checked against the items; changing them would leave totals meaningless.
    if items != [i.model_dump() for i in current.items] and await repo.plan_has_evaluations(session, plan.id):
        raise conflict("evaluations.rubric_in_use",
                       f"{year} 年度已有考评记录，不能再修改评分项；排名满分规则仍可调整。")
    before = _rubric_read(year, current, row).model_dump(mode="json", include={"items", "rank_rule_enabled",
                                                                               "national_top_n", "provincial_top_n"})
    if row is None:
        row = EvaluationRubric(plan_id=plan.id, items=items, updated_by=actor.username)
        session.add(row)
    row.items, row.updated_by = items, actor.username
    row.rank_rule_enabled, row.national_top_n, row.provincial_top_n = (
        data.rank_rule_enabled, data.national_top_n, data.provincial_top_n)
    await session.flush()
    await session.refresh(row)
    audit.record(session, AuditLog, action="evaluation.rubric", entity_type="plan", entity_id=plan.id, actor=actor,
                 detail={"before": before, "after": data.model_dump(mode="json")})
    return _rubric_read(year, *await _rubric(session, plan))


def _check_scores(rubric: Rubric, scores: dict[str, float]) -> dict[str, float]:
    errors = []
    known = {i.key: i for i in rubric.items}
    for key in scores:
        if key not in known:
            errors.append({"field": f"item_scores.{key}", "code": "unknown_item",
                           "message": f"评分细则中没有「{key}」这一项"})
    for item in rubric.items:
        value = scores.get(item.key)
        if value is None:
            errors.append({"field": f"item_scores.{item.key}", "code": "missing",
                           "message": f"请填写「{item.name}」的得分"})
        elif not 0 <= value <= item.max_points:
            errors.append({"field": f"item_scores.{item.key}", "code": "out_of_range",
                           "message": f"「{item.name}」得分应在 0 至 {item.max_points:g} 分之间"})
    if errors:
        raise Problem(422, "evaluations.invalid_scores", "评分有误", "请按评分细则逐项打分后重试。", errors=errors)
    return {item.key: float(scores[item.key]) for item in rubric.items}


# ---- ranks --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rank:
    indicator_code: str
    framework: str
    period: str
    rank: int
    of: int | None
    source: str  # indicators-api / manual


async def ranks_of(session: AsyncSession, source: IndicatorRanks, code: str, period: str) -> list[Rank]:
    """The indicator's rank for ``period`` from indicators-api, else the hand-entered ones."""
    standing = await source.standing(code)
    if standing is not None and standing.framework in FRAMEWORK_NAMES:
        point = pick(standing.points, period)
        if point is not None and point.rank is not None:
            return [Rank(code, standing.framework, point.period, point.rank, point.of, "indicators-api")]
    by_framework: dict[str, list[IndicatorRank]] = {}
    for row in await repo.manual_ranks(session, code):
        by_framework.setdefault(row.framework, []).append(row)
    out = []
    for framework, rows in sorted(by_framework.items()):
        point = pick([RankPoint(r.period, r.rank, r.of) for r in rows], period)
        if point is not None and point.rank is not None:
            out.append(Rank(code, framework, point.period, point.rank, point.of, "manual"))
    return out


def _qualifies(rank: Rank, rubric: Rubric) -> bool:
    limit = rubric.national_top_n if rank.framework == "national" else rubric.provincial_top_n
    return rank.rank <= limit


def _reason(rank: Rank, rubric: Rubric) -> str:
    scope = f"全国前 {rubric.national_top_n} 名" if rank.framework == "national" else (
        "全省第一" if rubric.provincial_top_n == 1 else f"全省前 {rubric.provincial_top_n} 名")
    of = f"（共 {rank.of} 个）" if rank.of else ""
    source = "指标库" if rank.source == "indicators-api" else "改革办手工录入"
    return (f"关联指标 {rank.indicator_code} 在{FRAMEWORK_NAMES[rank.framework]} {rank.period} 期排名第 {rank.rank}"
            f"{of}，进入{scope}，按排名满分规则记满分（名次来源：{source}）。")


async def rank_rule_reason(
    session: AsyncSession, source: IndicatorRanks, task: Task, period: str, rubric: Rubric,
    cache: dict[str, list[Rank]] | None = None,
) -> str | None:
    """Why the task's lead unit gets full marks for ``period``, or ``None`` when the rule does not apply."""
    if not rubric.rank_rule_enabled:
        return None
    cache = {} if cache is None else cache
    for code in task.indicator_codes:
        if code not in cache:
            cache[code] = await ranks_of(session, source, code, period)
        for rank in cache[code]:
            if _qualifies(rank, rubric):
                return _reason(rank, rubric)
    return None


# ---- evaluations --------------------------------------------------------------------------------

def present(e: Evaluation, task: Task, plan: Plan, ctx: LedgerContext) -> EvaluationRead:
    return EvaluationRead(
        id=e.id, task_code=task.code, task_title=task.title, year=plan.year, period=e.period,
        period_start=e.period_start, period_end=e.period_end, kind=e.kind,
        evaluator_unit=ctx.unit_ref(e.evaluator_unit_id), evaluated_unit=ctx.unit_ref(e.evaluated_unit_id),
        item_scores=e.item_scores, total=e.total, comment=e.comment, auto=e.auto, auto_reason=e.auto_reason,
        created_by=e.created_by, created_at=e.created_at, updated_by=e.updated_by, updated_at=e.updated_at,
    )


def _record(session: AsyncSession, actor: Principal | str, e: Evaluation, action: str, **detail: Any) -> None:
    audit.record(session, AuditLog, action=action, entity_type="evaluation", entity_id=e.id, actor=actor,
                 detail=ledger.jsonable(detail))


def _period(period: str, plan: Plan) -> tuple[date, date]:
    start, end = periods.bounds(period)
    if start.year != plan.year:
        raise Problem(422, "evaluations.period_year", "考评期间有误",
                      f"任务属于 {plan.year} 年度计划，考评期间应在 {plan.year} 年内。",
                      errors=[{"field": "period", "code": "wrong_year", "message": f"应为 {plan.year} 年内的期间"}])
    return start, end


def _total(scores: dict[str, float]) -> float:
    return round(sum(scores.values()), 2)


async def create(
    session: AsyncSession, actor: Principal, data: EvaluationCreate, ctx: LedgerContext, source: IndicatorRanks
) -> Evaluation:
    if not actor.has_any(REFORM_OFFICE, LEAD_UNIT) or actor.unit_id is None:
        raise forbidden("考评由牵头单位（评责任单位）或改革办（评牵头单位）进行。")
    task, plan = await ledger.require_task(session, actor, data.task_code, for_update=True)
    start, end = _period(data.period, plan)
    if data.kind == "lead_on_responsible":
        if not (actor.has_any(LEAD_UNIT) and actor.unit_id == task.lead_unit_id):
            raise forbidden("只有该任务的牵头单位可以为其责任单位评分。")
        evaluated = data.evaluated_unit_id
        if evaluated is None or evaluated not in {tu.unit_id for tu in task.responsible_units}:
            raise Problem(422, "evaluations.not_responsible", "被评单位有误", "被评单位须为该任务的责任单位。",
                          errors=[{"field": "evaluated_unit_id", "code": "not_responsible",
                                   "message": "不是该任务的责任单位"}])
    else:
        if not actor.has_any(REFORM_OFFICE):
            raise forbidden("只有改革办可以为牵头单位评分。")
        if data.evaluated_unit_id not in (None, task.lead_unit_id):
            raise Problem(422, "evaluations.not_lead", "被评单位有误", "改革办评分的对象是该任务的牵头单位。",
                          errors=[{"field": "evaluated_unit_id", "code": "not_lead", "message": "不是该任务的牵头单位"}])
        evaluated = task.lead_unit_id
    if await repo.find(session, task.id, data.period, evaluated, data.kind) is not None:
        raise conflict("evaluations.exists", f"该单位在任务 {task.code} 的 {data.period} 期已有此类考评，请修改原考评。")
    rubric, _ = await _rubric(session, plan)
    scores = _check_scores(rubric, data.item_scores)
    reason = None
    if data.kind == "office_on_lead":
        reason = await rank_rule_reason(session, source, task, data.period, rubric)
    if reason is not None:
        scores = rubric.full_marks()
    evaluation = Evaluation(
        task_id=task.id, period=data.period, period_start=start, period_end=end, kind=data.kind,
        evaluator_unit_id=actor.unit_id, evaluated_unit_id=evaluated, item_scores=scores, total=_total(scores),
        comment=data.comment, auto=reason is not None, auto_reason=reason, created_by=actor.username,
    )
    session.add(evaluation)
    await session.flush()
    await session.refresh(evaluation)
    _record(session, actor, evaluation, "evaluation.create", task_code=task.code, period=data.period,
            kind=data.kind, evaluated_unit_id=evaluated, item_scores=scores, total=evaluation.total,
            auto=evaluation.auto, auto_reason=reason)
    return evaluation


async def _require(
    session: AsyncSession, actor: Principal, evaluation_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Evaluation, Task, Plan]:
    row = await repo.get(session, actor, evaluation_id, for_update=for_update)
    if row is None:
        raise not_found("考评")
    return row


async def detail(
    session: AsyncSession, actor: Principal, evaluation_id: uuid.UUID, ctx: LedgerContext
) -> EvaluationRead:
    return present(*await _require(session, actor, evaluation_id), ctx)


async def update(
    session: AsyncSession, actor: Principal, evaluation_id: uuid.UUID, data: EvaluationUpdate, ctx: LedgerContext,
    source: IndicatorRanks,
) -> EvaluationRead:
    evaluation, task, plan = await _require(session, actor, evaluation_id, for_update=True)
    role = REFORM_OFFICE if evaluation.kind == "office_on_lead" else LEAD_UNIT
    if not (actor.has_any(role) and actor.unit_id == evaluation.evaluator_unit_id):
        raise forbidden("只有评分单位可以修改该考评。")
    changes = data.model_dump(exclude_unset=True)
    before = {"item_scores": evaluation.item_scores, "total": evaluation.total, "comment": evaluation.comment,
              "auto": evaluation.auto}
    rubric, _ = await _rubric(session, plan)
    scores = _check_scores(rubric, changes["item_scores"]) if "item_scores" in changes else evaluation.item_scores
    reason = None
    if evaluation.kind == "office_on_lead":
        # The rank rule decides for as long as it applies; a correction cannot take full marks away.
        reason = await rank_rule_reason(session, source, task, evaluation.period, rubric)
    if reason is not None:
        scores = rubric.full_marks()
    evaluation.item_scores, evaluation.total = scores, _total(scores)
    evaluation.auto, evaluation.auto_reason = reason is not None, reason
    if "comment" in changes:
        evaluation.comment = changes["comment"]
    evaluation.updated_by = actor.username
    await session.flush()
    await session.refresh(evaluation)
    _record(session, actor, evaluation, "evaluation.update", task_code=task.code, before=before,
            after={"item_scores": scores, "total": evaluation.total, "comment": evaluation.comment,
                   "auto": evaluation.auto})
    return present(evaluation, task, plan, ctx)


async def list_evaluations(
    session: AsyncSession, actor: Principal, f: EvaluationFilters, offset: int, limit: int, ctx: LedgerContext
) -> tuple[list[EvaluationRead], int]:
    rows, total = await repo.list_evaluations(session, actor, f, offset, limit)
    return [present(e, t, p, ctx) for e, t, p in rows], total


async def apply_rank_rule(
    session: AsyncSession, actor: Principal, data: RankRuleRun, ctx: LedgerContext, source: IndicatorRanks
) -> RankRuleResult:
    """Creates or refreshes the office's full-mark evaluations the rank rule gives, and removes
    automatic ones it no longer gives (after a rank was corrected); hand-given scores it only raises."""
    if not actor.has_any(REFORM_OFFICE) or actor.unit_id is None:
        raise forbidden("排名满分规则由改革办执行。")
    plan = await plans.require(session, data.year)
    start, end = _period(data.period, plan)
    rubric, _ = await _rubric(session, plan)
    if not rubric.rank_rule_enabled:
        raise conflict("evaluations.rank_rule_disabled", f"{data.year} 年度未启用排名满分规则。")
    existing = await repo.office_evaluations(session, plan.id, data.period)
    cache: dict[str, list[Rank]] = {}
    full = rubric.full_marks()
    items: list[RankRuleItem] = []
    for task in await repo.tasks_with_indicators(session, plan.id):
        reason = await rank_rule_reason(session, source, task, data.period, rubric, cache)
        current = existing.get(task.id)
        lead = ctx.unit_ref(task.lead_unit_id)
        if reason is None:
            if current is not None and current.auto:
                _record(session, actor, current, "evaluation.rank_rule_remove", task_code=task.code,
                        period=data.period, before={"item_scores": current.item_scores, "reason": current.auto_reason})
                await session.delete(current)
                items.append(RankRuleItem(task_code=task.code, lead_unit=lead, action="removed", evaluation_id=None,
                                          reason="关联指标的名次已不符合排名满分规则，撤销自动满分。"))
            continue
        if current is None:
            current = Evaluation(
                task_id=task.id, period=data.period, period_start=start, period_end=end, kind="office_on_lead",
                evaluator_unit_id=actor.unit_id, evaluated_unit_id=task.lead_unit_id, item_scores=full,
                total=_total(full), auto=True, auto_reason=reason, created_by=actor.username,
            )
            session.add(current)
            await session.flush()
            action = "created"
        elif current.auto and current.item_scores == full and current.auto_reason == reason:
            action = "unchanged"
        else:
            before = {"item_scores": current.item_scores, "auto": current.auto, "reason": current.auto_reason}
            current.item_scores, current.total, current.auto, current.auto_reason = full, _total(full), True, reason
            current.updated_by = actor.username
            await session.flush()
            action = "refreshed"
            _record(session, actor, current, "evaluation.rank_rule_refresh", task_code=task.code,
                    period=data.period, before=before, reason=reason)
        if action == "created":
            _record(session, actor, current, "evaluation.rank_rule_create", task_code=task.code, period=data.period,
                    reason=reason)
        items.append(RankRuleItem(task_code=task.code, lead_unit=lead, action=action, evaluation_id=current.id,
                                  reason=reason))
    counts = {a: sum(1 for i in items if i.action == a) for a in ("created", "refreshed", "unchanged", "removed")}
    return RankRuleResult(year=data.year, period=data.period, items=items, counts=counts)


# ---- hand-entered ranks -------------------------------------------------------------------------

def _rank_read(row: IndicatorRank) -> IndicatorRankRead:
    return IndicatorRankRead(id=row.id, indicator_code=row.indicator_code, framework=row.framework,
                             period=row.period, rank=row.rank, of=row.of, entered_by=row.entered_by,
                             entered_at=row.entered_at)


async def enter_rank(session: AsyncSession, actor: Principal, data: IndicatorRankIn) -> tuple[IndicatorRankRead, bool]:
    """Enters a rank, or corrects the one entered for the same indicator, framework and period."""
    if not actor.has_any(REFORM_OFFICE):
        raise forbidden("指标名次由改革办录入。")
    row = await repo.manual_rank(session, data.indicator_code, data.framework, data.period, for_update=True)
    created = row is None
    before = None if row is None else {"rank": row.rank, "of": row.of}
    if row is None:
        row = IndicatorRank(indicator_code=data.indicator_code, framework=data.framework, period=data.period,
                            rank=data.rank, of=data.of, entered_by=actor.username)
        session.add(row)
    else:
        row.rank, row.of, row.entered_by = data.rank, data.of, actor.username
    await session.flush()
    await session.refresh(row)
    audit.record(session, AuditLog, action="indicator_rank.enter", entity_type="indicator_rank", entity_id=row.id,
                 actor=actor, detail={**data.model_dump(), "before": before})
    return _rank_read(row), created


async def list_ranks(
    session: AsyncSession, actor: Principal, code: str | None, framework: str | None, offset: int, limit: int
) -> tuple[list[IndicatorRankRead], int]:
    if not actor.sees_everything:
        raise forbidden("手工录入的指标名次由改革办管理。")
    rows, total = await repo.list_manual_ranks(session, code, framework, offset, limit)
    return [_rank_read(r) for r in rows], total
