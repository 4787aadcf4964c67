"""Best practices (最佳实践案例) consolidated from tasks, and who adopted them (复制推广)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, UniqueConstraint, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from tasks_api.base import Base
from tasks_api.ledger.models import ENVIRONMENTS


class BestPractice(Base):
    __tablename__ = "best_practices"
    __table_args__ = (CheckConstraint(f"environment IN {ENVIRONMENTS}", name="environment"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    # One case per task: the task's consolidated result.
    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    # References to the files of the task's approved reports (report_id, index, filename, content_type, size, key).
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'"))
    unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    environment: Mapped[str] = mapped_column(String(32))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Replication(Base):
    """A unit that adopted a best practice (复制推广)."""

    __tablename__ = "best_practice_replications"
    __table_args__ = (UniqueConstraint("best_practice_id", "unit_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    best_practice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("best_practices.id", ondelete="CASCADE"),
                                                        index=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    adopted_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
