"""Reminder notices (提示单): at most one per unit per day, listing its yellow and red items."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, String, Text, UniqueConstraint, Uuid, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from tasks_api.base import Base


class ReminderNotice(Base):
    __tablename__ = "reminder_notices"
    __table_args__ = (UniqueConstraint("unit_id", "issued_on", name="uq_reminder_notices_unit_day"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    unit_name: Mapped[str] = mapped_column(String(128))
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    content: Mapped[str] = mapped_column(Text)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    reply: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The robot webhook is told after commit; its outcome is kept for the office to see.
    webhook_status: Mapped[str] = mapped_column(String(16), default="pending")
