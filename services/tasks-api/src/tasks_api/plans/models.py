"""Yearly plans (年度工作要点 / 任务清单): drafted, then published ("一年早知道")."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Integer, String, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column

from tasks_api.base import Base


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published')", name="status"),
        CheckConstraint("report_cycle IN ('biweekly', 'monthly')", name="report_cycle"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), server_default=text("'draft'"))
    # How often units report progress: 双周报送 or 月报.
    report_cycle: Mapped[str] = mapped_column(String(16), server_default=text("'monthly'"))
    warning_days: Mapped[int] = mapped_column(Integer, server_default=text("5"))
    # Points of progress a task may trail its milestone schedule before it turns yellow.
    lag_tolerance: Mapped[int] = mapped_column(Integer, server_default=text("20"))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
