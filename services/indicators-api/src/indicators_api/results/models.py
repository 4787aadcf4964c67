"""Officially published results, kept apart from computed ones, and the
recorded calculation runs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, UniqueConstraint, Uuid, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from indicators_api.base import Base


class OfficialResult(Base):
    """A rank, group or score as published by the evaluator: never overwritten by a calculation."""

    __tablename__ = "official_results"
    __table_args__ = (UniqueConstraint("indicator_code", "region_code", "period",
                                       name="uq_official_results_key"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicators.code"))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    period: Mapped[str] = mapped_column(String(7))
    rank: Mapped[int | None] = mapped_column(Integer)
    group_label: Mapped[str | None] = mapped_column(String(50))
    score: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CalculationRun(Base):
    """One calculation of an indicator for a period and peer set: what went in,
    the bounds and weights used, and what came out. A run is reused while
    its inputs are unchanged (same fingerprint)."""

    __tablename__ = "calculation_runs"
    __table_args__ = (Index("ix_calculation_runs_key", "indicator_code", "period", "region_set", "fingerprint"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicators.code"))
    period: Mapped[str] = mapped_column(String(7))
    region_set: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(64))
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONB)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSONB)  # bounds, weights, coverage, direction
    results: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
