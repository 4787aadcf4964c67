"""A bulletin (通报): a frozen snapshot of the league table and the ledger for one period."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, Integer, String, UniqueConstraint, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from tasks_api.base import Base

BULLETIN_KINDS = ("monthly", "quarterly", "annual")
BULLETIN_STATUSES = ("draft", "published")


class Bulletin(Base):
    __tablename__ = "bulletins"
    __table_args__ = (
        CheckConstraint(f"kind IN {BULLETIN_KINDS}", name="kind"),
        CheckConstraint(f"status IN {BULLETIN_STATUSES}", name="status"),
        # A document number and an issue date exactly when published.
        CheckConstraint("(status = 'published') = (seq IS NOT NULL AND number IS NOT NULL AND issued_on IS NOT NULL)",
                        name="published_numbered"),
        UniqueConstraint("year", "seq", name="uq_bulletins_year_seq"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(10))  # 2026-10 / 2026-Q3 / 2026
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    as_of: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), server_default=text("'draft'"))
    # 文号: numbered per year when published, so deleted drafts leave no gaps.
    seq: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(64))
    issued_on: Mapped[date | None] = mapped_column(Date)
    # Everything shown and downloaded; computed when generated, never recomputed once published.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
    published_by: Mapped[str | None] = mapped_column(String(64))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
