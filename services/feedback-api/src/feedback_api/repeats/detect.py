"""Finding the earlier case a new one repeats, at intake (called by
:func:`feedback_api.cases.service.intake`, in its transaction).

Same enterprise: the same credit code, or the same normalised name
(:func:`similarity.name_key`), or the same phone (blind index). Same matter:
the same category and a text similarity of at least
``FEEDBACK_REPEAT_MIN_SIMILARITY``. The earlier case must have been closed
within ``FEEDBACK_REPEAT_WINDOW_DAYS`` before the new one was received. Of
several, the most similar wins (then the latest closed)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import NamedTuple

from reform_common.db import DriverStatement
from sqlalchemy import bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from feedback_api.cases.models import Case
from feedback_api.repeats.models import CaseRepeatFlag
from feedback_api.repeats.similarity import case_text, name_key, name_key_sql, similarity
from feedback_api.settings import Settings

# Candidates looked at per intake (the latest closings first): a bound on the work, not a rule.
MAX_CANDIDATES = 50


class Earlier(NamedTuple):
    id: uuid.UUID
    case_no: str
    credit_code: str | None
    enterprise_name: str | None
    title: str
    description: str


@dataclass(frozen=True)
class Match:
    case: Earlier
    matched_by: str
    similarity: float


def _matched_by(new: Case, earlier: Earlier, key: str | None) -> str:
    if new.credit_code and earlier.credit_code == new.credit_code:
        return "credit_code"
    if key and name_key(earlier.enterprise_name) == key:
        return "enterprise_name"
    return "phone"


@cache
def _candidates(by_credit_code: bool, by_name: bool, by_phone: bool) -> DriverStatement:
    """The candidates' statement for one combination of the enterprise's known identifiers, built once:
    building it per intake cost more than running it."""
    who = []
    if by_credit_code:
        who.append(Case.credit_code == bindparam("credit_code"))
    if by_name:
        who.append(name_key_sql(Case.enterprise_name) == bindparam("name_key"))
    if by_phone:
        who.append(Case.contact_phone_index == bindparam("phone_index"))
    # The enterprise's cases by its identifiers' indexes alone, then the window, category and order over those.
    # As one query, the prepared statement's generic plan (PostgreSQL's after five executions, the parameters
    # unknown) also read ix_cases_closed_at for the window: ~200k closings, 12 ms per order at 10M cases,
    # against 0.1–0.4 ms this way (docs/perf/explain-repeat-candidates.txt). Each identifier is an index's own
    # expression (credit_code, ix_cases_enterprise_key, contact_phone_index); test_repeats checks the plan.
    found = select(Case).where(or_(*who)).cte("found").prefix_with("MATERIALIZED")
    earlier = aliased(Case, found)
    # Only what the comparison and the flag need: loading 40-column cases cost more than the query.
    return DriverStatement(
        select(earlier.id, earlier.case_no, earlier.credit_code, earlier.enterprise_name, earlier.title,
               earlier.description)
        .where(earlier.status == "closed", earlier.closed_at >= bindparam("since"),
               earlier.closed_at <= bindparam("until"), earlier.category_code == bindparam("category"))
        .order_by(earlier.closed_at.desc()).limit(MAX_CANDIDATES))


async def find_earlier(session: AsyncSession, settings: Settings, new: Case, phone_index: str | None,
                       received_at: datetime) -> Match | None:
    key = name_key(new.enterprise_name)
    if not (new.credit_code or key or phone_index):
        return None
    since = received_at - timedelta(days=settings.feedback_repeat_window_days)
    stmt = _candidates(bool(new.credit_code), bool(key), bool(phone_index))
    params = {"since": since, "until": received_at, "category": new.category_code,
              "credit_code": new.credit_code, "name_key": key, "phone_index": phone_index}
    text = case_text(new.title, new.description)
    best: Match | None = None
    for earlier in map(Earlier._make, await stmt.fetch(session, params)):
        score = similarity(text, case_text(earlier.title, earlier.description))
        if score < settings.feedback_repeat_min_similarity:
            continue
        if best is None or score > best.similarity:  # ties: the latest closed (first seen) stays
            best = Match(earlier, _matched_by(new, earlier, key), score)
    return best


def flag(session: AsyncSession, new: Case, match: Match) -> CaseRepeatFlag:
    """The suggested flag on ``new`` (after the case row is flushed)."""
    row = CaseRepeatFlag(case_id=new.id, repeat_of_id=match.case.id, status="suggested",
                         matched_by=match.matched_by, similarity=match.similarity, created_at=new.received_at)
    session.add(row)
    return row
