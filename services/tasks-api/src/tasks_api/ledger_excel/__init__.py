"""Import and export of the reform office's Excel task list (任务清单/台账).

Pure functions only: parsing gives TaskRows and Chinese errors, writing gives
the workbook bytes; the service resolves unit names and stores the rows."""

from tasks_api.ledger_excel.columns import ExportRow, Milestone, TaskRow
from tasks_api.ledger_excel.deadlines import DeadlineError, parse_deadline
from tasks_api.ledger_excel.parser import CellError, ParsedRow, ParseResult, parse_workbook
from tasks_api.ledger_excel.units import UnitRef, UnknownUnit, resolve_unit, split_units
from tasks_api.ledger_excel.writer import write_template, write_workbook

__all__ = [
    "CellError",
    "DeadlineError",
    "ExportRow",
    "Milestone",
    "ParseResult",
    "ParsedRow",
    "TaskRow",
    "UnitRef",
    "UnknownUnit",
    "parse_deadline",
    "parse_workbook",
    "resolve_unit",
    "split_units",
    "write_template",
    "write_workbook",
]
