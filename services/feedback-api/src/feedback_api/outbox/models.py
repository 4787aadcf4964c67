"""Outbox rows: one signed callback to the 12345 system per case event of an order."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from feedback_api.base import Base

CALLBACK_STATES = ("pending", "failed", "delivered")


class HotlineCallback(Base):
    """``pending``: not tried yet; ``failed``: the last attempt failed, tried again at
    ``next_attempt_at``; ``delivered``: the receiver answered 2xx. Rows of one order
    go out strictly in ``id`` order: a row waits while an earlier one is undelivered."""

    __tablename__ = "hotline_callbacks"
    __table_args__ = (
        CheckConstraint(f"state IN {CALLBACK_STATES}", name="state"),
        # The dispatcher's claim: undelivered rows by due time; the ordering check by order.
        Index("ix_hotline_callbacks_due", "next_attempt_at", postgresql_where=text("state <> 'delivered'")),
        Index("ix_hotline_callbacks_order_no_id", "order_no", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    case_event_id: Mapped[int | None] = mapped_column(BigInteger)
    order_no: Mapped[str] = mapped_column(String(64))
    case_no: Mapped[str] = mapped_column(String(24))
    event: Mapped[str] = mapped_column(String(32))
    # The exact JSON bytes sent (and signed) on every attempt.
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), server_default=text("'pending'"))
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
