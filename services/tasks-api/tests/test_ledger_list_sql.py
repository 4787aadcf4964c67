"""The ledger list evaluates warnings in SQL (ledger/repository.warning_expression); it must give
exactly what rules.evaluate gives for the same task, for every as_of — random tasks, milestones,
deadlines and progress, as_of on and around every date that matters."""

import random
import uuid
from datetime import date, timedelta

from reform_common.auth import Principal
from reform_common.pagination import like_pattern
from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from tasks_api.ledger import repository, rules
from tasks_api.ledger.models import Milestone, Task, TaskSchedule
from tasks_api.ledger.repository import TaskFilters
from tasks_api.plans.models import Plan
from tasks_api.workcal.repository import load_calendar

OFFICE = Principal(subject="office", username="office", display_name="office",
                   roles=frozenset({"reform_office"}))


def _random_task(rng: random.Random, plan: Plan, n: int) -> Task:
    continuous = rng.random() < 0.1
    milestones = []
    for seq in range(rng.choice([0, 0, 1, 2, 4, 4, 6])):
        due = date(plan.year, 1, 1) + timedelta(days=rng.randrange(0, 400))
        done = due + timedelta(days=rng.randrange(-40, 20)) if rng.random() < 0.4 else None
        milestones.append(Milestone(title=f"节点 {seq}", seq=seq, due_date=due, done_date=done))
    if rng.random() < 0.2 and milestones:  # same due dates twice: ties in the schedule
        milestones.append(Milestone(title="同日节点", seq=99, due_date=milestones[0].due_date, done_date=None))
    deadline = None if continuous else date(plan.year, 1, 1) + timedelta(days=rng.randrange(30, 420))
    return Task(
        id=uuid.uuid4(), plan_id=plan.id, code=f"{plan.year}-ZW-{n:04d}", seq=n, title=f"任务 {n}",
        environment="gov_service", category="key", lead_unit_id=uuid.uuid4(), deadline=deadline,
        continuous=continuous, status=rng.choice(["not_started", "in_progress", "in_progress", "completed",
                                                  "ongoing"]),
        progress=rng.choice([0, 5, 10, 25, 33, 50, 60, 75, 90, 99, 100]), milestones=milestones,
        responsible_units=[],
    )


async def _warnings_equal_the_rules(session: AsyncSession, plans: list[Plan], tasks: list[Task],
                                    rng: random.Random) -> None:
    """The list's SQL warning of every task equals rules.evaluate's, as_of on and around its dates."""
    calendar = await load_calendar(session)
    plan_of = {p.id: p for p in plans}
    by_id = {t.id: t for t in tasks}
    days = {d for t in tasks for d in [*(m.due_date for m in t.milestones), *([t.deadline] if t.deadline else [])]}
    years = sorted({p.year for p in plans})
    as_ofs = sorted({d + timedelta(days=k) for d in rng.sample(sorted(days), 25) for k in (-3, -1, 0, 1)}
                    | {date(years[0], 1, 1), date(years[0], 6, 15), date(years[-1], 12, 31),
                       date(years[-1] + 1, 3, 1)})
    compared = 0
    for as_of in as_ofs:
        horizons = {p.warning_days: rules.warning_horizon(as_of, calendar, p.warning_days) for p in plans}
        stmt = repository.evaluated_rows(OFFICE, TaskFilters(), as_of, horizons)
        for task_id, code, year, _, _, warning in (await session.execute(stmt)).all():
            if task_id not in by_id:
                continue  # another test's task
            task = by_id[task_id]
            plan = plan_of[task.plan_id]
            expected = rules.evaluate(status=task.status, progress=task.progress, deadline=task.deadline,
                                      milestones=task.milestones, as_of=as_of, calendar=calendar,
                                      warning_days=plan.warning_days, lag_tolerance=plan.lag_tolerance,
                                      year=plan.year)
            assert warning == expected.warning, (code, as_of, task.status, task.progress, task.deadline,
                                                 plan.year, plan.lag_tolerance,
                                                 [(m.due_date, m.done_date) for m in task.milestones])
            compared += 1
    assert compared == len(tasks) * len(as_ofs)


