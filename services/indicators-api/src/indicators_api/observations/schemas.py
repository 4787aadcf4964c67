from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

PERIOD_PATTERN = r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"
Method = Literal["reported", "official", "estimated", "synthetic"]


class ObservationIn(BaseModel):
    indicator: str = Field(max_length=32, description="指标代码")
    region: str = Field(pattern=r"^\d{6}$", description="地区代码（GB/T 2260）")
    period: str = Field(pattern=PERIOD_PATTERN, description="期间：2026、2026-Q3 或 2026-10")
    value: float = Field(allow_inf_nan=False)
    source: str = Field(min_length=1, max_length=200, description="数据来源")
    method: Method = "reported"


class Flag(BaseModel):
    code: str
    message: str


class ObservationRead(BaseModel):
    id: uuid.UUID
    indicator: str
    indicator_name: str
    region: str
    region_name: str
    period: str
    value: float
    source: str
    method: Method
    status: Literal["submitted", "approved", "returned"]
    flags: list[Flag]
    submitted_by: str
    submitted_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_comment: str | None


class ReviewIn(BaseModel):
    ids: list[uuid.UUID] = Field(min_length=1, max_length=1000)
    decision: Literal["approve", "return"]
    comment: str | None = Field(default=None, max_length=2000)


class ImportRowRead(BaseModel):
    row_number: int
    column: str | None
    indicator: str | None
    region: str | None
    period: str | None
    value: float | None
    errors: list[str]


class ObservationImportPreview(BaseModel):
    id: uuid.UUID
    filename: str
    layout: str
    status: Literal["preview", "committed"]
    rows: list[ImportRowRead]
    errors: list[str]
    valid: int
    invalid: int


class ImportCommitted(BaseModel):
    id: uuid.UUID
    submitted: int
