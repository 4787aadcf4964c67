"""Runs calculations (indicators_api.calc) over approved data and records
each run: its inputs, the bounds and weights it used, its results. A run is
reused while its fingerprint (inputs and parameters) is unchanged, so the
same question always gets the same recorded answer."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api import calc
from indicators_api.catalogs import repository as catalog
from indicators_api.catalogs.models import Indicator
from indicators_api.observations import repository as observations
from indicators_api.results.models import CalculationRun

COVERAGE = 2 / 3


@dataclass(frozen=True)
class Row:
    region: str
    value: float | None
    rank: int | None
    percentile: float | None
    score: float | None


def _fingerprint(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


async def run(session: AsyncSession, indicator: Indicator, period: str, region_set: str) -> CalculationRun:
    members = await catalog.region_set(session, region_set)
    if indicator.kind == "composite":
        children = await catalog.children(session, indicator.code)
        child_runs = [(child, await run(session, child, period, region_set)) for child in children]
        weights = {child.code: child.weight for child in children}
        child_scores = {child.code: {r["region"]: r["score"] for r in child_run.results} for child, child_run in child_runs}
        inputs: dict[str, Any] = {"children": {c.code: r.fingerprint for c, r in child_runs}}
        values: dict[str, float | None] = {}
        coverage: dict[str, float] = {}
        for region in members:
            result = calc.composite([(child_scores[c.code].get(region), weights[c.code]) for c in children],
                                    coverage=COVERAGE)
            values[region] = None if result.score is None else calc.round_half_up(result.score, indicator.decimals)
            coverage[region] = result.covered_weight
        parameters: dict[str, Any] = {"kind": "composite", "weights": weights, "coverage": COVERAGE,
                                      "higher_is_better": True, "covered_weight": coverage}
    else:
        approved = await observations.approved_values(session, indicator.code, period)
        values = {region: approved.get(region) for region in members}
        inputs = {"values": values}
        parameters = {"kind": indicator.kind, "higher_is_better": indicator.higher_is_better,
                      "decimals": indicator.decimals}
    fingerprint = _fingerprint({"indicator": indicator.code, "period": period, "set": members, "inputs": inputs,
                                "parameters": {k: v for k, v in parameters.items() if k != "covered_weight"}})
    existing = await session.scalar(
        select(CalculationRun).where(CalculationRun.indicator_code == indicator.code, CalculationRun.period == period,
                                     CalculationRun.region_set == region_set,
                                     CalculationRun.fingerprint == fingerprint)
        .order_by(CalculationRun.created_at.desc()).limit(1)
    )
    if existing is not None:
        return existing
    higher = parameters["higher_is_better"]
    ranks = calc.competition_ranks(values, higher, decimals=indicator.decimals)
    percentile = calc.percentiles(ranks)
    if indicator.kind == "composite":
        scores = dict(values)
        parameters["bounds"] = {"worst": 0, "best": 100, "source": "scale"}
    else:
        score_run = calc.frontier_scores(values, higher)
        scores = score_run.scores
        parameters["bounds"] = {"worst": score_run.worst, "best": score_run.best, "source": score_run.bounds_source}
    results = [
        {"region": region, "value": values[region], "rank": ranks[region], "percentile": percentile[region],
         "score": None if scores[region] is None else calc.round_half_up(scores[region], calc.SCORE_DECIMALS)}
        for region in members
    ]
    record = CalculationRun(indicator_code=indicator.code, period=period, region_set=region_set,
                            fingerprint=fingerprint, inputs=inputs, parameters=parameters, results=results)
    session.add(record)
    await session.flush()
    return record


def rows(run_record: CalculationRun) -> list[Row]:
    """Best first; regions without data last, by code."""
    out = [Row(r["region"], r["value"], r["rank"], r["percentile"], r["score"]) for r in run_record.results]
    return sorted(out, key=lambda r: (r.rank is None, r.rank or 0, r.region))
