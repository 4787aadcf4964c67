from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from tasks_api.ledger.schemas import UnitRef


class Attachment(BaseModel):
    index: int
    filename: str
    content_type: str
    size: int


class ReportCreate(BaseModel):
    content: str = Field(min_length=2, max_length=8000, description="本期进展")
    progress: int = Field(ge=0, le=100, description="完成进度 %")
    period_start: date | None = Field(default=None, description="所报期间的任意一天；默认当前报送期")


class ReportReview(BaseModel):
    decision: Literal["approve", "return"]
    comment: str | None = Field(default=None, max_length=2000)


class ReportRead(BaseModel):
    id: uuid.UUID
    task_code: str
    unit: UnitRef | None
    period_start: date
    period_end: date
    content: str
    progress: int
    attachments: list[Attachment]
    status: Literal["submitted", "approved", "returned"]
    submitted_by: str
    submitted_at: datetime
    late: bool = Field(description="晚于报送期结束后第 3 个工作日")
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_comment: str | None


class UnitReporting(BaseModel):
    unit: UnitRef
    expected: int = Field(description="上一报送期应报（任务 × 单位）数")
    on_time: int
    late: int
    missing: int
    missing_tasks: list[str] = Field(description="缺报任务编号")


class ReportingStatus(BaseModel):
    period_start: date
    period_end: date
    due: date
    units: list[UnitReporting]
