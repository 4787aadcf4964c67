"""Spreadsheet exports, the same way in every service: text people typed (task titles, unit and
indicator names, sources, complaint text) is written so that Excel, WPS or LibreOffice never run it
as a formula (CSV/formula injection: the OWASP rule covers text starting with = + - @ tab or CR),
and without the control characters a workbook cannot hold."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only tasks-api and indicators-api write workbooks; they depend on openpyxl
    from openpyxl.cell.cell import Cell, MergedCell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The control characters an .xlsx cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE; tab, LF and CR stay).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def set_cell(cell: Cell | MergedCell, value: Any) -> None:
    """Put ``value`` into an openpyxl cell; text always stays text."""
    if not isinstance(value, str):
        cell.value = value
        return
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = text
    cell.data_type = "s"  # openpyxl would otherwise write text starting with "=" as a formula
    if text.startswith(FORMULA_START):
        # Excel's own mark for text typed after an apostrophe: shown as it is, and still text when
        # someone edits the cell, while the value itself is unchanged (the ledger is re-imported).
        cell.quotePrefix = True


def csv_cell(value: Any) -> Any:
    """A value for a CSV row: text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def from_csv_cell(text: str | None) -> str | None:
    """Undo :func:`csv_cell` when a file this platform exported comes back as an import."""
    if text and text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text
