from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from reform_common.schemas import PatchModel

Environment = Literal["gov_service", "rule_of_law", "market", "economic_ecology", "humanistic", "entrepreneurship"]


class FrameworkRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    description: str
    kind: str
    region_set: str
    benchmark_region: str | None
    rank_floor: int | None
    rank_target: int | None
    rank_stretch: int | None
    weakness_rank_above: int | None
    strength_rank_at_most: int | None
    indicator_count: int = 0


class IndicatorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    framework_code: str
    parent_code: str | None
    name: str
    kind: Literal["leaf", "composite", "computed"]
    higher_is_better: bool
    unit: str
    decimals: int
    lead_unit_code: str | None = Field(description="牵头单位编码（网关单位目录的 code）")
    environment: str | None
    weight: float
    target: float | None
    advantage: bool
    links: list[str]
    description: str


class IndicatorCreate(BaseModel):
    code: str = Field(min_length=2, max_length=32, pattern=r"^[A-Z0-9][A-Z0-9-]*$")
    framework_code: str = Field(max_length=32)
    parent_code: str | None = Field(default=None, max_length=32)
    name: str = Field(min_length=2, max_length=200)
    kind: Literal["leaf", "composite", "computed"] = "leaf"
    higher_is_better: bool = True
    unit: str = Field(default="", max_length=16)
    decimals: int = Field(default=2, ge=0, le=6)
    lead_unit_code: str | None = Field(default=None, max_length=64, description="牵头单位编码")
    environment: Environment | None = None
    weight: float = Field(default=1.0, gt=0, le=1000)
    target: float | None = None
    advantage: bool = False
    links: list[str] = Field(default_factory=list, max_length=20)
    description: str = Field(default="", max_length=2000)


class RegionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    province: str


class RegionSetRead(BaseModel):
    code: str
    regions: list[RegionRead]


class FrameworkUpdate(PatchModel):
    """Rank targets (保五争四冲三) and the strength/weakness rule of a framework."""

    not_null = frozenset({"region_set"})

    region_set: str | None = Field(default=None, max_length=32)
    benchmark_region: str | None = Field(default=None, pattern=r"^\d{6}$")
    rank_floor: int | None = Field(default=None, ge=1, le=1000)
    rank_target: int | None = Field(default=None, ge=1, le=1000)
    rank_stretch: int | None = Field(default=None, ge=1, le=1000)
    weakness_rank_above: int | None = Field(default=None, ge=1, le=1000, description="名次差于此值为短板")
    strength_rank_at_most: int | None = Field(default=None, ge=1, le=1000, description="名次不差于此值为长板")
