from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from feedback_api.cases.schemas import CategoryRef, DistrictRef, Status, Time, UnitRef

ClusterStatus = Literal["suggested", "confirmed", "dismissed", "merged"]
Origin = Literal["system", "staff"]
Environment = Literal["gov_service", "rule_of_law", "market", "economic_ecology", "humanistic", "entrepreneurship"]
TaskCategory = Literal["key", "strength", "weakness", "signature"]

STATUS_LABELS = {"suggested": "系统建议", "confirmed": "已确认", "dismissed": "已驳回", "merged": "已合并"}
PERIOD_PATTERN = r"^(19|20)\d{2}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"  # as metrics.periods.PERIOD: a year that is a date
CASE_NO = Field(min_length=10, max_length=24, description="诉求编号，如 FK20261121-000123")


class SuggestIn(BaseModel):
    """Either ``period`` (2026, 2026-Q4, 2026-10) or ``date_from`` + ``date_to`` (Shanghai days, inclusive)."""

    period: str | None = Field(default=None, pattern=PERIOD_PATTERN, description="2026、2026-Q4 或 2026-10")
    date_from: date | None = None
    date_to: date | None = None
    category: str | None = Field(default=None, max_length=40, description="只在此分类（含下级）内建议；默认全部分类")
    threshold: float | None = Field(default=None, ge=0.05, le=0.95, description="相似度阈值，默认取服务配置")

    @model_validator(mode="after")
    def _one_period(self) -> SuggestIn:
        if self.period is None and (self.date_from is None or self.date_to is None):
            raise ValueError("请填写期间 period（如 2026-Q4），或同时填写起止日期 date_from、date_to")
        if self.period is not None and (self.date_from is not None or self.date_to is not None):
            raise ValueError("期间 period 与起止日期只能二选一")
        if self.date_from is not None and self.date_to is not None:
            if self.date_to < self.date_from:
                raise ValueError("截止日期不能早于开始日期")
            if (self.date_to - self.date_from).days > 366:
                raise ValueError("起止日期最长一年")
        return self


class PeriodRef(BaseModel):
    label: str = Field(description="如 2026-Q4，或 2026-10-01~2026-10-31")
    start: date
    end: date = Field(description="含当日（上海时间）")


class ClusterCaseRead(BaseModel):
    case_no: str
    title: str
    type: str
    status: Status
    status_label: str
    channel: str
    enterprise_name: str | None
    district: DistrictRef | None
    main_unit: UnitRef | None
    received_at: Time
    similarity: float | None = Field(description="与类案中其他诉求的平均相似度（0–1）")
    added_by: str


class CountRef(BaseModel):
    code: str
    name: str
    count: int


class UnitCount(BaseModel):
    unit: UnitRef
    count: int


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM（上海时间）")
    count: int


class TaskLink(BaseModel):
    code: str
    linked_at: Time | None
    linked_by: str | None
    available: bool = Field(description="是否读到了任务台账中的实时状态")
    error: Literal["task_status_unavailable"] | None = None
    title: str | None = None
    status: str | None = None
    progress: int | None = None
    warning: str | None = None
    warning_reasons: list[str] = Field(default_factory=list)
    deadline: date | None = None
    lead_unit: str | None = None


class Candidate(BaseModel):
    case_no: str
    title: str
    received_at: Time
    similarity: float


class ClusterListItem(BaseModel):
    code: str
    status: ClusterStatus
    status_label: str
    origin: Origin
    category: CategoryRef
    period: PeriodRef
    title: str
    keywords: list[str]
    case_count: int
    district_count: int
    unit_count: int
    cohesion: float | None
    task_code: str | None
    trend: list[MonthCount] = Field(description="各月受理的诉求数（覆盖类案期间）")
    created_at: Time
    updated_at: Time


class ClusterRead(ClusterListItem):
    threshold: float
    note: str | None
    merged_into: str | None
    cases: list[ClusterCaseRead]
    districts: list[CountRef]
    units: list[UnitCount]
    task: TaskLink | None
    candidates: list[Candidate] = Field(description="同分类、同期间、尚未归入类案、与本类案相似的诉求（仅供参考，不会自动加入）")
    created_by: str
    confirmed_by: str | None
    confirmed_at: Time | None
    dismissed_by: str | None
    dismissed_at: Time | None
    dismiss_reason: str | None
    allowed_actions: list[str]


class ClusterList(BaseModel):
    items: list[ClusterListItem]
    total: int
    page: int
    page_size: int


class SuggestResult(BaseModel):
    period: PeriodRef
    category: str | None
    threshold: float
    examined: int = Field(description="参与比对的诉求数（已在其他类案中的不计）")
    created: list[str] = Field(description="新建议的类案编号")
    kept: list[str] = Field(description="与上次建议相同、保持不变的类案编号")
    withdrawn: list[str] = Field(description="上次建议、本次不再成立而撤回的类案编号（仅限未经人工处理的建议）")
    skipped_dismissed: int = Field(description="与已驳回类案完全相同而不再建议的组数")


class ConfirmIn(BaseModel):
    title: str | None = Field(default=None, min_length=2, max_length=200, description="类案标题，默认沿用建议标题")
    note: str | None = Field(default=None, max_length=2000)


class UpdateIn(BaseModel):
    title: str | None = Field(default=None, min_length=2, max_length=200)
    note: str | None = Field(default=None, max_length=2000)


class DismissIn(BaseModel):
    reason: str = Field(min_length=2, max_length=2000)


class MergeIn(BaseModel):
    other: str = Field(min_length=4, max_length=20, description="并入本类案的另一类案编号")


class SplitIn(BaseModel):
    case_nos: list[str] = Field(min_length=1, max_length=500, description="移到新类案的诉求编号")
    title: str | None = Field(default=None, min_length=2, max_length=200)


class AddCasesIn(BaseModel):
    case_nos: list[str] = Field(min_length=1, max_length=100)


class TaskIn(BaseModel):
    """The reform task a confirmed cluster becomes (tasks-api, source = feedback_cluster)."""

    environment: Environment
    lead_unit_id: uuid.UUID = Field(description="牵头单位")
    responsible_unit_ids: list[uuid.UUID] | None = Field(
        default=None, max_length=50, description="责任单位；默认为类案诉求的承办单位")
    deadline: date = Field(description="完成时限")
    title: str | None = Field(default=None, min_length=2, max_length=300, description="默认：举一反三：类案标题")
    measures: str | None = Field(default=None, max_length=8000)
    goal: str | None = Field(default=None, max_length=4000)
    category: TaskCategory = Field(default="weakness", description="任务类别，默认短板弱项")
    year: int | None = Field(default=None, ge=2000, le=2100, description="列入哪一年度计划，默认完成时限所在年")


class CaseClusterLink(BaseModel):
    code: str
    status: ClusterStatus
    status_label: str
    title: str
    task_code: str | None
