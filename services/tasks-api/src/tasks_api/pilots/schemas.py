from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from tasks_api.ledger.schemas import Category, Environment, LifecycleStage, Status, UnitRef

PilotStatus = Literal["running", "rolled_out", "stopped"]
Decision = Literal["roll_out", "adjust", "stop"]


class PilotCreate(BaseModel):
    title: str = Field(min_length=2, max_length=300, description="试点名称")
    description: str = Field(min_length=2, max_length=8000, description="试点内容：探索什么、怎么做")
    goal: str | None = Field(default=None, max_length=4000, description="攻坚目标")
    unit_id: uuid.UUID = Field(description="试点单位（区县或市直部门）")
    environment: Environment
    start_date: date = Field(description="试点开始日期")
    end_date: date = Field(description="试点结束日期")

    @model_validator(mode="after")
    def _period(self) -> PilotCreate:
        if self.end_date < self.start_date:
            raise ValueError("试点结束日期不能早于开始日期")
        return self


class FeedbackCreate(BaseModel):
    content: str = Field(min_length=2, max_length=8000, description="情况反馈")
    progress_note: str | None = Field(default=None, max_length=2000, description="进展说明（可选）")
    reported_on: date | None = Field(default=None, description="反馈日期，默认今天")


_ADJUST_FIELDS = ("description", "goal", "end_date")
_ROLL_OUT_FIELDS = ("district_unit_ids", "deadline", "category")


class DecisionCreate(BaseModel):
    decision: Decision = Field(description="roll_out 全面推开 / adjust 调整完善 / stop 终止")
    comment: str = Field(min_length=2, max_length=4000, description="决定说明；调整时写明调整了什么")
    description: str | None = Field(default=None, min_length=2, max_length=8000, description="调整后的试点内容（仅调整）")
    goal: str | None = Field(default=None, max_length=4000, description="调整后的攻坚目标（仅调整）")
    end_date: date | None = Field(default=None, description="调整后的结束日期（仅调整）")
    district_unit_ids: list[uuid.UUID] | None = Field(default=None, min_length=1, max_length=50,
                                                      description="推开到哪些区县，每个区县生成一项任务（仅全面推开）")
    deadline: date | None = Field(default=None, description="推开任务的完成时限，任务进入该年度计划（仅全面推开）")
    category: Category | None = Field(default=None, description="推开任务的类别，默认特色事项（仅全面推开）")

    @model_validator(mode="after")
    def _fields_fit_the_decision(self) -> DecisionCreate:
        given = {f for f in (*_ADJUST_FIELDS, *_ROLL_OUT_FIELDS) if getattr(self, f) is not None}
        allowed = {"adjust": set(_ADJUST_FIELDS), "roll_out": set(_ROLL_OUT_FIELDS), "stop": set()}[self.decision]
        stray = sorted(given - allowed)
        if stray:
            raise ValueError(f"该决定不使用以下字段：{'、'.join(stray)}")
        if self.decision == "roll_out" and (not self.district_unit_ids or self.deadline is None):
            raise ValueError("全面推开须选择推开的区县并填写完成时限")
        return self


class FeedbackRead(BaseModel):
    id: uuid.UUID
    unit: UnitRef | None
    author: str
    reported_on: date
    content: str
    progress_note: str | None
    created_at: datetime


class DecisionRead(BaseModel):
    id: uuid.UUID
    decision: Decision
    comment: str
    changes: dict[str, Any] = Field(description="调整：字段 → 调整前后；全面推开：区县、完成时限、生成的任务")
    decided_by: str
    decided_at: datetime


class PilotTaskRef(BaseModel):
    code: str
    title: str
    lead_unit: UnitRef | None
    deadline: date | None
    status: Status
    progress: int
    lifecycle_stage: LifecycleStage


class PilotBrief(BaseModel):
    id: uuid.UUID
    code: str
    title: str
    unit: UnitRef | None
    environment: Environment
    start_date: date
    end_date: date
    status: PilotStatus
    feedback_count: int


class PilotRead(PilotBrief):
    description: str
    goal: str | None
    created_by: str
    created_at: datetime
    concluded_at: datetime | None
    feedback: list[FeedbackRead] = Field(description="情况反馈，按日期")
    decisions: list[DecisionRead] = Field(description="决定（调整完善、全面推开、终止），按时间")
    tasks: list[PilotTaskRef] = Field(description="全面推开生成的任务（当前用户可见的）")