async def test_sql_warnings_equal_the_rules_for_every_as_of(db_connection):
    rng = random.Random(20261124)
    session = AsyncSession(bind=db_connection, join_transaction_mode="create_savepoint")
    plans = [Plan(id=uuid.uuid4(), year=2031, title="甲", warning_days=5, lag_tolerance=20),
             Plan(id=uuid.uuid4(), year=2032, title="乙", warning_days=3, lag_tolerance=7)]
    session.add_all(plans)
    await session.flush()  # tasks only name their plan by id: no relationship orders the inserts
    tasks = [_random_task(rng, plans[i % 2], i) for i in range(240)]
    session.add_all(tasks)
    await session.flush()
    await _warnings_equal_the_rules(session, plans, tasks, rng)


async def test_sql_warnings_follow_progress_deadline_and_plan_changes(db_connection):
    """The progress lag is kept as the day it starts (task_schedules.lag_from, migration 0012): it
    must follow a task's progress, deadline and plan and the plan's year and lag tolerance, changed
    through the ORM, by one statement over many tasks, or both in one flush with the milestones."""
    rng = random.Random(20261129)
    session = AsyncSession(bind=db_connection, join_transaction_mode="create_savepoint")
    plans = [Plan(id=uuid.uuid4(), year=2034, title="丁", warning_days=4, lag_tolerance=10),
             Plan(id=uuid.uuid4(), year=2035, title="戊", warning_days=2, lag_tolerance=25)]
    session.add_all(plans)
    await session.flush()
    tasks = [_random_task(rng, plans[i % 2], i) for i in range(120)]
    session.add_all(tasks)
    await session.flush()
    for task in rng.sample(tasks, 40):  # progress, one at a time
        task.progress = rng.choice([0, 10, 40, 70, 95, 100])
    for task in rng.sample([t for t in tasks if not t.continuous], 20):  # deadlines
        task.deadline = date(2034, 1, 1) + timedelta(days=rng.randrange(20, 500))
    for task in rng.sample(tasks, 10):  # moved to the other plan
        task.plan_id = plans[0].id if task.plan_id == plans[1].id else plans[1].id
    for task in rng.sample([t for t in tasks if t.milestones], 10):  # milestones and progress in one flush
        task.milestones[0].due_date += timedelta(days=30)
        task.progress = rng.choice([0, 50])
    await session.flush()
    some = rng.sample(tasks, 30)  # one statement over many tasks
    await session.execute(update(Task).where(Task.id.in_([t.id for t in some])).values(progress=Task.progress / 2))
    for task in some:
        await session.refresh(task, ["progress"])
    await _warnings_equal_the_rules(session, plans, tasks, rng)
    plans[0].lag_tolerance, plans[1].lag_tolerance = 0, 40
    await session.flush()
    await _warnings_equal_the_rules(session, plans, tasks, rng)
    plans[1].year = 2036
    await session.flush()
    await _warnings_equal_the_rules(session, plans, tasks, rng)
    # The bulk rebuild (loads that bypass triggers) gives the same days.
    kept = (await session.execute(select(TaskSchedule.task_id, TaskSchedule.lag_from)
                                  .order_by(TaskSchedule.task_id))).all()
    await session.execute(text("SELECT task_schedules_rebuild()"))
    rebuilt = dict((await session.execute(select(TaskSchedule.task_id, TaskSchedule.lag_from))).all())
    assert [(task_id, lag) for task_id, lag in kept if task_id in rebuilt] == sorted(rebuilt.items())
    assert all(lag is None for task_id, lag in kept if task_id not in rebuilt)


