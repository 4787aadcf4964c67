from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from feedback_api.cases.schemas import CategoryRef, UnitRef

Mode = Literal["model", "rules"]


class CategoryCandidate(BaseModel):
    category: CategoryRef
    confidence: float = Field(ge=0, le=1)


class UnitCandidate(BaseModel):
    unit: UnitRef
    confidence: float = Field(ge=0, le=1, description="模型概率；协办单位为该类诉求中有此协办单位的比例")


class Explanation(BaseModel):
    category_terms: list[str] = Field(description="支持首选分类的词（字符 n-gram，按权重×TF-IDF）")
    unit_terms: list[str] = Field(description="支持首选主办单位的词")
    similar_case_nos: list[str] = Field(description="依据的相似已办结诉求")


class SimilarCase(BaseModel):
    case_no: str
    title: str = Field(description="标题（已脱敏）")
    category: CategoryRef
    unit: UnitRef | None
    reply: str | None = Field(description="答复摘要（已脱敏）")
    similarity: float = Field(ge=0, le=1)
    returned: int = Field(ge=0, description="退回次数")
    reopened: int = Field(ge=0, description="重办次数")
    satisfaction: str | None
    closed_once: bool = Field(description="一次办结：未退回、未重办")


class DecisionRead(BaseModel):
    mode: Mode
    model_version: int | None
    suggested_category: str | None
    suggested_unit: UnitRef | None
    suggested_co_units: list[UnitRef]
    chosen_category: str
    chosen_unit: UnitRef
    chosen_co_units: list[UnitRef]
    accepted: bool = Field(description="所选主办单位即建议的主办单位")
    accepted_explicitly: bool = Field(description="调度人员点击了「采纳建议」")
    decided_by: str
    decided_at: datetime


class Suggestions(BaseModel):
    case_no: str
    mode: Mode = Field(description="model：按已训练模型；rules：样本不足，按分类关键词规则（冷启动）")
    model_version: int | None
    note: str | None = Field(description="给调度人员的说明，如冷启动或模型不可用")
    categories: list[CategoryCandidate]
    units: list[UnitCandidate]
    co_units: list[UnitCandidate]
    explanation: Explanation
    similar_cases: list[SimilarCase]
    decisions: list[DecisionRead] = Field(description="此前的交办选择及当时的建议")


class Acceptance(BaseModel):
    decisions: int
    accepted: int
    rate: float | None


class DispatchModelRead(BaseModel):
    version: int
    status: Literal["ready", "rules", "failed"]
    trigger: Literal["schedule", "manual"]
    trained_at: datetime
    trained_by: str
    window_from: datetime | None = Field(description="训练数据最早受理时间")
    window_to: datetime | None = Field(description="训练数据最晚受理时间")
    case_count: int
    metrics: dict[str, float | int | str | None] = Field(
        description="按时间切分（旧 80% 训练、新 20% 测试）的分类与主办单位 top-1/top-3 准确率、多数类基线、"
                    "退回可避免率（见 docs/dispatch-suggestions.md）")
    note: str | None
    acceptance: Acceptance = Field(description="按此版本建议交办时，调度人员采纳的比例")
    current: bool = Field(description="当前用于建议的版本")


class DispatchModelList(BaseModel):
    items: list[DispatchModelRead]
    total: int
    page: int
    page_size: int
    mode: Mode = Field(description="当前建议方式")
    rules_acceptance: Acceptance = Field(description="冷启动（关键词规则）建议的采纳情况")
