from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from reform_common.schemas import PatchModel

UnitKind = Literal["reform_office", "department", "district", "court_other", "hotline", "enterprise"]
Role = Literal["reform_office", "group_lead", "lead_unit", "unit", "district", "leader", "hotline", "auditor"]
Environment = Literal[
    "gov_service", "rule_of_law", "market", "economic_ecology", "humanistic", "entrepreneurship"
]


class UnitBrief(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    short_name: str
    kind: UnitKind


class UnitRead(UnitBrief):
    aliases: list[str]
    is_active: bool
    sort_order: int


class UnitCreate(BaseModel):
    code: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_-]+$", description="稳定编码，小写字母数字")
    name: str = Field(min_length=2, max_length=128, description="全称，如 市发展和改革委员会")
    short_name: str = Field(min_length=1, max_length=64, description="简称，如 市发改委")
    aliases: list[str] = Field(default_factory=list, max_length=20, description="别名，导入台账时用于识别单位")
    kind: UnitKind
    sort_order: int = 0

    @field_validator("aliases")
    @classmethod
    def _strip_aliases(cls, v: list[str]) -> list[str]:
        return sorted({a.strip() for a in v if a.strip()})


class UnitUpdate(PatchModel):
    not_null = frozenset({"name", "short_name", "aliases", "kind", "is_active", "sort_order"})

    name: str | None = Field(default=None, min_length=2, max_length=128)
    short_name: str | None = Field(default=None, min_length=1, max_length=64)
    aliases: list[str] | None = Field(default=None, max_length=20)
    kind: UnitKind | None = None
    is_active: bool | None = None
    sort_order: int | None = None


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    username: str
    display_name: str
    roles: list[Role]
    environment: Environment | None
    is_active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    unit: UnitBrief


class UserCreate(BaseModel):
    username: str = Field(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    display_name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=128)
    unit_id: uuid.UUID
    roles: list[Role] = Field(min_length=1)
    environment: Environment | None = None


class UserUpdate(PatchModel):
    not_null = frozenset({"display_name", "unit_id", "roles", "is_active"})

    display_name: str | None = Field(default=None, min_length=1, max_length=64)
    unit_id: uuid.UUID | None = None
    roles: list[Role] | None = Field(default=None, min_length=1)
    environment: Environment | None = None
    is_active: bool | None = None


class PasswordReset(BaseModel):
    password: str = Field(min_length=1, max_length=128)
