from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator
from reform_common.schemas import PatchModel

from tasks_api.evaluations.periods import PERIOD_PATTERN
from tasks_api.ledger.schemas import UnitRef

EvaluationKind = Literal["lead_on_responsible", "office_on_lead"]
RankFramework = Literal["national", "provincial"]
EVALUATION_PERIOD = Field(pattern=PERIOD_PATTERN, description="考评期间：2026（年度）、2026-Q3（季度）或 2026-10（月度）")


class RubricItem(BaseModel):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$", description="评分项代码，如 progress")
    name: str = Field(min_length=1, max_length=50, description="评分项名称，如 进度完成")
    max_points: float = Field(gt=0, le=100, description="该项满分")


class RubricUpdate(BaseModel):
    items: list[RubricItem] = Field(min_length=1, max_length=20, description="评分项，满分合计须为 100")
    rank_rule_enabled: bool = Field(default=True, description="排名满分规则是否启用")
    national_top_n: int = Field(default=10, ge=1, le=100, description="国评进入全国前 N 名记满分")
    provincial_top_n: int = Field(default=1, ge=1, le=100, description="省晾晒居全省前 M 名记满分")

    @model_validator(mode="after")
    def _consistent(self) -> RubricUpdate:
        keys = [i.key for i in self.items]
        if len(set(keys)) != len(keys):
            raise ValueError("评分项代码不能重复")
        if abs(sum(i.max_points for i in self.items) - 100) > 1e-6:
            raise ValueError("各评分项满分合计须为 100 分")
        return self


class RubricRead(RubricUpdate):
    year: int
    is_default: bool = Field(description="尚未设置，使用默认评分细则")
    updated_by: str | None
    updated_at: datetime | None


class EvaluationCreate(BaseModel):
    task_code: str = Field(max_length=32, description="任务编号")
    period: str = EVALUATION_PERIOD
    kind: EvaluationKind = Field(description="牵头单位评责任单位 lead_on_responsible / 改革办评牵头单位 office_on_lead")
    evaluated_unit_id: uuid.UUID | None = Field(
        default=None, description="被评单位；牵头单位评分时必填（须为该任务的责任单位），改革办评分时为任务的牵头单位")
    item_scores: dict[str, float] = Field(description="各评分项得分：评分项代码 → 分数（0 至该项满分）")
    comment: str | None = Field(default=None, max_length=2000, description="评语")


class EvaluationUpdate(PatchModel):
    not_null = frozenset({"item_scores"})

    item_scores: dict[str, float] | None = Field(default=None, description="各评分项得分")
    comment: str | None = Field(default=None, max_length=2000)


class EvaluationRead(BaseModel):
    id: uuid.UUID
    task_code: str
    task_title: str
    year: int
    period: str
    period_start: date
    period_end: date
    kind: EvaluationKind
    evaluator_unit: UnitRef | None
    evaluated_unit: UnitRef | None
    item_scores: dict[str, float]
    total: float = Field(description="总分 0–100：各项得分之和")
    comment: str | None
    auto: bool = Field(description="由排名满分规则自动给出")
    auto_reason: str | None
    created_by: str
    created_at: datetime
    updated_by: str | None
    updated_at: datetime


class IndicatorRankIn(BaseModel):
    indicator_code: str = Field(min_length=1, max_length=64, description="指标代码（与任务关联的指标代码一致）")
    framework: RankFramework = Field(description="国评 national / 省晾晒 provincial")
    period: str = Field(pattern=PERIOD_PATTERN, description="名次所属期间：2025、2026-Q3 或 2026-10")
    rank: int = Field(ge=1, le=1000, description="本市名次")
    of: int | None = Field(default=None, ge=1, le=1000, description="参评城市数")

    @field_validator("indicator_code")
    @classmethod
    def _strip(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("请填写指标代码")
        return v.strip()

    @model_validator(mode="after")
    def _rank_within(self) -> IndicatorRankIn:
        if self.of is not None and self.rank > self.of:
            raise ValueError("名次不能大于参评城市数")
        return self


class IndicatorRankRead(BaseModel):
    id: uuid.UUID
    indicator_code: str
    framework: RankFramework
    period: str
    rank: int
    of: int | None
    entered_by: str
    entered_at: datetime


class RankRuleRun(BaseModel):
    year: int = Field(ge=2000, le=2100, description="年度计划")
    period: str = EVALUATION_PERIOD


class RankRuleItem(BaseModel):
    task_code: str
    lead_unit: UnitRef | None
    action: Literal["created", "refreshed", "unchanged", "removed"]
    evaluation_id: uuid.UUID | None
    reason: str


class RankRuleResult(BaseModel):
    year: int
    period: str
    items: list[RankRuleItem]
    counts: dict[str, int] = Field(description="各处理结果的任务数")
