"""Observation import and export — Excel (.xlsx) and CSV, no database.

Two layouts, as the files the office receives come:
- long: one row per observation (指标代码 | 地区 | 期间 | 数值 | 来源);
- wide: one row per city, one column per indicator (code or exact name),
  the period from a 期间 column or chosen at upload.

Parsing never raises on a bad upload: every problem is a CellError in
Chinese, on the cell where it is, and the preview keeps the rows so the user
sees what will be imported. The writer's headers are among the parser's
synonyms, so an export imports back unchanged."""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, Protocol

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from reform_common.exports import csv_cell, from_csv_cell, set_cell

Layout = Literal["long", "wide"]
PERIOD_PATTERN = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")
HEADER_SEARCH_ROWS = 15
MAX_ROWS = 20000
SHEET_TITLE = "指标数据"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_QUOTES = re.compile(r"[\s“”\"'‘’「」『』]")
_PLACEHOLDERS = {"-", "—", "——", "–", "/", "无", "暂无", "N/A", "NA"}
_NOTE = re.compile(r"^(注\d*|备注|说明|数据来源|填报人?|制表人?|审核人?)\s*[:：]")

# Header synonyms; the first of each is what the writer uses.
_HEADERS: dict[str, tuple[str, ...]] = {
    "indicator": ("指标代码", "指标编码", "指标编号", "指标"),
    "indicator_name": ("指标名称",),
    "region": ("地区代码", "地区名称", "地区", "城市", "城市代码", "城市名称", "行政区划代码", "区划代码", "设区市"),
    "period": ("期间", "年度", "周期", "年份", "时期", "统计期"),
    "value": ("数值", "值", "指标值", "得分"),
    "source": ("来源", "数据来源"),
    "ignored": ("序号", "备注", "说明", "单位", "计量单位", "排名", "名次"),
}


# Read-only protocols: catalog dataclasses, ORM rows and previews all fit.
class IndicatorLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...


class RegionLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...


