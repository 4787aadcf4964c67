"""Excel import of the office's own task list: preview first (every row,
every problem, in Chinese), then commit all rows or none. Rows carrying a
task code update that task; rows without one create tasks with new codes."""

from __future__ import annotations

import dataclasses
import functools
import uuid
from datetime import UTC, date, datetime
from typing import Any

import orjson
from reform_common import audit, uploads
from reform_common.auth import REFORM_OFFICE, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from reform_common.observability import request_id_var
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from tasks_api.audit.models import AuditLog
from tasks_api.imports import repository as repo
from tasks_api.imports.models import ImportBatch
from tasks_api.imports.schemas import ImportCommitResult
from tasks_api.ledger import repository as ledger_repo
from tasks_api.ledger import rules
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.models import Milestone, Task
from tasks_api.ledger.schemas import ADJUSTED_FIELDS
from tasks_api.ledger_excel.columns import TaskRow
from tasks_api.ledger_excel.parser import CellError, gc_paused, parse_workbook
from tasks_api.ledger_excel.units import UnitIndex, UnitRef, UnknownUnit
from tasks_api.plans import repository as plans_repo
from tasks_api.plans.models import Plan

# TaskRow fields stored on Task as they are.
_PLAIN_FIELDS = ("title", "measures", "goal", "environment", "special_group", "category", "benchmark_class",
                 "benchmark_city", "leading_official", "contact_name", "contact_phone", "deadline", "continuous",
                 "indicator_codes", "tags")


def _require_office(actor: Principal) -> None:
    if not actor.has_any(REFORM_OFFICE):
        raise forbidden("年度任务清单由改革办导入。")


def _error(e: CellError) -> dict[str, Any]:
    return {"row": e.row, "column": e.column, "field": e.field, "message": e.message}


def _resolve(
    row: TaskRow, row_number: int, directory: UnitIndex, headers: dict[str, str]
) -> tuple[dict | None, list[dict], list[dict]]:
    """Unit names as written → directory units; unknown names are errors naming the file's own column."""
    errors: list[dict[str, Any]] = []

    def one(name: str, column: str, field: str) -> dict | None:
        try:
            unit = directory.resolve(name)
        except UnknownUnit as exc:
            errors.append({"row": row_number, "column": column, "field": field, "message": exc.message})
            return None
        return {"id": str(unit.id), "name": unit.name, "short_name": unit.short_name}

    lead = one(row.lead_unit, headers.get("lead_unit", "牵头单位"), "lead_unit")
    responsible = [u for name in row.responsible_units
                   if (u := one(name, headers.get("responsible_units", "责任单位"), "responsible_units"))]
    return lead, responsible, errors


def _row_json(row: TaskRow) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in _asdict(row).items()}


def _asdict(row: TaskRow) -> dict[str, Any]:
    # Field by field rather than dataclasses.asdict, which deep-copies every value (5,000 rows per file).
    data = {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}
    data["milestones"] = [{"quarter": m.quarter, "title": m.title, "due_date": _isoformat(m.due_date)}
                          for m in row.milestones]
    return data


# ~50,000 milestone dates a file, a few hundred distinct.
_isoformat = functools.lru_cache(maxsize=4096)(date.isoformat)


def _task_values(stored: dict[str, Any]) -> dict[str, Any]:
    row = stored["row"]
    values = {k: row.get(k) for k in _PLAIN_FIELDS}
    values["deadline"] = date.fromisoformat(row["deadline"]) if row.get("deadline") else None
    values["lead_unit_id"] = uuid.UUID(stored["lead_unit"]["id"])
    # As the ledger keeps them: a lead unit also listed as responsible is listed once.
    values["responsible_unit_ids"] = list(dict.fromkeys(
        uid for u in stored["responsible_units"] if (uid := uuid.UUID(u["id"])) != values["lead_unit_id"]))
    return values


def _milestones(stored: dict[str, Any]) -> list[tuple[str, date, int]]:
    return [(m["title"], date.fromisoformat(m["due_date"]), m["quarter"]) for m in stored["row"]["milestones"]]


def _differences(task: Task, values: dict[str, Any], milestones: list[tuple[str, date, int]]) -> list[str]:
    current = ledger.snapshot(task, sorted(values))
    wanted = ledger.jsonable(values)
    changed = [k for k in values if current[k] != wanted[k]]
    if sorted((m.title, m.due_date) for m in task.milestones) != sorted((t, d) for t, d, _ in milestones):
        changed.append("milestones")
    return changed


