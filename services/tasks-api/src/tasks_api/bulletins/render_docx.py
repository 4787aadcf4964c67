"""A bulletin as an official notice (.docx), laid out after GB/T 9704: the
issuing unit in red over the 文号 and a red rule, the title, the
salutation, numbered sections, the league table as a Word table, and the
issuing unit and date at the bottom right. Rendered only from the snapshot."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tasks_api.bulletins.models import Bulletin
from tasks_api.bulletins.schemas import BulletinContent

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
RED = RGBColor(0xFF, 0x00, 0x00)
SALUTATION = "各专项小组，市直各有关单位，各区、县（市）："
LEAGUE_HEADERS = ("名次", "单位", "综合得分", "节点按时率(%)", "红牌", "黄牌", "报送及时率(%)", "考评均分", "未完成整改",
                  "备注")
MILESTONES_LISTED = 20
SECTION_NUMBERS = ("一", "二", "三", "四", "五")
HONOUR_LABEL = {"best": "优生", "worst": "差生"}
ROLE_LABEL = {"lead": "牵头", "responsible": "配合"}
# Elements that follow w:pBdr inside w:pPr (schema order).
_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                 "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                 "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                 "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                 "w:rPr", "w:sectPr", "w:pPrChange")


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _run(paragraph: Paragraph, text: str, *, font: str = BODY_FONT, size: float = 16, bold: bool = False,
         color: RGBColor | None = None) -> None:
    run = paragraph.add_run(_clean(text))
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    # Chinese text takes the east-Asian font; font.name alone only sets the Latin ones.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _paragraph(doc, text: str = "", *, align=None, indent: bool = False, **font) -> Paragraph:
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters of 16 pt
    if text:
        _run(paragraph, text, **font)
    return paragraph


def _red_rule(doc) -> None:
    paragraph = doc.add_paragraph()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "1"), ("w:color", "FF0000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_BORDER)


def _heading(doc, index: int, text: str) -> None:
    _paragraph(doc, f"{SECTION_NUMBERS[index]}、{text}", indent=True, font=HEADING_FONT)


def _cell(cell: _Cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, size=10.5, bold=bold, font=HEADING_FONT if bold else BODY_FONT)


def _number(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _league_table(doc, content: BulletinContent) -> None:
    table = doc.add_table(rows=1, cols=len(LEAGUE_HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, LEAGUE_HEADERS, strict=True):
        _cell(cell, header, bold=True)
    for row in content.league.rows:
        remark = HONOUR_LABEL.get(row.honour or "", "") if row.ranked else "事项不足，不排名"
        values = (_number(row.rank), row.unit.name, _number(row.score), _number(row.on_time_rate), str(row.red),
                  str(row.yellow), _number(row.report_rate), _number(row.evaluation_average),
                  str(row.open_rectifications), remark)
        # Cells of the row just added: table.cell(r, c) walks the whole grid on every call.
        for cell, value in zip(table.add_row().cells, values, strict=True):
            _cell(cell, value)


def render(bulletin: Bulletin, content: BulletinContent) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    doc.core_properties.title = _clean(bulletin.title)
    doc.core_properties.author = _clean(content.issuing_unit)

    league, summary, center = content.league, content.summary, WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(doc, content.issuing_unit, align=center, font=TITLE_FONT, size=26, color=RED)
    _paragraph(doc, bulletin.number or "（发布时编号）", align=center)
    _red_rule(doc)
    if bulletin.status == "draft":
        _paragraph(doc, "（草稿）", align=center, font=HEADING_FONT)
    _paragraph(doc, bulletin.title, align=center, font=TITLE_FONT, size=22)
    _paragraph(doc, SALUTATION)
    _paragraph(doc, f"现将{league.period_label}营商环境优化提升重点任务推进情况通报如下（数据截至"
                    f"{chinese_date(league.as_of)}）。", indent=True)

    _heading(doc, 0, "总体情况")
    rate = "—" if summary.on_time_rate is None else f"{summary.on_time_rate:g}%"
    _paragraph(doc, (
        f"年度任务共{summary.tasks}项，已完成{summary.completed}项，推进中{summary.in_progress}项，"
        f"未启动{summary.not_started}项，持续推进{summary.ongoing}项；亮红牌{summary.red}项、黄牌{summary.yellow}项。"
        f"本期到期节点{summary.milestones_due}个，按期完成{summary.milestones_on_time}个，节点按时完成率{rate}；"
        f"应报进展{summary.reports_expected}份，按时报送{summary.reports_on_time}份；"
        f"未完成整改{summary.open_rectifications}项。"), indent=True)

    _heading(doc, 1, "单位晾晒排名")
    _paragraph(doc, (f"本期{summary.units_listed}个单位列入晾晒，其中{summary.units_ranked}个单位考核事项达到"
                     f"{league.settings.min_items}项、参与排名。综合得分按节点按时率、进展报送及时率、考评平均分加权，"
                     f"红黄牌和未完成整改扣分。"), indent=True)
    _league_table(doc, content)

    _heading(doc, 2, "优生与差生")
    for label, units in (("优生", league.best), ("差生", league.worst)):
        names = "、".join(u.name for u in units) or "本期无"
        _paragraph(doc, f"{label}：{names}。", indent=True)

    _heading(doc, 3, "逾期事项")
    if not content.overdue:
        _paragraph(doc, "本期无逾期事项。", indent=True)
    for group in content.overdue:
        _paragraph(doc, f"{group.unit.name}（{len(group.items)}项）：", indent=True, font=HEADING_FONT, size=14)
        for item in group.items:
            _paragraph(doc, f"{item.task_code} {item.title}（{ROLE_LABEL[item.role]}）：{'；'.join(item.reasons)}。",
                       indent=True, size=14)

    _heading(doc, 4, "进展亮点")
    progress = content.progress
    completed = "；".join(f"{p.task_code} {p.title}" for p in progress.completed_tasks)
    _paragraph(doc, f"本期完成任务{len(progress.completed_tasks)}项" + (f"：{completed}。" if completed else "。"),
               indent=True)
    listed = progress.milestones_done[:MILESTONES_LISTED]
    more = len(progress.milestones_done) - len(listed)
    milestones = "；".join(f"{m.task_code} {m.milestone}（{chinese_date(m.done_date)}）" for m in listed)
    _paragraph(doc, f"本期完成节点{len(progress.milestones_done)}个" + (f"：{milestones}" if milestones else "")
               + (f"等，另有{more}个见附表" if more else "") + "。", indent=True)
    if progress.top_gains:
        gains = "；".join(f"{p.task_code} {p.title}（{p.progress_before}%→{p.progress_after}%）"
                          for p in progress.top_gains)
        _paragraph(doc, f"进度提升较快的任务：{gains}。", indent=True)

    _paragraph(doc)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(doc, content.issuing_unit, align=right)
    _paragraph(doc, chinese_date(bulletin.issued_on) if bulletin.issued_on else "（发布时填写日期）", align=right)

    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
