"""Inspections (督察): on-site visits and unannounced spot checks, their findings
and the rectifications (整改) those findings require."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tasks_api.base import Base

INSPECTION_KINDS = ("on_site", "spot_check")
SEVERITIES = ("general", "serious", "critical")
RECTIFICATION_STATUSES = ("open", "submitted", "verified")


class Inspection(Base):
    __tablename__ = "inspections"
    __table_args__ = (
        CheckConstraint(f"kind IN {INSPECTION_KINDS}", name="kind"),
        CheckConstraint("task_id IS NOT NULL OR unit_id IS NOT NULL", name="target"),
        UniqueConstraint("year", "seq", name="uq_inspections_year_seq"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # DC-2026-001
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    # The target: a task, a unit, or a unit's work on a task.
    task_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    inspected_on: Mapped[date] = mapped_column(Date, index=True)
    method: Mapped[str] = mapped_column(Text)
    inspectors: Mapped[list[str]] = mapped_column(ARRAY(String(50)), server_default=text("'{}'"))
    summary: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64))
    created_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # A special group's own inspections of units stay visible to it without a task.
    created_environment: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    findings: Mapped[list[InspectionFinding]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="InspectionFinding.seq"
    )


class InspectionFinding(Base):
    __tablename__ = "inspection_findings"
    __table_args__ = (CheckConstraint(f"severity IN {SEVERITIES}", name="severity"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(16))
    requires_rectification: Mapped[bool] = mapped_column(Boolean)


class Rectification(Base):
    """The fix a finding requires: one owner unit, a working-day deadline, evidence, verification."""

    __tablename__ = "rectifications"
    __table_args__ = (
        CheckConstraint(f"status IN {RECTIFICATION_STATUSES}", name="status"),
        CheckConstraint("deadline_days BETWEEN 1 AND 250", name="deadline_days"),
        CheckConstraint("(status = 'verified') = (verified_on IS NOT NULL)", name="verified"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    finding_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("inspection_findings.id", ondelete="CASCADE"), unique=True
    )
    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    owner_unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    # Issued on the inspection date; due on its deadline_days-th working day after.
    issued_on: Mapped[date] = mapped_column(Date)
    deadline_days: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'open'"))
    evidence: Mapped[str | None] = mapped_column(Text)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'"))
    submitted_on: Mapped[date | None] = mapped_column(Date)
    submitted_by: Mapped[str | None] = mapped_column(String(64))
    verified_on: Mapped[date | None] = mapped_column(Date)
    verified_by: Mapped[str | None] = mapped_column(String(64))
    verification_comment: Mapped[str | None] = mapped_column(Text)
    return_reason: Mapped[str | None] = mapped_column(Text)
    returned_count: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
