from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tasks_api.ledger.schemas import TaskFields


class AdjustmentCreate(BaseModel):
    reason: str = Field(min_length=2, max_length=2000, description="调整理由")
    changes: TaskFields


class AdjustmentDecision(BaseModel):
    decision: Literal["approve", "reject"]
    comment: str | None = Field(default=None, max_length=2000)


class AdjustmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    task_id: uuid.UUID
    task_code: str = ""
    reason: str
    changes: dict[str, Any]
    before: dict[str, Any]
    status: Literal["pending", "approved", "rejected"]
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_comment: str | None
