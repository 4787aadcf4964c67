from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field

from feedback_api.cases.schemas import TYPE_LABELS, TYPES_BY_LABEL, CreditCode, Phone, Satisfaction, Status, Time


def _type_code(value: str) -> str:
    code = TYPES_BY_LABEL.get(value.strip())
    if code is None:
        raise ValueError(f"诉求类型应为 {'、'.join(TYPE_LABELS.values())} 之一")
    return code


class HotlineAttachment(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    url: str = Field(max_length=1000, pattern=r"^https?://\S+$", description="附件地址（本服务只记录，不抓取）")


class HotlineOrder(BaseModel):
    """A 12345 work order (工单)."""

    order_no: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$", description="12345 工单号")
    received_at: AwareDatetime = Field(description="受理时间，ISO 8601 带时区")
    type: Annotated[str, Field(max_length=10, description="咨询、求助、投诉、举报、建议、表扬"),
                    AfterValidator(_type_code)]
    title: str = Field(min_length=1, max_length=200)
    content: str = Field(min_length=1, max_length=5000)
    caller_name: str = Field(min_length=1, max_length=50)
    caller_phone: Phone
    enterprise_name: str = Field(min_length=1, max_length=200)
    credit_code: CreditCode | None = None
    district: str = Field(min_length=1, max_length=50, description="区县名称或 GB/T 2260 代码")
    address: str | None = Field(default=None, max_length=300)
    category: str | None = Field(default=None, max_length=100, description="分类名称或代码；对不上的记为“其他”并保留原文")
    time_limit_working_days: int | None = Field(default=None, ge=1, le=60, description="办理时限（工作日），优先于默认时限")
    attachments: list[HotlineAttachment] = Field(default_factory=list, max_length=20)


class HotlineReceipt(BaseModel):
    case_no: str
    order_no: str
    status: Status
    due_at: Time


class HotlineStatus(BaseModel):
    order_no: str
    case_no: str
    status: Status
    status_label: str
    due_at: Time
    handling_unit: str | None
    reply: str | None
    replied_at: Time | None
    closed_at: Time | None
    satisfaction: Satisfaction | None


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its ``$defs`` inlined (for a hand-read request body in OpenAPI)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return walk(defs[ref.removeprefix("#/$defs/")])
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)
