"""The reform office's own task-list workbook → TaskRows and Chinese errors.

Office files are messy: title rows above the header, two-level headers,
merged cells (a 牵头单位 merged over several tasks applies to each),
section rows ("一、政务环境") instead of an environment column, blank rows
between tasks, numbers where text is expected. Nothing here raises on a bad
upload: every problem becomes a CellError the user can act on. Unit names
are only split here; the service resolves them against its directory."""

from __future__ import annotations

import gc
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from tasks_api.ledger_excel.columns import (
    BENCHMARK_CLASSES,
    CATEGORY_BY_LABEL,
    CATEGORY_LABELS,
    ENVIRONMENT_BY_LABEL,
    ENVIRONMENT_LABELS,
    EXPORT_ONLY_FIELDS,
    HEADER_BY_FIELD,
    LIST_FIELDS,
    REQUIRED_COLUMNS,
    Milestone,
    TaskRow,
    field_for_header,
    normalize_label,
)
from tasks_api.ledger_excel.deadlines import DeadlineError, parse_date_text, parse_deadline, quarter_end
from tasks_api.ledger_excel.units import split_units

HEADER_SEARCH_ROWS = 15
MIN_HEADER_MATCHES = 3
MAX_ROWS = 6000  # a sheet of 5,000 tasks with its title, header, section and note rows
_SHEET_NAME_HINTS = ("任务", "清单", "台账")
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
# "一、" "（一）" "1." before a section label, "（56项）" after it.
_SECTION_NUMBER = re.compile(r"^(?:[(]?[一二三四五六七八九十\d]+[)、.]?)")
_SECTION_COUNT = re.compile(r"[(][^()]*[)]$")
_NOTE = re.compile(r"^(?:(?:注\d*|备注|说明|填报人?|制表人?|审核人?)\s*[:：]|合计)")
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


@dataclass(frozen=True)
class CellError:
    row: int | None
    column: str | None
    field: str | None
    message: str


@dataclass
class ParsedRow:
    row_number: int
    row: TaskRow | None
    errors: list[CellError] = field(default_factory=list)


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    sheet: str | None = None
    # Field → its header text in the file, for errors found later (e.g. unknown units).
    columns: dict[str, str] = field(default_factory=dict)


def _file_error(message: str) -> ParseResult:
    return ParseResult(errors=[CellError(None, None, None, message)])


@contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic garbage collection during a stretch of CPU work with no await in it (so nothing
    else of the process runs meanwhile). Parsing 5,000 tasks allocates ~1M objects that all stay
    alive until the preview is stored: the collector's full passes walked the growing heap again and
    again for nothing (~10 % of the parse). Reference counting still frees what is dropped.

    On the way out, what was allocated meanwhile is moved to the oldest generation unexamined (freeze,
    then unfreeze: two list splices). Left in the youngest, it made the first allocation after
    ``enable`` start a collection walking all of it (~10 % of a preview); the oldest is walked only
    once enough survivors have piled up, by when the preview's objects are long freed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def parse_workbook(data: bytes, year: int) -> ParseResult:
    with gc_paused():
        return _parse_workbook(data, year)


def _parse_workbook(data: bytes, year: int) -> ParseResult:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about WPS/Excel extensions it drops; they do not matter here.
            warnings.simplefilter("ignore")
            # Read-only: the cells stream from the XML without a cell object each (about a third of
            # the time of a full load for 5,000 tasks); the merged ranges are read on their own.
            workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
            sheets = [s for s in workbook.worksheets if isinstance(s, ReadOnlyWorksheet)]
            grids = {}
            for sheet in _sheets_in_order(sheets):
                if (sheet.max_row or 0) > MAX_ROWS:  # as the file's own dimension states it
                    return _file_error(f"工作表「{sheet.title}」超过 {MAX_ROWS} 行，请只保留任务清单后再上传")
                grids[sheet.title] = _Grid(sheet)
            workbook.close()
    except Exception:  # any unreadable upload is the user's to fix, never a 500
        if data.startswith(_XLS_MAGIC):
            return _file_error("这是旧版 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再上传")
        return _file_error("无法读取文件：请上传 Excel 工作簿（.xlsx）")
    for title, grid in grids.items():
        if grid.row_count > MAX_ROWS:
            return _file_error(f"工作表「{title}」超过 {MAX_ROWS} 行，请只保留任务清单后再上传")
        header_row = _find_header(grid)
        if header_row is not None:
            return _SheetParser(title, grid, header_row, year).parse()
    return _file_error(
        f"未找到表头：前 {HEADER_SEARCH_ROWS} 行中没有一行包含「序号」「改革任务」「牵头单位」「完成时限」等列名"
    )


