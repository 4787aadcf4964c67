"""What every case answer depends on besides the rows: the time, the
working-day calendar, the unit directory, the settings and the key vault."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from reform_common.units import UnitDirectory, UnitInfo
from reform_common.workdays import WorkingCalendar
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases import deadlines
from feedback_api.cases.schemas import UnitRef
from feedback_api.privacy import PiiVault
from feedback_api.settings import Settings
from feedback_api.workcal.repository import load_calendar, read_calendar_and_snapshot


@dataclass
class CaseContext:
    now: datetime
    calendar: WorkingCalendar
    directory: UnitDirectory
    settings: Settings
    vault: PiiVault
    units: Mapping[uuid.UUID, UnitInfo] = field(default_factory=dict)

    def unit_ref(self, unit_id: uuid.UUID | None) -> UnitRef | None:
        if unit_id is None:
            return None
        unit = self.units.get(unit_id)
        if unit is None:
            return UnitRef(id=unit_id, name="（未知单位）", short_name="（未知单位）")
        return UnitRef(id=unit.id, name=unit.name, short_name=unit.short_name)

    def time_limit(self, case_type: str) -> int:
        return int(self.settings.feedback_time_limits.get(case_type, 5))

    @property
    def approaching_until(self) -> datetime:
        return deadlines.approaching_until(self.calendar, self.now, self.settings.feedback_approaching_working_days)

    def district_unit(self, district_name: str | None) -> UnitInfo | None:
        if not district_name:
            return None
        for unit in self.units.values():
            if unit.kind == "district" and district_name in (unit.name, unit.short_name, *unit.aliases):
                return unit
        return None

    def district(self, value: str) -> tuple[str, str] | None:
        """A district by GB/T 2260 code or by name (全称), as (code, name)."""
        value = value.strip()
        for code, name in self.settings.feedback_districts:
            if value in (code, name):
                return code, name
        return None


async def build_context(session: AsyncSession, app_state, now: datetime | None = None,
                        with_units: bool = True) -> CaseContext:
    ctx = CaseContext(now or datetime.now(UTC), await load_calendar(session), app_state.units,
                      app_state.settings, app_state.vault)
    if with_units:
        ctx.units = await app_state.units.index()
    return ctx


async def _context(request: Request) -> CaseContext:
    """The calendar's digest through the database's DirectReader, outside the request's transaction (if it
    has one): reference data no request changes before it reads it, and the cheapest statement there is."""
    state = request.app.state
    calendar, _ = await read_calendar_and_snapshot(state.db.direct)
    return CaseContext(datetime.now(UTC), calendar, state.units, state.settings, state.vault, await state.units.index())


ContextDep = Annotated[CaseContext, Depends(_context)]
