"""The league table's configuration (one row), edited by the reform office."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, Integer, Numeric, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from feedback_api.base import Base

DEFAULTS = {"weight_response": Decimal(20), "weight_on_time": Decimal(30), "weight_one_time": Decimal(30),
            "weight_satisfaction": Decimal(20), "reopen_deduction": Decimal(1), "reopen_deduction_cap": Decimal(10),
            "min_cases": 5}


class LeagueSettings(Base):
    __tablename__ = "league_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("weight_response >= 0 AND weight_on_time >= 0 AND weight_one_time >= 0 "
                        "AND weight_satisfaction >= 0", name="weights_non_negative"),
        CheckConstraint("weight_response + weight_on_time + weight_one_time + weight_satisfaction > 0",
                        name="weights_positive"),
        CheckConstraint("reopen_deduction >= 0 AND reopen_deduction_cap >= 0", name="deduction"),
        CheckConstraint("min_cases >= 1", name="min_cases"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    weight_response: Mapped[Decimal] = mapped_column(Numeric(6, 2), server_default=text("20"))
    weight_on_time: Mapped[Decimal] = mapped_column(Numeric(6, 2), server_default=text("30"))
    weight_one_time: Mapped[Decimal] = mapped_column(Numeric(6, 2), server_default=text("30"))
    weight_satisfaction: Mapped[Decimal] = mapped_column(Numeric(6, 2), server_default=text("20"))
    # Points taken off the composite per reopening, and at most in all.
    reopen_deduction: Mapped[Decimal] = mapped_column(Numeric(6, 2), server_default=text("1"))
    reopen_deduction_cap: Mapped[Decimal] = mapped_column(Numeric(6, 2), server_default=text("10"))
    min_cases: Mapped[int] = mapped_column(Integer, server_default=text("5"))
    updated_by: Mapped[str | None] = mapped_column(String(128))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