def _sheets_in_order(sheets: list[ReadOnlyWorksheet]) -> list[ReadOnlyWorksheet]:
    """Visible sheets before hidden ones; among them, sheets named like a task list first."""
    return sorted(sheets, key=lambda s: (s.sheet_state != "visible", not any(h in s.title for h in _SHEET_NAME_HINTS)))


def _merged_ranges(sheet: ReadOnlyWorksheet) -> list[tuple[int, int, int, int]]:
    """(min column, min row, max column, max row) of each merged range: a read-only sheet does not
    give them, so they are read from the sheet's XML (openpyxl keeps the archive and the path)."""
    with sheet.parent._archive.open(sheet._worksheet_path) as xml:
        refs = _MERGE_CELL.findall(xml.read())
    return [range_boundaries(ref.decode()) for ref in refs]


class _Grid:
    """Cell values by (row, column), 1-based, with merged ranges filled in."""

    def __init__(self, sheet: ReadOnlyWorksheet) -> None:
        sheet.reset_dimensions()  # a file's stated dimension may be wrong; read every cell there is
        self.own = [list(values) for values in sheet.iter_rows(values_only=True)]
        width = max((len(r) for r in self.own), default=0)
        for r in self.own:
            r.extend([None] * (width - len(r)))
        self.values = [list(values) for values in self.own]
        self.banner_rows: set[int] = set()
        for min_col, min_row, max_col, max_row in _merged_ranges(sheet):
            if min_row > len(self.own) or min_col > width:
                continue  # a merged range of empty cells beyond the data
            value = self.own[min_row - 1][min_col - 1]
            for r in range(min_row, min(max_row, len(self.own)) + 1):
                for c in range(min_col, min(max_col, width) + 1):
                    self.values[r - 1][c - 1] = value
                if max_col > min_col and value is not None:
                    self.banner_rows.add(r)
        self.row_count = len(self.values)

    def value(self, row: int, column: int) -> Any:
        return self.values[row - 1][column - 1]

    def own_value(self, row: int, column: int) -> Any:
        return self.own[row - 1][column - 1]


def _header_fields(grid: _Grid, row: int) -> dict[int, str]:
    fields: dict[int, str] = {}
    for column, value in enumerate(grid.values[row - 1], start=1):
        if (text := _text(value)) and (name := field_for_header(text)):
            fields[column] = name
    return fields


def _find_header(grid: _Grid) -> int | None:
    """The row among the first 15 naming the most known columns; of equals the lower, which is
    the second line of a two-level header (一季度…四季度 under a merged 节点安排)."""
    best, best_score = None, MIN_HEADER_MATCHES
    for row in range(1, min(HEADER_SEARCH_ROWS, grid.row_count) + 1):
        score = len(set(_header_fields(grid, row).values()))
        if score >= best_score:
            best, best_score = row, score
    return best


def _text(value: Any) -> str | None:
    """A cell as text: 13800001234.0 → "13800001234", a date cell → 2026-06-30."""
    if value is None:
        return None
    if type(value) is str:  # nearly every cell: skip the checks below
        return value.replace("\r\n", "\n").replace("\r", "\n").strip() or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _section_label(text: str) -> str:
    label = normalize_label(text)
    label = _SECTION_NUMBER.sub("", label)
    return _SECTION_COUNT.sub("", label)


