"""The metrics summary (one-time resolution, satisfaction, on-time closure
per period, district and unit) and the monthly trend of a year, from the
measures of :mod:`feedback_api.metrics.repository` (read from the rollups,
:mod:`feedback_api.rollups.service`). Never commits."""

from __future__ import annotations

import uuid
from datetime import datetime

from reform_common.errors import Problem
from reform_common.units import UnitInfo
from reform_common.workdays import SHANGHAI
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases.context import CaseContext
from feedback_api.metrics import repository as repo
from feedback_api.metrics.periods import months, percent, period_bounds
from feedback_api.metrics.schemas import (
    DistrictFilter,
    DistrictMetrics,
    MetricsSummary,
    MetricsTrend,
    MonthMetrics,
    OneTimeResolution,
    Rate,
    UnitFilter,
    UnitMetrics,
)
from feedback_api.rollups.service import counts
from feedback_api.settings import Settings


def rate(counts: tuple[int, int] | None) -> Rate:
    numerator, denominator = counts or (0, 0)
    return Rate(numerator=numerator, denominator=denominator, value=percent(numerator, denominator))


async def one_time_resolution(session: AsyncSession, settings: Settings, period: str) -> OneTimeResolution:
    start, end = period_bounds(period)
    counted = await counts(session, settings, repo.Selection(start, end), None, ("one_time_resolution",))
    once, closed = counted["one_time_resolution"].get(None, (0, 0))
    return OneTimeResolution(period=period, closed=closed, closed_once=once, value=percent(once, closed))


def _bad(field: str, message: str, code: str) -> Problem:
    return Problem(422, "validation_failed", "提交的内容有误", message,
                   errors=[{"field": field, "code": code, "message": message}])


def resolve_district(ctx: CaseContext, value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    district = ctx.district(value)
    if district is None:
        raise _bad("district", "区县不存在，请填写本市区县名称或行政区划代码", "unknown_district")
    return district


def resolve_unit(ctx: CaseContext, value: str | None) -> UnitInfo | None:
    """A unit by id or by code."""
    if value is None:
        return None
    value = value.strip()
    try:
        unit = ctx.units.get(uuid.UUID(value))
    except ValueError:
        unit = next((u for u in ctx.units.values() if u.code == value), None)
    if unit is None:
        raise _bad("unit", "单位不存在，请填写单位编码或 ID", "unknown_unit")
    return unit


def unit_label(ctx: CaseContext, unit_id: uuid.UUID) -> tuple[str | None, str]:
    unit = ctx.units.get(unit_id)
    return (unit.code, unit.name) if unit else (None, "（未知单位）")


async def summary(session: AsyncSession, ctx: CaseContext, period: str, district: str | None,
                  unit: str | None) -> MetricsSummary:
    start, end = period_bounds(period)
    where = resolve_district(ctx, district)
    who = resolve_unit(ctx, unit)
    sel = repo.Selection(start, end, district=where[0] if where else None, unit_id=who.id if who else None)
    names = ("one_time_resolution", "satisfaction", "on_time_closure")
    measures = {}
    for group in (None, "district", "unit"):
        counted = await counts(session, ctx.settings, sel, group, names)
        measures[group] = tuple(counted[n] for n in names)

    def metric_set(group, key) -> dict:
        once, satisfied, on_time = (m.get(key) for m in measures[group])
        return dict(one_time_resolution=rate(once), satisfaction=rate(satisfied), on_time_closure=rate(on_time))

    district_names = dict(ctx.settings.feedback_districts)
    district_keys = set().union(*(m.keys() for m in measures["district"])) - {None}
    by_district = [DistrictMetrics(code=code, name=district_names.get(code, code), **metric_set("district", code))
                   for code in sorted(district_keys, key=lambda c: (c not in district_names, c))]
    order = {u.id: i for i, u in enumerate(ctx.units.values())}
    unit_keys = set().union(*(m.keys() for m in measures["unit"])) - {None}
    by_unit = []
    for unit_id in sorted(unit_keys, key=lambda u: (order.get(u, len(order)), str(u))):
        code, name = unit_label(ctx, unit_id)
        by_unit.append(UnitMetrics(unit_id=unit_id, code=code, name=name, **metric_set("unit", unit_id)))
    return MetricsSummary(
        period=period, start=start, end=end,
        district=DistrictFilter(code=where[0], name=where[1]) if where else None,
        unit=UnitFilter(unit_id=who.id, code=who.code, name=who.name) if who else None,
        by_district=by_district, by_unit=by_unit, **metric_set(None, None),
    )


async def trend(session: AsyncSession, ctx: CaseContext, year: int, district: str | None, unit: str | None,
                now: datetime | None = None) -> MetricsTrend:
    """Received, closed and the three rates month by month: January to the current month (Shanghai time)
    for this year, all twelve for a past year, none for a future one; the totals are the year's so far."""
    where = resolve_district(ctx, district)
    who = resolve_unit(ctx, unit)
    today = (now or datetime.now(SHANGHAI)).astimezone(SHANGHAI)
    shown = [m for m in months(str(year)) if m <= f"{today:%Y-%m}"]
    start, end = period_bounds(str(year))
    sel = repo.Selection(start, end, district=where[0] if where else None, unit_id=who.id if who else None)
    names = ("volume", "one_time_resolution", "satisfaction", "on_time_closure")
    measures = {}
    for group in (None, "month"):
        counted = await counts(session, ctx.settings, sel, group, names)
        measures[group] = tuple(counted[n] for n in names)

    def figures(group, key) -> dict:
        received, once, satisfied, on_time = (m.get(key) for m in measures[group])
        return dict(received=received[0] if received else 0, closed=on_time[1] if on_time else 0,
                    one_time_resolution=rate(once), satisfaction=rate(satisfied), on_time_closure=rate(on_time))

    return MetricsTrend(
        year=year,
        district=DistrictFilter(code=where[0], name=where[1]) if where else None,
        unit=UnitFilter(unit_id=who.id, code=who.code, name=who.name) if who else None,
        months=[MonthMetrics(month=m, **figures("month", m)) for m in shown],
        **figures(None, None),
    )
