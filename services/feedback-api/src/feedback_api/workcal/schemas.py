from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


class CalendarDayIn(BaseModel):
    day: date
    is_working_day: bool
    note: str | None = Field(default=None, max_length=100, description="如 春节、调休上班")


class CalendarYearIn(BaseModel):
    published: bool = Field(description="已完整录入国务院公布的当年安排")
    note: str | None = Field(default=None, max_length=200)
    days: list[CalendarDayIn] = Field(default_factory=list, max_length=400)


class CalendarYearRead(BaseModel):
    year: int
    source: Literal["package", "published", "fallback"] = Field(
        description="package：chinese-calendar 已覆盖；published：已录入官方安排；fallback：暂按周一至周五")
    days: list[CalendarDayIn]
    working_days: int
    notice: str | None
