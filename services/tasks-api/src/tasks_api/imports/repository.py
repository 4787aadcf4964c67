"""Queries of the Excel import."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.ledger.models import Task


async def existing_codes(session: AsyncSession, codes: list[str]) -> set[str]:
    """Which of ``codes`` a task of any plan has: one query for a whole file."""
    if not codes:
        return set()
    return set(await session.scalars(select(Task.code).where(Task.code.in_(codes))))


# The preview's rows stay in ``imports.rows`` (one JSONB document); the commit reads back only what it
# decides in Python, and the new tasks, their units and milestones go from that document into the ledger
# as INSERT … SELECT FROM jsonb_array_elements: 5,000 rows and ~48,000 milestones never cross to Python
# and back (reading the document back and binding its rows again was ~1 s of a 5,000-task commit).
_ROWS = "FROM imports i CROSS JOIN jsonb_array_elements(i.rows) WITH ORDINALITY AS e(entry, ord)"


async def rows_to_create(session: AsyncSession, import_id: uuid.UUID) -> list[Any]:
    """(row number, code, environment, seq, continuous) of the batch's rows to create, in file order."""
    result = await session.execute(text(
        "SELECT (e.entry->>'row_number')::int AS row_number, e.entry->'row'->>'code' AS code,"
        " e.entry->'row'->>'environment' AS environment, (e.entry->'row'->>'seq')::int AS seq,"
        f" (e.entry->'row'->>'continuous')::boolean AS continuous {_ROWS}"
        " WHERE i.id = :id AND e.entry->>'action' = 'create' ORDER BY e.ord"), {"id": import_id})
    return list(result)


async def rows_with_action(session: AsyncSession, import_id: uuid.UUID, action: str) -> list[dict[str, Any]]:
    """The stored preview rows of one action, in file order."""
    return list(await session.scalars(
        text(f"SELECT e.entry {_ROWS} WHERE i.id = :id AND e.entry->>'action' = :action ORDER BY e.ord"),
        {"id": import_id, "action": action}))


@dataclass(frozen=True)
class NewTask:
    """What the commit decides for a row it creates; the rest of the task comes from the stored row."""

    row_number: int
    id: uuid.UUID
    code: str
    seq: int
    progress: int
    status: str


# The decided values joined to the stored rows by row number.
_NEW = ("JOIN unnest(CAST(:row_number AS integer[]), CAST(:id AS uuid[]), CAST(:code AS varchar[]),"
        " CAST(:seq AS integer[]), CAST(:progress AS integer[]), CAST(:status AS varchar[]))"
        " AS n(row_number, id, code, seq, progress, status) ON n.row_number = (e.entry->>'row_number')::int")
