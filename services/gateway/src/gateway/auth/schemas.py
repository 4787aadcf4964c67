from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field

from gateway.directory.schemas import Environment, Role, UnitBrief


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=128)


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="访问令牌有效期（秒）")


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=256)


class ServiceTokenRequest(BaseModel):
    service: Literal["tasks-api", "indicators-api", "feedback-api"]
    secret: str = Field(min_length=1, max_length=256)


class ServiceToken(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class Me(BaseModel):
    id: uuid.UUID
    username: str
    display_name: str
    roles: list[Role]
    environment: Environment | None
    unit: UnitBrief


class PasswordChange(BaseModel):
    old_password: str = Field(min_length=1, max_length=128)
    new_password: str = Field(min_length=1, max_length=128)