async def preview(
    session: AsyncSession, actor: Principal, data: bytes, filename: str | None, year: int, ctx: LedgerContext,
    max_bytes: int,
) -> bytes:
    _require_office(actor)
    # By content, before openpyxl opens it: a zip bomb named .xlsx is refused without being expanded.
    await uploads.accept(data, uploads.UploadPolicy("imports.", (uploads.XLSX,), max_bytes, noun="任务清单文件"))
    filename = uploads.safe_filename(filename, "任务清单.xlsx")
    result = parse_workbook(data, year)
    directory = UnitIndex([UnitRef(u.id, u.name, u.short_name, list(u.aliases)) for u in ctx.units.values()])
    plan = await plans_repo.by_year(session, year)
    existing = {} if plan is None else await ledger_repo.codes_in_plan(session, plan.id)
    file_codes = {p.row.code for p in result.rows if p.row is not None and p.row.code}
    elsewhere = await repo.existing_codes(session, sorted(file_codes - set(existing)))
    stored_rows: list[dict[str, Any]] = []
    seen_codes: dict[str, int] = {}
    with gc_paused():  # ~100,000 dicts and lists, all kept until the batch is stored: see gc_paused
        for parsed in result.rows:
            errors = [_error(e) for e in parsed.errors]
            entry: dict[str, Any] = {"row_number": parsed.row_number, "row": None, "lead_unit": None,
                                     "responsible_units": [], "action": "invalid"}
            if parsed.row is not None:
                lead, responsible, unit_errors = _resolve(parsed.row, parsed.row_number, directory, result.columns)
                errors += unit_errors
                entry.update(row=_row_json(parsed.row), lead_unit=lead, responsible_units=responsible)
                code = parsed.row.code
                if code:
                    if code in seen_codes:
                        errors.append({"row": parsed.row_number, "column": "任务编号", "field": "code",
                                       "message": f"任务编号 {code} 与第 {seen_codes[code]} 行重复"})
                    seen_codes.setdefault(code, parsed.row_number)
                    if code in elsewhere:
                        errors.append({"row": parsed.row_number, "column": "任务编号", "field": "code",
                                       "message": f"任务编号 {code} 属于其他年度的计划"})
                if not errors:
                    task = existing.get(code) if code else None
                    if task is None:
                        entry["action"] = "create"
                    else:
                        changed = _differences(task, _task_values(entry), _milestones(entry))
                        entry["action"] = "update" if changed else "unchanged"
                        entry["changed"] = changed
            entry["errors"] = errors
            stored_rows.append(entry)
    file_errors = [_error(e) for e in result.errors]
    actions = [r["action"] for r in stored_rows]
    summary = {
        "rows": len(stored_rows), "valid": len(stored_rows) - actions.count("invalid"),
        "invalid": actions.count("invalid"), "create": actions.count("create"), "update": actions.count("update"),
        "unchanged": actions.count("unchanged"),
    }
    batch = ImportBatch(year=year, filename=filename[:255], uploaded_by=actor.username, rows=stored_rows,
                        errors=file_errors, summary=summary)
    session.add(batch)
    await session.flush()
    audit.record(session, AuditLog, action="import.preview", entity_type="import", entity_id=batch.id, actor=actor,
                 detail={"filename": filename, "year": year, **summary})
    return present(batch)


def present(batch: ImportBatch) -> bytes:
    """The ImportPreview answer as JSON, written from the stored rows, which already hold its fields in
    their JSON form: validating 5,000 rows into models (70,000 objects) only to serialise them again
    cost more than the rest of the preview after parsing."""
    rows = []
    for r in batch.rows:
        row = r["row"] or {}
        rows.append({
            "row_number": r["row_number"], "action": r["action"], "code": row.get("code"), "title": row.get("title"),
            "environment": row.get("environment"), "category": row.get("category"), "lead_unit": r["lead_unit"],
            "responsible_units": r["responsible_units"], "deadline": row.get("deadline"),
            "continuous": bool(row.get("continuous")), "milestones": row.get("milestones", []), "errors": r["errors"],
        })
    preview = {"id": str(batch.id), "year": batch.year, "filename": batch.filename, "status": batch.status,
               "rows": rows, "errors": batch.errors + [e for r in batch.rows for e in r["errors"]],
               "summary": batch.summary}
    return orjson.dumps(preview)


async def get(session: AsyncSession, actor: Principal, import_id: uuid.UUID) -> ImportBatch:
    _require_office(actor)
    batch = await session.get(ImportBatch, import_id)
    if batch is None:
        raise not_found("导入记录")
    return batch


