from __future__ import annotations


from pydantic import BaseModel, Field

from feedback_api.cases.schemas import CaseFields, CaseType, DistrictRef, Phone, Satisfaction, Status, Time
from feedback_api.categories.schemas import CategoryNode


class FormToken(BaseModel):
    token: str
    min_fill_seconds: int = Field(description="领取后至少经过的秒数才能提交")
    expires_in: int = Field(description="有效秒数")


class PublicCaseCreate(CaseFields):
    form_token: str = Field(max_length=100, description="POST /public/form-token 领取的表单校验信息")
    website: str | None = Field(default=None, max_length=200, description="防机器人字段：页面上隐藏，须留空")


class PublicCaseCreated(BaseModel):
    case_no: str
    tracking_code: str = Field(description="查询码：凭查询码和联系电话查询进度、补充材料、评价")
    status: Status
    received_at: Time
    due_at: Time


class TrackIn(BaseModel):
    tracking_code: str = Field(min_length=6, max_length=20)
    phone: Phone | None = Field(default=None, description="提交时填写的联系电话（匿名建议不填）")


class AddInfoIn(TrackIn):
    content: str = Field(min_length=2, max_length=2000)


class RateIn(TrackIn):
    satisfaction: Satisfaction
    comment: str | None = Field(default=None, max_length=1000)


class PublicEvent(BaseModel):
    occurred_at: Time
    event: str
    label: str
    text: str | None


class PublicAttachment(BaseModel):
    filename: str
    created_at: Time


class TrackedCase(BaseModel):
    case_no: str
    type: CaseType
    type_label: str
    title: str
    status: Status
    status_label: str
    received_at: Time
    due_at: Time
    handling_unit: str | None
    reply: str | None
    replied_at: Time | None
    closed_at: Time | None
    satisfaction: Satisfaction | None
    can_add_info: bool
    can_rate: bool
    timeline: list[PublicEvent]
    attachments: list[PublicAttachment]


class Option(BaseModel):
    code: str
    label: str


class TypeOption(Option):
    time_limit_working_days: int
    anonymous_allowed: bool


class PublicOptions(BaseModel):
    types: list[TypeOption]
    categories: list[CategoryNode]
    districts: list[DistrictRef]
    satisfactions: list[Option]
    max_attachment_bytes: int
