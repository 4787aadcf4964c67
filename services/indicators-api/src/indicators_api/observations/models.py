"""Observations: a value per indicator, region and period with provenance.

Every submission is a new row; the latest approved row of an (indicator,
region, period) is the one calculations use, so an approved value stays in
force while a correction waits for review."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Float, ForeignKey, Index, String, Text, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from indicators_api.base import Base

METHODS = ("reported", "official", "estimated", "synthetic")


class Observation(Base):
    __tablename__ = "observations"
    __table_args__ = (
        CheckConstraint("status IN ('submitted', 'approved', 'returned')", name="status"),
        CheckConstraint(f"method IN {METHODS}", name="method"),
        Index("ix_observations_key", "indicator_code", "period", "region_code"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicators.code"))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    period: Mapped[str] = mapped_column(String(7))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(16), server_default=text("'reported'"))
    status: Mapped[str] = mapped_column(String(16), server_default=text("'submitted'"), index=True)
    flags: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'"))
    submitted_by: Mapped[str] = mapped_column(String(64))
    submitted_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_comment: Mapped[str | None] = mapped_column(Text)


class ObservationImport(Base):
    """An uploaded file's parsed preview, kept until it is committed (all rows or none)."""

    __tablename__ = "observation_imports"
    __table_args__ = (CheckConstraint("status IN ('preview', 'committed')", name="status"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    filename: Mapped[str] = mapped_column(String(255))
    layout: Mapped[str] = mapped_column(String(8))
    uploaded_by: Mapped[str] = mapped_column(String(64))
    rows: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'preview'"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
