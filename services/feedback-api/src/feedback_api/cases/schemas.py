from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field

from reform_common.workdays import SHANGHAI

from feedback_api import identifiers

Channel = Literal["public_form", "hotline_12345", "open311", "experience_officer", "salon", "media", "inspection",
                  "rating"]
StaffChannel = Literal["experience_officer", "salon", "media", "inspection"]
CaseType = Literal["consultation", "help", "complaint", "report", "suggestion", "praise"]
Status = Literal["received", "assigned", "accepted", "in_progress", "replied", "closed", "returned", "reopened"]
Satisfaction = Literal["satisfied", "basically_satisfied", "dissatisfied"]
DeadlineState = Literal["normal", "approaching", "overdue"]

CHANNEL_LABELS = {
    "public_form": "企业在线反映", "hotline_12345": "12345热线", "open311": "Open311 接口",
    "experience_officer": "营商环境体验官", "salon": "政企恳谈会", "media": "媒体曝光", "inspection": "督察检查",
    "rating": "营商环境我来评",
}
TYPE_LABELS = {"consultation": "咨询", "help": "求助", "complaint": "投诉", "report": "举报", "suggestion": "建议",
               "praise": "表扬"}
TYPES_BY_LABEL = {label: code for code, label in TYPE_LABELS.items()}
SATISFACTION_LABELS = {"satisfied": "满意", "basically_satisfied": "基本满意", "dissatisfied": "不满意"}
DEADLINE_LABELS = {"normal": "正常", "approaching": "临期", "overdue": "超期"}


def _local(moment: datetime) -> datetime:
    return moment.astimezone(SHANGHAI)


# Times in answers carry the Shanghai offset (2026-10-13T23:59:59+08:00), whatever the database returns.
Time = Annotated[datetime, AfterValidator(_local)]

CreditCode = Annotated[str, Field(max_length=40, description="统一社会信用代码（18 位，校验位按 GB 32100-2015 核验）"),
                       AfterValidator(identifiers.normalize_credit_code)]
Phone = Annotated[str, Field(max_length=30, description="手机号或带区号的固定电话"),
                  AfterValidator(identifiers.normalize_phone)]
IdNumber = Annotated[str, Field(max_length=30, description="居民身份证号码（18 位）"),
                     AfterValidator(identifiers.normalize_id_number)]


class UnitRef(BaseModel):
    id: uuid.UUID
    name: str
    short_name: str


class CategoryRef(BaseModel):
    code: str
    name: str
    path: str = Field(description="如 政务服务 / 企业开办与注销")


class DistrictRef(BaseModel):
    code: str = Field(description="GB/T 2260 行政区划代码")
    name: str


class CaseFields(BaseModel):
    type: CaseType
    category_code: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=2, max_length=200)
    description: str = Field(min_length=5, max_length=5000)
    desired_outcome: str | None = Field(default=None, max_length=2000, description="期望的解决结果")
    enterprise_name: str | None = Field(default=None, max_length=200)
    credit_code: CreditCode | None = None
    contact_name: str | None = Field(default=None, max_length=50)
    contact_phone: Phone | None = None
    contact_id_number: IdNumber | None = None
    district: str | None = Field(default=None, max_length=50, description="区县名称或 GB/T 2260 代码")
    address: str | None = Field(default=None, max_length=300)
    anonymous: bool = Field(default=False, description="匿名（仅建议类可匿名，凭查询码查询）")


class StaffCaseCreate(CaseFields):
    """Entered by staff on behalf of an experience officer, a salon, media or an inspection."""

    channel: StaffChannel
    source_detail: str | None = Field(default=None, max_length=200, description="如 体验官姓名、恳谈会名称、媒体与报道")
    external_id: str | None = Field(default=None, max_length=64)
    received_at: AwareDatetime | None = Field(default=None, description="反映时间，默认现在")


class CaseCreated(BaseModel):
    case_no: str
    tracking_code: str
    status: Status
    received_at: Time
    due_at: Time


class AttachmentRead(BaseModel):
    id: uuid.UUID
    filename: str
    content_type: str | None
    size: int | None
    url: str | None = Field(description="12345 提供的链接（本服务不抓取）；上传的文件为 null，经下载接口获取")
    source: str
    created_at: Time


