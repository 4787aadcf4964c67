"""The rollups behind the league table and the metrics stay exact: after
random workflow steps over HTTP and random changes straight in the database
(dates, units, districts, repeats, events, deletions) their counts equal the
full computation for every period, grouping and filter — kept up by the
triggers, and again after ``feedback_rollups_rebuild()``."""

import json
import random
from datetime import UTC, datetime, timedelta

import pytest
from feedback_api.metrics import repository as full
from feedback_api.metrics.periods import months, period_bounds
from feedback_api.rollups import repository as rollups
from reform_common.workdays import SHANGHAI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

API = "/api/feedback/v1"
HANDLERS = ("scjg", "fgw", "zwb")
DISTRICTS = ("西湖区", "滨江区", "上城区")
NAMES = ("volume", "on_time_closure", "one_time_resolution", "satisfaction", "reopens", "response")


async def _full(session, sel, group, as_of) -> dict:
    window = timedelta(days=30)
    out = {"volume": await full.volume(session, sel, group),
           "on_time_closure": await full.on_time_closure(session, sel, group),
           "one_time_resolution": await full.one_time_resolution(session, sel, window, group),
           "satisfaction": await full.satisfaction(session, sel, group),
           "reopens": await full.reopens(session, sel, group)}
    if group != "month":
        out["response"] = await full.response(session, sel, as_of, group)
    return out


async def _assert_exact(db_connection, year: int, as_of: datetime, units: dict) -> int:
    """Compares every measure both ways; returns how many non-empty comparisons were made."""
    compared = 0
    await rollups.flush(db_connection)  # on the test's transaction itself, not in a savepoint rolled back
    async with AsyncSession(bind=db_connection, join_transaction_mode="create_savepoint") as session:
        periods = [str(year), f"{year}-Q1", f"{year}-Q2", f"{year}-Q3", f"{year}-Q4", *months(str(year))[::3]]
        district_codes = [r[0] for r in (await session.execute(
            text("SELECT DISTINCT district_code FROM cases WHERE district_code IS NOT NULL"))).all()]
        filters = [(None, None), (district_codes[0], None), (None, units[HANDLERS[0]])]
        for period in periods:
            start, end = period_bounds(period)
            for district, unit_id in filters:
                sel = full.Selection(start, end, district=district, unit_id=unit_id)
                for group in (None, "unit", "district", "month"):
                    expected = await _full(session, sel, group, as_of)
                    names = tuple(expected)
                    got = await rollups.measures(session, sel, group, names, as_of if "response" in names else None)
                    assert got == expected, (period, district, unit_id, group)
                    compared += sum(1 for counts in expected.values() if counts)
    return compared


async def _daily(db_connection) -> set:
    rows = await db_connection.execute(text(
        "SELECT month, unit_id, district_code, received, closed, closed_on_time, closed_once, rated, satisfied, "
        "reopens, assignments_counted, assignments_accepted FROM case_rollup_monthly"))
    return {tuple(r) for r in rows.all() if any(r[3:])}


async def _walk(rng, act, case_no, units, steps):
    """Random workflow steps over HTTP, each one the workflow allows from the current status."""
    status, handler = "received", None
    for _ in range(steps):
        if status in ("received", "returned", "reopened"):
            handler = rng.choice(HANDLERS)
            await act(case_no, "assign", "office", unit_id=str(units[handler]))
            status = "assigned"
        elif status == "assigned":
            choice = rng.choice(("accept", "accept", "return", "reassign"))
            if choice == "reassign":
                handler = rng.choice(HANDLERS)
                await act(case_no, "assign", "office", unit_id=str(units[handler]))
            else:
                await act(case_no, choice, handler)
                status = "accepted" if choice == "accept" else "returned"
        elif status == "accepted":
            await act(case_no, "reply", handler)
            status = "replied"
        elif status == "replied":
            if rng.random() < 0.7:
                await act(case_no, "close", "office", satisfaction=rng.choice(("satisfied", "basically_satisfied")))
                status = "closed"
            else:
                await act(case_no, "follow_up_dissatisfied", "office")
                status = "reopened"
        elif status == "closed":
            if rng.random() < 0.3:
                await act(case_no, "reopen", "office")
                status = "reopened"
            else:
                return


