"""Queries of the Excel import."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.ledger.models import Task


async def existing_codes(session: AsyncSession, codes: list[str]) -> set[str]:
    """Which of ``codes`` a task of any plan has: one query for a whole file."""
    if not codes:
        return set()
    return set(await session.scalars(select(Task.code).where(Task.code.in_(codes))))


@dataclass(frozen=True)
class NewTask:
    row: dict[str, Any]  # the task's columns, id included (the same keys for every new task)
    unit_ids: list[uuid.UUID]  # responsible units, in order, without the lead unit
    milestones: list[Any]  # title, due_date, quarter


# Units and milestones go in as one INSERT … SELECT FROM unnest(arrays): one statement and one round trip
# for 50,000 milestones, where an executemany of the same rows took seconds (asyncpg binds row by row),
# and the milestones' statement-level trigger (task_schedules) runs once.
_INSERT_UNITS = text(
    "INSERT INTO task_units (task_id, unit_id, position)"
    " SELECT * FROM unnest(CAST(:task_id AS uuid[]), CAST(:unit_id AS uuid[]), CAST(:position AS integer[]))")
_INSERT_MILESTONES = text(
    "INSERT INTO milestones (id, task_id, seq, title, due_date, quarter)"
    " SELECT gen_random_uuid(), * FROM unnest(CAST(:task_id AS uuid[]), CAST(:seq AS integer[]),"
    " CAST(:title AS varchar[]), CAST(:due_date AS date[]), CAST(:quarter AS integer[]))")


async def insert_tasks(session: AsyncSession, new: list[NewTask]) -> None:
    """New tasks with their responsible units and milestones (a file of 5,000 tasks), as three
    statements on the tables, not one unit-of-work object at a time."""
    if not new:
        return
    # The task rows as one JSON document (arrays included, which unnest cannot take): one statement
    # instead of an executemany of 5,000 rows.
    columns = ", ".join(new[0].row)
    await session.execute(
        text(f"INSERT INTO tasks ({columns}) SELECT {columns} FROM json_populate_recordset(CAST(NULL AS tasks),"
             " CAST(:rows AS json))"),
        {"rows": json.dumps([n.row for n in new], default=str)})
    units = [(n.row["id"], u, i) for n in new for i, u in enumerate(n.unit_ids)]
    if units:
        task_ids, unit_ids, positions = zip(*units, strict=True)
        await session.execute(_INSERT_UNITS, {"task_id": list(task_ids), "unit_id": list(unit_ids),
                                              "position": list(positions)})
    milestones = [(n.row["id"], i, m.title, m.due_date, m.quarter) for n in new for i, m in enumerate(n.milestones)]
    if milestones:
        task_ids, seqs, titles, due_dates, quarters = zip(*milestones, strict=True)
        await session.execute(_INSERT_MILESTONES, {"task_id": list(task_ids), "seq": list(seqs), "title": list(titles),
                                                   "due_date": list(due_dates), "quarter": list(quarters)})


async def insert_audit(session: AsyncSession, entries: list[dict[str, Any]]) -> None:
    """Audit rows (``audit.record``'s columns) as one executemany INSERT."""
    if entries:
        await session.execute(insert(AuditLog.__table__), entries)
