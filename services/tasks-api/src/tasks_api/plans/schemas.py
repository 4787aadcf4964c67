from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from reform_common.schemas import PatchModel


class PlanCreate(BaseModel):
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1, max_length=200)
    report_cycle: Literal["biweekly", "monthly"] = "monthly"
    warning_days: int = Field(default=5, ge=1, le=30, description="到期前多少个工作日亮黄牌")
    lag_tolerance: int = Field(default=20, ge=0, le=100, description="进度落后节点计划多少个百分点亮黄牌")


class PlanUpdate(PatchModel):
    not_null = frozenset({"title", "report_cycle", "warning_days", "lag_tolerance"})

    title: str | None = Field(default=None, min_length=1, max_length=200)
    report_cycle: Literal["biweekly", "monthly"] | None = None
    warning_days: int | None = Field(default=None, ge=1, le=30)
    lag_tolerance: int | None = Field(default=None, ge=0, le=100)


class PlanRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    year: int
    title: str
    status: Literal["draft", "published"]
    report_cycle: Literal["biweekly", "monthly"]
    warning_days: int
    lag_tolerance: int
    published_at: datetime | None
    task_count: int = 0
