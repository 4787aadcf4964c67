"""The league table counts per unit in SQL (league/repository.py); they must equal the rules applied
to the loaded tasks: ``rules.evaluate`` for the warnings, milestones due in the window and done by
their due date, and one report owed per unit, task not completed and reporting period due in the
window, on time when the report not returned was submitted (Shanghai date) by the due date.
Random tasks, units, milestones and reports; every kind of period; as_of around the due dates."""

import random
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from reform_common.units import UnitInfo
from reform_common.workdays import SHANGHAI
from sqlalchemy.ext.asyncio import AsyncSession
from tasks_api.league import periods, service
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.models import Task, TaskUnit
from tasks_api.plans.models import Plan
from tasks_api.reports.models import ProgressReport
from tasks_api.workcal.repository import load_calendar

from .test_ledger_list_sql import _random_task


def _reference(tasks: list[Task], reports: list[ProgressReport], plan: Plan, period: periods.Period,
               window_end: date, ctx: LedgerContext) -> dict[uuid.UUID, service.Tally]:
    tallies: dict[uuid.UUID, service.Tally] = {}
    for task in tasks:
        warning = ctx.evaluate(task, plan).warning
        due = [m for m in task.milestones if period.start <= m.due_date <= window_end]
        on_time = sum(1 for m in due if m.done_date is not None and m.done_date <= m.due_date)
        for unit_id in dict.fromkeys([task.lead_unit_id, *(tu.unit_id for tu in task.responsible_units)]):
            if unit_id not in ctx.units:
                continue
            t = tallies.setdefault(unit_id, service.Tally())
            t.tasks += 1
            t.milestones_due += len(due)
            t.milestones_on_time += on_time
            t.red += warning == "red"
            t.yellow += warning == "yellow"
    submitted: dict[tuple, list[datetime]] = defaultdict(list)
    for r in reports:
        if r.status != "returned":
            submitted[(r.task_id, r.unit_id, r.period_start)].append(r.submitted_at)
    for start, due in service.reporting_periods(plan, period, window_end, ctx):
        for task in tasks:
            if task.status == "completed":
                continue
            for unit_id in dict.fromkeys([task.lead_unit_id, *(tu.unit_id for tu in task.responsible_units)]):
                if unit_id not in tallies:
                    continue
                tallies[unit_id].reports_expected += 1
                times = submitted.get((task.id, unit_id, start))
                if times and min(times).astimezone(SHANGHAI).date() <= due:
                    tallies[unit_id].reports_on_time += 1
    return tallies


async def test_sql_counts_equal_the_rules_on_the_loaded_tasks(db_connection):
    rng = random.Random(20261126)
    session = AsyncSession(bind=db_connection, join_transaction_mode="create_savepoint")
    plan = Plan(id=uuid.uuid4(), year=2035, title="戊", warning_days=5, lag_tolerance=20, report_cycle="monthly")
    session.add(plan)
    await session.flush()
    units = [uuid.uuid4() for _ in range(7)]
    directory = {u: UnitInfo(id=u, code=f"u{i}", name=f"单位{i}", short_name=f"单位{i}", aliases=(),
                             kind="department") for i, u in enumerate(units[:6])}  # the 7th is not listed
    tasks = []
    for n in range(150):
        task = _random_task(rng, plan, n)
        task.lead_unit_id = rng.choice(units)
        others = [u for u in units if u != task.lead_unit_id]
        task.responsible_units = [TaskUnit(unit_id=u, position=i)
                                  for i, u in enumerate(rng.sample(others, rng.randrange(0, 3)))]
        tasks.append(task)
    session.add_all(tasks)
    await session.flush()
    calendar = await load_calendar(session)
    reports = []
    for task in tasks:
        for unit_id in [task.lead_unit_id, *(tu.unit_id for tu in task.responsible_units)]:
            for month in range(1, 13):
                if rng.random() < 0.3:
                    continue
                start = date(2035, month, 1)
                end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                # Around the due date (a few working days after the period), in Shanghai and UTC terms.
                day = end + timedelta(days=rng.randrange(-3, 12))
                at = datetime.combine(day, time(rng.choice([0, 7, 15, 23]), 30), SHANGHAI).astimezone(UTC)
                for status in rng.choice([["submitted"], ["approved"], ["returned"], ["returned", "submitted"]]):
                    reports.append(ProgressReport(task_id=task.id, unit_id=unit_id, period_start=start,
                                                  period_end=end, content="进展", progress=50, status=status,
                                                  submitted_by="test", submitted_at=at))
                    at += timedelta(days=rng.randrange(0, 6))
    session.add_all(reports)
    await session.flush()

    compared = 0
    for key in ["2035", "2035-Q1", "2035-Q2", "2035-Q4", "2035-03", "2035-07", "2035-12"]:
        period = periods.parse(key)
        for as_of in {period.start, period.start + timedelta(days=9), period.end, period.end + timedelta(days=20),
                      period.start + timedelta(days=rng.randrange(0, 90))}:
            ctx = LedgerContext(as_of, calendar, directory)
            window_end = min(period.end, as_of)
            got = await service.tallies_for(session, plan, period, window_end, ctx)
            expected = _reference(tasks, reports, plan, period, window_end, ctx)
            assert got == expected, (key, as_of)
            compared += 1
            if key == "2035" and as_of == period.end:  # the data exercise every count
                assert all(sum(getattr(t, f) for t in got.values())
                           for f in ("tasks", "milestones_due", "milestones_on_time", "red", "yellow",
                                     "reports_expected", "reports_on_time"))
                assert sum(t.reports_on_time for t in got.values()) < sum(t.reports_expected for t in got.values())
    assert compared >= 28
