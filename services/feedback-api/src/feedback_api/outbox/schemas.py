from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field

from feedback_api.cases.schemas import Time

CallbackState = Literal["pending", "failed", "delivered"]


class CallbackRead(BaseModel):
    id: int
    event_id: uuid.UUID
    order_no: str
    case_no: str
    event: str
    state: CallbackState = Field(description="pending 待发送 / failed 发送失败待重试 / delivered 已送达")
    attempts: int
    last_status_code: int | None
    last_error: str | None
    next_attempt_at: Time | None = Field(description="下次尝试时间（未送达时）")
    last_attempt_at: Time | None
    delivered_at: Time | None
    created_at: Time
    payload: dict[str, Any] = Field(description="回调内容（签名发送的 JSON）")


class CallbackList(BaseModel):
    items: list[CallbackRead]
    total: int
    page: int
    page_size: int
    enabled: bool = Field(description="是否已配置 HOTLINE_CALLBACK_URL（未配置时不产生回调）")
    counts: dict[str, int] = Field(description="各状态条数：pending / failed / delivered")


class RetryResult(BaseModel):
    scheduled: int = Field(description="设为立即重试的条数")
