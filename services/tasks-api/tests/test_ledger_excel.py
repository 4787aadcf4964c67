"""Excel import/export of the task list: deadlines, unit names, messy office
workbooks, and the export → import round trip. Pure functions: no database."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from reform_common.demo import all_units, unit_uuid

from tasks_api.demo_plan import generate_plan
from tasks_api.ledger_excel import (
    CellError,
    DeadlineError,
    ExportRow,
    Milestone,
    TaskRow,
    UnitRef,
    UnknownUnit,
    parse_deadline,
    parse_workbook,
    resolve_unit,
    split_units,
    write_template,
    write_workbook,
)

YEAR = 2026


# ---------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026年6月底前", date(2026, 6, 30)),
        ("6月底前", date(2026, 6, 30)),
        ("2月底前", date(2026, 2, 28)),
        ("2026年12月", date(2026, 12, 31)),
        ("2026年12月前", date(2026, 12, 31)),
        ("2026年6月30日", date(2026, 6, 30)),
        ("2026-06-30", date(2026, 6, 30)),
        ("2026/6/30", date(2026, 6, 30)),
        ("2026.6.30", date(2026, 6, 30)),
        ("2027年3月31日前", date(2027, 3, 31)),
        ("９月３０日前", date(2026, 9, 30)),
        ("２０２６年 ６ 月底前", date(2026, 6, 30)),
        (" 2026 - 06 - 30 ", date(2026, 6, 30)),
        ("6月底前完成", date(2026, 6, 30)),
        ("年底前", date(2026, 12, 31)),
        ("2026年底前", date(2026, 12, 31)),
        ("年内", date(2026, 12, 31)),
        ("上半年", date(2026, 6, 30)),
        ("下半年", date(2026, 12, 31)),
        ("一季度", date(2026, 3, 31)),
        ("第二季度", date(2026, 6, 30)),
        ("三季度末", date(2026, 9, 30)),
        ("第四季度", date(2026, 12, 31)),
        (datetime(2026, 6, 30), date(2026, 6, 30)),
        (date(2026, 9, 15), date(2026, 9, 15)),
        (46203, date(2026, 6, 30)),  # Excel serial number
        (46203.0, date(2026, 6, 30)),
    ],
)
def test_deadline_formats(value: object, expected: date) -> None:
    assert parse_deadline(value, YEAR) == (expected, False)


@pytest.mark.parametrize("value", ["长期坚持", "持续推进", "长期", "常态化推进", " 长期坚持 "])
def test_continuous_deadlines(value: str) -> None:
    assert parse_deadline(value, YEAR) == (None, True)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_deadline(value: object) -> None:
    assert parse_deadline(value, YEAR) == (None, False)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2026年2月30日", "2026年2月没有30日"),
        ("2026-13-01", "月份无效"),
        ("13月底前", "月份无效"),
        ("尽快", "无法识别完成时限「尽快」"),
        ("明年", "无法识别"),
        (5, "不是有效日期"),
    ],
)
def test_invalid_deadlines_say_what_to_write(value: object, fragment: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(value, YEAR)
    assert fragment in str(caught.value)
    assert "2026年6月底前" in str(caught.value) and "长期坚持" in str(caught.value)


# ---------------------------------------------------------------- units


@pytest.fixture(scope="module")
def directory() -> list[UnitRef]:
    return [UnitRef(unit_uuid(code), name, short, aliases) for code, name, short, aliases, _ in all_units()]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("市发改委、市经信局", ["市发改委", "市经信局"]),
        ("市发改委，市经信局,市商务局", ["市发改委", "市经信局", "市商务局"]),
        ("市发改委；市经信局;西湖区", ["市发改委", "市经信局", "西湖区"]),
        ("市发改委/市经信局／市商务局", ["市发改委", "市经信局", "市商务局"]),
        ("市发改委\n市经信局\r\n西湖区", ["市发改委", "市经信局", "西湖区"]),
        ("市发改委 市经信局\u3000西湖区", ["市发改委", "市经信局", "西湖区"]),
        (" 市发改委、、市发改委 ", ["市发改委"]),
        ("", []),
        (None, []),
    ],
)
def test_split_units(text: str | None, names: list[str]) -> None:
    assert split_units(text) == names


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("市发展和改革委员会", "fgw"),  # name
        ("市发改委", "fgw"),  # short name
        ("发改委", "fgw"),  # alias
        ("杭州市发改委", "fgw"),  # city prefix
        ("杭州市发展和改革委员会", "fgw"),
        ("市 发改委", "fgw"),
        ("市市场监管局", "scjg"),
        ("杭州市市场监督管理局", "scjg"),
        ("市大数据局", "sjzy"),
        ("高新区(滨江)", "binjiang"),  # brackets normalised
        ("高新区【滨江】", "binjiang"),
        ("杭州市西湖区", "xihu"),
        ("西湖区", "xihu"),
        ("杭州海关", "hg"),
        ("杭州市税务局", "tax"),
        ("国家税务总局杭州市税务局", "tax"),
        ("市12345政务服务便民热线", "hotline12345"),
        ("１２３４５", "hotline12345"),  # full-width digits
        ("市委改革办", "gaib"),
    ],
)
def test_resolve_unit(directory: list[UnitRef], text: str, code: str) -> None:
    assert resolve_unit(text, directory).id == unit_uuid(code)


def test_unknown_unit_suggests_full_names(directory: list[UnitRef]) -> None:
    with pytest.raises(UnknownUnit) as caught:
        resolve_unit("市市场监督局", directory)
    error = caught.value
    assert error.name == "市市场监督局"
    assert error.suggestions[0] == "市市场监督管理局"
    assert 1 <= len(error.suggestions) <= 3
    assert str(error) == f"未找到单位「市市场监督局」，是否为：{'、'.join(error.suggestions)}？"


def test_unknown_unit_without_anything_close(directory: list[UnitRef]) -> None:
    with pytest.raises(UnknownUnit) as caught:
        resolve_unit("Acme Corp", directory)
    assert caught.value.suggestions == []
    assert str(caught.value) == "未找到单位「Acme Corp」，请填写单位全称或简称"


def test_a_name_two_units_share_is_not_guessed() -> None:
    a = UnitRef(unit_uuid("a"), "市甲局", "甲局", ["综合局"])
    b = UnitRef(unit_uuid("b"), "市乙局", "乙局", ["综合局"])
    assert resolve_unit("甲局", [a, b]) is a
    with pytest.raises(UnknownUnit) as caught:
        resolve_unit("综合局", [a, b])
    assert caught.value.suggestions == ["市甲局", "市乙局"]
    assert "同时对应" in str(caught.value)


# ---------------------------------------------------------------- a messy office workbook


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


MESSY_HEADER = [
    "序号", "环境领域", "任务类别", "改革\n任务", "主要举措", "牵头部门（牵头）", "配合单位",
    "时间节点", "一季度", "第二季度", "Q3", "四季度节点", "对标类别", "联系电话", "备注",
]  # fmt: skip


def _messy_workbook() -> bytes:
    workbook = Workbook()
    workbook.active.title = "填表说明"
    workbook.active["A1"] = "请按模板填写，不要修改表头。"
    sheet = workbook.create_sheet("2026年任务清单")
    sheet.merge_cells("A1:O1")
    sheet["A1"] = "2026年营商环境优化提升“一号改革工程”重点任务清单"
    sheet["A3"] = "填报单位：市委改革办"
    sheet.append(MESSY_HEADER)  # row 4
    rows = [
        # row 5
        [1, "政务环境", "重点事项", "深化企业开办“一网通办”改革", "推行企业开办全程网办\n多部门数据共享",
         "市市场监管局", "市政务办、市税务局；西湖区", "2026年6月底前", "完成现状调研\n制定工作方案（2026-02-15）",
         "出台配套政策", None, None, "A类", 13800001234, "重点关注"],
        # row 6
        [2.0, None, "长板", "迭代升级水电气网联合报装", None, None, "市建委,市城管局 / 市林水局",
         datetime(2026, 9, 30), None, None, "系统上线(9月15日前)", None, "Ｂ", None, None],
        # row 7: blank between tasks (only the merged 环境领域 runs through it)
        [None] * 15,
        # row 8
        [3, None, "特色事项", "12345涉企诉求闭环办理", None, "市政务办", "市企服中心 市督查室", "长期坚持",
         None, None, None, "季度通报", None, None, None],
        # row 9: no title, an impossible date
        [4, "市场环境", "短板弱项", None, "梳理堵点", "市财政局", None, "2026年2月30日",
         None, None, None, None, None, None, None],
        # row 10: no lead unit
        [5, "法治", "重点", "知识产权快保护", None, None, "市中院", "年底前", None, None, None, None, None, None, None],
        # row 11: serial-number deadline, number in a text column
        [6, "经济生态", "特色", 2026, None, "市经信局", None, 46112, None, None, None, None, None, None, None],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("B5:B8")  # 政务环境 for rows 5–8
    sheet.merge_cells("F5:F6")  # 市市场监管局 leads rows 5 and 6
    sheet.merge_cells("A13:O13")
    sheet["A13"] = "注：本表由市委改革办汇总，联系人王明。"
    return _save(workbook)


def test_messy_workbook_rows_and_errors() -> None:
    result = parse_workbook(_messy_workbook(), YEAR)

    assert result.errors == []
    assert result.sheet == "2026年任务清单"
    assert result.columns["lead_unit"] == "牵头部门（牵头）" and result.columns["responsible_units"] == "配合单位"
    assert "q4" in result.columns and "备注" not in result.columns.values()
    assert [p.row_number for p in result.rows] == [5, 6, 8, 9, 10, 11]
    rows = {p.row_number: p for p in result.rows}

    assert rows[5].errors == []
    assert rows[5].row == TaskRow(
        seq=1,
        title="深化企业开办“一网通办”改革",
        measures="推行企业开办全程网办\n多部门数据共享",
        environment="gov_service",
        category="key",
        benchmark_class="A",
        lead_unit="市市场监管局",
        responsible_units=["市政务办", "市税务局", "西湖区"],
        contact_phone="13800001234",
        deadline=date(2026, 6, 30),
        milestones=[
            Milestone(quarter=1, title="完成现状调研", due_date=date(2026, 3, 31)),
            Milestone(quarter=1, title="制定工作方案", due_date=date(2026, 2, 15)),
            Milestone(quarter=2, title="出台配套政策", due_date=date(2026, 6, 30)),
        ],
    )
    assert rows[6].row == TaskRow(
        seq=2,
        title="迭代升级水电气网联合报装",
        environment="gov_service",  # merged 环境领域
        category="strength",
        benchmark_class="B",
        lead_unit="市市场监管局",  # merged 牵头部门
        responsible_units=["市建委", "市城管局", "市林水局"],
        deadline=date(2026, 9, 30),
        milestones=[Milestone(quarter=3, title="系统上线", due_date=date(2026, 9, 15))],
    )
    assert rows[8].row == TaskRow(
        seq=3,
        title="12345涉企诉求闭环办理",
        environment="gov_service",
        category="signature",
        lead_unit="市政务办",
        responsible_units=["市企服中心", "市督查室"],
        continuous=True,
        milestones=[Milestone(quarter=4, title="季度通报", due_date=date(2026, 12, 31))],
    )
    assert rows[9].row is None
    assert [(e.row, e.column, e.field) for e in rows[9].errors] == [
        (9, "改革任务", "title"),
        (9, "时间节点", "deadline"),
    ]
    assert rows[9].errors[0].message == "第9行「改革任务」为空"
    assert rows[9].errors[1].message.startswith("第9行「时间节点」：「2026年2月30日」不是有效日期")
    assert rows[10].row is None
    assert rows[10].errors == [CellError(10, "牵头部门（牵头）", "lead_unit", "第10行「牵头部门（牵头）」为空")]
    assert rows[11].row == TaskRow(
        seq=6,
        title="2026",
        environment="economic_ecology",
        category="signature",
        lead_unit="市经信局",
        deadline=date(2026, 3, 31),
    )


def _sectioned_workbook() -> bytes:
    """No environment or category column: section rows instead, under a two-level header."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(["2026年重点改革任务台账"])
    sheet.append(["序号", "任务名称", "牵头单位", "责任单位", "完成时限", "节点安排", None, None, None])
    sheet.append([None, None, None, None, None, "一季度", "二季度", "三季度", "四季度"])
    for column in "ABCDE":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("F2:I2")
    sheet.append(["一、政务环境（2项）"])
    sheet.merge_cells("A4:I4")
    sheet.append(["（一）重点事项"])
    sheet.append([1, "深化“一件事”集成服务改革", "市政务办", "市数据资源局", "2026-12-31", None, "上线运行"])
    sheet.append(["（二）特色事项"])
    sheet.append([2, "推进中介服务网上超市", "市政务办", None, "下半年"])
    sheet.append(["二、市场环境"])
    sheet.merge_cells("A9:I9")
    sheet.append([3, "深化公平竞争审查", "市市场监管局、市发改委", None, "9月底前"])
    return _save(workbook)