class CaseEventRead(BaseModel):
    id: int
    event: str
    label: str
    from_status: Status | None
    to_status: Status
    occurred_at: Time
    actor: str
    actor_kind: str
    actor_unit: UnitRef | None
    comment: str | None
    public: bool
    detail: dict[str, Any]


class ExtensionRead(BaseModel):
    id: uuid.UUID
    working_days: int
    reason: str
    status: Literal["pending", "approved", "refused"]
    requested_by: str
    requested_at: Time
    decided_by: str | None
    decided_at: Time | None
    decision_comment: str | None
    old_due_at: Time
    new_due_at: Time | None


class CaseListItem(BaseModel):
    case_no: str
    channel: Channel
    channel_label: str
    external_id: str | None
    type: CaseType
    type_label: str
    category: CategoryRef
    title: str
    enterprise_name: str | None
    credit_code: str | None
    anonymous: bool
    contact_name: str | None
    contact_phone: str | None = Field(description="脱敏，如 138****1234")
    district: DistrictRef | None
    status: Status
    status_label: str
    main_unit: UnitRef | None
    received_at: Time
    due_at: Time
    deadline_state: DeadlineState
    deadline_label: str
    replied_at: Time | None
    closed_at: Time | None
    satisfaction: Satisfaction | None
    reopen_count: int


class CaseRead(CaseListItem):
    description: str
    desired_outcome: str | None
    address: str | None
    source_detail: str | None
    external_category: str | None
    contact_id_number: str | None = Field(description="脱敏")
    co_units: list[UnitRef]
    time_limit_working_days: int
    accept_due_at: Time | None
    accept_overdue: bool
    assigned_at: Time | None
    accepted_at: Time | None
    reply: str | None
    satisfaction_comment: str | None
    repeat_of: str | None = Field(description="重复诉求：30 日内办结的同一诉求的编号")
    tracking_code: str | None = Field(description="查询码，仅调度与承办单位可见")
    attachments: list[AttachmentRead]
    events: list[CaseEventRead]
    extensions: list[ExtensionRead]
    allowed_actions: list[str] = Field(description="当前调用者此刻可执行的流转动作")
    can_reveal_contact: bool
    notices: list[str] = Field(description="工作日历提示（如某年节假日尚未录入）")


class CaseList(BaseModel):
    items: list[CaseListItem]
    total: int
    page: int
    page_size: int
    notices: list[str]


class CaseSummary(BaseModel):
    total: int
    by_status: dict[str, int]
    by_deadline: dict[str, int] = Field(description="未答复诉求按时限状态：normal / approaching / overdue")
    accept_overdue: int = Field(description="超过签收时限仍未签收")


class ContactRead(BaseModel):
    case_no: str
    contact_name: str | None
    contact_phone: str | None
    contact_id_number: str | None


class RevealIn(BaseModel):
    reason: str | None = Field(default=None, max_length=200, description="查看原因（记入审计）")


class AssignIn(BaseModel):
    unit_id: uuid.UUID = Field(description="主办单位")
    co_unit_ids: list[uuid.UUID] = Field(default_factory=list, max_length=10, description="协办单位")
    comment: str | None = Field(default=None, max_length=2000)
    accept_suggestion: bool = Field(default=False, description="调度人员一键采纳分派建议（记入分派记录，见 /cases/{case_no}/suggestions）")
    category_code: str | None = Field(default=None, max_length=40,
                                      description="交办时确定的诉求分类（末级、启用）；不填则保持原分类")


class CommentIn(BaseModel):
    comment: str | None = Field(default=None, max_length=2000)


class ReplyIn(BaseModel):
    reply: str = Field(min_length=2, max_length=5000, description="答复企业的内容（企业可见）")
    comment: str | None = Field(default=None, max_length=2000, description="内部说明")


class ReasonIn(BaseModel):
    reason: str = Field(min_length=2, max_length=2000)


class ExtensionRequestIn(BaseModel):
    working_days: int = Field(ge=1, le=60)
    reason: str = Field(min_length=2, max_length=2000)


class ExtensionDecisionIn(BaseModel):
    approve: bool
    comment: str | None = Field(default=None, max_length=2000)


class FollowUpIn(BaseModel):
    satisfaction: Satisfaction
    comment: str | None = Field(default=None, max_length=2000)


class NoteIn(BaseModel):
    content: str = Field(min_length=1, max_length=2000)
