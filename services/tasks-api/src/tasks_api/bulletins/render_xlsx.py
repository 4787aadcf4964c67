"""A bulletin as a workbook: sheets 概况, 晾晒排名, 逾期事项, 进展亮点, rendered
only from the snapshot, in the ledger export's style (text never turns into
a formula, control characters are dropped)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reform_common.exports import ILLEGAL_CHARACTERS_RE, set_cell

from tasks_api.bulletins.models import Bulletin
from tasks_api.bulletins.schemas import BulletinContent

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")
HONOUR_LABEL = {"best": "优生", "worst": "差生"}
ROLE_LABEL = {"lead": "牵头", "responsible": "配合"}
KIND_LABEL = {"monthly": "月度", "quarterly": "季度", "annual": "年度"}

LEAGUE_COLUMNS = (("名次", 6), ("单位", 28), ("综合得分", 10), ("到期节点", 9), ("按期完成", 9), ("节点按时率(%)", 12),
                  ("红牌", 6), ("黄牌", 6), ("应报进展", 9), ("按时报送", 9), ("报送及时率(%)", 12), ("考评均分", 10),
                  ("考评次数", 9), ("未完成整改", 10), ("考核事项", 9), ("备注", 16))
OVERDUE_COLUMNS = (("单位", 28), ("角色", 6), ("任务编号", 14), ("任务名称", 40), ("逾期情况", 60))
PROGRESS_COLUMNS = (("类别", 12), ("任务编号", 14), ("任务名称", 40), ("牵头单位", 28), ("说明", 40))


def _set(cell: Cell, value: Any) -> None:
    set_cell(cell, value)  # a unit or task name starting with "=" stays text, never a formula
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"


def _table(sheet: Worksheet, columns: Sequence[tuple[str, int]], rows: Sequence[Sequence[Any]]) -> None:
    for index, (header, width) in enumerate(columns, start=1):
        cell = sheet.cell(1, index)
        _set(cell, header)
        cell.font, cell.fill, cell.alignment, cell.border = Font(bold=True), _HEADER_FILL, _CENTER, _BORDER
        sheet.column_dimensions[get_column_letter(index)].width = width
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(r, c)
            _set(cell, value)
            cell.alignment, cell.border = _WRAP_TOP, _BORDER
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{1 + len(rows)}"


def render(bulletin: Bulletin, content: BulletinContent) -> bytes:
    league, summary, progress = content.league, content.summary, content.progress
    workbook = Workbook()
    workbook.properties.creator = "营商环境改革推进平台"
    workbook.properties.title = ILLEGAL_CHARACTERS_RE.sub("", bulletin.title)

    overview = workbook.active
    assert isinstance(overview, Worksheet)  # a new workbook's only sheet
    overview.title = "概况"
    facts: list[tuple[str, Any]] = [
        ("通报标题", bulletin.title), ("文号", bulletin.number or "（发布时编号）"), ("发文单位", content.issuing_unit),
        ("发文日期", bulletin.issued_on), ("通报类型", KIND_LABEL[bulletin.kind]), ("统计期间", league.period_label),
        ("统计起止", f"{league.period_start.isoformat()} 至 {league.window_end.isoformat()}"),
        ("数据截至", league.as_of), ("任务总数", summary.tasks), ("已完成", summary.completed),
        ("推进中", summary.in_progress), ("未启动", summary.not_started), ("持续推进", summary.ongoing),
        ("红牌", summary.red), ("黄牌", summary.yellow), ("到期节点", summary.milestones_due),
        ("按期完成节点", summary.milestones_on_time), ("节点按时完成率(%)", summary.on_time_rate),
        ("本期完成节点", summary.milestones_done), ("应报进展", summary.reports_expected),
        ("按时报送", summary.reports_on_time), ("报送及时率(%)", summary.report_rate),
        ("未完成整改", summary.open_rectifications), ("列入晾晒单位", summary.units_listed),
        ("参与排名单位", summary.units_ranked), ("优生", "、".join(u.name for u in league.best) or "无"),
        ("差生", "、".join(u.name for u in league.worst) or "无"),
    ]
    _table(overview, (("项目", 20), ("内容", 60)), facts)

    _table(workbook.create_sheet("晾晒排名"), LEAGUE_COLUMNS, [
        (r.rank, r.unit.name, r.score, r.milestones_due, r.milestones_on_time, r.on_time_rate, r.red, r.yellow,
         r.reports_expected, r.reports_on_time, r.report_rate, r.evaluation_average, r.evaluation_count,
         r.open_rectifications, r.items,
         HONOUR_LABEL.get(r.honour or "", "") if r.ranked else "事项不足，不排名")
        for r in league.rows
    ])
    _table(workbook.create_sheet("逾期事项"), OVERDUE_COLUMNS, [
        (group.unit.name, ROLE_LABEL[item.role], item.task_code, item.title, "；".join(item.reasons))
        for group in content.overdue for item in group.items
    ])
    highlights: list[tuple[Any, ...]] = [
        ("完成任务", p.task_code, p.title, p.lead_unit, f"进度 {p.progress_before}% → {p.progress_after}%")
        for p in progress.completed_tasks
    ]
    highlights += [
        ("完成节点", m.task_code, m.task_title, m.lead_unit,
         f"{m.milestone}：{m.done_date.isoformat()} 完成（{'按期' if m.on_time else '逾期'}，应于 {m.due_date.isoformat()}）")
        for m in progress.milestones_done
    ]
    highlights += [
        ("进度提升", p.task_code, p.title, p.lead_unit, f"进度 {p.progress_before}% → {p.progress_after}%（+{p.gain}）")
        for p in progress.top_gains
    ]
    _table(workbook.create_sheet("进展亮点"), PROGRESS_COLUMNS, highlights)

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