def test_section_rows_and_two_level_header() -> None:
    result = parse_workbook(_sectioned_workbook(), YEAR)

    assert result.errors == []
    assert [p.row_number for p in result.rows] == [6, 8, 10]
    assert result.rows[0].row == TaskRow(
        seq=1,
        title="深化“一件事”集成服务改革",
        environment="gov_service",
        category="key",
        lead_unit="市政务办",
        responsible_units=["市数据资源局"],
        deadline=date(2026, 12, 31),
        milestones=[Milestone(quarter=2, title="上线运行", due_date=date(2026, 6, 30))],
    )
    assert result.rows[1].row == TaskRow(
        seq=2,
        title="推进中介服务网上超市",
        environment="gov_service",
        category="signature",
        lead_unit="市政务办",
        deadline=date(2026, 12, 31),
    )
    # A new environment section clears the category; one lead unit only.
    assert result.rows[2].row is None
    assert [(e.column, e.field) for e in result.rows[2].errors] == [(None, "category"), ("牵头单位", "lead_unit")]
    assert result.rows[2].errors[0].message.startswith("第10行「任务类别」为空")
    assert "只能填写一个单位" in result.rows[2].errors[1].message


def test_sheet_choice_and_decorated_headers() -> None:
    """Visible sheets first; a sheet without a header is passed over; "*" and "(必填)" on headers."""
    workbook = Workbook()
    workbook.active.title = "封面"
    workbook.active["A1"] = "2026年任务清单"
    hidden = workbook.create_sheet("旧任务清单")
    hidden.append(["改革任务", "环境领域", "任务类别", "牵头单位"])
    hidden.append(["旧任务", "政务环境", "重点事项", "市发改委"])
    hidden.sheet_state = "hidden"
    data = workbook.create_sheet("数据")
    data.append(["*改革任务", "环境 领域", "任务类别(必填)", "牵头单位\n（牵头）", "完成时限\n(必填)"])
    data.append(["新任务", "人文", "特色事项", "市工商联", "Q2"])
    result = parse_workbook(_save(workbook), YEAR)
    assert result.errors == [] and result.sheet == "数据"
    assert [p.row for p in result.rows] == [
        TaskRow(
            title="新任务",
            environment="humanistic",
            category="signature",
            lead_unit="市工商联",
            deadline=date(2026, 6, 30),
        )
    ]


