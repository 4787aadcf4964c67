from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from feedback_api.cases.schemas import Time
from feedback_api.metrics.schemas import Rate

Kind = Literal["unit", "district"]


class Weights(BaseModel):
    response: float = Field(ge=0, le=100, description="签收率权重")
    on_time_closure: float = Field(ge=0, le=100, description="按期办结率权重")
    one_time_resolution: float = Field(ge=0, le=100, description="一次性化解率权重")
    satisfaction: float = Field(ge=0, le=100, description="满意率权重")

    @model_validator(mode="after")
    def _some_weight(self) -> Weights:
        if self.response + self.on_time_closure + self.one_time_resolution + self.satisfaction <= 0:
            raise ValueError("权重不能全部为 0")
        return self


class LeagueConfigIn(BaseModel):
    weights: Weights
    reopen_deduction: float = Field(ge=0, le=20, description="每次重办扣分")
    reopen_deduction_cap: float = Field(ge=0, le=100, description="重办扣分上限")
    min_cases: int = Field(ge=1, le=1000, description="参与排名的最少受理件数")


class LeagueConfig(LeagueConfigIn):
    updated_by: str | None
    updated_at: Time | None


class LeagueItem(BaseModel):
    rank: int | None = Field(description="竞争排名（并列同名次，下一名次顺延：1、1、3）；不参与排名为 null")
    ranked: bool
    note: str | None
    unit_id: uuid.UUID | None = Field(description="承办单位 ID（按区县时为 null）")
    code: str | None = Field(description="单位编码或区县行政区划代码")
    name: str
    volume: int = Field(description="期内受理件数")
    response: Rate = Field(description="签收率：按时签收 / 应签收的交办")
    on_time_closure: Rate
    one_time_resolution: Rate
    satisfaction: Rate
    reopen_count: int = Field(description="期内重办次数")
    score: float | None = Field(description="加权得分（扣分前）")
    deduction: float = Field(description="重办扣分（封顶）")
    composite: float | None = Field(description="综合得分 = 加权得分 − 重办扣分，不低于 0")


class LeagueTable(BaseModel):
    period: str
    kind: Kind
    start: Time
    end: Time
    as_of: Time
    min_cases: int
    config: LeagueConfig
    items: list[LeagueItem]
    total: int


class PublicLeagueItem(BaseModel):
    rank: int | None
    ranked: bool
    name: str
    volume: int
    response_rate: float | None
    on_time_closure_rate: float | None
    one_time_resolution_rate: float | None
    satisfaction_rate: float | None
    reopen_count: int
    composite: float | None


class PublicLeagueTable(BaseModel):
    period: str
    kind: Kind
    as_of: Time
    min_cases: int
    weights: Weights
    items: list[PublicLeagueItem]
    total: int
