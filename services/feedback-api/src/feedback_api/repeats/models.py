"""A repeat flag (重复诉求标记): the case it is on, the earlier case it
repeats, how they matched and what staff decided. ``cases.repeat_of_id``
holds the live link: set while the flag is suggested or confirmed, cleared
when it is dismissed — the one-time resolution metric reads that link."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Float, ForeignKey, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from feedback_api.base import Base

FLAG_STATUSES = ("suggested", "confirmed", "dismissed")
MATCHED_BY = ("credit_code", "enterprise_name", "phone", "legacy")


class CaseRepeatFlag(Base):
    __tablename__ = "case_repeat_flags"
    __table_args__ = (
        CheckConstraint(f"status IN {FLAG_STATUSES}", name="status"),
        CheckConstraint(f"matched_by IN {MATCHED_BY}", name="matched_by"),
        CheckConstraint("case_id <> repeat_of_id", name="not_itself"),
        Index("ix_case_repeat_flags_status_created_at", "status", "created_at"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    repeat_of_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'suggested'"))
    matched_by: Mapped[str] = mapped_column(String(16))
    # Cosine similarity of the two texts' character bigrams (null for links made before detection had it).
    similarity: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_comment: Mapped[str | None] = mapped_column(Text)