def test_not_an_xlsx_file_is_a_file_error() -> None:
    for data in (b"", b"name,lead\n1,2\n", "任务清单".encode()):
        result = parse_workbook(data, YEAR)
        assert result.rows == []
        assert result.errors == [CellError(None, None, None, "无法读取文件：请上传 Excel 工作簿（.xlsx）")]


def test_old_xls_file_gets_its_own_hint() -> None:
    result = parse_workbook(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), YEAR)
    assert result.rows == []
    assert "另存为 .xlsx" in result.errors[0].message


def test_workbook_without_a_header() -> None:
    workbook = Workbook()
    workbook.active.append(["姓名", "电话"])
    workbook.active.append(["王明", "13800001234"])
    result = parse_workbook(_save(workbook), YEAR)
    assert result.rows == []
    assert len(result.errors) == 1 and result.errors[0].message.startswith("未找到表头")


def test_header_without_lead_unit_column() -> None:
    workbook = Workbook()
    workbook.active.append(["序号", "改革任务", "环境领域", "任务类别"])
    workbook.active.append([1, "深化改革", "政务环境", "重点事项"])
    result = parse_workbook(_save(workbook), YEAR)
    assert result.rows == []
    assert result.errors == [CellError(1, None, None, "第1行的表头缺少「牵头单位」列")]