async def test_list_counts_pages_and_sorts_like_the_rules(client, as_user, make_plan, make_task):
    await make_plan(2026)
    for n, deadline in enumerate(["2026-03-01", "2026-12-31", "2026-06-30", "2026-04-20"]):
        await make_task(title=f"排序任务 {n}", deadline=deadline)
    as_of = "2026-04-15"
    full = (await client.get(f"/api/tasks/v1/tasks?as_of={as_of}&page_size=200", headers=as_user("office"))).json()
    assert full["total"] == len(full["items"])
    assert full["counts"] == {level: sum(1 for t in full["items"] if t["warning"] == level)
                              for level in ("red", "yellow", "none")}
    for sort, key in (("deadline", lambda t: (t["deadline"] is None, t["deadline"] or "9999", t["code"])),
                      ("warning", lambda t: ({"red": 0, "yellow": 1, "none": 2}[t["warning"]], t["code"])),
                      ("progress", lambda t: (t["progress"], t["code"]))):
        page = (await client.get(f"/api/tasks/v1/tasks?as_of={as_of}&sort={sort}&page_size=2&page=2",
                                 headers=as_user("office"))).json()
        assert [t["code"] for t in page["items"]] == [t["code"] for t in sorted(full["items"], key=key)[2:4]]
    red = (await client.get(f"/api/tasks/v1/tasks?as_of={as_of}&warning=red", headers=as_user("office"))).json()
    assert red["total"] == full["counts"]["red"] and all(t["warning"] == "red" for t in red["items"])
    # By code the page is a walk of the code index (no materialised set): the same order and filter.
    assert [t["code"] for t in red["items"]] == [t["code"] for t in full["items"] if t["warning"] == "red"][:20]
    second = (await client.get(f"/api/tasks/v1/tasks?as_of={as_of}&page_size=2&page=2",
                               headers=as_user("office"))).json()
    assert [t["code"] for t in second["items"]] == [t["code"] for t in full["items"]][2:4]
    assert second["counts"] == full["counts"]
    assert red["counts"] == full["counts"]


async def _schedules_equal_the_milestones(session: AsyncSession, task_ids: set[uuid.UUID]) -> None:
    kept = {row.task_id: (row.due_dates, row.open_due) for row in await session.scalars(
        select(TaskSchedule).where(TaskSchedule.task_id.in_(task_ids)).execution_options(populate_existing=True))}
    milestones = (await session.execute(select(Milestone.task_id, Milestone.due_date, Milestone.done_date)
                                        .where(Milestone.task_id.in_(task_ids)))).all()
    existing = set(await session.scalars(select(Task.id).where(Task.id.in_(task_ids))))
    for task_id in existing:
        own = [(due, done) for tid, due, done in milestones if tid == task_id]
        expected = (sorted(due for due, _ in own), min((due for due, done in own if done is None), default=None))
        assert kept.get(task_id, ([], None)) == expected, task_id
    assert set(kept) <= existing  # a deleted task's schedule went with it


