from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Tier = Literal["stretch_met", "target_met", "floor_held", "below_floor"]
Classification = Literal["strength", "weakness", "neutral"]
Trend = Literal["up", "down", "flat"]


class LeaderboardItem(BaseModel):
    region: str
    region_name: str
    value: float | None
    rank: int | None
    percentile: float | None
    score: float | None
    served: bool = False
    benchmark: bool = False


class RankTargets(BaseModel):
    floor: int
    target: int
    stretch: int


class ServedStatus(BaseModel):
    region: str
    region_name: str
    value: float | None
    rank: int | None
    of: int = Field(description="有数据的地区数")
    percentile: float | None
    score: float | None
    tier: Tier | None = Field(description="对照保五争四冲三等名次目标")
    rank_targets: RankTargets | None
    value_for_target_rank: float | None = Field(description="达到目标名次所需的值")
    value_for_stretch_rank: float | None = Field(description="达到冲刺名次所需的值")
    benchmark_region: str | None
    benchmark_value: float | None
    gap_to_benchmark: float | None = Field(description="与对标城市的差距（正数表示落后）")
    gap_ratio_to_benchmark: float | None = Field(description="差距占对标城市数值的百分比")
    target_value: float | None
    gap_to_target: float | None
    attainment: float | None
    classification: Classification | None
    previous_period: str
    previous_value: float | None
    previous_rank: int | None
    rank_change: int | None = Field(description="名次变化（正数表示进位）")
    trend: Trend | None
    official_rank: int | None = Field(description="官方公布名次（与计算结果分开保存）")


class Leaderboard(BaseModel):
    indicator: str
    indicator_name: str
    unit: str
    higher_is_better: bool
    period: str
    region_set: str
    run_id: uuid.UUID
    run_created_at: datetime
    bounds: dict
    items: list[LeaderboardItem]
    served: ServedStatus
    synthetic: bool = Field(description="含示例（合成）数据")


class OverviewRow(BaseModel):
    code: str
    name: str
    unit: str
    value: float | None
    rank: int | None
    of: int
    tier: Tier | None
    gap_to_benchmark: float | None
    classification: Classification | None
    trend: Trend | None
    advantage: bool


class FrameworkOverview(BaseModel):
    framework: str
    name: str
    period: str
    region_set: str
    served_region: str
    overall: ServedStatus | None
    top10: int = Field(description="进入前十的一级指标数")
    first_level: int
    advantage: list[OverviewRow]
    indicators: list[OverviewRow]
    synthetic: bool


class TrendPoint(BaseModel):
    period: str
    value: float | None
    rank: int | None
    of: int


class OfficialResultIn(BaseModel):
    indicator: str = Field(max_length=32)
    region: str = Field(pattern=r"^\d{6}$")
    period: str = Field(pattern=r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")
    rank: int | None = Field(default=None, ge=1, le=1000)
    group_label: str | None = Field(default=None, max_length=50)
    score: float | None = None
    source: str = Field(min_length=1, max_length=200)
