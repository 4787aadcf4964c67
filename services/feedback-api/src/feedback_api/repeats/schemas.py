from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from feedback_api.cases.schemas import Time

FlagStatus = Literal["suggested", "confirmed", "dismissed"]
FLAG_STATUS_LABELS = {"suggested": "疑似重复（待确认）", "confirmed": "已确认重复", "dismissed": "已排除"}
MATCHED_BY_LABELS = {"credit_code": "统一社会信用代码相同", "enterprise_name": "企业名称相同",
                     "phone": "联系电话相同", "legacy": "原有关联"}


class RepeatFlagRead(BaseModel):
    case_no: str
    title: str
    enterprise_name: str | None
    received_at: Time
    repeat_of: str = Field(description="被重复的诉求编号")
    repeat_of_title: str
    repeat_of_closed_at: Time | None
    status: FlagStatus
    status_label: str
    matched_by: str
    matched_by_label: str
    similarity: float | None = Field(description="两件诉求标题与内容的字符二元组余弦相似度（0–1）")
    counts_against_one_time_resolution: bool = Field(
        description="疑似（未排除）或已确认的重复计入被重复诉求的一次性化解率（不计为一次化解）")
    flagged_at: Time
    decided_by: str | None
    decided_at: Time | None
    decision_comment: str | None


class RepeatFlagList(BaseModel):
    items: list[RepeatFlagRead]
    total: int
    page: int
    page_size: int


class ConfirmIn(BaseModel):
    comment: str | None = Field(default=None, max_length=500)


class DismissIn(BaseModel):
    reason: str = Field(min_length=2, max_length=500, description="排除理由，如：非同一事项")
