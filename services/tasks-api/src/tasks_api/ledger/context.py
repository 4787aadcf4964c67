"""What every ledger answer depends on besides the rows: the business date
(``as_of``), the working-day calendar and the unit directory."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request
from reform_common.units import UnitDirectory, UnitInfo
from reform_common.workdays import WorkingCalendar, today_shanghai

from tasks_api.ledger import rules
from tasks_api.ledger.models import Task
from tasks_api.ledger.schemas import UnitRef
from tasks_api.plans.models import Plan
from tasks_api.workcal.repository import load_calendar, read_calendar_and_snapshot


@dataclass
class LedgerContext:
    as_of: date
    calendar: WorkingCalendar
    units: Mapping[uuid.UUID, UnitInfo]
    # The MVCC snapshot the calendar was read under, kept only when read by the DirectReader (whose
    # statements write nothing after it): the list's page cache keys on it without a round trip of its own.
    snapshot: str | None = None

    def unit_ref(self, unit_id: uuid.UUID) -> UnitRef | None:
        unit = self.units.get(unit_id)
        if unit is None:
            return None
        return UnitRef(id=unit.id, name=unit.name, short_name=unit.short_name)

    def evaluate(self, task: Task, plan: Plan) -> rules.Evaluation:
        return rules.evaluate(
            status=task.status, progress=task.progress, deadline=task.deadline, milestones=task.milestones,
            as_of=self.as_of, calendar=self.calendar, warning_days=plan.warning_days,
            lag_tolerance=plan.lag_tolerance, year=plan.year,
        )

    def notices(self, years: list[int]) -> list[str]:
        return self.calendar.notices([*years, self.as_of.year])


async def build_context(session, directory: UnitDirectory, as_of: date | None = None) -> LedgerContext:
    return LedgerContext(as_of or today_shanghai(), await load_calendar(session), await directory.index())


AsOf = Annotated[date | None, Query(description="按哪一天计算预警（YYYY-MM-DD），默认上海时间今天")]


async def _context(request: Request, as_of: AsOf = None) -> LedgerContext:
    """The calendar's digest through the database's DirectReader, outside the request's transaction (if it
    has one), with the snapshot it was read under: the cheapest statement there is, and the list's page
    cache keys on the snapshot (a route with a session reads its rows under its own)."""
    calendar, snapshot = await read_calendar_and_snapshot(request.app.state.db.direct)
    return LedgerContext(as_of or today_shanghai(), calendar, await request.app.state.units.index(), snapshot)


ContextDep = Annotated[LedgerContext, Depends(_context)]