# One statement for the new tasks, their responsible units and their milestones, so the ~11 MB document
# is read and split once (a materialised CTE; it was read once per table). The foreign keys of units and
# milestones and the milestones' statement trigger (task_schedules) run at the statement's end, when
# the new tasks are there.
_INSERT_NEW = text(
    "WITH new_rows AS MATERIALIZED ("
    " SELECT e.entry, e.ord, n.id, n.code, n.seq, n.progress, n.status"
    f" {_ROWS} {_NEW} WHERE i.id = :import_id),"
    # The task's own fields as the preview stored them (keys named as the columns; others are ignored).
    " new_tasks AS (INSERT INTO tasks (id, plan_id, code, seq, title, measures, goal, environment, special_group,"
    " category, benchmark_class, benchmark_city, lead_unit_id, leading_official, contact_name, contact_phone,"
    " deadline, continuous, indicator_codes, tags, source, progress, status)"
    " SELECT r.id, :plan_id, r.code, r.seq, t.title, t.measures, t.goal, t.environment, t.special_group,"
    " t.category, t.benchmark_class, t.benchmark_city, CAST(r.entry->'lead_unit'->>'id' AS uuid),"
    # A continuous task has no deadline, as ledger.apply_fields keeps it.
    " t.leading_official, t.contact_name, t.contact_phone, CASE WHEN t.continuous THEN NULL ELSE t.deadline END,"
    " t.continuous, t.indicator_codes, t.tags, 'plan', r.progress, r.status"
    " FROM new_rows r CROSS JOIN jsonb_populate_record(CAST(NULL AS tasks), r.entry->'row') AS t ORDER BY r.ord),"
    # Responsible units in the file's order, each once, without the lead unit (as the ledger keeps them).
    " new_units AS (INSERT INTO task_units (task_id, unit_id, position)"
    " SELECT task_id, unit_id, CAST(row_number() OVER (PARTITION BY task_id ORDER BY first) - 1 AS integer)"
    " FROM (SELECT r.id AS task_id, CAST(u.unit->>'id' AS uuid) AS unit_id, min(u.ord) AS first FROM new_rows r"
    " CROSS JOIN jsonb_array_elements(r.entry->'responsible_units') WITH ORDINALITY AS u(unit, ord)"
    " WHERE u.unit->>'id' <> r.entry->'lead_unit'->>'id' GROUP BY 1, 2) AS s)"
    " INSERT INTO milestones (id, task_id, seq, title, due_date, quarter)"
    " SELECT gen_random_uuid(), r.id, CAST(m.ord - 1 AS integer), m.milestone->>'title',"
    " CAST(m.milestone->>'due_date' AS date), CAST(m.milestone->>'quarter' AS integer) FROM new_rows r"
    " CROSS JOIN jsonb_array_elements(r.entry->'row'->'milestones') WITH ORDINALITY AS m(milestone, ord)")


async def insert_tasks(session: AsyncSession, import_id: uuid.UUID, plan_id: uuid.UUID, new: list[NewTask]) -> None:
    """The batch's new tasks with their responsible units and milestones, from its stored rows."""
    if not new:
        return
    params = {"import_id": import_id, "plan_id": plan_id, "row_number": [n.row_number for n in new],
              "id": [n.id for n in new], "code": [n.code for n in new], "seq": [n.seq for n in new],
              "progress": [n.progress for n in new], "status": [n.status for n in new]}
    # For this transaction only: with the default 4 MB work_mem the 5,000 rows of the document (~11 MB)
    # spill to disk (JIT, which these statements' row estimates would trigger, is off for every
    # connection: reform_common.db). Memoize would cache each row's milestone list keyed by the row's
    # own JSONB, which never repeats: hashing it for nothing cost ~50 ms of the milestone insert.
    await session.execute(text("SET LOCAL work_mem = '64MB'"))
    await session.execute(text("SET LOCAL enable_memoize = off"))
    await session.execute(_INSERT_NEW, params)


# One audit row per new task, as ``ledger.record(…, "task.import_create", import_id=…)`` writes it.
_INSERT_CREATED_AUDIT = text(
    "INSERT INTO audit_log (actor, actor_unit_id, action, entity_type, entity_id, detail, request_id)"
    " SELECT :actor, :actor_unit_id, 'task.import_create', 'task', CAST(t.id AS varchar),"
    " jsonb_build_object('import_id', CAST(:import_id AS varchar)), :request_id"
    " FROM unnest(CAST(:task_ids AS uuid[])) WITH ORDINALITY AS t(id, ord) ORDER BY t.ord")


async def insert_created_audit(session: AsyncSession, import_id: uuid.UUID, task_ids: list[uuid.UUID], *,
                               actor: str, actor_unit_id: uuid.UUID | None, request_id: str | None) -> None:
    """The new tasks' audit rows as one statement (an executemany of 5,000 rows took longer)."""
    if task_ids:
        await session.execute(_INSERT_CREATED_AUDIT, {
            "actor": actor, "actor_unit_id": actor_unit_id, "import_id": str(import_id), "task_ids": task_ids,
            "request_id": request_id})
