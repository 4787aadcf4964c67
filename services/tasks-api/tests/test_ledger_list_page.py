"""The ledger list reads its page in its own statement and presents it from rows, reuses its
compiled statement per shape, keeps pages per MVCC snapshot and the working-day calendar per
process: each must give what the per-task path gives, and an edit must show at once."""

import dataclasses
import random
import uuid
from datetime import date, timedelta

import httpx
from reform_common.auth import Principal
from reform_common.workdays import WorkingCalendar
from sqlalchemy import delete, event, update
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncSession
from tasks_api.ledger import repository, rules, service
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.models import Task
from tasks_api.ledger.repository import TaskFilters
from tasks_api.ledger.schemas import TaskList
from tasks_api.plans.models import Plan
from tasks_api.workcal import repository as workcal

API = "/api/tasks/v1"


async def test_list_items_equal_the_task_details(client, as_user, make_plan, make_task, units):
    """Milestones done and open, responsible units in their order, the latest of several reports, a
    task with none of these: each list item is the task's detail, field for field."""
    await make_plan(2037)
    office, scjg = as_user("office"), as_user("scjg")
    bare = await make_task(year=2037, title="无节点无单位", deadline="2037-05-20", responsible_unit_ids=[])
    full = await make_task(year=2037, title="季度节点", deadline="2037-12-31", quarterly_template=True,
                           responsible_unit_ids=[str(units["sfj"]), str(units["scjg"]), str(units["gaj"])])
    first = full["milestones"][0]["id"]
    done = await client.post(f"{API}/milestones/{first}/complete", headers=office, params={"as_of": "2037-04-02"},
                             json={"done_date": "2037-03-30", "evidence": "已上线"})
    assert done.status_code == 200, done.text
    for as_of, progress in (("2037-04-10", 30), ("2037-05-12", 45)):
        sent = await client.post(f"{API}/tasks/{full['code']}/reports", headers=scjg, params={"as_of": as_of},
                                 json={"content": f"{as_of} 进展", "progress": progress})
        assert sent.status_code == 201, sent.text
    for as_of in ("2037-02-01", "2037-05-15", "2037-07-01", "2038-01-05"):
        listed = (await client.get(f"{API}/tasks", headers=office,
                                   params={"year": 2037, "as_of": as_of, "sort": "warning"})).json()
        assert sorted(t["code"] for t in listed["items"]) == sorted([bare["code"], full["code"]])
        for item in listed["items"]:
            detail = (await client.get(f"{API}/tasks/{item['code']}", headers=office,
                                       params={"as_of": as_of})).json()
            assert item == detail
    item = next(t for t in listed["items"] if t["code"] == full["code"])
    assert [u["id"] for u in item["responsible_units"]] == [str(units[c]) for c in ("sfj", "scjg", "gaj")]
    assert item["latest_report"]["progress"] == 45 and item["milestones"][0]["state"] == "done"


async def test_an_empty_page_still_counts(client, as_user, make_plan, make_task):
    await make_plan(2038)
    await make_task(year=2038, deadline="2038-02-01")
    office = as_user("office")
    past = (await client.get(f"{API}/tasks", headers=office,
                             params={"year": 2038, "as_of": "2038-03-01", "page": 5})).json()
    assert past["items"] == [] and past["total"] == 1 and past["counts"] == {"red": 1, "yellow": 0, "none": 0}
    none = (await client.get(f"{API}/tasks", headers=office, params={"year": 2038, "code": "无此编号"})).json()
    assert none["items"] == [] and none["total"] == 0 and none["counts"] == {"red": 0, "yellow": 0, "none": 0}