async def test_task_schedules_follow_every_milestone_change(db_connection):
    """The trigger-kept schedule (migration 0009) equals the milestones after random inserts,
    date changes, completions, moves between tasks, deletions, statements over several tasks and
    task deletions, and the bulk rebuild gives the same rows."""
    rng = random.Random(20261125)
    session = AsyncSession(bind=db_connection, join_transaction_mode="create_savepoint")
    plan = Plan(id=uuid.uuid4(), year=2033, title="丙", warning_days=5, lag_tolerance=20)
    session.add(plan)
    await session.flush()
    tasks = [_random_task(rng, plan, i) for i in range(60)]
    session.add_all(tasks)
    await session.flush()
    ids = {t.id for t in tasks}
    await _schedules_equal_the_milestones(session, ids)
    for _ in range(200):
        milestone_ids = list(await session.scalars(select(Milestone.id).where(Milestone.task_id.in_(ids))))
        step = rng.choice(["insert", "due", "done", "reopen", "move", "delete", "bulk"])
        target = rng.choice(milestone_ids) if milestone_ids else None
        if step == "insert" or target is None:
            await session.execute(Milestone.__table__.insert().values(
                id=uuid.uuid4(), task_id=rng.choice(tasks).id, title="新节点",
                due_date=date(2033, 1, 1) + timedelta(days=rng.randrange(0, 365))))
        elif step == "due":
            await session.execute(update(Milestone).where(Milestone.id == target).values(
                due_date=date(2033, 1, 1) + timedelta(days=rng.randrange(0, 365))))
        elif step in ("done", "reopen"):
            await session.execute(update(Milestone).where(Milestone.id == target).values(
                done_date=date(2033, 6, 1) if step == "done" else None))
        elif step == "bulk":  # one statement over several tasks' milestones
            await session.execute(update(Milestone).where(Milestone.task_id.in_(
                [t.id for t in rng.sample(tasks, 3)])).values(due_date=Milestone.due_date + 7, done_date=None))
        elif step == "move":
            await session.execute(update(Milestone).where(Milestone.id == target).values(
                task_id=rng.choice(tasks).id))
        else:
            await session.execute(delete(Milestone).where(Milestone.id == target))
    await _schedules_equal_the_milestones(session, ids)
    await session.execute(delete(Task).where(Task.id.in_([t.id for t in tasks[:10]])))
    await _schedules_equal_the_milestones(session, ids)
    before = (await session.execute(select(TaskSchedule.task_id, TaskSchedule.due_dates, TaskSchedule.open_due)
                                    .order_by(TaskSchedule.task_id))).all()
    await session.execute(text("SELECT task_schedules_rebuild()"))
    after = (await session.execute(select(TaskSchedule.task_id, TaskSchedule.due_dates, TaskSchedule.open_due)
                                   .order_by(TaskSchedule.task_id))).all()
    # The rebuild keeps no row for a task without milestones, the trigger an empty one: same schedule.
    assert [row for row in before if row.due_dates] == after


async def test_keyword_filter_matches_like_ilike_on_every_field(db_connection):
    """tasks.search_text (migration 0009) gives the ILIKE over title, measures, goal, code and tags:
    mixed case, NULL fields, %, _ and \\ taken literally, words across two tags but never across fields."""
    rng = random.Random(20261126)
    session = AsyncSession(bind=db_connection, join_transaction_mode="create_savepoint")
    plan = Plan(id=uuid.uuid4(), year=2034, title="丁", warning_days=5, lag_tolerance=20)
    session.add(plan)
    await session.flush()
    words = ["审批", "Permit", "pERMIT", "一网通办", "50%", "a_b", "a\\b", "ÄÖ", "äö", "证照", "Ab", "办"]
    tasks = []
    for i in range(120):
        task = _random_task(rng, plan, i)
        task.code = f"2034-ZW-X{i:03d}"
        task.title = " ".join(rng.sample(words, 2))
        task.measures = rng.choice([None, "".join(rng.sample(words, 3))])
        task.goal = rng.choice([None, "", rng.choice(words) + "目标"])
        task.tags = rng.sample(words, rng.randrange(0, 3))
        tasks.append(task)
    session.add_all(tasks)
    await session.flush()
    ids = [t.id for t in tasks]
    queries = [*words, "permit", "PERMIT", "审批 p", "批P", "%", "_", "\\", "办 a", "目标", "zw-x01", "2034-zw",
               "äÖ", "50", "Ab 审", "nothing", "b目", "\x1f", "办\x1f"]
    for q in queries:
        pattern = like_pattern(q)
        ilike = or_(Task.title.ilike(pattern), Task.measures.ilike(pattern), Task.goal.ilike(pattern),
                    Task.code.ilike(pattern), func.array_to_string(Task.tags, " ").ilike(pattern))
        expected = set(await session.scalars(select(Task.id).where(Task.id.in_(ids), ilike)))
        stmt = repository.filtered(OFFICE, TaskFilters(q=q)).where(Task.id.in_(ids)).with_only_columns(Task.id)
        assert set(await session.scalars(stmt)) == expected, q
        if q in ("permit", "äÖ"):  # the data exercise case folding, not only exact case
            assert expected
