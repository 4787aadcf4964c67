"""What the public endpoints' spam guard counts: one row per accepted public
submission (and per failed tracking lookup), keyed by hashes, never by the
address or number itself."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Identity, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from feedback_api.base import Base

KINDS = ("create", "add_info", "attachment", "rate", "lookup_failed")


class PublicSubmission(Base):
    __tablename__ = "public_submissions"
    __table_args__ = (
        CheckConstraint(f"kind IN {KINDS}", name="kind"),
        Index("ix_public_submissions_address", "address_hash", "created_at"),
        Index("ix_public_submissions_phone", "phone_index", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    # The form token's nonce: each token is good for one submission.
    nonce: Mapped[str | None] = mapped_column(String(32), unique=True)
    address_hash: Mapped[str] = mapped_column(String(64))
    phone_index: Mapped[str | None] = mapped_column(String(64))
    case_no: Mapped[str | None] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
