"""What an Open311 request brings beyond the case's own fields: the client, the
token, the location as sent. No personal data here (names and phone are on the
case, encrypted; an e-mail address is not kept)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from feedback_api.base import Base


class Open311Request(Base):
    __tablename__ = "open311_requests"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    # Resolves to the service_request_id (GET tokens/{token}); random, unguessable.
    token: Mapped[str] = mapped_column(String(40), unique=True)
    # The client's name from FEEDBACK_OPEN311_API_KEYS (never the key itself).
    client: Mapped[str] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    address_id: Mapped[str | None] = mapped_column(String(100))
    account_id: Mapped[str | None] = mapped_column(String(100))
    device_id: Mapped[str | None] = mapped_column(String(100))
    media_url: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
