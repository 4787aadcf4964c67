from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from tasks_api.ledger.schemas import UnitRef
from tasks_api.league.models import DEFAULT_NUMBER_FORMAT

_PLACEHOLDER = re.compile(r"\{[^}]*\}")


class LeagueSettingsUpdate(BaseModel):
    """The whole settings (PUT): a field left out takes its default."""

    on_time_weight: int = Field(default=40, ge=0, le=100, description="节点按时完成率的权重（分）")
    report_weight: int = Field(default=20, ge=0, le=100, description="进展报送及时率的权重（分）")
    evaluation_weight: int = Field(default=30, ge=0, le=100, description="考评平均分的权重（分）")
    discipline_weight: int = Field(default=10, ge=0, le=100,
                                   description="红黄牌与未整改事项扣分项的分值：扣完为止")
    red_deduction: float = Field(default=2, ge=0, le=100, description="每个红牌任务扣几分")
    yellow_deduction: float = Field(default=1, ge=0, le=100, description="每个黄牌任务扣几分")
    rectification_deduction: float = Field(default=2, ge=0, le=100, description="每项未完成整改扣几分")
    min_items: int = Field(default=3, ge=0, le=1000,
                           description="参与排名的最少考核事项数（到期节点 + 应报进展 + 考评次数），不足的只列示不排名")
    issuing_unit: str | None = Field(default=None, min_length=2, max_length=128,
                                     description="通报的发文单位；留空取单位目录中的改革办名称")
    number_format: str = Field(default=DEFAULT_NUMBER_FORMAT, min_length=3, max_length=64,
                               description="文号格式，{year} 为年份，{n} 为当年序号")

    @field_validator("red_deduction", "yellow_deduction", "rectification_deduction")
    @classmethod
    def _cents(cls, v: float) -> float:
        return round(v, 2)

    @field_validator("number_format")
    @classmethod
    def _format(cls, v: str) -> str:
        placeholders = _PLACEHOLDER.findall(v)
        if "{n}" not in placeholders or any(p not in ("{year}", "{n}") for p in placeholders):
            raise ValueError("文号格式须包含 {n}（序号），且只能使用 {year} 和 {n} 两个占位符")
        return v

    @model_validator(mode="after")
    def _some_weight(self) -> LeagueSettingsUpdate:
        if self.on_time_weight + self.report_weight + self.evaluation_weight + self.discipline_weight == 0:
            raise ValueError("各项权重不能全部为 0")
        return self


class LeagueSettingsRead(LeagueSettingsUpdate):
    year: int
    customized: bool = Field(description="改革办是否改过设置（否则为默认值）")
    updated_by: str | None = None
    updated_at: datetime | None = None


class LeagueRow(BaseModel):
    unit: UnitRef
    tasks: int = Field(description="牵头或负责的本年度任务数")
    milestones_due: int = Field(description="统计期内到期的节点数")
    milestones_on_time: int = Field(description="其中按期（不晚于到期日）完成的")
    on_time_rate: float | None = Field(description="节点按时完成率 %，无到期节点为 null")
    red: int = Field(description="截至 as_of 的红牌任务数")
    yellow: int = Field(description="截至 as_of 的黄牌任务数")
    reports_expected: int = Field(description="统计期内到截止日的应报进展数（任务 × 报送期）")
    reports_on_time: int
    report_rate: float | None = Field(description="进展报送及时率 %，无应报为 null")
    evaluation_average: float | None = Field(description="统计期内考评平均分（百分制），无考评为 null")
    evaluation_count: int
    open_rectifications: int = Field(description="截至 as_of 未完成的整改数")
    items: int = Field(description="考核事项数：到期节点 + 应报进展 + 考评次数")
    score: float | None = Field(description="综合得分（百分制，两位小数）")
    ranked: bool = Field(description="考核事项数达到最低要求、参与排名")
    rank: int | None = Field(description="名次（并列同名次，下一名次顺延：1,1,3）")
    honour: Literal["best", "worst"] | None = Field(description="best 优生，worst 差生")


class LeagueTable(BaseModel):
    period: str
    period_kind: Literal["month", "quarter", "year"]
    period_label: str
    period_start: date
    period_end: date
    as_of: date
    window_end: date = Field(description="统计截止日：期末与 as_of 中较早者")
    settings: LeagueSettingsUpdate
    rows: list[LeagueRow] = Field(description="先按名次，后列未排名单位")
    best: list[UnitRef] = Field(description="优生")
    worst: list[UnitRef] = Field(description="差生（最差的在前）")
    calendar_notices: list[str]
