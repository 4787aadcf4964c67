"""The league table (晾晒) for a period and a business date (docs/league-bulletins.md).

Per unit — every unit that leads or is responsible for a task of the year's
plan; a task counts for its lead unit and for each responsible unit:
    milestones   its tasks' milestones due in the window (period start to the
                 earlier of period end and as_of); on time = done on or
                 before the due date;
    red/yellow   its tasks' warnings as of as_of (ledger rules);
    reports      for every reporting period of the plan whose report falls
                 due in the window: the reporting status of that period
                 (reports/), on-time reports over expected ones;
    evaluation   mean evaluation total (0–100) for periods inside the window;
    open rectifications as of as_of.
Composite score, 0–100, over the parts the unit has data for:
    100 × Σ wᵢ·pᵢ / Σ wᵢ with p = on-time share, report share, evaluation/100
    and discipline = max(0, 1 − (red·d_red + yellow·d_yellow + rect·d_rect) / w_discipline)
    (deductions take at most the discipline weight). Rounded half-up to 2 decimals.
Ranking: units with at least ``min_items`` items (milestones due + reports
expected + evaluations) are ranked by score, competition style (1, 1, 3).
k = min(3, ranked // 2); 优生 are ranked units with rank ≤ k, 差生 those whose
rank counted from the bottom is ≤ k and that are not 优生 (ties at a border
are all named; nobody is both).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from reform_common import audit
from reform_common.auth import SERVICE, Principal
from reform_common.errors import Problem
from reform_common.units import UnitDirectory
from reform_common.workdays import today_shanghai
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.evaluations import repository as evaluations_repo
from tasks_api.inspections import repository as inspections_repo
from tasks_api.league import periods
from tasks_api.league import repository as repo
from tasks_api.league.models import LeagueSettings
from tasks_api.league.periods import Period
from tasks_api.league.schemas import LeagueRow, LeagueSettingsRead, LeagueSettingsUpdate, LeagueTable
from tasks_api.ledger import repository as ledger_repo
from tasks_api.ledger import rules
from tasks_api.ledger.context import LedgerContext, build_context
from tasks_api.ledger.models import Task
from tasks_api.ledger.repository import TaskFilters
from tasks_api.plans import service as plans
from tasks_api.plans.models import Plan
from tasks_api.reports import service as reports
from tasks_api.reports.periods import period_of

# The table is published: it is computed over every task, whoever asks.
SYSTEM = Principal(subject="system:league", username="system", display_name="晾晒排名",
                   roles=frozenset({SERVICE}), token_type="service")
HONOURS = 3
_SETTING_FIELDS = tuple(LeagueSettingsUpdate.model_fields)


# ---- settings -----------------------------------------------------------------------------------

def _settings_read(year: int, row: LeagueSettings | None) -> LeagueSettingsRead:
    if row is None:
        return LeagueSettingsRead(year=year, customized=False)
    values = {name: getattr(row, name) for name in _SETTING_FIELDS}
    for name in ("red_deduction", "yellow_deduction", "rectification_deduction"):
        values[name] = float(values[name])
    return LeagueSettingsRead(year=year, customized=True, updated_by=row.updated_by, updated_at=row.updated_at,
                              **values)


async def settings_for(session: AsyncSession, plan: Plan) -> LeagueSettingsRead:
    return _settings_read(plan.year, await repo.settings(session, plan.id))


async def read_settings(session: AsyncSession, year: int) -> LeagueSettingsRead:
    return await settings_for(session, await plans.require(session, year))


async def update_settings(
    session: AsyncSession, actor: Principal, year: int, data: LeagueSettingsUpdate
) -> LeagueSettingsRead:
    plan = await plans.require(session, year)
    row = await repo.settings(session, plan.id, for_update=True)
    before = _settings_read(year, row).model_dump(include=set(_SETTING_FIELDS))
    if row is None:
        row = LeagueSettings(plan_id=plan.id)
        session.add(row)
    for name, value in data.model_dump().items():
        setattr(row, name, Decimal(str(value)) if name.endswith("_deduction") else value)
    row.updated_by = actor.username
    await session.flush()
    await session.refresh(row)
    audit.record(session, AuditLog, action="league.settings.update", entity_type="league_settings",
                 entity_id=plan.id, actor=actor, detail={"year": year, "before": before, "after": data.model_dump()})
    return _settings_read(year, row)


def issuing_unit(settings: LeagueSettingsUpdate, ctx: LedgerContext) -> str:
    """The configured issuing unit, else the reform office's name in the directory."""
    if settings.issuing_unit:
        return settings.issuing_unit
    office = next((u for u in ctx.units.values() if u.kind == "reform_office"), None)
    return office.name if office else "营商环境优化提升工作专班"


