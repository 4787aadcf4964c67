"""Dispatch suggestion rules: which model answers (the newest ready version, else the keyword
rules), what a suggestion shows, training a new version, and recording the dispatcher's
choice next to the suggestion it replaced. Never commits; never assigns a case."""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reform_common.auth import Principal
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases import service as cases
from feedback_api.cases.context import CaseContext
from feedback_api.cases.models import Case
from feedback_api.categories.models import Category
from feedback_api.dispatch import learn, rules, text
from feedback_api.dispatch import repository as repo
from feedback_api.dispatch.learn import Candidate, TrainingCase
from feedback_api.dispatch.models import DispatchDecision, DispatchModel
from feedback_api.dispatch.schemas import (
    Acceptance,
    CategoryCandidate,
    DecisionRead,
    DispatchModelList,
    DispatchModelRead,
    Explanation,
    SimilarCase,
    Suggestions,
    UnitCandidate,
)
from feedback_api.settings import Settings

log = logging.getLogger(__name__)

# Fitted models by version, per process: an artifact is unpickled once.
_loaded: dict[int, learn.Suggester] = {}
_KEEP_LOADED = 2
# Without a model, similar cases are searched among this many of the newest closed cases, per request.
RULES_SIMILAR_POOL = 500


@dataclass
class Suggested:
    """One suggestion, whichever way it was made; units and co-units as unit ids."""

    mode: str
    version: int | None
    note: str | None
    categories: list[Candidate]
    units: list[Candidate]
    co_units: list[Candidate] = field(default_factory=list)
    category_terms: list[str] = field(default_factory=list)
    unit_terms: list[str] = field(default_factory=list)
    similar: list[tuple[TrainingCase, float]] = field(default_factory=list)


def case_text(case: Case) -> str:
    return text.features(case.title, case.description, contact_name=case.contact_name,
                         enterprise_name=case.enterprise_name)


async def _model(session: AsyncSession) -> tuple[DispatchModel | None, learn.Suggester | None]:
    row = await repo.latest_ready(session)
    if row is None:
        return None, None
    if row.version not in _loaded:
        data = await repo.artifact(session, row.version)
        try:
            model = learn.loads(data or b"")
        except Exception:  # an artifact of an incompatible scikit-learn: the rules answer until retrained
            log.exception("dispatch model version %s cannot be loaded", row.version)
            return row, None
        while len(_loaded) >= _KEEP_LOADED:
            _loaded.pop(min(_loaded))
        _loaded[row.version] = model
    return row, _loaded[row.version]


async def suggest(session: AsyncSession, case: Case, settings: Settings, *, similar: bool = True) -> Suggested:
    """``similar=False``: the candidates only (recording a decision needs no examples)."""
    features = case_text(case)
    row, model = await _model(session)
    if model is not None and row is not None:
        s = model.suggest(features)
        return Suggested("model", row.version, None, s.categories, s.units, s.co_units, s.category_terms,
                         s.unit_terms, s.similar)
    tree = [rules.CategoryNode(*c) for c in await repo.category_tree(session)]
    recent_units = await repo.usual_units(session, settings.feedback_dispatch_max_cases)
    usual = {cat: [(str(u), share) for u, share in units] for cat, units in recent_units.items()}
    r = rules.suggest(features, tree, usual)
    note = ("已办结诉求不足，尚无可用模型：按诉求分类名称的关键词建议分类，主办单位取该分类以往最常交办的单位，"
            "相似诉求按文字相似度取自最近办结的诉求，仅供参考。")
    if row is not None:
        note = f"模型第 {row.version} 版无法加载，暂按分类关键词规则建议，请重新训练。"
    if not r.categories:
        note += "未匹配到任何分类关键词。"
    examples: list[tuple[TrainingCase, float]] = []
    if similar:
        pool = min(RULES_SIMILAR_POOL, settings.feedback_dispatch_max_cases)
        recent = training_cases(await repo.closed_cases(session, pool))
        examples = await asyncio.to_thread(learn.similar_cases, recent, features)
    return Suggested("rules", None, note, r.categories, r.units, category_terms=r.terms, unit_terms=r.terms,
                     similar=examples)


