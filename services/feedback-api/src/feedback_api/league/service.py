"""The league table (晾晒) from the shared measures in
:mod:`feedback_api.metrics.repository` (read from the rollups,
:mod:`feedback_api.rollups.service`) — nothing is counted here twice.
Never commits.

composite = Σ wᵢ·rateᵢ / Σ wᵢ over the rates that have a denominator
            − min(reopens × deduction, cap), not below 0, 2 decimals.
A row is ranked when its volume reaches ``min_cases`` and it has a
composite; ranks are competition ranks on the composite (1, 1, 3)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reform_common import audit
from reform_common.auth import Principal
from reform_common.units import UnitInfo
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.audit.models import AuditLog
from feedback_api.league import repository as repo
from feedback_api.league.models import LeagueSettings
from feedback_api.league.schemas import (
    LeagueConfig,
    LeagueConfigIn,
    LeagueItem,
    LeagueTable,
    PublicLeagueItem,
    PublicLeagueTable,
    Weights,
)
from feedback_api.metrics import repository as measures
from feedback_api.metrics.periods import period_bounds
from feedback_api.metrics.service import rate
from feedback_api.rollups.service import counts
from feedback_api.settings import Settings

# measure name → weight column
WEIGHTS = {"response": "weight_response", "on_time_closure": "weight_on_time",
           "one_time_resolution": "weight_one_time", "satisfaction": "weight_satisfaction"}


def present_config(row: LeagueSettings) -> LeagueConfig:
    return LeagueConfig(
        weights=Weights(**{m: float(getattr(row, col)) for m, col in WEIGHTS.items()}),
        reopen_deduction=float(row.reopen_deduction), reopen_deduction_cap=float(row.reopen_deduction_cap),
        min_cases=row.min_cases, updated_by=row.updated_by, updated_at=row.updated_at,
    )


async def get_config(session: AsyncSession) -> LeagueConfig:
    return present_config(await repo.config(session))


async def update_config(session: AsyncSession, principal: Principal, data: LeagueConfigIn,
                        now: datetime) -> LeagueConfig:
    row = await repo.config(session, for_update=True)
    before = present_config(row).model_dump(exclude={"updated_by", "updated_at"})
    for measure, column in WEIGHTS.items():
        setattr(row, column, getattr(data.weights, measure))
    row.reopen_deduction, row.reopen_deduction_cap = data.reopen_deduction, data.reopen_deduction_cap
    row.min_cases, row.updated_by, row.updated_at = data.min_cases, principal.username, now
    await session.flush()
    audit.record(session, AuditLog, action="league.config_updated", entity_type="league_settings", entity_id=1,
                 actor=principal, detail={"before": before, "after": data.model_dump()})
    await session.refresh(row)
    return present_config(row)


def competition_ranks(scores: list[float]) -> list[int]:
    """Ranks of scores sorted from best: equal scores share a rank and the next rank skips (1, 1, 3)."""
    ranks: list[int] = []
    for i, score in enumerate(scores):
        ranks.append(ranks[-1] if i and score == scores[i - 1] else i + 1)
    return ranks


def composite(rates: dict[str, float | None], config: LeagueConfig, reopen_count: int
              ) -> tuple[float | None, float, float | None]:
    """(weighted score, deduction, composite)."""
    weights = config.weights.model_dump()
    present = [(weights[m], v) for m, v in rates.items() if v is not None and weights[m] > 0]
    deduction = round(min(reopen_count * config.reopen_deduction, config.reopen_deduction_cap), 2)
    if not present:
        return None, deduction, None
    score = sum(w * v for w, v in present) / sum(w for w, _ in present)
    return round(score, 2), deduction, round(max(score - deduction, 0.0), 2)


async def table(session: AsyncSession, settings: Settings, units: dict[Any, UnitInfo], period: str, kind: str,
                as_of: datetime, min_cases: int | None) -> LeagueTable:
    config = await get_config(session)
    minimum = min_cases if min_cases is not None else config.min_cases
    start, end = period_bounds(period)
    sel = measures.Selection(start, min(end, as_of))
    counted = await counts(session, settings, sel, kind,
                           ("volume", "response", "on_time_closure", "one_time_resolution", "satisfaction",
                            "reopens"), as_of)
    keys = set().union(*(c.keys() for c in counted.values())) - {None}
    districts = dict(settings.feedback_districts)
    rows = []
    for key in keys:
        if kind == "unit":
            unit = units.get(key)
            unit_id, code, name = key, unit.code if unit else None, unit.name if unit else "（未知单位）"
        else:
            unit_id, code, name = None, key, districts.get(key, key)
        rates = {m: rate(counted[m].get(key)) for m in WEIGHTS}
        volume = counted["volume"].get(key, (0, 0))[1]
        reopen_count = counted["reopens"].get(key, (0, 0))[1]
        score, deduction, total = composite({m: r.value for m, r in rates.items()}, config, reopen_count)
        ranked = volume >= minimum and total is not None
        note = None
        if volume < minimum:
            note = f"期内受理 {volume} 件，不足 {minimum} 件，不参与排名"
        elif total is None:
            note = "暂无可计算的指标，不参与排名"
        rows.append(LeagueItem(rank=None, ranked=ranked, note=note, unit_id=unit_id, code=code, name=name,
                               volume=volume, reopen_count=reopen_count, score=score, deduction=deduction,
                               composite=total, **rates))
    ranked_rows = sorted((r for r in rows if r.ranked), key=lambda r: (-(r.composite or 0), r.code or "", r.name))
    for row, rank in zip(ranked_rows, competition_ranks([r.composite or 0 for r in ranked_rows]), strict=True):
        row.rank = rank
    others = sorted((r for r in rows if not r.ranked), key=lambda r: (-r.volume, r.code or "", r.name))
    items = ranked_rows + others
    return LeagueTable(period=period, kind=kind, start=start, end=end, as_of=as_of, min_cases=minimum,
                       config=config, items=items, total=len(items))


def public(table_: LeagueTable) -> PublicLeagueTable:
    return PublicLeagueTable(
        period=table_.period, kind=table_.kind, as_of=table_.as_of, min_cases=table_.min_cases,
        weights=table_.config.weights, total=table_.total,
        items=[PublicLeagueItem(rank=i.rank, ranked=i.ranked, name=i.name, volume=i.volume,
                                response_rate=i.response.value, on_time_closure_rate=i.on_time_closure.value,
                                one_time_resolution_rate=i.one_time_resolution.value,
                                satisfaction_rate=i.satisfaction.value, reopen_count=i.reopen_count,
                                composite=i.composite) for i in table_.items],
    )
