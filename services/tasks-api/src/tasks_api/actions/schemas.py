from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator
from reform_common.schemas import PatchModel

from tasks_api.ledger.schemas import Environment, Status, UnitRef, Warning

Kind = Literal["city", "extra"]
NodeState = Literal["done", "done_late", "overdue", "due_soon", "open"]

ACTION_CODE_PATTERN = r"^ZX-\d{4}-\d{2,3}$"
TASK_CODE_MAX = 32

ROLLUP_RULE = (
    "进度汇总规则：任务部分=关联任务进度的平均值；节点部分=已完成节点数/节点数×100；"
    "总进度=现有部分的平均值（四舍五入），两者皆无时为 0。"
    "预警：有节点逾期或关联任务红牌→红；有节点在预警工作日内到期或关联任务黄牌→黄；否则无。"
)


class NodeIn(BaseModel):
    title: str = Field(min_length=1, max_length=300, description="节点名称")
    due_date: date = Field(description="计划完成日期")


class NodeUpdate(PatchModel):
    not_null = frozenset({"title", "due_date"})

    title: str | None = Field(default=None, min_length=1, max_length=300, description="节点名称")
    due_date: date | None = Field(default=None, description="计划完成日期")


class NodeComplete(BaseModel):
    done_date: date = Field(description="实际完成日期，不能晚于 as_of")
    evidence: str = Field(min_length=1, max_length=4000, description="完成佐证：文件名、链接或说明")


def _task_codes(v: list[str]) -> list[str]:
    codes = list(dict.fromkeys(c.strip() for c in v if c.strip()))
    if any(len(c) > TASK_CODE_MAX for c in codes):
        raise ValueError("任务编号过长")
    return codes


class TaskLinks(BaseModel):
    task_codes: list[str] = Field(min_length=1, max_length=100, description="要关联的任务编号，如 2026-ZW-001")

    @field_validator("task_codes")
    @classmethod
    def _codes(cls, v: list[str]) -> list[str]:
        codes = _task_codes(v)
        if not codes:
            raise ValueError("请至少填写一个任务编号")
        return codes


def _measures(v: list[str] | None) -> list[str] | None:
    if v is None:
        return None
    cleaned = [m.strip() for m in v if m.strip()]
    if any(len(m) > 2000 for m in cleaned):
        raise ValueError("每条举措不超过 2000 字")
    return cleaned


class SpecialActionFields(PatchModel):
    """Fields the office or the special group edits."""

    not_null = frozenset({"name", "kind", "leading_official", "lead_unit_id", "team_unit_ids", "measures"})

    name: str | None = Field(default=None, min_length=1, max_length=200, description="行动名称")
    kind: Kind | None = Field(default=None, description="city：12 项全市专项行动之一；extra：其后增加的 N 项")
    goal: str | None = Field(default=None, max_length=4000, description="行动目标")
    leading_official: str | None = Field(default=None, min_length=1, max_length=100, description="领衔领导")
    lead_unit_id: uuid.UUID | None = Field(default=None, description="牵头单位")
    team_unit_ids: list[uuid.UUID] | None = Field(default=None, max_length=50,
                                                  description="团队成员单位，按列出顺序；与牵头单位重复的忽略")
    environment: Environment | None = Field(default=None, description="所属环境（可空）")
    measures: list[str] | None = Field(default=None, max_length=50, description="主要举措，按顺序，整体替换")

    @field_validator("measures")
    @classmethod
    def _clean_measures(cls, v: list[str] | None) -> list[str] | None:
        return _measures(v)


class SpecialActionCreate(SpecialActionFields):
    year: int = Field(ge=2000, le=2100, description="年度")
    code: str | None = Field(default=None, pattern=ACTION_CODE_PATTERN,
                             description="行动编号，如 ZX-2026-01；留空则按年度顺序编号")
    name: str = Field(min_length=1, max_length=200, description="行动名称")
    kind: Kind = Field(description="city：12 项全市专项行动之一；extra：其后增加的 N 项")
    leading_official: str = Field(min_length=1, max_length=100, description="领衔领导（一名）")
    lead_unit_id: uuid.UUID = Field(description="牵头单位")
    nodes: list[NodeIn] = Field(default_factory=list, max_length=50, description="时间节点")
    task_codes: list[str] = Field(default_factory=list, max_length=100, description="关联的任务编号")

    @field_validator("task_codes")
    @classmethod
    def _codes(cls, v: list[str]) -> list[str]:
        return _task_codes(v)

    @model_validator(mode="after")
    def _code_year(self) -> SpecialActionCreate:
        if self.code and int(self.code.split("-")[1]) != self.year:
            raise ValueError("行动编号中的年份与年度不一致")
        return self


class SpecialActionUpdate(SpecialActionFields):
    pass


class ActionNodeRead(BaseModel):
    id: uuid.UUID
    seq: int
    title: str
    due_date: date
    done_date: date | None
    evidence: str | None
    state: NodeState


class LinkedTask(BaseModel):
    code: str
    title: str
    environment: Environment
    lead_unit: UnitRef | None
    deadline: date | None
    continuous: bool
    status: Status
    progress: int
    warning: Warning
    warning_reasons: list[str]


class ActionCounts(BaseModel):
    team_units: int = Field(description="团队成员单位数（不含牵头单位）")
    measures: int
    nodes: int
    nodes_done: int
    nodes_overdue: int
    tasks: int
    tasks_completed: int
    tasks_red: int
    tasks_yellow: int


class SpecialActionSummary(BaseModel):
    id: uuid.UUID
    code: str
    year: int
    kind: Kind
    name: str
    leading_official: str
    lead_unit: UnitRef | None
    environment: Environment | None
    progress: int = Field(description=ROLLUP_RULE)
    task_progress: int | None = Field(description="关联任务平均进度；无关联任务时为 null")
    node_progress: int | None = Field(description="节点完成率；无节点时为 null")
    warning: Warning = Field(description=ROLLUP_RULE)
    warning_reasons: list[str]
    counts: ActionCounts


class SpecialActionPage(SpecialActionSummary):
    """Everything one action's page shows."""

    goal: str | None
    team: list[UnitRef]
    measures: list[str]
    nodes: list[ActionNodeRead]
    tasks: list[LinkedTask] = Field(description="全部关联任务（行动团队共享同一页面，不按台账范围裁剪）")
    as_of: date
    calendar_notices: list[str]
    created_at: datetime
    updated_at: datetime


class SpecialActionList(BaseModel):
    items: list[SpecialActionSummary]
    total: int
    page: int
    page_size: int
    as_of: date
    counts: dict[str, int] = Field(description="筛选结果中 city（12 项）、extra（N 项）及红、黄、无预警的数量")
