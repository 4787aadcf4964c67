"""The rated services (事项) and their ratings."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from feedback_api.base import Base


class RatedService(Base):
    """A high-frequency enterprise service (高频涉企事项). Deactivated, never deleted: ratings keep it."""

    __tablename__ = "rated_services"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # The handling unit's code in the gateway's unit directory.
    unit_code: Mapped[str] = mapped_column(String(40), index=True)
    # Cases made from low ratings get this category.
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"))
    description: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())


class ServiceRating(Base):
    """One rating. The unit is the service's unit at the time of rating, so later catalogue edits do
    not move past ratings. The phone is personal data: ciphertext, blind index and mask only."""

    __tablename__ = "service_ratings"
    __table_args__ = (
        CheckConstraint("stars BETWEEN 1 AND 5", name="stars"),
        Index("ix_service_ratings_service_code_created_at", "service_code", "created_at"),
        Index("ix_service_ratings_unit_code_created_at", "unit_code", "created_at"),
        Index("ix_service_ratings_address_hash_created_at", "address_hash", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    service_code: Mapped[str] = mapped_column(ForeignKey("rated_services.code"))
    unit_code: Mapped[str] = mapped_column(String(40))
    stars: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    enterprise_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone_enc: Mapped[str | None] = mapped_column(Text)
    contact_phone_index: Mapped[str | None] = mapped_column(String(64))
    contact_phone_masked: Mapped[str | None] = mapped_column(String(20))
    # Keyed hash of the client address (the per-service limit), never the address.
    address_hash: Mapped[str | None] = mapped_column(String(64))
    # The case a low rating with a comment became.
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
