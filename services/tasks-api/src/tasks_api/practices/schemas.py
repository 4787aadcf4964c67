from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from tasks_api.ledger.schemas import Environment, UnitRef


class BestPracticeCreate(BaseModel):
    task_code: str = Field(min_length=1, max_length=32, description="由哪项任务固化（任务须处于成果固化或复制推广阶段）")
    title: str = Field(min_length=2, max_length=300, description="案例名称")
    summary: str = Field(min_length=2, max_length=8000, description="经验做法摘要")
    evidence: str = Field(min_length=2, max_length=8000, description="成效与佐证说明；任务已审核报送的附件自动列为佐证材料")
    unit_id: uuid.UUID | None = Field(default=None, description="案例所属单位，须为任务的牵头或责任单位；默认牵头单位")


class EvidenceFile(BaseModel):
    index: int
    report_id: uuid.UUID = Field(description="附件所在的进展报送")
    filename: str
    content_type: str
    size: int


class ReplicationCreate(BaseModel):
    unit_id: uuid.UUID | None = Field(default=None, description="采用单位；默认当前用户所在单位")
    adopted_on: date = Field(description="采用日期")
    note: str | None = Field(default=None, max_length=2000, description="复制推广情况说明")


class ReplicationRead(BaseModel):
    id: uuid.UUID
    unit: UnitRef | None
    adopted_on: date
    note: str | None
    recorded_by: str
    recorded_at: datetime


class BestPracticeBrief(BaseModel):
    id: uuid.UUID
    code: str
    task_code: str
    title: str
    unit: UnitRef | None
    environment: Environment
    published_at: datetime
    adoption_count: int = Field(description="已复制推广的单位数")


class BestPracticeRead(BestPracticeBrief):
    summary: str
    evidence: str
    attachments: list[EvidenceFile]
    created_by: str
    adopted_units: list[UnitRef] = Field(description="已采用的单位，按采用日期")
    replications: list[ReplicationRead]
