"""Grassroots innovation pilots (基层创新试点): 攻坚目标 → 试点探索 → 反馈情况 →
调整完善 → 全面推开."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from tasks_api.base import Base
from tasks_api.ledger.models import ENVIRONMENTS

PILOT_STATUSES = ("running", "rolled_out", "stopped")
DECISIONS = ("roll_out", "adjust", "stop")


class Pilot(Base):
    __tablename__ = "pilots"
    __table_args__ = (
        CheckConstraint(f"status IN {PILOT_STATUSES}", name="status"),
        CheckConstraint(f"environment IN {ENVIRONMENTS}", name="environment"),
        CheckConstraint("end_date >= start_date", name="period"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)  # what is tried (试点内容)
    goal: Mapped[str | None] = mapped_column(Text)  # 攻坚目标
    unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)  # the pilot district or department
    environment: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'running'"))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # When the final decision (roll out or stop) was taken.
    concluded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PilotFeedback(Base):
    """情况反馈 from the pilot unit (or the office)."""

    __tablename__ = "pilot_feedback"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    pilot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pilots.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    author: Mapped[str] = mapped_column(String(64))
    reported_on: Mapped[date] = mapped_column(Date)
    content: Mapped[str] = mapped_column(Text)
    progress_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PilotDecision(Base):
    __tablename__ = "pilot_decisions"
    __table_args__ = (CheckConstraint(f"decision IN {DECISIONS}", name="decision"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    pilot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pilots.id", ondelete="CASCADE"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text)
    # adjust: field → {before, after}; roll_out: the districts and the deadline.
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'"))
    decided_by: Mapped[str] = mapped_column(String(64))
    decided_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PilotTask(Base):
    """A ledger task created when the pilot was rolled out (全面推开)."""

    __tablename__ = "pilot_tasks"

    pilot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pilots.id", ondelete="CASCADE"), primary_key=True)
    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True,
                                               index=True)