def _parse_milestone_line(line: str, quarter: int, year: int) -> Milestone:
    """A trailing "（2026-05-15）" / "(5月15日前)" on a (stripped) line is its due date, when the bracket
    holds no other bracket and something stands before it. Found from the last opening bracket, not
    by a regex search from every position of the line (~50,000 lines a file)."""
    if line.endswith((")", "）")):
        start = max(line.rfind("("), line.rfind("（"))
        inner = line[start + 1 : -1]
        if start >= 0 and ")" not in inner and "）" not in inner:
            due = parse_date_text(inner, year)
            if due is not None and (title := line[:start].strip()):
                return Milestone(quarter=quarter, title=title, due_date=due)
    return Milestone(quarter=quarter, title=line, due_date=quarter_end(year, quarter))


class _SheetParser:
    def __init__(self, sheet: str, grid: _Grid, header_row: int, year: int) -> None:
        self.sheet, self.grid, self.header_row, self.year = sheet, grid, header_row, year
        self.columns: dict[str, list[int]] = {}
        self.headers: dict[int, str] = {}
        self.file_errors: list[CellError] = []
        for column, name in _header_fields(grid, header_row).items():
            header = re.sub(r"\s+", "", str(grid.value(header_row, column)))
            self.headers[column] = header
            if name in EXPORT_ONLY_FIELDS:
                continue
            if name not in self.columns or name in LIST_FIELDS:
                self.columns.setdefault(name, []).append(column)
            elif grid.own_value(header_row, column) is not None:
                # A header merged over two columns is one column; two separate ones are ambiguous.
                first = self.headers[self.columns[name][0]]
                self.file_errors.append(
                    CellError(
                        header_row, header, name, f"第{header_row}行「{first}」和「{header}」是同一列，请删去其中一列"
                    )
                )

    def parse(self) -> ParseResult:
        columns = {name: self.headers[numbers[0]] for name, numbers in self.columns.items()}
        result = ParseResult(errors=self.file_errors, sheet=self.sheet, columns=columns)
        missing = [HEADER_BY_FIELD[name] for name in REQUIRED_COLUMNS if name not in self.columns]
        if missing:
            message = f"第{self.header_row}行的表头缺少{'、'.join(f'「{m}」' for m in missing)}列"
            result.errors.append(CellError(self.header_row, None, None, message))
            return result
        environment = category = None
        columns = list(self.headers)
        for row in range(self.header_row + 1, self.grid.row_count + 1):
            own, values = self.grid.own[row - 1], self.grid.values[row - 1]
            if all(own[c - 1] is None for c in columns):
                continue  # blank, or only the continuation of cells merged from above
            # Each cell as text once, for the section check and the row's fields (5,000 rows × 20 columns).
            cells = {c: t for c in columns if (t := _text(values[c - 1]))}
            texts = set(cells.values())
            if len(texts) == 1:
                (text,) = texts
                label = _section_label(text)
                if label in ENVIRONMENT_BY_LABEL:
                    environment, category = ENVIRONMENT_BY_LABEL[label], None
                    continue
                if label in CATEGORY_BY_LABEL:
                    category = CATEGORY_BY_LABEL[label]
                    continue
                if row in self.grid.banner_rows or _NOTE.match(text):
                    continue
            result.rows.append(_RowParser(self, row, cells, environment, category).parse())
        if not result.rows:
            result.errors.append(CellError(None, None, None, f"第{self.header_row}行表头之后没有任务行"))
        return result


