"""Where indicator ranks come from for the rank rule (排名满分规则).

indicators-api owns indicators and their ranks; tasks-api reads an indicator's
framework (``GET /api/indicators/v1/indicators/{code}``) and its city's ranks
by period (``GET .../{code}/trend``) through the gateway with its service token.
When indicators-api has no rank for an indicator — or cannot be reached — the
ranks the reform office entered by hand (table ``indicator_ranks``) are used."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import quote

import httpx
from reform_common.service_client import ServiceClient

from tasks_api.evaluations import periods

log = logging.getLogger("tasks.evaluations.ranks")


@dataclass(frozen=True)
class RankPoint:
    period: str
    rank: int | None
    of: int | None = None


@dataclass(frozen=True)
class Standing:
    """An indicator's framework code (``national``, ``provincial``, …) and its ranks by period."""

    framework: str
    points: tuple[RankPoint, ...]


class IndicatorRanks:
    """Base: a fixed set of standings by indicator code (tests and offline tools use it directly)."""

    def __init__(self, standings: dict[str, Standing] | None = None) -> None:
        self.standings: dict[str, Standing] = dict(standings or {})

    async def standing(self, code: str) -> Standing | None:
        return self.standings.get(code)


class GatewayIndicatorRanks(IndicatorRanks):
    def __init__(self, client: ServiceClient) -> None:
        super().__init__()
        self.client = client

    async def standing(self, code: str) -> Standing | None:
        path = f"/api/indicators/v1/indicators/{quote(code, safe='')}"
        try:
            indicator = await self.client.request("GET", path)
            if indicator.status_code != 200:
                return None
            trend = await self.client.request("GET", f"{path}/trend")
            if trend.status_code != 200:
                return None
            points = tuple(RankPoint(p["period"], p.get("rank"), p.get("of")) for p in trend.json())
            return Standing(indicator.json()["framework_code"], points)
        except (httpx.HTTPError, KeyError, TypeError, ValueError):
            # Unreachable or answering nonsense: the hand-entered ranks stand in.
            log.warning("indicators-api gave no usable rank for %s", code, exc_info=True)
            return None


def pick(points: tuple[RankPoint, ...] | list[RankPoint], period: str) -> RankPoint | None:
    """The rank of ``period`` itself, else the latest ranked period that ended by the end of ``period``
    (a later result never decides an earlier evaluation)."""
    _, end = periods.bounds(period)
    ranked = []
    for p in points:
        if p.rank is None:
            continue
        if p.period == period:
            return p
        try:
            p_start, p_end = periods.bounds(p.period)
        except ValueError:
            continue
        if p_end <= end:
            ranked.append((p_end, p_start, p))
    return max(ranked, key=lambda t: (t[0], t[1]))[2] if ranked else None
