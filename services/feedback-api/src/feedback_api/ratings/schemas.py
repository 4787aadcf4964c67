from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from feedback_api.cases.schemas import Phone, Time
from feedback_api.metrics.schemas import Rate

CODE_PATTERN = r"^[a-z][a-z0-9_]{1,39}$"


class RatedServiceCreate(BaseModel):
    code: str = Field(pattern=CODE_PATTERN, description="事项代码：小写字母开头，字母、数字、下划线")
    name: str = Field(min_length=2, max_length=100)
    unit_code: str = Field(min_length=1, max_length=40, description="承办单位编码")
    category_code: str = Field(min_length=1, max_length=40, description="低分评价转为诉求时的分类")
    description: str | None = Field(default=None, max_length=300)
    position: int = Field(default=0, ge=0, le=10000)


class RatedServiceUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=2, max_length=100)
    unit_code: str | None = Field(default=None, min_length=1, max_length=40)
    category_code: str | None = Field(default=None, min_length=1, max_length=40)
    description: str | None = Field(default=None, max_length=300)
    position: int | None = Field(default=None, ge=0, le=10000)
    active: bool | None = None


class RatedServiceRead(BaseModel):
    code: str
    name: str
    unit_code: str
    unit_name: str
    category_code: str
    description: str | None
    position: int
    active: bool


class PublicService(BaseModel):
    code: str
    name: str
    unit_name: str = Field(description="承办单位（简称）")
    description: str | None
    rating_count: int
    average_stars: float | None = Field(description="平均星级，两位小数；无评价时为 null")


class PublicRatingIn(BaseModel):
    service_code: str = Field(min_length=1, max_length=40)
    stars: int = Field(ge=1, le=5, description="1–5 星")
    comment: str | None = Field(default=None, max_length=1000, description="评价意见；1–2 星并填写意见的转为诉求办理")
    enterprise_name: str | None = Field(default=None, max_length=200)
    contact_phone: Phone | None = Field(default=None, description="选填；填写后低分评价按投诉办理，可凭查询码和电话查询")
    form_token: str = Field(max_length=100, description="POST /public/form-token 领取的表单校验信息")
    website: str | None = Field(default=None, max_length=200, description="防机器人字段：页面上隐藏，须留空")


class PublicRatingCreated(BaseModel):
    id: uuid.UUID
    service_code: str
    service_name: str
    stars: int
    created_at: Time
    case_no: str | None = Field(description="低分评价转成的诉求编号")
    tracking_code: str | None = Field(description="该诉求的查询码")
    message: str


class RatingRead(BaseModel):
    id: uuid.UUID
    service_code: str
    service_name: str
    unit_code: str
    unit_name: str
    stars: int
    comment: str | None
    enterprise_name: str | None
    contact_phone: str | None = Field(description="脱敏")
    case_no: str | None
    created_at: Time


class RatingList(BaseModel):
    items: list[RatingRead]
    total: int
    page: int
    page_size: int


class TrendPoint(BaseModel):
    month: str
    count: int
    average: float | None


class Stats(BaseModel):
    count: int
    average: float | None = Field(description="平均星级，两位小数")
    distribution: dict[str, int] = Field(description="各星级条数，键为 1–5")
    satisfaction: Rate = Field(description="满意率：3 星及以上 / 评价数")
    trend: list[TrendPoint] = Field(description="期内逐月条数与平均星级")


class ServiceStats(Stats):
    code: str
    name: str
    unit_code: str
    unit_name: str
    active: bool


class UnitStats(Stats):
    code: str
    name: str


class UnitRef(BaseModel):
    code: str
    name: str


class RatingSummary(BaseModel):
    period: str
    unit: UnitRef | None
    total: Stats
    by_service: list[ServiceStats]
    by_unit: list[UnitStats]
