"""Any table the pages show, as a workbook: the leaderboard and the framework overview."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from reform_common.exports import set_cell

from indicators_api.results.schemas import FrameworkOverview, Leaderboard

TIER_LABEL = {"stretch_met": "冲刺达成", "target_met": "目标达成", "floor_held": "守住底线", "below_floor": "未守住底线"}
CLASS_LABEL = {"strength": "长板", "weakness": "短板", "neutral": "一般"}
TREND_LABEL = {"up": "上升", "down": "下降", "flat": "持平"}


def _workbook(title: str, note: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    # Names and units come from people: every cell, the title and headers too, is written as text.
    for r, row in enumerate([[title], [note], headers, *rows], start=1):
        for c, value in enumerate(row, start=1):
            set_cell(ws.cell(r, c), value)
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A4"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _note(synthetic: bool) -> str:
    return "示例数据：合成演示数据，并非官方公布结果" if synthetic else "营商环境改革推进平台导出"


def leaderboard_xlsx(board: Leaderboard) -> bytes:
    rows = [(i.rank, i.region_name, i.region, i.value, i.percentile, i.score,
             "本市" if i.served else ("对标城市" if i.benchmark else "")) for i in board.items]
    return _workbook(f"{board.indicator} {board.indicator_name}（{board.period}）排行", _note(board.synthetic),
                     ["名次", "城市", "地区代码", f"数值（{board.unit}）", "百分位", "得分", "备注"], rows)


def overview_xlsx(overview: FrameworkOverview) -> bytes:
    rows = [(r.code, r.name, r.value, r.unit, r.rank, r.of, TIER_LABEL.get(r.tier or "", ""), r.gap_to_benchmark,
             CLASS_LABEL.get(r.classification or "", ""), TREND_LABEL.get(r.trend or "", ""), "是" if r.advantage else "")
            for r in overview.indicators]
    return _workbook(f"{overview.name}（{overview.period}）本市指标一览", _note(overview.synthetic),
                     ["指标代码", "指标", "数值", "单位", "名次", "参评城市数", "名次目标", "与对标城市差距",
                      "长短板", "趋势", "优势指标"], rows)
