from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tasks_api.ledger.schemas import UnitRef
from tasks_api.league.schemas import LeagueTable

Kind = Literal["monthly", "quarterly", "annual"]


class BulletinCreate(BaseModel):
    kind: Kind = Field(description="monthly 月度（期间 2026-10）、quarterly 季度（2026-Q3）、annual 年度（2026）")
    period: str = Field(min_length=4, max_length=10, description="统计期间")
    as_of: date | None = Field(default=None, description="数据截至日期，默认期末与今天中较早者")
    title: str | None = Field(default=None, min_length=2, max_length=200, description="标题，留空按期间生成")


class BulletinRegenerate(BaseModel):
    as_of: date | None = Field(default=None, description="数据截至日期，默认沿用原日期")
    title: str | None = Field(default=None, min_length=2, max_length=200)


class BulletinPublish(BaseModel):
    issued_on: date | None = Field(default=None, description="发文日期，默认上海时间今天；不得早于数据截至日期")


class SummaryFigures(BaseModel):
    tasks: int
    completed: int
    in_progress: int
    not_started: int
    ongoing: int
    red: int
    yellow: int
    milestones_due: int = Field(description="统计期内到期节点")
    milestones_on_time: int = Field(description="其中按期完成")
    on_time_rate: float | None
    milestones_done: int = Field(description="统计期内完成的节点（含提前、逾期完成）")
    reports_expected: int
    reports_on_time: int
    report_rate: float | None
    open_rectifications: int
    units_listed: int
    units_ranked: int


class OverdueItem(BaseModel):
    task_code: str
    title: str
    role: Literal["lead", "responsible"]
    reasons: list[str]


class UnitOverdue(BaseModel):
    unit: UnitRef
    items: list[OverdueItem]


class ProgressTask(BaseModel):
    task_code: str
    title: str
    lead_unit: str | None
    progress_before: int = Field(description="期初进度 %")
    progress_after: int = Field(description="期末进度 %")
    gain: int


class DoneMilestone(BaseModel):
    task_code: str
    task_title: str
    milestone: str
    due_date: date
    done_date: date
    on_time: bool
    lead_unit: str | None


class NotableProgress(BaseModel):
    completed_tasks: list[ProgressTask]
    milestones_done: list[DoneMilestone]
    top_gains: list[ProgressTask] = Field(description="进度提升最多的任务（至多 5 项）")


class BulletinContent(BaseModel):
    """The frozen snapshot: everything the bulletin shows and downloads."""

    issuing_unit: str
    generated_at: datetime
    league: LeagueTable
    summary: SummaryFigures
    overdue: list[UnitOverdue] = Field(description="逾期（红牌）事项，按单位（牵头、配合）分组")
    progress: NotableProgress


class BulletinSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    year: int
    kind: Kind
    period: str
    period_start: date
    period_end: date
    as_of: date
    title: str
    status: Literal["draft", "published"]
    number: str | None = Field(description="文号，发布时编号")
    issued_on: date | None
    created_by: str
    created_at: datetime
    published_at: datetime | None


class BulletinRead(BulletinSummary):
    content: BulletinContent
    delivered: int = Field(description="已送达收件箱的单位数")
    read: int = Field(description="已读的单位数")
