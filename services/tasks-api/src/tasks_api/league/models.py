"""The office's league-table settings, one row per plan (defaults apply without one)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, Numeric, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from tasks_api.base import Base

DEFAULT_NUMBER_FORMAT = "杭营商改〔{year}〕{n}号"


class LeagueSettings(Base):
    __tablename__ = "league_settings"
    __table_args__ = (
        CheckConstraint("on_time_weight BETWEEN 0 AND 100 AND report_weight BETWEEN 0 AND 100 AND "
                        "evaluation_weight BETWEEN 0 AND 100 AND discipline_weight BETWEEN 0 AND 100",
                        name="weights_range"),
        CheckConstraint("on_time_weight + report_weight + evaluation_weight + discipline_weight > 0",
                        name="weights_positive"),
        CheckConstraint("red_deduction >= 0 AND yellow_deduction >= 0 AND rectification_deduction >= 0",
                        name="deductions_range"),
        CheckConstraint("min_items BETWEEN 0 AND 1000", name="min_items"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True)
    on_time_weight: Mapped[int] = mapped_column(Integer, server_default=text("40"))
    report_weight: Mapped[int] = mapped_column(Integer, server_default=text("20"))
    evaluation_weight: Mapped[int] = mapped_column(Integer, server_default=text("30"))
    # Points the red/yellow/rectification deductions can take away at most.
    discipline_weight: Mapped[int] = mapped_column(Integer, server_default=text("10"))
    red_deduction: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default=text("2"))
    yellow_deduction: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default=text("1"))
    rectification_deduction: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default=text("2"))
    min_items: Mapped[int] = mapped_column(Integer, server_default=text("3"))
    # None: the reform office's name from the unit directory.
    issuing_unit: Mapped[str | None] = mapped_column(String(128))
    number_format: Mapped[str] = mapped_column(String(64), server_default=text(f"'{DEFAULT_NUMBER_FORMAT}'"))
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
