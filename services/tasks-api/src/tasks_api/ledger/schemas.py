from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator
from reform_common.schemas import PatchModel

Environment = Literal["gov_service", "rule_of_law", "market", "economic_ecology", "humanistic", "entrepreneurship"]
Category = Literal["key", "strength", "weakness", "signature"]
BenchmarkClass = Literal["A", "B", "C"]
Warning = Literal["none", "yellow", "red"]
Status = Literal["not_started", "in_progress", "completed", "ongoing"]
LifecycleStage = Literal["demand_analysis", "project_generation", "progress_tracking", "evaluation",
                         "consolidation", "replication"]
Source = Literal["plan", "feedback_cluster", "inspection", "pilot"]

CODE_PATTERN = r"^\d{4}-[A-Z]{2,4}-\d{3,4}$"
_PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")


class UnitRef(BaseModel):
    id: uuid.UUID
    name: str
    short_name: str


class MilestoneRead(BaseModel):
    id: uuid.UUID
    seq: int
    title: str
    quarter: int | None
    due_date: date
    done_date: date | None
    evidence: str | None
    state: Literal["done", "overdue", "due_soon", "open"]


class MilestoneIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    due_date: date
    quarter: int | None = Field(default=None, ge=1, le=4)


class MilestoneUpdate(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=300)
    due_date: date | None = None


class MilestoneComplete(BaseModel):
    done_date: date
    evidence: str = Field(min_length=1, max_length=4000, description="完成佐证：文件名、链接或说明")


class ReportBrief(BaseModel):
    id: uuid.UUID
    unit: UnitRef | None
    period_start: date
    period_end: date
    progress: int
    content: str
    status: str
    submitted_at: datetime


class TaskRead(BaseModel):
    id: uuid.UUID
    code: str
    year: int
    seq: int
    title: str
    measures: str | None
    goal: str | None
    environment: Environment
    special_group: str | None
    category: Category
    benchmark_class: BenchmarkClass | None
    benchmark_city: str | None
    lead_unit: UnitRef | None
    responsible_units: list[UnitRef]
    leading_official: str | None
    contact_name: str | None
    contact_phone: str | None
    deadline: date | None = Field(description="完成时限；持续推进的任务为 null")
    continuous: bool
    lifecycle_stage: LifecycleStage
    status: Status
    progress: int
    expected_progress: int | None
    warning: Warning
    warning_reasons: list[str]
    indicator_codes: list[str]
    source: Source
    source_ref: str | None = Field(description="来源编号：举一反三类案的编号（如 LA-2026-0001）")
    linked_cases: list[str] = Field(description="关联的企业诉求编号（举一反三）")
    tags: list[str]
    milestones: list[MilestoneRead]
    latest_report: ReportBrief | None
    updated_at: datetime


class TaskList(BaseModel):
    items: list[TaskRead]
    total: int
    page: int
    page_size: int
    as_of: date
    counts: dict[Warning, int] = Field(description="筛选结果中红、黄、无预警的数量（不受 warning 筛选影响）")
    calendar_notices: list[str]


def _clean_list(values: list[str]) -> list[str]:
    seen: list[str] = []
    for v in values:
        v = v.strip()
        if v and v not in seen:
            seen.append(v)
    return seen


