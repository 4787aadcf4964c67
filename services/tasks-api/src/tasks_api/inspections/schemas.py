from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from tasks_api.ledger.schemas import UnitRef, Warning
from tasks_api.reports.schemas import Attachment

InspectionKind = Literal["on_site", "spot_check"]
Severity = Literal["general", "serious", "critical"]
RectificationStatus = Literal["open", "submitted", "verified"]


class RectificationIn(BaseModel):
    owner_unit_id: uuid.UUID | None = Field(
        default=None, description="整改责任单位；默认为被督察单位，未指定单位时为任务的牵头单位")
    deadline_days: int = Field(ge=1, le=250, description="整改时限：自督察之日起第 N 个工作日（法定工作日历）")


class FindingCreate(BaseModel):
    description: str = Field(min_length=2, max_length=4000, description="发现的问题")
    severity: Severity = Field(default="general", description="严重程度：一般 general / 较重 serious / 严重 critical")
    requires_rectification: bool = Field(default=False, description="是否需要整改")
    rectification: RectificationIn | None = Field(default=None, description="需要整改时必填")

    @model_validator(mode="after")
    def _rectification_matches_flag(self) -> FindingCreate:
        if self.requires_rectification and self.rectification is None:
            raise ValueError("需要整改的问题须填写整改时限（rectification.deadline_days）")
        if not self.requires_rectification and self.rectification is not None:
            raise ValueError("不需要整改的问题不能填写整改要求")
        return self


class InspectionCreate(BaseModel):
    kind: InspectionKind = Field(description="实地督察 on_site / 四不两直暗访抽查 spot_check")
    task_code: str | None = Field(default=None, max_length=32, description="督察的任务编号")
    unit_id: uuid.UUID | None = Field(default=None, description="督察的单位")
    inspected_on: date = Field(description="督察日期")
    method: str = Field(min_length=2, max_length=2000, description="督察方式：查阅资料、现场走访、暗访体验等")
    inspectors: list[str] = Field(min_length=1, max_length=20, description="督察人员姓名")
    summary: str | None = Field(default=None, max_length=8000, description="督察情况概述")
    findings: list[FindingCreate] = Field(default_factory=list, max_length=50, description="发现的问题")

    @field_validator("inspectors")
    @classmethod
    def _names(cls, names: list[str]) -> list[str]:
        cleaned = list(dict.fromkeys(n.strip() for n in names if n.strip()))
        if not cleaned:
            raise ValueError("请至少填写一名督察人员")
        if any(len(n) > 50 for n in cleaned):
            raise ValueError("督察人员姓名不能超过 50 个字")
        return cleaned

    @model_validator(mode="after")
    def _has_target(self) -> InspectionCreate:
        if self.task_code is None and self.unit_id is None:
            raise ValueError("请指定督察的任务（task_code）或单位（unit_id）")
        return self


class FindingsAdd(BaseModel):
    findings: list[FindingCreate] = Field(min_length=1, max_length=50)


class RectificationRead(BaseModel):
    id: uuid.UUID
    inspection_code: str
    inspection_kind: InspectionKind
    finding_id: uuid.UUID
    finding: str = Field(description="对应的问题")
    severity: Severity
    task_code: str | None
    owner_unit: UnitRef | None
    issued_on: date = Field(description="下达日期（督察日期）")
    deadline_days: int = Field(description="整改时限（工作日）")
    due_date: date = Field(description="整改到期日：下达后第 deadline_days 个工作日")
    due_at: datetime = Field(description="到期时刻：到期日 23:59:59（上海时间）")
    status: RectificationStatus
    evidence: str | None
    attachments: list[Attachment]
    submitted_on: date | None
    submitted_by: str | None
    verified_on: date | None
    verified_by: str | None
    verification_comment: str | None
    return_reason: str | None = Field(description="最近一次退回的原因")
    returned_count: int
    warning: Warning
    warning_reasons: list[str]


class FindingRead(BaseModel):
    id: uuid.UUID
    seq: int
    description: str
    severity: Severity
    requires_rectification: bool
    rectification: RectificationRead | None


class InspectionRead(BaseModel):
    id: uuid.UUID
    code: str
    kind: InspectionKind
    task_code: str | None
    task_title: str | None
    unit: UnitRef | None
    inspected_on: date
    method: str
    inspectors: list[str]
    summary: str | None
    created_by: str
    created_at: datetime
    findings: list[FindingRead]


class InspectionList(BaseModel):
    items: list[InspectionRead]
    total: int
    page: int
    page_size: int
    as_of: date


class RectificationList(BaseModel):
    items: list[RectificationRead]
    total: int
    page: int
    page_size: int
    as_of: date
    counts: dict[Warning, int] = Field(description="筛选结果中红、黄、无预警的数量（不受 warning 筛选影响）")
    calendar_notices: list[str]


class RectificationSubmit(BaseModel):
    evidence: str = Field(min_length=2, max_length=8000, description="整改情况及佐证说明")


class RectificationDecision(BaseModel):
    decision: Literal["verify", "return"] = Field(description="核验通过 verify / 退回重改 return")
    comment: str | None = Field(default=None, max_length=2000, description="核验意见；退回时必填")