async def test_a_calendar_edit_shows_in_the_list_at_once(client, as_user, make_plan, make_task):
    """2039 is outside the calendar package (Monday–Friday until the office enters it). Deadline on
    a Monday, as_of the Monday before: Tue–Fri and Mon are five working days, so yellow; with that
    weekend made working days the five end on Sunday, so none; the entry taken back, yellow again."""
    await make_plan(2039)
    as_of = date(2039, 3, 7)
    assert as_of.weekday() == 0
    task = await make_task(year=2039, deadline=(as_of + timedelta(days=7)).isoformat())
    office = as_user("office")

    async def listed() -> dict:
        body = (await client.get(f"{API}/tasks", headers=office,
                                 params={"year": 2039, "as_of": as_of.isoformat()})).json()
        return {"warning": {t["code"]: t["warning"] for t in body["items"]}[task["code"]],
                "notices": body["calendar_notices"]}

    before = await listed()
    assert before["warning"] == "yellow" and any("2039" in n for n in before["notices"])
    weekend = [{"day": (as_of + timedelta(days=k)).isoformat(), "is_working_day": True} for k in (5, 6)]
    put = await client.put(f"{API}/calendar/2039", headers=office, json={"published": True, "days": weekend})
    assert put.status_code == 200, put.text
    assert await listed() == {"warning": "none", "notices": []}
    put = await client.put(f"{API}/calendar/2039", headers=office, json={"published": False, "days": []})
    assert put.status_code == 200, put.text
    assert await listed() == before


async def test_the_calendar_is_read_again_only_when_it_changed(db_connection):
    session = AsyncSession(bind=db_connection, join_transaction_mode="create_savepoint")
    first = await workcal.load_calendar(session)
    assert await workcal.load_calendar(session) is first  # unchanged: the same calendar, its memo kept
    day = date(2041, 5, 6)
    assert first.is_working_day(day)
    await workcal.replace_year(session, 2041, [(day, False, "临时调整")], published=False, note=None)
    changed = await workcal.load_calendar(session)
    assert changed is not first and not changed.is_working_day(day)
    await workcal.replace_year(session, 2041, [], published=True, note=None)
    published = await workcal.load_calendar(session)
    assert published.is_working_day(day) and published.covered(2041) and not changed.covered(2041)
    await workcal.replace_year(session, 2041, [], published=False, note=None)
    assert await workcal.load_calendar(session) is first  # the same content again: the same calendar
    await session.rollback()


def test_the_horizons_in_one_walk_are_those_of_warning_horizon():
    rng = random.Random(20261127)
    for _ in range(40):
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(1500))  # the package's years and beyond
        overrides = {start + timedelta(days=rng.randrange(60)): rng.random() < 0.5 for _ in range(rng.randrange(8))}
        calendar = WorkingCalendar(overrides, [])
        as_of = start + timedelta(days=rng.randrange(30))
        assert rules.warning_horizons(as_of, calendar, 30) == {
            days: rules.warning_horizon(as_of, calendar, days) for days in range(1, 31)}


def _random_request(shape: random.Random, value: random.Random):
    """``shape`` decides what is present and which branch is taken, ``value`` the values."""
    unit, environment = uuid.uuid4(), value.choice(["market", "gov_service"])
    principal = shape.choice([
        Principal(subject="o", username="o", display_name="o", roles=frozenset({"reform_office"})),
        Principal(subject="u", username="u", display_name="u", roles=frozenset({"unit"}), unit_id=unit),
        Principal(subject="g", username="g", display_name="g", roles=frozenset({"group_lead"}), unit_id=unit,
                  environment=environment),
        Principal(subject="n", username="n", display_name="n", roles=frozenset({"unit"})),
    ])
    maybe = lambda make: make() if shape.random() < 0.3 else None  # noqa: E731
    q = shape.choice([None, "", "plain", "separated"])
    filters = TaskFilters(
        year=maybe(lambda: value.randrange(2020, 2040)),
        environment=maybe(lambda: value.choice(["market", "rule_of_law"])),
        category=maybe(lambda: value.choice(["key", "strength"])),
        benchmark_class=maybe(lambda: value.choice("ABC")), lead_unit_id=maybe(uuid.uuid4),
        responsible_unit_id=maybe(uuid.uuid4), status=maybe(lambda: value.choice(["completed", "in_progress"])),
        q=q if q in (None, "") else value.choice(["审批", "a_b%", "证照"] if q == "plain" else ["x\x1fy", "\x1f审批"]),
        code=maybe(lambda: f"2026-ZW-{value.randrange(999):03d}"),
        indicator=maybe(lambda: value.choice(["ZW01", "SC02"])),
    )
    as_of = date(2026, 1, 1) + timedelta(days=value.randrange(800))
    horizons = {d: as_of + timedelta(days=d + value.randrange(3)) for d in range(1, value.choice([5, 30]) + 1)}
    warning = value.choice(["red", "yellow", "none"]) if shape.random() < 0.5 else None
    return (principal, filters, as_of, horizons, warning, shape.choice(["code", "deadline", "warning", "progress"]),
            value.randrange(0, 500), value.choice([1, 20, 200]))