class _RowParser:
    def __init__(
        self, sheet: _SheetParser, row: int, cells: dict[int, str], environment: str | None, category: str | None
    ) -> None:
        self.sheet, self.row, self.cells = sheet, row, cells  # cells: column → non-empty text
        self.section = {"environment": environment, "category": category}
        self.errors: list[CellError] = []

    def _cells(self, name: str) -> list[tuple[str, str]]:
        """(header, text) of the non-empty cells of a field's columns."""
        return [(self.sheet.headers[c], text) for c in self.sheet.columns.get(name, ()) if (text := self.cells.get(c))]

    def _column(self, name: str) -> str | None:
        columns = self.sheet.columns.get(name)
        return self.sheet.headers[columns[0]] if columns else None

    def _error(self, name: str, message: str, column: str | None = None) -> None:
        column = column or self._column(name)
        self.errors.append(
            CellError(self.row, column, name, f"第{self.row}行「{column or HEADER_BY_FIELD[name]}」{message}")
        )

    def _optional(self, name: str) -> str | None:
        cells = self._cells(name)
        return cells[0][1] if cells else None

    def _required(self, name: str) -> str | None:
        if (text := self._optional(name)) is None:
            self._error(name, "为空")
        return text

    def _list(self, name: str) -> list[str]:
        items: list[str] = []
        for _, text in self._cells(name):
            items += [item for item in split_units(text) if item not in items]
        return items

    def _choice(self, name: str, lookup: Callable[[str], str | None], allowed: str) -> str | None:
        cells = self._cells(name)
        if not cells:
            if self.section.get(name):
                return self.section[name]
            if name in self.sheet.columns:
                self._error(name, "为空")
            else:
                self._error(name, "为空：表中没有该列，该行也不在对应的分组行之下")
            return None
        header, text = cells[0]
        if (value := lookup(normalize_label(text))) is None:
            self._error(name, f"应为{allowed}之一，实际为「{text}」", header)
        return value

    def _seq(self) -> int | None:
        if (text := self._optional("seq")) is None:
            return None
        digits = unicodedata.normalize("NFKC", text).strip()
        if digits.isdigit():
            return int(digits)
        self._error("seq", f"应为整数，实际为「{text}」")
        return None

    def _benchmark_class(self) -> str | None:
        if (text := self._optional("benchmark_class")) is None:
            return None
        value = normalize_label(text).removesuffix("类")
        if value in BENCHMARK_CLASSES:
            return value
        self._error("benchmark_class", f"应为 A类、B类 或 C类，实际为「{text}」")
        return None

    def _lead_unit(self) -> str | None:
        if (text := self._required("lead_unit")) is None:
            return None
        names = split_units(text)
        if len(names) > 1:
            self._error("lead_unit", f"只能填写一个单位，实际为「{text}」；其余单位请填入「责任单位」")
            return None
        return names[0]

    def _deadline(self) -> tuple[date | None, bool]:
        columns = self.sheet.columns.get("deadline", [])
        if not columns:
            return None, False
        value = self.sheet.grid.value(self.row, columns[0])
        try:
            return parse_deadline(value, self.sheet.year)
        except DeadlineError as error:
            self._error("deadline", f"：{error}")
            return None, False

    def _milestones(self) -> list[Milestone]:
        milestones: list[Milestone] = []
        for quarter in range(1, 5):
            for _, text in self._cells(f"q{quarter}"):
                for line in text.split("\n"):
                    if line := line.strip():
                        try:
                            milestones.append(_parse_milestone_line(line, quarter, self.sheet.year))
                        except DeadlineError as error:
                            self._error(f"q{quarter}", f"：{error}")
        return milestones

    def parse(self) -> ParsedRow:
        title = self._required("title")
        environment = self._choice("environment", ENVIRONMENT_BY_LABEL.get, "、".join(ENVIRONMENT_LABELS.values()))
        category = self._choice("category", CATEGORY_BY_LABEL.get, "、".join(CATEGORY_LABELS.values()))
        lead_unit = self._lead_unit()
        seq = self._seq()
        benchmark_class = self._benchmark_class()
        deadline, continuous = self._deadline()
        milestones = self._milestones()
        if self.errors or title is None or environment is None or category is None or lead_unit is None:
            return ParsedRow(self.row, None, self.errors)
        task = TaskRow(
            code=self._optional("code"),
            seq=seq,
            title=title,
            measures=self._optional("measures"),
            goal=self._optional("goal"),
            environment=environment,
            special_group=self._optional("special_group"),
            category=category,
            benchmark_class=benchmark_class,
            benchmark_city=self._optional("benchmark_city"),
            lead_unit=lead_unit,
            responsible_units=self._list("responsible_units"),
            leading_official=self._optional("leading_official"),
            contact_name=self._optional("contact_name"),
            contact_phone=self._optional("contact_phone"),
            deadline=deadline,
            continuous=continuous,
            milestones=milestones,
            indicator_codes=self._list("indicator_codes"),
            tags=self._list("tags"),
        )
        return ParsedRow(self.row, task, [])
