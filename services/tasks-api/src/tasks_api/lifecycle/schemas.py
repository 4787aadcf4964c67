from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from tasks_api.ledger.schemas import LifecycleStage, UnitRef


class StageRef(BaseModel):
    stage: LifecycleStage
    name: str = Field(description="阶段中文名")


class StageChangeRead(BaseModel):
    id: uuid.UUID
    from_stage: LifecycleStage
    to_stage: LifecycleStage
    actor: str = Field(description="操作人用户名")
    actor_unit: UnitRef | None
    comment: str | None
    changed_at: datetime


class MoveOption(BaseModel):
    to_stage: LifecycleStage
    name: str = Field(description="目标阶段中文名")
    direction: Literal["forward", "backward"]
    who: str = Field(description="谁可以执行")
    comment_required: bool = Field(description="退回须填写说明")
    allowed: bool = Field(description="当前用户此刻能否执行")
    reasons: list[str] = Field(description="不能执行的原因（可执行时为空）")


class LifecycleRead(BaseModel):
    task_code: str
    stage: LifecycleStage
    stage_name: str
    stages: list[StageRef] = Field(description="全部阶段，按顺序")
    moves: list[MoveOption] = Field(description="从当前阶段出发的每一种变更，及当前用户能否执行")
    history: list[StageChangeRead] = Field(description="阶段变更记录，按时间先后")


class LifecycleMove(BaseModel):
    to_stage: LifecycleStage
    comment: str | None = Field(default=None, max_length=2000, description="说明；退回时必填")