class ObservationLike(Protocol):
    @property
    def indicator(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def source(self) -> str | None: ...


@dataclass(frozen=True)
class CellError:
    row: int | None
    column: str | None
    message: str


@dataclass
class PreviewObservation:
    """One cell to import. Fields that did not resolve are None, with the reasons in ``errors``."""

    row_number: int
    column: str | None
    indicator: str | None
    region: str | None
    period: str | None
    value: float | None
    source: str | None
    errors: list[CellError] = field(default_factory=list)


@dataclass
class ObservationPreview:
    rows: list[PreviewObservation] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    layout: Layout | None = None


def _file_error(message: str) -> ObservationPreview:
    return ObservationPreview(errors=[CellError(None, None, message)])


# ---------------------------------------------------------------- reading cells


def _normalize(text: str) -> str:
    return _QUOTES.sub("", unicodedata.normalize("NFKC", text))


def _header_key(text: str) -> str:
    """数值（%） → 数值: a unit in brackets does not change what the column is."""
    return re.sub(r"\(.*\)$", "", _normalize(text))


_FIELD_BY_HEADER = {header: name for name, headers in _HEADERS.items() for header in headers}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


@dataclass
class _Grid:
    """Cell values by row, 0-based; ``percent`` holds the cells formatted as percentages,
    whose stored value is a fraction (0.953 shown as 95.3%)."""

    rows: list[list[Any]]
    percent: set[tuple[int, int]] = field(default_factory=set)

    def cell(self, row: int, column: int) -> Any:
        values = self.rows[row]
        return values[column] if column < len(values) else None


def _sheet_grid(sheet: Worksheet) -> _Grid:
    grid = _Grid([])
    for r, cells in enumerate(sheet.iter_rows()):
        grid.rows.append([cell.value for cell in cells])
        grid.percent.update((r, c) for c, cell in enumerate(cells) if "%" in str(cell.number_format))
    for merged in sheet.merged_cells.ranges:
        value = grid.rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                grid.rows[r][c] = value
    return grid


def _xlsx_grids(data: bytes) -> list[_Grid] | str:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about WPS/Excel extensions it drops; they do not matter here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # any unreadable upload is the user's to fix, never a 500
        return "无法读取文件：请上传 Excel 工作簿（.xlsx）或 CSV 文件"
    sheets = sorted(
        (s for s in workbook.worksheets if isinstance(s, Worksheet)), key=lambda s: s.sheet_state != "visible"
    )
    if any(sheet.max_row > MAX_ROWS for sheet in sheets):
        return f"工作表超过 {MAX_ROWS} 行，请拆分后再上传"
    return [_sheet_grid(sheet) for sheet in sheets]


def _csv_grid(data: bytes) -> _Grid | str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # what Excel and WPS save as "CSV" on Chinese Windows
        except UnicodeDecodeError:
            return "无法识别 CSV 文件的编码：请另存为 UTF-8 或 GB18030 编码后再上传"
    # The most frequent separator near the top; a title line above the header has none.
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    delimiter = max(",\t;", key=sample.count)
    try:
        rows: list[list[Any]] = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        return "无法读取 CSV 文件：请检查引号和分隔符"
    if len(rows) > MAX_ROWS:
        return f"文件超过 {MAX_ROWS} 行，请拆分后再上传"
    return _Grid(rows)


def _blank(value: Any) -> bool:
    """Empty, or a placeholder offices type for "no data" (—, /, 暂无)."""
    text = _text(value)
    return text is None or unicodedata.normalize("NFKC", text).upper() in _PLACEHOLDERS


def _parse_number(value: Any, percent: bool, unit: str) -> float | None:
    """A non-blank cell's number: 95.3, "95.3%", "1,234", "3.5天" (the indicator's unit); else None."""
    if isinstance(value, bool | date | datetime):
        return None
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            return None
        # A percent-formatted cell stores the fraction; rounding drops the float noise of ×100.
        return round(number * 100, 10) if percent else number
    # NFKC: full-width digits, ％ and ， as typed with a Chinese input method.
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").replace(" ", "")
    if unit and unit != "%":
        text = text.removesuffix(unit)
    text = text.removesuffix("%")
    return float(text) if _NUMBER.match(text) else None


def _parse_period(value: Any) -> str | None:
    """The canonical period of "2025", 2025 or "2026-q1"; of an Excel date on day 1 (Excel
    turns a typed 2026-03 into one) "2026-03"; None if the cell is none of these."""
    if isinstance(value, datetime | date) and value.day == 1:
        return f"{value.year}-{value.month:02d}"
    text = unicodedata.normalize("NFKC", str(_text(value))).replace(" ", "").upper()
    return text if PERIOD_PATTERN.match(text) else None


# ---------------------------------------------------------------- resolving names


def _index(items: Iterable[Any], aliases: Callable[[Any], Iterable[str]]) -> dict[str, list[str]]:
    """Alias → the codes it names (two when a name is shared, e.g. 开办企业 in 国评 and B-READY)."""
    found: dict[str, list[str]] = {}
    for item in items:
        for alias in aliases(item):
            codes = found.setdefault(alias, [])
            if item.code not in codes:
                codes.append(item.code)
    return found


def _indicator_aliases(spec: IndicatorLike) -> list[str]:
    return [_normalize(spec.code).upper(), _normalize(spec.name)]


def _region_aliases(spec: RegionLike) -> list[str]:
    name = _normalize(spec.name)
    return [spec.code, name, name.removesuffix("市")]


class _Resolver:
    def __init__(self, indicators: Mapping[str, IndicatorLike], regions: Mapping[str, RegionLike]) -> None:
        self.indicators = indicators
        self.indicator_index = _index(indicators.values(), _indicator_aliases)
        self.region_index = _index(regions.values(), _region_aliases)

    def indicator(self, text: str) -> list[str]:
        key = _normalize(text)
        return self.indicator_index.get(key.upper()) or self.indicator_index.get(key) or []

    def indicator_header(self, text: str) -> list[str]:
        """A wide-layout column: the code, the exact name, or "GP-01 开办企业" as the writer puts it."""
        return self.indicator(text) or self.indicator(text.split()[0])

    def region(self, text: str) -> list[str]:
        key = _normalize(text)
        return self.region_index.get(key) or self.region_index.get(key.removesuffix("市")) or []


def _ambiguous(text: str, codes: list[str], kind: str) -> str:
    return f"「{text}」对应多个{kind}（{'、'.join(codes)}），请改用{kind}代码"


# ---------------------------------------------------------------- parsing


@dataclass
class _Header:
    row: int  # 0-based
    layout: Layout
    names: dict[int, str]  # column → header text as in the file
    fields: dict[str, list[int]]  # field → its columns, in priority order
    indicators: dict[int, str] = field(default_factory=dict)  # wide: column → indicator code
    unknown: dict[int, str] = field(default_factory=dict)  # wide: column → why it is not imported


def _find_header(grid: _Grid, resolver: _Resolver) -> _Header | None:
    for r in range(min(HEADER_SEARCH_ROWS, len(grid.rows))):
        names = {c: text for c, value in enumerate(grid.rows[r]) if (text := _text(value))}
        header = _Header(r, "wide", names, {})
        for column, text in names.items():
            if name := _FIELD_BY_HEADER.get(_header_key(text)):
                header.fields.setdefault(name, []).append(column)
            elif len(codes := resolver.indicator_header(text)) == 1:
                header.indicators[column] = codes[0]
            elif codes:
                header.unknown[column] = _ambiguous(text, codes, "指标")
            else:
                header.unknown[column] = f"「{text}」不是已知的指标代码或指标名称，也不是地区、期间、来源列"
        fields = header.fields
        if "region" not in fields:
            continue
        # A code column identifies a region more surely than a name column.
        fields["region"].sort(key=lambda c: "代码" not in names[c])
        if "value" in fields and ("indicator" in fields or "indicator_name" in fields):
            fields["indicator"] = fields.get("indicator", []) + fields.pop("indicator_name", [])
            return _Header(r, "long", names, fields)
        if header.indicators:
            return header
    return None


class _SheetParser:
    def __init__(self, grid: _Grid, header: _Header, resolver: _Resolver, period: str | None) -> None:
        self.grid, self.header, self.resolver, self.period = grid, header, resolver, period
        self.preview = ObservationPreview(layout=header.layout)
        self.seen: dict[tuple[str, str, str], int] = {}

    def _first(self, r: int, name: str) -> tuple[int | None, str | None]:
        """(column, text) of the field's first non-empty column in row ``r``; else its first column."""
        columns = self.header.fields.get(name, [])
        for column in columns:
            if (text := _text(self.grid.cell(r, column))) is not None:
                return column, text
        return (columns[0] if columns else None), None

    def _error(self, errors: list[CellError], r: int, column: int | str | None, message: str) -> None:
        header = self.header.names[column] if isinstance(column, int) else column
        label = f"「{header}」" if header else ""
        errors.append(CellError(r + 1, header, f"第{r + 1}行{label}{message}"))

    def _row_context(self, r: int, errors: list[CellError]) -> tuple[str | None, str | None, str | None]:
        """Region, period and source of data row ``r``; problems appended to ``errors``."""
        region = period = None
        column, text = self._first(r, "region")
        if text is None:
            self._error(errors, r, column, "地区为空")
        elif len(codes := self.resolver.region(text)) == 1:
            region = codes[0]
        elif codes:
            self._error(errors, r, column, _ambiguous(text, codes, "地区"))
        else:
            hint = "请填写6位行政区划代码（如 330100）或地区名称（如 杭州市）"
            self._error(errors, r, column, f"未知地区：「{text}」，{hint}")
        column, _ = self._first(r, "period")
        value = self.grid.cell(r, column) if column is not None else None
        if _text(value) is None:
            if (period := self.period) is None:
                where = column if column is not None else "期间"
                self._error(errors, r, where, "期间为空：请在表中填写，或在上传时选择期间")
        elif (period := _parse_period(value)) is None:
            hint = "应为 2025、2026-Q1 或 2026-03 这样的年、季度或月份"
            self._error(errors, r, column, f"期间格式不正确：「{_text(value)}」，{hint}")
        _, source = self._first(r, "source")
        return region, period, from_csv_cell(source)

    def _observation(
        self,
        r: int,
        column: int,
        indicator: str | None,
        context: tuple[str | None, str | None, str | None],
        errors: list[CellError],
    ) -> None:
        value = self.grid.cell(r, column)
        unit = self.resolver.indicators[indicator].unit if indicator else ""
        number = None
        if _blank(value):
            self._error(errors, r, column, "数值为空")
        elif (number := _parse_number(value, (r, column) in self.grid.percent, unit)) is None:
            self._error(errors, r, column, f"数值无法识别：「{_text(value)}」，应为数字，如 95.3、95.3% 或 1,234")
        region, period, source = context
        if indicator and region and period:
            first = self.seen.setdefault((indicator, region, period), r + 1)
            if first != r + 1:
                self._error(errors, r, column, f"与第{first}行重复：同一指标、地区、期间只能有一个数值")
        header = self.header.names[column]
        self.preview.rows.append(PreviewObservation(r + 1, header, indicator, region, period, number, source, errors))

    def _is_note(self, r: int) -> bool:
        texts = [t for value in self.grid.rows[r] if (t := _text(value))]
        return not texts or (len(texts) == 1 and bool(_NOTE.match(texts[0])))

    def _long_row(self, r: int) -> None:
        errors: list[CellError] = []
        context = self._row_context(r, errors)
        column, text = self._first(r, "indicator")
        indicator = None
        if text is None:
            self._error(errors, r, column, "指标为空")
        elif len(codes := self.resolver.indicator(text)) == 1:
            indicator = codes[0]
        elif codes:
            self._error(errors, r, column, _ambiguous(text, codes, "指标"))
        else:
            self._error(errors, r, column, f"未知指标：「{text}」，请填写指标代码（如 GP-01）或完整指标名称")
        self._observation(r, self.header.fields["value"][0], indicator, context, errors)

    def _wide_row(self, r: int) -> None:
        columns = [c for c in self.header.indicators if not _blank(self.grid.cell(r, c))]
        if not columns:
            return  # a city without values this period: nothing to import
        row_errors: list[CellError] = []
        context = self._row_context(r, row_errors)
        for column in columns:
            self._observation(r, column, self.header.indicators[column], context, list(row_errors))

    def parse(self) -> ObservationPreview:
        row = self.header.row + 1
        for column, reason in self.header.unknown.items():
            message = f"第{row}行表头{reason}；该列未导入"
            self.preview.errors.append(CellError(row, self.header.names[column], message))
        parse_row = self._long_row if self.header.layout == "long" else self._wide_row
        for r in range(self.header.row + 1, len(self.grid.rows)):
            if not self._is_note(r):
                parse_row(r)
        if not self.preview.rows:
            self.preview.errors.append(CellError(None, None, f"第{row}行表头之后没有数据"))
        return self.preview


def parse_observations(
    data: bytes,
    filename: str,
    *,
    indicators: Mapping[str, IndicatorLike],
    regions: Mapping[str, RegionLike],
    period: str | None = None,
) -> ObservationPreview:
    """Read an uploaded .xlsx or .csv into a preview; ``period`` applies to rows without a 期间."""
    if period is not None and not PERIOD_PATTERN.match(period):
        return _file_error(f"所选期间「{period}」格式不正确，应为 2025、2026-Q1 或 2026-03")
    if not data:
        return _file_error("文件为空")
    name = filename.lower()
    if name.endswith(".xls") or data.startswith(_XLS_MAGIC):
        return _file_error("这是旧版 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再上传")
    grids: list[_Grid] | str
    if name.endswith(".xlsx") or data.startswith(b"PK"):
        grids = _xlsx_grids(data)
    elif name.endswith((".csv", ".txt")):
        grid = _csv_grid(data)
        grids = grid if isinstance(grid, str) else [grid]
    else:
        return _file_error("仅支持 Excel 工作簿（.xlsx）或 CSV 文件（.csv）")
    if isinstance(grids, str):
        return _file_error(grids)
    resolver = _Resolver(indicators, regions)
    for grid in grids:
        if header := _find_header(grid, resolver):
            return _SheetParser(grid, header, resolver, period).parse()
    return _file_error(
        f"未找到表头：前 {HEADER_SEARCH_ROWS} 行中应有一行包含「地区」「指标代码」「数值」等列（每行一个数值），"
        "或包含「地区」列和以指标代码、指标名称为列名的列（每行一个地区）"
    )


# ---------------------------------------------------------------- writing


def _table(
    rows: Sequence[ObservationLike],
    layout: Layout,
    indicators: Mapping[str, IndicatorLike] | None,
    regions: Mapping[str, RegionLike] | None,
) -> list[list[Any]]:
    """Header row and data rows; names are added beside the codes when their catalogs are given."""

    def region_cells(code: str) -> list[Any]:
        return [code, regions[code].name if code in regions else None] if regions else [code]

    region_header = ["地区代码", "地区名称"] if regions else ["地区代码"]
    if layout == "long":
        header = ["指标代码", *(["指标名称"] if indicators else []), *region_header, "期间", "数值", "来源"]
        table: list[list[Any]] = [header]
        for obs in rows:
            name = [indicators[obs.indicator].name if obs.indicator in indicators else None] if indicators else []
            table.append([obs.indicator, *name, *region_cells(obs.region), obs.period, obs.value, obs.source])
        return table
    codes = list(dict.fromkeys(obs.indicator for obs in rows))
    columns = {code: index for index, code in enumerate(codes)}
    # One line per region, period and source, so every value keeps its own source.
    lines: dict[tuple[str, str, str | None], list[Any]] = {}
    for obs in rows:
        line = lines.setdefault((obs.region, obs.period, obs.source), [None] * len(codes))
        line[columns[obs.indicator]] = obs.value
    headers = [f"{code} {indicators[code].name}" if indicators and code in indicators else code for code in codes]
    table = [[*region_header, "期间", "来源", *headers]]
    table += [[*region_cells(region), period, source, *values] for (region, period, source), values in lines.items()]
    return table


def write_observations(
    rows: Sequence[ObservationLike],
    layout: Layout = "long",
    *,
    indicators: Mapping[str, IndicatorLike] | None = None,
    regions: Mapping[str, RegionLike] | None = None,
) -> bytes:
    """The observations as an .xlsx workbook in either layout."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = SHEET_TITLE
    for r, values in enumerate(_table(rows, layout, indicators, regions), start=1):
        for c, value in enumerate(values, start=1):
            set_cell(sheet.cell(r, c), value)  # text that looks like a formula stays text
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(10, min(40, 2 * len(str(cell.value)) + 2))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_observations_csv(
    rows: Sequence[ObservationLike],
    layout: Layout = "long",
    *,
    indicators: Mapping[str, IndicatorLike] | None = None,
    regions: Mapping[str, RegionLike] | None = None,
) -> bytes:
    """The observations as CSV, UTF-8 with a BOM so that Excel opens the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for values in _table(rows, layout, indicators, regions):
        writer.writerow([csv_cell(v) for v in values])
    return buffer.getvalue().encode("utf-8-sig")