async def _scramble(rng, db, year, units, now):
    """Random changes straight in the database: what the triggers must follow whatever wrote them."""
    ids = [r[0] for r in (await db.execute(text("SELECT id FROM cases ORDER BY case_no"))).all()]
    latest = min(now, datetime(year + 1, 1, 1, tzinfo=SHANGHAI)) - timedelta(days=2)

    def moment(after=None):
        first = after or datetime(year, 1, 1, tzinfo=SHANGHAI)
        return first + (latest - first) * rng.random() if first < latest else first

    for case_id in ids:
        received = moment()
        await db.execute(text("UPDATE cases SET received_at = :r WHERE id = :id"), {"r": received, "id": case_id})
        events = [r[0] for r in (await db.execute(text(
            "SELECT id FROM case_events WHERE case_id = :id ORDER BY id"), {"id": case_id})).all()]
        at = received
        for event_id in events:  # keep the order of the timeline, spread over the year
            at = min(at + timedelta(hours=rng.randint(1, 400)), latest)
            await db.execute(text("UPDATE case_events SET occurred_at = :t WHERE id = :e"), {"t": at, "e": event_id})
        await db.execute(text("UPDATE cases SET closed_at = :t WHERE id = :id AND closed_at IS NOT NULL"),
                         {"t": at, "id": case_id})
        if rng.random() < 0.3:  # acceptance limits in the past (late or idle assignments) or far ahead
            due = at - timedelta(hours=rng.randint(-50, 300))
            await db.execute(text("UPDATE case_events SET detail = jsonb_set(detail, '{accept_due_at}', "
                                  "to_jsonb(CAST(:d AS text))) WHERE case_id = :id AND event = 'assigned'"),
                             {"d": due.isoformat(), "id": case_id})
        if rng.random() < 0.3:
            await db.execute(text("UPDATE cases SET due_at = :d WHERE id = :id"),
                             {"d": received + timedelta(days=rng.randint(1, 60)), "id": case_id})
    for _ in range(len(ids) // 2):  # repeats, inside and outside the window, some re-pointed or cleared
        later, earlier = rng.sample(ids, 2)
        await db.execute(text("UPDATE cases SET repeat_of_id = :e WHERE id = :l"), {"e": earlier, "l": later})
    for case_id in rng.sample(ids, len(ids) // 4):
        await db.execute(text("UPDATE cases SET repeat_of_id = NULL WHERE id = :id"), {"id": case_id})
    for case_id in rng.sample(ids, len(ids) // 3):  # units and districts change
        await db.execute(text("UPDATE cases SET main_unit_id = :u, district_code = :d WHERE id = :id"),
                         {"u": units[rng.choice(HANDLERS)] if rng.random() < 0.8 else None,
                          "d": rng.choice(("330106", "330108", "330102", None)), "id": case_id})
    for case_id in rng.sample(ids, len(ids) // 3):  # ratings and reopenings, with and without a reply before
        kind = rng.choice(("closed", "reopened", "replied"))
        detail = {"satisfaction": rng.choice(("satisfied", "basically_satisfied", "dissatisfied"))} \
            if kind != "replied" and rng.random() < 0.8 else {}
        await db.execute(text(
            "INSERT INTO case_events (case_id, event, from_status, to_status, occurred_at, actor, actor_kind, "
            "actor_unit_id, detail) VALUES (:c, :e, 'replied', :e, :t, 'test', 'staff', :u, CAST(:d AS jsonb))"),
            {"c": case_id, "e": kind, "t": moment(), "d": json.dumps(detail),
             "u": units[rng.choice(HANDLERS)] if rng.random() < 0.7 else None})
    for case_id in rng.sample(ids, len(ids) // 5):
        await db.execute(text("UPDATE cases SET reopen_count = reopen_count + 1 WHERE id = :id"), {"id": case_id})
    # a deletion: a case nothing repeats
    victim = (await db.execute(text(
        "SELECT id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM cases r WHERE r.repeat_of_id = c.id) "
        "ORDER BY case_no LIMIT 1"))).scalar()
    await db.execute(text("DELETE FROM cases WHERE id = :id"), {"id": victim})


@pytest.mark.parametrize("seed", [7, 2026])
async def test_rollups_equal_the_full_computation(seed, make_case, act, units, db_connection):
    rng = random.Random(seed)
    now = datetime.now(UTC)
    year = now.astimezone(SHANGHAI).year
    for i in range(14):
        case_no = (await make_case(enterprise_name=f"汇总测试企业{seed}-{i}", district=rng.choice(DISTRICTS)))["case_no"]
        await _walk(rng, act, case_no, units, rng.randint(0, 9))
    as_of = datetime.now(UTC) + timedelta(minutes=1)
    assert await _assert_exact(db_connection, year, as_of, units) > 0

    await _scramble(rng, db_connection, year, units, now)
    assert await _assert_exact(db_connection, year, as_of, units) > 20

    maintained = await _daily(db_connection)
    await db_connection.execute(text("SELECT feedback_rollups_rebuild()"))
    assert await _daily(db_connection) == maintained
    assert await _assert_exact(db_connection, year, as_of, units) > 20


async def test_the_league_table_is_the_same_both_ways(client, as_user, make_case, act, units, db_connection,
                                                      monkeypatch):
    rng = random.Random(11)
    for i in range(10):
        case_no = (await make_case(enterprise_name=f"晾晒汇总企业{i}", district=rng.choice(DISTRICTS)))["case_no"]
        await _walk(rng, act, case_no, units, rng.randint(1, 9))
    await db_connection.execute(text(
        "UPDATE case_events SET detail = jsonb_set(detail, '{accept_due_at}', '\"2026-01-05T23:59:59+08:00\"') "
        "WHERE event = 'assigned' AND id % 2 = 0"))
    period = f"{datetime.now(SHANGHAI):%Y-%m}"
    as_of = (datetime.now(UTC) + timedelta(seconds=5)).isoformat()
    via_rollups = {}
    for kind in ("unit", "district"):
        params = {"period": period, "kind": kind, "min_cases": 1, "as_of": as_of}
        resp = await client.get(f"{API}/league-table", headers=as_user("office"), params=params)
        assert resp.status_code == 200, resp.text
        via_rollups[kind] = resp.json()
        assert via_rollups[kind]["items"]

    async def later(session):  # something newer than as_of: the full computation answers
        return datetime.now(UTC) + timedelta(days=1)

    monkeypatch.setattr(rollups, "newest", later)
    for kind in ("unit", "district"):
        params = {"period": period, "kind": kind, "min_cases": 1, "as_of": as_of}
        resp = await client.get(f"{API}/league-table", headers=as_user("office"), params=params)
        assert resp.json() == via_rollups[kind]


async def test_a_different_repeat_window_recounts(app, db_connection):
    """A changed setting is found at start-up and everything is recounted with it."""
    from feedback_api.rollups.service import ensure_window

    settings = app.state.settings.model_copy(update={"feedback_repeat_window_days": 45})
    await ensure_window(app.state.db.sessionmaker, settings)
    assert (await db_connection.execute(text("SELECT repeat_window_days FROM case_rollup_config"))).scalar() == 45
    await ensure_window(app.state.db.sessionmaker, app.state.settings)
    assert (await db_connection.execute(text("SELECT repeat_window_days FROM case_rollup_config"))).scalar() == 30