# ---- presenting ---------------------------------------------------------------------------------

def _unit(ctx: CaseContext, value: str | uuid.UUID | None):
    if value is None:
        return None
    try:
        return ctx.unit_ref(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
    except ValueError:
        return None


def _units(ctx: CaseContext, candidates: list[Candidate]) -> list[UnitCandidate]:
    return [UnitCandidate(unit=ref, confidence=c.confidence) for c in candidates
            if (ref := _unit(ctx, c.value)) is not None]


def _decision(d: DispatchDecision, ctx: CaseContext) -> DecisionRead:
    return DecisionRead(
        mode=d.mode, model_version=d.model_version, suggested_category=d.suggested_category,
        suggested_unit=_unit(ctx, d.suggested_unit_id),
        suggested_co_units=[r for u in d.suggested_co_unit_ids if (r := _unit(ctx, u))],
        chosen_category=d.chosen_category, chosen_unit=_unit(ctx, d.chosen_unit_id),
        chosen_co_units=[r for u in d.chosen_co_unit_ids if (r := _unit(ctx, u))],
        accepted=d.accepted, accepted_explicitly=d.accepted_explicitly, decided_by=d.decided_by,
        decided_at=d.decided_at,
    )


async def suggestions(session: AsyncSession, principal: Principal, case_no: str, ctx: CaseContext) -> Suggestions:
    case = await cases.require(session, principal, case_no)
    s = await suggest(session, case, ctx.settings)
    categories: dict[str, Category] = await cases.repo.categories(session)
    similar = [SimilarCase(
        case_no=c.case_no, title=c.title, category=cases.category_ref(c.category, categories),
        unit=_unit(ctx, c.unit), reply=c.reply, similarity=min(score, 1.0), returned=c.returns,
        reopened=c.reopens, satisfaction=c.satisfaction, closed_once=not c.returns and not c.reopens,
    ) for c, score in s.similar]
    return Suggestions(
        case_no=case.case_no, mode=s.mode, model_version=s.version, note=s.note,
        categories=[CategoryCandidate(category=cases.category_ref(c.value, categories), confidence=c.confidence)
                    for c in s.categories],
        units=_units(ctx, s.units), co_units=_units(ctx, s.co_units),
        explanation=Explanation(category_terms=s.category_terms, unit_terms=s.unit_terms,
                                similar_case_nos=[c.case_no for c in similar]),
        similar_cases=similar,
        decisions=[_decision(d, ctx) for d in await repo.decisions_for(session, case.id)],
    )


# ---- recording the dispatcher's choice ----------------------------------------------------------

async def record_decision(session: AsyncSession, case: Case, principal: Principal, unit_id: uuid.UUID,
                          co_unit_ids: list[uuid.UUID], accept_suggestion: bool, ctx: CaseContext) -> DispatchDecision:
    """Called by the assignment: the suggestion current at this moment next to the choice."""
    s = await suggest(session, case, ctx.settings, similar=False)
    top_unit = _uuid(s.units[0].value) if s.units else None
    decision = DispatchDecision(
        case_id=case.id, mode=s.mode, model_version=s.version,
        suggested_category=s.categories[0].value if s.categories else None,
        suggested_unit_id=top_unit,
        suggested_co_unit_ids=[u for c in s.co_units if (u := _uuid(c.value))],
        category_confidence=s.categories[0].confidence if s.categories else None,
        unit_confidence=s.units[0].confidence if s.units else None,
        chosen_category=case.category_code, chosen_unit_id=unit_id, chosen_co_unit_ids=list(co_unit_ids),
        accepted=top_unit == unit_id, accepted_explicitly=accept_suggestion,
        decided_by=principal.username, decided_at=ctx.now,
    )
    session.add(decision)
    return decision


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


# ---- training -----------------------------------------------------------------------------------

def training_cases(rows: list[repo.ClosedCase]) -> list[TrainingCase]:
    return [TrainingCase(
        case_no=r.case_no, received_at=r.received_at,
        text=text.features(r.title, r.description, contact_name=r.contact_name, enterprise_name=r.enterprise_name),
        category=r.category, unit=str(r.unit), co_units=tuple(str(u) for u in r.co_units),
        first_unit=str(r.first_unit) if r.first_unit else None, returns=r.returns, reopens=r.reopens,
        satisfaction=r.satisfaction, title=text.masked(r.title, contact_name=r.contact_name, limit=60) or "",
        reply=text.masked(r.reply, contact_name=r.contact_name),
    ) for r in rows]


def _fit(cases_: list[TrainingCase], test_share: float) -> tuple[dict[str, Any], bytes]:
    metrics = learn.evaluate(cases_, test_share)
    return metrics, learn.fit(cases_).dumps()


async def train(session: AsyncSession, settings: Settings, trigger: str, actor: str, now: datetime) -> DispatchModel:
    """A new version from every closed case: evaluated on the time-ordered split, then fitted on
    all of them. Too few cases (or one unit only): a ``rules`` version, the keyword rules stay."""
    cases_ = training_cases(await repo.closed_cases(session, settings.feedback_dispatch_max_cases))
    row = DispatchModel(trigger=trigger, trained_at=now, trained_by=actor, case_count=len(cases_), metrics={},
                        window_from=cases_[0].received_at if cases_ else None,
                        window_to=cases_[-1].received_at if cases_ else None)
    minimum = settings.feedback_dispatch_min_cases
    if len(cases_) < minimum or len({c.unit for c in cases_}) < 2:
        row.status = "rules"
        row.note = f"已办结诉求 {len(cases_)} 件（至少 {minimum} 件、2 个以上主办单位才训练模型）：继续按分类关键词规则建议。"
    else:
        try:
            # CPU work off the event loop: other requests keep being served while it fits.
            row.metrics, row.artifact = await asyncio.to_thread(_fit, cases_, settings.feedback_dispatch_test_share)
            row.status = "ready"
        except Exception as exc:  # recorded as a failed version; the previous one keeps answering
            log.exception("dispatch model training failed")
            row.status, row.note = "failed", f"训练失败：{type(exc).__name__}"
    session.add(row)
    await session.flush()
    return row


# ---- versions and quality -----------------------------------------------------------------------

def _acceptance(counts: tuple[int, int] | None) -> Acceptance:
    n, accepted = counts or (0, 0)
    return Acceptance(decisions=n, accepted=accepted, rate=round(accepted / n, 4) if n else None)


async def versions(session: AsyncSession, page: int, page_size: int) -> DispatchModelList:
    rows, total = await repo.versions(session, (page - 1) * page_size, page_size)
    current, model = await _model(session)
    counts = await repo.acceptance(session, [r.version for r in rows])
    items = [DispatchModelRead(
        version=r.version, status=r.status, trigger=r.trigger, trained_at=r.trained_at, trained_by=r.trained_by,
        window_from=r.window_from, window_to=r.window_to, case_count=r.case_count, metrics=r.metrics, note=r.note,
        acceptance=_acceptance(counts.get(r.version)),
        current=model is not None and current is not None and current.version == r.version,
    ) for r in rows]
    return DispatchModelList(items=items, total=total, page=page, page_size=page_size,
                             mode="model" if model is not None else "rules",
                             rules_acceptance=_acceptance(counts.get(None)))


def present_version(row: DispatchModel) -> DispatchModelRead:
    return DispatchModelRead(
        version=row.version, status=row.status, trigger=row.trigger, trained_at=row.trained_at,
        trained_by=row.trained_by, window_from=row.window_from, window_to=row.window_to, case_count=row.case_count,
        metrics=row.metrics, note=row.note, acceptance=_acceptance(None), current=row.status == "ready",
    )