# ---- computing ----------------------------------------------------------------------------------

@dataclass
class Tally:
    tasks: int = 0
    milestones_due: int = 0
    milestones_on_time: int = 0
    red: int = 0
    yellow: int = 0
    reports_expected: int = 0
    reports_on_time: int = 0


@dataclass
class EvaluatedTask:
    task: Task
    evaluation: rules.Evaluation
    unit_ids: list[uuid.UUID]  # the lead unit first, then the responsible units


@dataclass
class LeagueResult:
    """The table plus what it was computed from (bulletins build on it)."""

    period: Period
    plan: Plan
    ctx: LedgerContext
    window_end: date
    settings: LeagueSettingsRead
    tasks: list[EvaluatedTask]
    open_rectifications: dict[uuid.UUID, int]
    table: LeagueTable


def round_half_up(value: Fraction, places: int) -> float:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def percent(part: int, whole: int) -> float | None:
    return round_half_up(Fraction(100 * part, whole), 1) if whole else None


def composite(
    t: Tally, evaluation: tuple[float, int] | None, open_rectifications: int, s: LeagueSettingsUpdate
) -> Fraction | None:
    parts: list[tuple[int, Fraction]] = []
    if t.milestones_due:
        parts.append((s.on_time_weight, Fraction(t.milestones_on_time, t.milestones_due)))
    if t.reports_expected:
        parts.append((s.report_weight, Fraction(t.reports_on_time, t.reports_expected)))
    if evaluation is not None and evaluation[1]:
        parts.append((s.evaluation_weight, Fraction(evaluation[0]) / 100))
    if s.discipline_weight:
        deduction = (t.red * Fraction(str(s.red_deduction)) + t.yellow * Fraction(str(s.yellow_deduction))
                     + open_rectifications * Fraction(str(s.rectification_deduction)))
        parts.append((s.discipline_weight, max(Fraction(0), 1 - deduction / s.discipline_weight)))
    total = sum(w for w, _ in parts)
    if not total:
        return None
    return 100 * sum((w * p for w, p in parts), Fraction(0)) / total


def default_as_of(period: Period, as_of: date | None) -> date:
    return as_of or min(period.end, today_shanghai())


def reporting_periods(plan: Plan, period: Period, window_end: date, ctx: LedgerContext) -> list[tuple[date, date]]:
    """(start, due date) of the plan's reporting periods whose report falls due in the window."""
    owed: list[tuple[date, date]] = []
    start, end = period_of(date(plan.year, 1, 1), plan.report_cycle)
    while start.year == plan.year and start <= window_end:
        due = reports.due_date(end, ctx)
        if period.start <= due <= window_end:
            owed.append((start, due))
        start, end = period_of(end + timedelta(days=1), plan.report_cycle)
    return owed


async def tallies_for(
    session: AsyncSession, plan: Plan, period: Period, window_end: date, ctx: LedgerContext
) -> dict[uuid.UUID, Tally]:
    """Per unit of the directory with tasks in the plan: the counts of the table, from the database."""
    horizons = {plan.warning_days: rules.warning_horizon(ctx.as_of, ctx.calendar, plan.warning_days)}
    counts = await repo.unit_counts(session, plan.id, period.start, window_end, ctx.as_of, horizons)
    reporting = await repo.reporting_counts(session, plan.id, reporting_periods(plan, period, window_end, ctx))
    tallies: dict[uuid.UUID, Tally] = {}
    for unit_id, c in counts.items():
        if unit_id in ctx.units:
            expected, on_time = reporting.get(unit_id, (0, 0))
            tallies[unit_id] = Tally(c.tasks, c.milestones_due, c.milestones_on_time, c.red, c.yellow, expected,
                                     on_time)
    return tallies


async def _context(
    session: AsyncSession, directory: UnitDirectory, period_text: str, as_of: date | None
) -> tuple[Period, Plan, LedgerContext, date]:
    period = periods.parse(period_text)
    plan = await plans.require(session, period.year)
    ctx = await build_context(session, directory, default_as_of(period, as_of))
    if ctx.as_of < period.start:
        raise Problem(422, "league.as_of_before_period", "统计日期有误",
                      f"{period.label}自 {period.start.isoformat()} 开始，统计日期 {ctx.as_of.isoformat()} 早于该期间。",
                      errors=[{"field": "as_of", "code": "before_period", "message": "不能早于统计期间的第一天"}])
    return period, plan, ctx, min(period.end, ctx.as_of)


