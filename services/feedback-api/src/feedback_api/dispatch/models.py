"""Dispatch model versions and the dispatchers' recorded choices."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Integer,
    LargeBinary,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, deferred, mapped_column

from feedback_api.base import Base

MODEL_STATUSES = ("ready", "rules", "failed")
TRIGGERS = ("schedule", "manual")
MODES = ("model", "rules")


class DispatchModel(Base):
    """One training run. ``ready``: a model was fitted and evaluated (its artifact is the
    pickled pipeline); ``rules``: too few closed cases, suggestions stay on the keyword rules;
    ``failed``: training raised (the note says why)."""

    __tablename__ = "dispatch_models"
    __table_args__ = (
        CheckConstraint(f"status IN {MODEL_STATUSES}", name="status"),
        CheckConstraint(f"trigger IN {TRIGGERS}", name="trigger"),
    )

    version: Mapped[int] = mapped_column(Integer, Identity(always=False), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    trigger: Mapped[str] = mapped_column(String(16))
    trained_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    trained_by: Mapped[str] = mapped_column(String(128))
    # The received_at of the oldest and newest closed case it learnt from.
    window_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    window_to: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    case_count: Mapped[int] = mapped_column(Integer)
    # The time-ordered held-out evaluation (dispatch/learn.py: evaluate).
    metrics: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'"))
    note: Mapped[str | None] = mapped_column(Text)
    # Loaded only when a process first needs the version (then cached by version).
    artifact: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))


class DispatchDecision(Base):
    """A dispatcher's assignment next to the suggestion current at that moment."""

    __tablename__ = "dispatch_decisions"
    __table_args__ = (CheckConstraint(f"mode IN {MODES}", name="mode"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(String(8))
    model_version: Mapped[int | None] = mapped_column(ForeignKey("dispatch_models.version"), index=True)
    suggested_category: Mapped[str | None] = mapped_column(String(40))
    suggested_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    suggested_co_unit_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid), server_default=text("'{}'"))
    category_confidence: Mapped[float | None] = mapped_column(Float)
    unit_confidence: Mapped[float | None] = mapped_column(Float)
    chosen_category: Mapped[str] = mapped_column(String(40))
    chosen_unit_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    chosen_co_unit_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid), server_default=text("'{}'"))
    # The chosen main unit is the suggested one; explicitly: the dispatcher clicked "accept".
    accepted: Mapped[bool] = mapped_column(Boolean)
    accepted_explicitly: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    decided_by: Mapped[str] = mapped_column(String(128))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