class TaskFields(PatchModel):
    """Fields a person edits; shared by create, update and adjustments."""

    not_null = frozenset({"title", "environment", "category", "lead_unit_id", "responsible_unit_ids", "continuous",
                          "lifecycle_stage", "indicator_codes", "tags"})

    title: str | None = Field(default=None, min_length=1, max_length=300)
    measures: str | None = Field(default=None, max_length=8000)
    goal: str | None = Field(default=None, max_length=4000)
    environment: Environment | None = None
    special_group: str | None = Field(default=None, max_length=100)
    category: Category | None = None
    benchmark_class: BenchmarkClass | None = None
    benchmark_city: str | None = Field(default=None, max_length=50)
    lead_unit_id: uuid.UUID | None = None
    responsible_unit_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)
    leading_official: str | None = Field(default=None, max_length=100)
    contact_name: str | None = Field(default=None, max_length=50)
    contact_phone: str | None = Field(default=None, max_length=30)
    deadline: date | None = None
    continuous: bool | None = None
    indicator_codes: list[str] | None = Field(default=None, max_length=50)
    tags: list[str] | None = Field(default=None, max_length=30)

    @field_validator("contact_phone")
    @classmethod
    def _phone(cls, v: str | None) -> str | None:
        if v and not _PHONE.match(v.replace(" ", "")):
            raise ValueError("联系电话格式不正确：应为 11 位手机号或带区号的固定电话")
        return v.replace(" ", "") if v else v

    @field_validator("indicator_codes", "tags")
    @classmethod
    def _lists(cls, v: list[str] | None) -> list[str] | None:
        return _clean_list(v) if v is not None else None


class TaskCreate(TaskFields):
    year: int = Field(ge=2000, le=2100)
    code: str | None = Field(default=None, pattern=CODE_PATTERN, description="留空则按环境自动编号")
    title: str = Field(min_length=1, max_length=300)
    environment: Environment
    category: Category
    lead_unit_id: uuid.UUID
    source: Source = "plan"
    # Later stages are reached only through the lifecycle's guarded moves (/tasks/{code}/lifecycle).
    lifecycle_stage: Literal["demand_analysis", "project_generation", "progress_tracking"] | None = Field(
        default=None, description="起始生命周期阶段，默认进度跟踪")
    milestones: list[MilestoneIn] = Field(default_factory=list, max_length=24)
    quarterly_template: bool = Field(default=False, description="不提供节点时，按季度生成四个节点")

    @model_validator(mode="after")
    def _deadline_or_continuous(self) -> TaskCreate:
        if self.continuous and self.deadline is not None:
            raise ValueError("持续推进的任务不设完成时限")
        if not self.continuous and self.deadline is None:
            raise ValueError("请填写完成时限，或标记为长期坚持/持续推进")
        return self


class TaskUpdate(TaskFields):
    pass


# Changing these on a published plan goes through a recorded adjustment.
ADJUSTED_FIELDS = frozenset({"title", "measures", "goal", "lead_unit_id", "responsible_unit_ids", "deadline",
                             "continuous"})


class FromClusterCreate(BaseModel):
    """A reform task from a feedback cluster (举一反三), sent by feedback-api (or
    entered by the reform office). The cluster code makes it idempotent."""

    cluster_code: str = Field(pattern=r"^LA-\d{4}-\d{4,8}$", description="类案编号，如 LA-2026-0001")
    year: int = Field(ge=2000, le=2100, description="列入哪一年度计划")
    title: str = Field(min_length=1, max_length=300)
    measures: str | None = Field(default=None, max_length=8000)
    goal: str | None = Field(default=None, max_length=4000)
    environment: Environment
    category: Category = "weakness"
    benchmark_class: BenchmarkClass | None = None
    lead_unit_id: uuid.UUID
    responsible_unit_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)
    deadline: date
    linked_cases: list[str] = Field(min_length=1, max_length=500, description="类案中的诉求编号")
    tags: list[str] = Field(default_factory=list, max_length=30)

    @field_validator("linked_cases")
    @classmethod
    def _cases(cls, v: list[str]) -> list[str]:
        cleaned = _clean_list(v)
        bad = [c for c in cleaned if not re.match(r"^FK\d{8}-\d{6,}$", c)]
        if bad:
            raise ValueError(f"诉求编号格式不正确：{'、'.join(bad[:5])}")
        return cleaned

    @field_validator("tags")
    @classmethod
    def _tags(cls, v: list[str]) -> list[str]:
        return _clean_list(v)