def test_two_columns_for_one_field_is_a_file_error() -> None:
    workbook = Workbook()
    workbook.active.append(["改革任务", "环境领域", "任务类别", "牵头单位", "牵头部门"])
    workbook.active.append(["深化改革", "政务环境", "重点事项", "市发改委", "市经信局"])
    result = parse_workbook(_save(workbook), YEAR)
    assert result.errors == [
        CellError(1, "牵头部门", "lead_unit", "第1行「牵头单位」和「牵头部门」是同一列，请删去其中一列")
    ]


def test_unknown_labels_are_cell_errors() -> None:
    workbook = Workbook()
    workbook.active.append(["序号", "改革任务", "环境领域", "任务类别", "牵头单位", "对标类别"])
    workbook.active.append(["一", "深化改革", "营商环境", "一般事项", "市发改委", "D类"])
    (parsed,) = parse_workbook(_save(workbook), YEAR).rows
    assert [(e.column, e.field) for e in parsed.errors] == [
        ("环境领域", "environment"),
        ("任务类别", "category"),
        ("序号", "seq"),
        ("对标类别", "benchmark_class"),
    ]
    assert parsed.errors[0].message.startswith("第2行「环境领域」应为政务环境、法治环境")
    assert parsed.errors[0].message.endswith("实际为「营商环境」")


