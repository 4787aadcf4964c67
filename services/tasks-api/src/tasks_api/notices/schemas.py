from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class NoticeItem(BaseModel):
    task_code: str
    title: str
    warning: Literal["yellow", "red"]
    reasons: list[str]
    role: Literal["lead", "responsible"]


class NoticeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    number: str
    unit_id: uuid.UUID
    unit_name: str
    issued_on: date
    content: str
    items: list[NoticeItem]
    created_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    reply: str | None
    replied_at: datetime | None
    webhook_status: Literal["pending", "sent", "failed", "disabled"]


class RunResult(BaseModel):
    as_of: date
    issued: int = Field(description="本次新发提示单数")
    already_issued: int = Field(description="当天已发过、本次跳过的单位数")
    notices: list[NoticeRead]


class NoticeReply(BaseModel):
    reply: str = Field(min_length=2, max_length=4000)


class NoticeCounts(BaseModel):
    unit_id: uuid.UUID
    unit_name: str
    total: int
    unacknowledged: int