async def commit(session: AsyncSession, actor: Principal, import_id: uuid.UUID, ctx: LedgerContext) -> ImportCommitResult:
    _require_office(actor)
    # The rows stay in the database: the commit reads back only the rows it updates and what it decides
    # for the rows it creates (repo.rows_to_create); repo.insert_tasks takes the rest from the document.
    batch = await session.scalar(select(ImportBatch).options(defer(ImportBatch.rows))
                                 .where(ImportBatch.id == import_id).with_for_update())
    if batch is None:
        raise not_found("导入记录")
    if batch.status == "committed":
        raise conflict("imports.already_committed", "该文件已导入，请勿重复提交。")
    if batch.errors or batch.summary["invalid"]:
        raise Problem(422, "imports.has_errors", "导入文件有错误",
                      f"有 {batch.summary['invalid']} 行存在错误，请按预览提示修改 Excel 后重新上传；本次未导入任何数据。")
    plan = await plans_repo.by_year(session, batch.year, for_update=True)
    if plan is None:
        plan = Plan(year=batch.year, title=f"{batch.year}年营商环境优化提升重点任务清单")
        session.add(plan)
        await session.flush()
    # The preview counted them: a file of new tasks only does not read its document for updates.
    updates = await repo.rows_with_action(session, batch.id, "update") if batch.summary["update"] else []
    existing = await ledger_repo.codes_in_plan(session, plan.id) if updates else {}
    if plan.status == "published":
        frozen = [(r["row"]["code"], sorted(ADJUSTED_FIELDS.intersection(r.get("changed", [])))) for r in updates]
        frozen = [(code, fields) for code, fields in frozen if fields]
        if frozen:
            raise Problem(409, "imports.adjustment_required", "须走任务调整程序",
                          "年度计划已发布，以下任务的时限、单位或内容有变化，须逐项提交任务调整："
                          + "；".join(code for code, _ in frozen) + "。本次未导入任何数据。")
    for stored in updates:
        task = existing[stored["row"]["code"]]
        await ledger.apply_changes(session, actor, task, _task_values(stored), ctx, action="task.import_update",
                                   import_id=batch.id)
        _merge_milestones(task, _milestones(stored))
        ledger.refresh_derived(task)
    seq = await ledger_repo.max_seq(session, plan.id)
    codes = _Codes(session, plan.year)
    new_tasks: list[repo.NewTask] = []
    for row in await repo.rows_to_create(session, batch.id):
        seq += 1
        code = row.code or await codes.next(row.environment)
        codes.taken(code)
        # A new task's milestones are none of them done and it has no reported progress.
        progress = rules.rollup_progress([], None)
        status = rules.derive_status(row.continuous, [], progress)
        new_tasks.append(repo.NewTask(row.row_number, uuid.uuid4(), code, row.seq or seq, progress, status))
    await repo.insert_tasks(session, batch.id, plan.id, new_tasks)
    await repo.insert_created_audit(session, batch.id, [n.id for n in new_tasks], actor=actor.username,
                                    actor_unit_id=actor.unit_id, request_id=request_id_var.get())
    created, updated = len(new_tasks), len(updates)
    unchanged = batch.summary["unchanged"]
    batch.status = "committed"
    batch.committed_at = datetime.now(UTC)
    audit.record(session, AuditLog, action="import.commit", entity_type="import", entity_id=batch.id, actor=actor,
                 detail={"created": created, "updated": updated, "unchanged": unchanged})
    return ImportCommitResult(id=batch.id, year=batch.year, created=created, updated=updated, unchanged=unchanged)


class _Codes:
    """New task codes as ``ledger.next_code`` gives them (the highest number of
    the year and environment, plus one), counted in memory for a whole file
    instead of one query per new task; codes the file itself uses count too."""

    def __init__(self, session: AsyncSession, year: int) -> None:
        self.session, self.year = session, year
        self.stored: dict[str, int] = {}  # prefix → highest number already in the ledger
        self.used: dict[str, int] = {}  # prefix → highest number used by this file so far

    async def next(self, environment: str) -> str:
        prefix = f"{self.year}-{ledger.ENVIRONMENT_PREFIX[environment]}-"
        if prefix not in self.stored:
            self.stored[prefix] = max((int(c.rsplit("-", 1)[1])
                                       for c in await ledger_repo.codes_with_prefix(self.session, prefix)), default=0)
        return f"{prefix}{max(self.stored[prefix], self.used.get(prefix, 0)) + 1:03d}"

    def taken(self, code: str) -> None:
        prefix, _, number = code.rpartition("-")
        if number.isdigit():
            self.used[f"{prefix}-"] = max(self.used.get(f"{prefix}-", 0), int(number))


def _merge_milestones(task: Task, wanted: list[tuple[str, date, int]]) -> None:
    """The file's milestones become the task's; a milestone already done is
    never dropped (its completion and evidence are records, not plans)."""
    by_key = {(m.title, m.due_date): m for m in task.milestones}
    kept = [by_key.pop((t, d), None) or Milestone(title=t, due_date=d, quarter=q) for t, d, q in wanted]
    kept += [m for m in by_key.values() if m.done_date is not None]
    for i, m in enumerate(sorted(kept, key=lambda m: m.due_date)):
        m.seq = i
    task.milestones = kept