# ---------------------------------------------------------------- round trip


def _rows_of(data: bytes) -> list[TaskRow]:
    result = parse_workbook(data, YEAR)
    assert result.errors == []
    assert all(p.errors == [] for p in result.rows)
    return [p.row for p in result.rows if p.row is not None]


PLAIN_ROWS = [
    TaskRow(
        code="2026-ZW-001",
        seq=1,
        title="=深化企业开办“一网通办”改革",  # looks like a formula: must stay text
        measures="第一条\n第二条",
        goal="0.5个工作日内办结",
        environment="gov_service",
        special_group="政务环境专项小组",
        category="key",
        benchmark_class="A",
        benchmark_city="上海",
        lead_unit="市市场监管局",
        responsible_units=["市政务办", "高新区（滨江）", "西湖区"],
        leading_official="分管副市长",
        contact_name="王明",
        contact_phone="05718765432",
        deadline=date(2026, 6, 30),
        milestones=[
            Milestone(quarter=1, title="完成调研（初稿）", due_date=date(2026, 3, 31)),
            Milestone(quarter=2, title="出台方案（第二版）", due_date=date(2026, 5, 15)),
            Milestone(quarter=2, title="上线试运行", due_date=date(2026, 6, 30)),
        ],
        indicator_codes=["GP-01", "GP-02"],
        tags=["数字化改革"],
    ),
    TaskRow(
        title="推进知识产权快保护", environment="rule_of_law", category="signature", lead_unit="市中院", continuous=True
    ),
    TaskRow(
        title="共富创业服务",
        environment="entrepreneurship",
        category="weakness",
        lead_unit="市人力社保局",
        milestones=[Milestone(quarter=4, title="总结", due_date=date(2027, 1, 15))],
    ),
]


def _export(row: TaskRow) -> ExportRow:
    values = {f.name: getattr(row, f.name) for f in fields(TaskRow)}
    return ExportRow(**values, status_label="进行中", warning_label="黄牌", progress=45, latest_progress="已完成调研")


def test_template_round_trip() -> None:
    assert _rows_of(write_template(PLAIN_ROWS, YEAR, "2026年营商环境优化提升重点任务清单")) == PLAIN_ROWS


def test_export_round_trip_ignores_export_only_columns() -> None:
    assert _rows_of(write_workbook([_export(r) for r in PLAIN_ROWS], YEAR, "导出")) == PLAIN_ROWS


def test_export_layout() -> None:
    data = write_workbook([_export(r) for r in PLAIN_ROWS], YEAR, "2026年营商环境优化提升重点任务清单")
    sheet = load_workbook(BytesIO(data)).active
    assert sheet["A1"].value == "2026年营商环境优化提升重点任务清单"
    assert "A1:Z1" in {str(r) for r in sheet.merged_cells.ranges}
    header = [c.value for c in sheet[3]]
    assert header[:6] == ["序号", "任务编号", "环境领域", "专项小组", "任务类别", "改革任务"]
    assert header[-4:] == ["状态", "预警", "进度(%)", "最新进展"]
    assert sheet.freeze_panes == "G4"
    assert sheet["A3"].font.b
    first = dict(zip(header, sheet[4], strict=True))
    assert first["改革任务"].value == "=深化企业开办“一网通办”改革" and first["改革任务"].data_type == "s"
    assert first["完成时限"].value == datetime(2026, 6, 30) and first["完成时限"].number_format == "yyyy-mm-dd"
    assert first["二季度"].value == "出台方案（第二版）（2026-05-15）\n上线试运行"
    assert first["责任单位"].value == "市政务办、高新区（滨江）、西湖区"
    assert first["对标类别"].value == "A类"
    assert (first["预警"].value, first["进度(%)"].value) == ("黄牌", 45)
    second = {h: c.value for h, c in zip(header, sheet[5], strict=True)}
    assert second["完成时限"] == "长期坚持"


def test_empty_template_has_only_the_header() -> None:
    data = write_template([], YEAR, "2026年营商环境优化提升重点任务清单")
    result = parse_workbook(data, YEAR)
    assert result.rows == [] and result.errors == [CellError(None, None, None, "第3行表头之后没有任务行")]


def test_every_demo_task_round_trips() -> None:
    rows = [task.row for task in generate_plan(YEAR)]
    assert _rows_of(write_template(rows, YEAR, "模板")) == rows
    assert _rows_of(write_workbook([_export(r) for r in rows], YEAR, "导出")) == rows
