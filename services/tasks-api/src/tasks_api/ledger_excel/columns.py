"""The ledger row as parsing produces it and writing consumes it, and the
column vocabulary of the reform office's Excel files.

The writer's header texts are among the parser's synonyms, so an exported
file always imports back."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

ENVIRONMENT_LABELS = {
    "gov_service": "政务环境",
    "rule_of_law": "法治环境",
    "market": "市场环境",
    "economic_ecology": "经济生态环境",
    "humanistic": "人文环境",
    "entrepreneurship": "共富创业环境",
}
CATEGORY_LABELS = {
    "key": "重点事项",
    "strength": "长板优势",
    "weakness": "短板弱项",
    "signature": "特色事项",
}
BENCHMARK_CLASSES = ("A", "B", "C")
CONTINUOUS_LABEL = "长期坚持"
QUARTER_NAMES = ("一季度", "二季度", "三季度", "四季度")


def _with_short_forms(labels: dict[str, str], suffix: str) -> dict[str, str]:
    """Label → code, accepting the label with or without its suffix (政务环境 / 政务)."""
    lookup: dict[str, str] = {}
    for code, label in labels.items():
        lookup[label] = code
        lookup[label.removesuffix(suffix)] = code
    return lookup


ENVIRONMENT_BY_LABEL = _with_short_forms(ENVIRONMENT_LABELS, "环境")
CATEGORY_BY_LABEL = _with_short_forms(CATEGORY_LABELS, "事项") | {"长板": "strength", "短板": "weakness"}


@dataclass(kw_only=True)
class Milestone:
    quarter: int
    title: str
    due_date: date


@dataclass(kw_only=True)
class TaskRow:
    title: str
    environment: str
    category: str
    lead_unit: str
    code: str | None = None
    seq: int | None = None
    measures: str | None = None
    goal: str | None = None
    special_group: str | None = None
    benchmark_class: str | None = None
    benchmark_city: str | None = None
    responsible_units: list[str] = field(default_factory=list)
    leading_official: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    deadline: date | None = None
    continuous: bool = False
    milestones: list[Milestone] = field(default_factory=list)
    indicator_codes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class ExportRow(TaskRow):
    """A task as exported: unit fields hold display names; the last four are export-only columns."""

    status_label: str
    warning_label: str | None = None
    progress: int = 0
    latest_progress: str | None = None


@dataclass(frozen=True)
class Column:
    header: str  # as the writer writes it
    field: str  # TaskRow field, "q1".."q4" for quarter columns, or an export-only key
    width: int
    synonyms: tuple[str, ...] = ()


TEMPLATE_COLUMNS: tuple[Column, ...] = (
    Column("序号", "seq", 6),
    Column("任务编号", "code", 13, ("编号",)),
    Column("环境领域", "environment", 11, ("所属环境", "领域", "环境")),
    Column("专项小组", "special_group", 14, ("责任专班",)),
    Column("任务类别", "category", 10, ("事项类别", "类别")),
    Column("改革任务", "title", 30, ("任务名称", "任务内容", "工作任务")),
    Column("具体举措", "measures", 44, ("主要举措", "工作举措", "改革举措")),
    Column("工作目标", "goal", 30, ("目标任务", "预期成效")),
    Column("对标类别", "benchmark_class", 8, ("对标分类",)),
    Column("对标城市", "benchmark_city", 8),
    Column("牵头单位", "lead_unit", 14, ("牵头部门", "牵头责任单位")),
    Column("责任单位", "responsible_units", 22, ("配合单位", "协同单位", "参与单位", "协办单位")),
    Column("领衔领导", "leading_official", 12, ("分管领导", "责任领导")),
    Column("联系人", "contact_name", 8),
    Column("联系电话", "contact_phone", 13, ("联系方式",)),
    Column("完成时限", "deadline", 12, ("完成时间", "时间节点", "完成期限")),
    *(
        Column(name, f"q{n}", 22, (f"第{name}", f"Q{n}", f"{n}季度", f"{name}节点"))
        for n, name in enumerate(QUARTER_NAMES, start=1)
    ),
    Column("关联指标", "indicator_codes", 12, ("对应指标",)),
    Column("标签", "tags", 12),
)
EXPORT_ONLY_COLUMNS: tuple[Column, ...] = (
    Column("状态", "status_label", 8),
    Column("预警", "warning_label", 8),
    Column("进度(%)", "progress", 8, ("进度",)),
    Column("最新进展", "latest_progress", 40),
)
EXPORT_ONLY_FIELDS = frozenset(c.field for c in EXPORT_ONLY_COLUMNS)
# Columns a row cannot be imported without; environment and category may
# instead come from section rows such as "一、政务环境".
REQUIRED_COLUMNS = ("title", "lead_unit")
HEADER_BY_FIELD = {c.field: c.header for c in TEMPLATE_COLUMNS + EXPORT_ONLY_COLUMNS}
LIST_FIELDS = frozenset({"responsible_units", "indicator_codes", "tags"})


def normalize_label(text: str) -> str:
    """Full-width → half-width, no whitespace, upper case: how labels and headers are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()


_FIELD_BY_HEADER = {
    normalize_label(name): c.field for c in TEMPLATE_COLUMNS + EXPORT_ONLY_COLUMNS for name in (c.header, *c.synonyms)
}
# Trailing notes office files put on headers: 牵头单位（牵头）, *改革任务, 完成时限(必填).
_HEADER_SUFFIX = re.compile(r"\([^()]*\)$")


def field_for_header(text: str) -> str | None:
    key = normalize_label(text).lstrip("*")
    while key:
        if key in _FIELD_BY_HEADER:
            return _FIELD_BY_HEADER[key]
        stripped = _HEADER_SUFFIX.sub("", key)
        if stripped == key:
            return None
        key = stripped
    return None
