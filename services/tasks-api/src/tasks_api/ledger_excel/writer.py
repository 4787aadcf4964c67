"""TaskRows → the office's task-list workbook, laid out like the files they
already keep, so an export can be edited in Excel and imported back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from reform_common.exports import set_cell

from tasks_api.ledger_excel.columns import (
    CATEGORY_LABELS,
    CONTINUOUS_LABEL,
    ENVIRONMENT_LABELS,
    EXPORT_ONLY_COLUMNS,
    TEMPLATE_COLUMNS,
    Column,
    ExportRow,
    Milestone,
    TaskRow,
)
from tasks_api.ledger_excel.deadlines import quarter_end

SHEET_TITLE = "任务清单"
TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
NOTE = (
    "填表说明：完成时限填写日期（如 2026-06-30）或“长期坚持”；季度节点每行一项，"
    "不在季度末到期的在末尾括注日期，如“完成方案制定（2026-05-15）”；多个单位用“、”分隔。"
)
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")


def write_workbook(rows: Sequence[ExportRow], year: int, title: str) -> bytes:
    """The ledger export: the template columns plus 状态, 预警, 进度(%), 最新进展."""
    return _write(rows, year, title, TEMPLATE_COLUMNS + EXPORT_ONLY_COLUMNS)


def write_template(rows: Sequence[TaskRow], year: int, title: str) -> bytes:
    """The importable template (an empty one when ``rows`` is empty)."""
    return _write(rows, year, title, TEMPLATE_COLUMNS)


def milestone_text(milestone: Milestone, year: int) -> str:
    if milestone.due_date == quarter_end(year, milestone.quarter):
        return milestone.title
    return f"{milestone.title}（{milestone.due_date.isoformat()}）"


def _cell_value(row: TaskRow, column: Column, year: int) -> Any:
    name = column.field
    if name.startswith("q") and name[1:].isdigit():
        quarter = int(name[1:])
        return "\n".join(milestone_text(m, year) for m in row.milestones if m.quarter == quarter) or None
    if name == "deadline":
        return CONTINUOUS_LABEL if row.continuous else row.deadline
    value = getattr(row, name)
    if name == "environment":
        return ENVIRONMENT_LABELS[value]
    if name == "category":
        return CATEGORY_LABELS[value]
    if name == "benchmark_class" and value:
        return f"{value}类"
    if isinstance(value, list):
        return "、".join(value) or None
    return value


def _set(cell: Cell | MergedCell, value: Any) -> None:
    set_cell(cell, value)  # a title starting with "=" stays text, never a formula
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"


def _write(rows: Sequence[TaskRow], year: int, title: str, columns: Sequence[Column]) -> bytes:
    workbook = Workbook()
    workbook.properties.creator = "营商环境改革推进平台"
    workbook.properties.title = title
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's only sheet
    sheet.title = SHEET_TITLE
    last = get_column_letter(len(columns))

    for row, text, font, height in (
        (TITLE_ROW, title, Font(size=16, bold=True), 36),
        (NOTE_ROW, NOTE, Font(size=10), 30),
    ):
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row, 1)
        _set(cell, text)
        cell.font = font
        cell.alignment = _CENTER if row == TITLE_ROW else Alignment(wrap_text=True, vertical="center")
        sheet.row_dimensions[row].height = height

    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, index)
        _set(cell, column.header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = _CENTER
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(index)].width = column.width

    for offset, task in enumerate(rows, start=1):
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(HEADER_ROW + offset, index)
            _set(cell, _cell_value(task, column, year))
            cell.alignment = _WRAP_TOP
            cell.border = _BORDER

    # Keep the header and everything up to the task name in view while scrolling.
    title_column = next(i for i, c in enumerate(columns, start=1) if c.field == "title")
    sheet.freeze_panes = f"{get_column_letter(title_column + 1)}{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