async def _table(
    session: AsyncSession, period: Period, plan: Plan, ctx: LedgerContext, window_end: date,
    settings: LeagueSettingsRead,
) -> tuple[LeagueTable, dict[uuid.UUID, int]]:
    tallies = await tallies_for(session, plan, period, window_end, ctx)
    scores = await evaluations_repo.average_scores(session, period.start, window_end)
    rectifications = await inspections_repo.open_rectifications_by_unit(session, ctx.as_of)

    rows: list[LeagueRow] = []
    for unit_id, t in tallies.items():
        evaluation = scores.get(unit_id)
        open_rect = rectifications.get(unit_id, 0)
        exact = composite(t, evaluation, open_rect, settings)
        items = t.milestones_due + t.reports_expected + (evaluation[1] if evaluation else 0)
        ref = ctx.unit_ref(unit_id)
        assert ref is not None  # tallies only hold units of the directory
        rows.append(LeagueRow(
            unit=ref, tasks=t.tasks, milestones_due=t.milestones_due, milestones_on_time=t.milestones_on_time,
            on_time_rate=percent(t.milestones_on_time, t.milestones_due), red=t.red, yellow=t.yellow,
            reports_expected=t.reports_expected, reports_on_time=t.reports_on_time,
            report_rate=percent(t.reports_on_time, t.reports_expected),
            evaluation_average=round_half_up(Fraction(evaluation[0]), 2) if evaluation else None,
            evaluation_count=evaluation[1] if evaluation else 0, open_rectifications=open_rect, items=items,
            score=None if exact is None else round_half_up(exact, 2),
            ranked=exact is not None and items >= settings.min_items, rank=None, honour=None,
        ))
    best, worst = rank(rows)
    order = {unit_id: i for i, unit_id in enumerate(ctx.units)}
    rows.sort(key=lambda r: (not r.ranked, r.rank or 0, order[r.unit.id]))
    table = LeagueTable(
        period=period.key, period_kind=period.kind, period_label=period.label, period_start=period.start,
        period_end=period.end, as_of=ctx.as_of, window_end=window_end,
        settings=LeagueSettingsUpdate.model_validate(settings.model_dump(include=set(_SETTING_FIELDS))),
        rows=rows, best=[r.unit for r in sorted(best, key=lambda r: (r.rank, order[r.unit.id]))],
        worst=[r.unit for r in sorted(worst, key=lambda r: (r.score, order[r.unit.id]))],
        calendar_notices=ctx.notices([period.year]),
    )
    return table, rectifications


async def compute_table(
    session: AsyncSession, directory: UnitDirectory, period_text: str, as_of: date | None
) -> LeagueTable:
    period, plan, ctx, window_end = await _context(session, directory, period_text, as_of)
    table, _ = await _table(session, period, plan, ctx, window_end, await settings_for(session, plan))
    return table


async def compute(
    session: AsyncSession, directory: UnitDirectory, period_text: str, as_of: date | None
) -> LeagueResult:
    """The table and the evaluated tasks a bulletin describes."""
    period, plan, ctx, window_end = await _context(session, directory, period_text, as_of)
    settings = await settings_for(session, plan)
    table, rectifications = await _table(session, period, plan, ctx, window_end, settings)
    evaluated = []
    for task, _ in await ledger_repo.list_tasks(session, SYSTEM, TaskFilters(year=period.year)):
        unit_ids = list(dict.fromkeys([task.lead_unit_id, *(tu.unit_id for tu in task.responsible_units)]))
        evaluated.append(EvaluatedTask(task, ctx.evaluate(task, plan), unit_ids))
    return LeagueResult(period, plan, ctx, window_end, settings, evaluated, rectifications, table)


def rank(rows: list[LeagueRow]) -> tuple[list[LeagueRow], list[LeagueRow]]:
    """Competition ranks on the rounded score; marks and returns (优生, 差生)."""
    ranked = [r for r in rows if r.ranked]
    for r in ranked:
        r.rank = 1 + sum(1 for o in ranked if o.score > r.score)
    k = min(HONOURS, len(ranked) // 2)
    best = [r for r in ranked if r.rank <= k]
    worst = [r for r in ranked if r.rank > k and 1 + sum(1 for o in ranked if o.score < r.score) <= k]
    for r in best:
        r.honour = "best"
    for r in worst:
        r.honour = "worst"
    return best, worst
