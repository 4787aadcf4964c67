"""Observation import/export: long and wide layouts, .xlsx and .csv (UTF-8,
GB18030), Chinese per-cell errors, file-level errors, and the export → import
round trip. Pure functions: no database."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from indicators_api.catalog import INDICATORS_BY_CODE, REGIONS
from indicators_api.demo_data import ObservationSpec, generate_observations
from indicators_api.observation_io import (
    ObservationPreview,
    parse_observations,
    write_observations,
    write_observations_csv,
)


def xlsx(rows: list[list[Any]], percent_cells: tuple[str, ...] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for ref in percent_cells:
        sheet[ref].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[Any]], encoding: str) -> bytes:
    text = "\r\n".join(",".join("" if v is None else str(v) for v in row) for row in rows)
    return text.encode(encoding)


def parse(data: bytes, filename: str, period: str | None = None) -> ObservationPreview:
    return parse_observations(data, filename, indicators=INDICATORS_BY_CODE, regions=REGIONS, period=period)


def facts(preview: ObservationPreview) -> list[tuple[Any, ...]]:
    return [(r.indicator, r.region, r.period, r.value, r.source) for r in preview.rows]


def messages(preview: ObservationPreview) -> list[str]:
    return [e.message for e in preview.errors] + [e.message for r in preview.rows for e in r.errors]


# ---------------------------------------------------------------- long layout


def test_long_xlsx_with_title_rows_synonyms_and_value_formats() -> None:
    data = xlsx(
        [
            ["2025年度营商环境指标数据（示例）"],
            [],
            ["序号", "指标", "指标名称", "城市", "年度", "指标值（%）", "数据来源"],
            [1, "GP-01", "开办企业", "杭州", 2025, 88.5, "国评反馈"],
            [2, "gp-02", None, "330100", "2025", "95.3%", None],
            [3, None, "依申请政务服务事项办件高质量“一网通办”率", "宁波市", "2026-q1", " 97.5 ", None],
            [4, "CS-SC-02", None, "杭州市", "2026-Q3", "1,234", None],
            [5, "CS-FZ-03", None, "杭州市", "2026-Q3", "2.9工作日", None],
            [6, "SL-04", None, "温州市", "2026-03", 0.853, None],
            ["注：数据为示例。"],
        ],
        percent_cells=("F9",),
    )
    preview = parse(data, "指标数据.xlsx")
    assert preview.layout == "long" and messages(preview) == []
    assert facts(preview) == [
        ("GP-01", "330100", "2025", 88.5, "国评反馈"),
        ("GP-02", "330100", "2025", 95.3, None),
        ("SL-03", "330200", "2026-Q1", 97.5, None),
        ("CS-SC-02", "330100", "2026-Q3", 1234.0, None),
        ("CS-FZ-03", "330100", "2026-Q3", 2.9, None),
        ("SL-04", "330300", "2026-03", 85.3, None),
    ]
    assert [r.row_number for r in preview.rows] == [4, 5, 6, 7, 8, 9]
    assert {r.column for r in preview.rows} == {"指标值（%）"}


def test_long_row_errors_are_per_cell_and_in_chinese() -> None:
    data = xlsx(
        [
            ["指标代码", "地区", "期间", "数值"],
            ["GP-99", "杭州", "2025", 80],
            ["GP-01", "火星市", "2025", 80],
            ["GP-01", "杭州", "2025年", 80],
            ["GP-01", "杭州", "2025", "abc"],
            ["GP-02", "杭州", "2025", None],
            ["GP-03", "杭州", "2025", 80],
            ["GP-03", "杭州市", "2025", 81],
        ]
    )
    preview = parse(data, "x.xlsx")
    assert preview.errors == []
    errors = [[e.message for e in row.errors] for row in preview.rows]
    assert errors[0] == ["第2行「指标代码」未知指标：「GP-99」，请填写指标代码（如 GP-01）或完整指标名称"]
    assert errors[1][0].startswith("第3行「地区」未知地区：「火星市」")
    assert errors[2][0].startswith("第4行「期间」期间格式不正确：「2025年」")
    assert errors[3] == ["第5行「数值」数值无法识别：「abc」，应为数字，如 95.3、95.3% 或 1,234"]
    assert errors[4] == ["第6行「数值」数值为空"]
    assert errors[5] == [] and errors[6] == ["第8行「数值」与第7行重复：同一指标、地区、期间只能有一个数值"]
    assert (preview.rows[0].indicator, preview.rows[1].region, preview.rows[2].period) == (None, None, None)
    assert preview.rows[3].value is None and preview.rows[3].errors[0].row == 5
    assert preview.rows[3].errors[0].column == "数值"


def test_long_period_from_argument_and_missing_period() -> None:
    rows: list[list[Any]] = [["指标代码", "地区代码", "数值"], ["GP-01", "330100", 90]]
    assert facts(parse(xlsx(rows), "a.xlsx", period="2025")) == [("GP-01", "330100", "2025", 90.0, None)]
    missing = parse(xlsx(rows), "a.xlsx")
    assert messages(missing) == ["第2行「期间」期间为空：请在表中填写，或在上传时选择期间"]


def test_shared_name_is_ambiguous_but_code_is_not() -> None:
    data = xlsx([["指标", "地区", "期间", "数值"], ["开办企业", "杭州", "2025", 90], ["BR-01-1", "杭州", "2025", 70]])
    preview = parse(data, "a.xlsx")
    assert preview.rows[0].errors[0].message == "第2行「指标」「开办企业」对应多个指标（BR-01、GP-01），请改用指标代码"
    assert preview.rows[1].indicator == "BR-01-1" and not preview.rows[1].errors


# ---------------------------------------------------------------- wide layout


def test_wide_xlsx_by_code_and_name_with_period_argument() -> None:
    data = xlsx(
        [
            ["2025年各设区市晾晒指标"],
            ["设区市", "SL-01", "跨部门联合双随机监管率", "备注"],
            ["杭州市", 88.2, "85%", None],
            ["宁波", 86.1, None, "暂缺"],
            ["温州市", "—", "/", None],
            ["嘉兴市", 84, "abc", None],
        ]
    )
    preview = parse(data, "wide.xlsx", period="2026-Q3")
    assert preview.layout == "wide" and preview.errors == []
    assert facts(preview) == [
        ("SL-01", "330100", "2026-Q3", 88.2, None),
        ("SL-04", "330100", "2026-Q3", 85.0, None),
        ("SL-01", "330200", "2026-Q3", 86.1, None),
        ("SL-01", "330400", "2026-Q3", 84.0, None),
        ("SL-04", "330400", "2026-Q3", None, None),
    ]
    bad = preview.rows[-1]
    assert (bad.row_number, bad.column) == (6, "跨部门联合双随机监管率")
    assert bad.errors[0].message == (
        "第6行「跨部门联合双随机监管率」数值无法识别：「abc」，应为数字，如 95.3、95.3% 或 1,234"
    )


def test_wide_period_column_unknown_header_and_row_errors() -> None:
    data = xlsx(
        [
            ["地区", "期间", "GP-04", "GP-77"],
            ["杭州", "2025", 91, 1],
            ["火星", "2025", 80, None],
            ["宁波", None, 80, None],
        ]
    )
    preview = parse(data, "w.xlsx")
    assert [e.message for e in preview.errors] == [
        "第1行表头「GP-77」不是已知的指标代码或指标名称，也不是地区、期间、来源列；该列未导入"
    ]
    assert facts(preview)[0] == ("GP-04", "330100", "2025", 91.0, None)
    assert preview.rows[1].errors[0].message.startswith("第3行「地区」未知地区：「火星」")
    assert preview.rows[2].errors[0].message == "第4行「期间」期间为空：请在表中填写，或在上传时选择期间"
    assert parse(xlsx([["地区", "GP-04"], ["杭州", 90]]), "w.xlsx", period="2025").rows[0].period == "2025"
    chinese_numeral = parse(xlsx([["地区", "GP-04"], ["杭州", 90], ["宁波", "九十"]]), "w.xlsx", period="2025")
    assert chinese_numeral.rows[1].errors[0].message.startswith("第3行「GP-04」数值无法识别：「九十」")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
def test_csv_encodings(encoding: str) -> None:
    rows = [
        ["杭州市营商环境指标（单位：%）"],
        ["城市", "公共法律服务满意率", "CS-FZ-03", "数据来源"],
        ["杭州市", "96.3%", "2.9", "市司法局"],
    ]
    preview = parse(csv_bytes(rows, encoding), "city.csv", period="2026-Q3")
    assert messages(preview) == []
    assert facts(preview) == [
        ("CS-FZ-01", "330100", "2026-Q3", 96.3, "市司法局"),
        ("CS-FZ-03", "330100", "2026-Q3", 2.9, "市司法局"),
    ]


def test_csv_long_with_errors() -> None:
    rows = [["指标代码", "地区", "期间", "数值"], ["GP-01", "杭州", "2025-Q5", "80"], ["XX-01", "宁波", "2025", "8o"]]
    preview = parse(csv_bytes(rows, "gb18030"), "long.csv")
    assert preview.layout == "long"
    assert [len(r.errors) for r in preview.rows] == [1, 2]
    assert preview.rows[0].errors[0].message.startswith("第2行「期间」期间格式不正确：「2025-Q5」")
    assert preview.rows[1].errors[1].message.startswith("第3行「数值」数值无法识别：「8o」")


# ---------------------------------------------------------------- file-level errors


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [
        (b"", "a.xlsx", "文件为空"),
        (b"PK\x03\x04 not really a zip", "a.xlsx", "无法读取文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "old.xls", "旧版 .xls"),
        (b"%PDF-1.7", "report.pdf", "仅支持"),
        ("标题\n随便,写点,什么\n".encode(), "a.csv", "未找到表头"),
        (b"\xff\xfe\x00\x01\x80\x81", "a.csv", "编码"),
    ],
)
def test_file_level_errors_never_raise(data: bytes, filename: str, fragment: str) -> None:
    preview = parse(data, filename)
    assert preview.rows == [] and preview.layout is None
    assert len(preview.errors) == 1 and fragment in preview.errors[0].message
    assert preview.errors[0].row is None


def test_bad_period_argument_and_header_without_data() -> None:
    assert "格式不正确" in parse(xlsx([["地区", "GP-01"]]), "a.xlsx", period="2025Q1").errors[0].message
    assert parse(xlsx([["地区", "GP-01"]]), "a.xlsx", period="2025").errors[0].message == "第1行表头之后没有数据"


# ---------------------------------------------------------------- round trip


@pytest.fixture(scope="module")
def sample() -> list[ObservationSpec]:
    observations = generate_observations()
    picked = [o for o in observations if o.indicator in ("GP-01", "GP-07", "SL-05", "CS-FZ-03", "CS-SC-02")]
    # Sources as users write them: none, and text Excel would take for a formula.
    return picked + [
        ObservationSpec("SL-01", "330100", "2026-Q3", 88.25, source=None),  # type: ignore[arg-type]
        ObservationSpec("SL-02", "330100", "2026-Q3", 90.5, source="=省晾晒通报"),
        ObservationSpec("SL-03", "330100", "2026-05", 97.12, source="-"),
    ]


@pytest.mark.parametrize("layout", ["long", "wide"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("with_names", [False, True])
def test_round_trip(sample: list[ObservationSpec], layout: str, fmt: str, with_names: bool) -> None:
    catalogs: dict[str, Any] = {"indicators": INDICATORS_BY_CODE, "regions": REGIONS} if with_names else {}
    write = write_observations if fmt == "xlsx" else write_observations_csv
    data = write(sample, layout, **catalogs)  # type: ignore[arg-type]
    preview = parse(data, f"export.{fmt}")
    assert messages(preview) == [] and preview.layout == layout
    expected = {(o.indicator, o.region, o.period, o.value, o.source) for o in sample}
    assert len(preview.rows) == len(sample) and set(facts(preview)) == expected
    if layout == "long":
        assert facts(preview) == [(o.indicator, o.region, o.period, o.value, o.source) for o in sample]


def test_csv_export_is_excel_friendly(sample: list[ObservationSpec]) -> None:
    data = write_observations_csv(sample[-2:], "long")
    assert data.startswith(b"\xef\xbb\xbf")
    assert "'=省晾晒通报" in data.decode("utf-8-sig"), "formula-like text is quoted for Excel"
