"""Evaluations (考评): lead units score their responsible units, the reform office
scores lead units, per task and period against the plan's rubric."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from tasks_api.base import Base

EVALUATION_KINDS = ("lead_on_responsible", "office_on_lead")
RANK_FRAMEWORKS = ("national", "provincial")


class EvaluationRubric(Base):
    """A plan's scoring rubric and its rank rule (排名满分规则)."""

    __tablename__ = "evaluation_rubrics"
    __table_args__ = (
        CheckConstraint("national_top_n BETWEEN 1 AND 100", name="national_top_n"),
        CheckConstraint("provincial_top_n BETWEEN 1 AND 100", name="provincial_top_n"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), unique=True)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)  # [{key, name, max_points}], summing to 100
    rank_rule_enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    national_top_n: Mapped[int] = mapped_column(Integer, server_default=text("10"))
    provincial_top_n: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())


class Evaluation(Base):
    __tablename__ = "evaluations"
    __table_args__ = (
        CheckConstraint(f"kind IN {EVALUATION_KINDS}", name="kind"),
        CheckConstraint("total BETWEEN 0 AND 100", name="total"),
        CheckConstraint("period_start <= period_end", name="period"),
        UniqueConstraint("task_id", "period", "evaluated_unit_id", "kind", name="uq_evaluations_task_period_unit_kind"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(7))  # 2026-Q3 or 2026-10
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(32))
    evaluator_unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    evaluated_unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    item_scores: Mapped[dict[str, float]] = mapped_column(JSONB)  # rubric item key → points
    total: Mapped[float] = mapped_column(Float)
    comment: Mapped[str | None] = mapped_column(Text)
    # Given by the rank rule rather than by a person; the reason names indicator, period and rank.
    auto: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    auto_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())


class IndicatorRank(Base):
    """A rank entered by hand while indicators-api has none (or cannot be reached)."""

    __tablename__ = "indicator_ranks"
    __table_args__ = (
        CheckConstraint(f"framework IN {RANK_FRAMEWORKS}", name="framework"),
        CheckConstraint("rank >= 1", name="rank"),
        CheckConstraint("of IS NULL OR of >= rank", name="of"),
        UniqueConstraint("indicator_code", "framework", "period", name="uq_indicator_ranks_code_framework_period"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    indicator_code: Mapped[str] = mapped_column(String(64), index=True)
    framework: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(7))  # 2025, 2026-Q3 or 2026-10
    rank: Mapped[int] = mapped_column(Integer)
    of: Mapped[int | None] = mapped_column(Integer)
    entered_by: Mapped[str] = mapped_column(String(64))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