def test_the_cached_statement_gives_the_sql_and_values_of_a_fresh_one():
    """Every value the list depends on is a parameter of the cached statement: requests of the same
    shape with other values get the SQL and parameters of a statement compiled afresh."""
    rng = random.Random(20261123)
    dialect = asyncpg_dialect()
    repository._COMPILED.clear()
    for _ in range(150):
        seed = rng.random()
        for _ in range(3):  # the first compiles, the others reuse it
            request = _random_request(random.Random(seed), rng)
            sql, parameters = repository._compiled(dialect, *request)
            compiled = repository.list_statement(*request).compile(dialect=dialect)
            assert sql == compiled.string
            assert parameters == tuple(compiled.params[name] for name in compiled.positiontup)
    assert len(repository._COMPILED) <= 150


OFFICE = Principal(subject="office", username="office", display_name="office", roles=frozenset({"reform_office"}))


async def _committed_task(db, year: int, title: str, lead_unit_id: uuid.UUID) -> tuple[Plan, Task]:
    """A plan of ``year`` with one task, committed (no test transaction around it): the caller deletes the plan."""
    plan = Plan(id=uuid.uuid4(), year=year, title=str(year), warning_days=5, lag_tolerance=20)
    task = Task(id=uuid.uuid4(), plan_id=plan.id, code=f"{year}-ZW-001", seq=1, title=title, environment="gov_service",
                category="key", lead_unit_id=lead_unit_id, deadline=date(year, 6, 30), continuous=False,
                status="in_progress", progress=10, milestones=[], responsible_units=[])
    async with db.sessionmaker() as session:
        session.add(plan)
        await session.flush()
        session.add(task)
        await session.commit()
    return plan, task


async def test_a_page_is_read_again_after_every_commit_and_never_before(app):
    """Real commits (no test transaction around them): the same page while nothing commits, not even while
    a transaction holds an uncommitted change, and a new one after a commit."""
    db = app.state.db
    plan, task = await _committed_task(db, 2042, "缓存前", uuid.uuid4())
    as_of = date(2042, 6, 1)
    horizons = {days: as_of + timedelta(days=days + 2) for days in range(1, 31)}

    async def page():
        _, snapshot = await workcal.read_calendar_and_snapshot(db.direct)
        return await repository.list_page(db.direct, OFFICE, TaskFilters(year=2042), as_of, horizons, None, "code",
                                          0, 20, snapshot)

    title = repository.PAGE_TASK_COLUMNS.index("title") + 4
    try:
        first = await page()
        assert first.rows[0][title] == "缓存前"
        assert await page() is first  # nothing committed since: the page read before
        async with db.sessionmaker() as session:
            await session.execute(update(Task).where(Task.id == task.id).values(title="已提交", progress=80))
            assert (await page()).rows[0][title] == "缓存前"  # not committed: not seen
            await session.rollback()
        assert await page() == first  # rolled back: the same rows (read again: an abort moves the snapshot)
        async with db.sessionmaker() as session:
            await session.execute(update(Task).where(Task.id == task.id).values(title="已提交"))
            await session.commit()
        after = await page()
        assert after is not first and after.rows[0][title] == "已提交"
    finally:
        async with db.sessionmaker() as session:
            await session.execute(delete(Plan).where(Plan.id == plan.id))  # its tasks go with it
            await session.commit()


async def test_a_kept_page_is_presented_again_only_when_the_calendar_or_a_unit_changed(app, units):
    """A page kept per snapshot keeps its answer; a renamed unit or another calendar writes it again."""
    db = app.state.db
    fgw = units["fgw"]
    plan, _ = await _committed_task(db, 2043, "呈现缓存", fgw)
    calendar, _ = await workcal.read_calendar_and_snapshot(db.direct)
    directory = {u.id: u for u in await app.state.units.all()}

    async def listed(calendar, units):
        _, snapshot = await workcal.read_calendar_and_snapshot(db.direct)
        return await service.list_tasks(db.direct, OFFICE, TaskFilters(year=2043), None, "code", 0, 20,
                                        LedgerContext(date(2043, 6, 1), calendar, units, snapshot))

    try:
        first = await listed(calendar, directory)
        assert await listed(calendar, dict(directory)) is first  # the same units, another request
        renamed = {**directory, fgw: dataclasses.replace(directory[fgw], name="市发展和改革委员会（更名）")}
        moved = TaskList.model_validate_json(await listed(calendar, renamed))
        assert moved.items[0].lead_unit.name == "市发展和改革委员会（更名）"
        kept = TaskList.model_validate_json(first)
        assert moved.items[0].model_dump(exclude={"lead_unit"}) == kept.items[0].model_dump(exclude={"lead_unit"})
        assert moved.model_dump(exclude={"items"}) == kept.model_dump(exclude={"items"})
        other = WorkingCalendar({date(2043, 6, 2): False}, [])
        assert await listed(other, renamed) is not await listed(calendar, renamed)
        assert await listed(other, renamed) is await listed(other, renamed)
    finally:
        async with db.sessionmaker() as session:
            await session.execute(delete(Plan).where(Plan.id == plan.id))  # its tasks go with it
            await session.commit()


async def test_a_kept_page_costs_a_list_request_one_statement(app, tokens, monkeypatch):
    """Through the API, real commits: a repeated request finds its page by the snapshot read with the calendar's
    digest (one statement of the DirectReader, no session, no transaction); after a commit it reads the page again."""
    db = app.state.db
    plan, task = await _committed_task(db, 2044, "一条语句", uuid.uuid4())
    statements: list[str] = []
    through_sessions: list[str] = []
    reader = type(db.direct)

    def recording(method):
        async def record(self, sql, *args):
            statements.append(sql)
            return await method(self, sql, *args)
        return record

    def executed(conn, cursor, statement, parameters, context, executemany) -> None:
        through_sessions.append(statement)

    monkeypatch.setattr(reader, "fetch", recording(reader.fetch))
    monkeypatch.setattr(reader, "fetchrow", recording(reader.fetchrow))
    event.listen(db.engine.sync_engine, "before_cursor_execute", executed)
    url, headers = f"{API}/tasks?year=2044&as_of=2044-06-01", tokens.headers(roles=["reform_office"])
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            first = await client.get(url, headers=headers)
            assert first.status_code == 200, first.text
            statements.clear()
            again = await client.get(url, headers=headers)
            assert again.content == first.content
            assert len(statements) == 1, statements
            async with db.sessionmaker() as session:
                await session.execute(update(Task).where(Task.id == task.id).values(title="提交之后"))
                await session.commit()
            statements.clear()
            through_sessions.clear()
            after = await client.get(url, headers=headers)
            assert after.json()["items"][0]["title"] == "提交之后"
            assert len(statements) == 2, statements  # the digest with the snapshot, then the page
            assert through_sessions == []
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", executed)
        async with db.sessionmaker() as session:
            await session.execute(delete(Plan).where(Plan.id == plan.id))  # its tasks go with it
            await session.commit()