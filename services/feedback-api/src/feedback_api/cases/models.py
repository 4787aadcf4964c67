"""Enterprise feedback cases (企业诉求 / 工单), their units, events,
attachments and extension requests."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Sequence,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    literal_column,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from feedback_api.base import Base
from feedback_api.repeats.similarity import name_key_sql

CHANNELS = ("public_form", "hotline_12345", "open311", "experience_officer", "salon", "media", "inspection",
            "rating")
TYPES = ("consultation", "help", "complaint", "report", "suggestion", "praise")
STATUSES = ("received", "assigned", "accepted", "in_progress", "replied", "closed", "returned", "reopened")
SATISFACTIONS = ("satisfied", "basically_satisfied", "dissatisfied")
EXTENSION_STATUSES = ("pending", "approved", "refused")

# Case numbers FK<yyyymmdd>-<n>: one sequence for the whole service, so numbers never repeat.
case_no_seq = Sequence("case_no_seq", metadata=Base.metadata)


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint(f"channel IN {CHANNELS}", name="channel"),
        CheckConstraint(f"type IN {TYPES}", name="type"),
        CheckConstraint(f"status IN {STATUSES}", name="status"),
        CheckConstraint(f"satisfaction IN {SATISFACTIONS}", name="satisfaction"),
        CheckConstraint("time_limit_working_days BETWEEN 1 AND 120", name="time_limit"),
        CheckConstraint("anonymous = false OR type = 'suggestion'", name="anonymous_suggestion"),
        UniqueConstraint("channel", "external_id", name="uq_cases_channel_external_id"),
        Index("ix_cases_status_due_at", "status", "due_at"),
        Index("ix_cases_received_at", "received_at"),
        Index("ix_cases_closed_at", "closed_at"),
        # the repeat check's lookup by enterprise name (repeats/detect.py) at any history
        Index("ix_cases_enterprise_key", name_key_sql(literal_column("enterprise_name"))),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    case_no: Mapped[str] = mapped_column(String(24), unique=True)
    tracking_code: Mapped[str] = mapped_column(String(16), unique=True)
    channel: Mapped[str] = mapped_column(String(24))
    external_id: Mapped[str | None] = mapped_column(String(64))
    # Who the entry was made for (体验官 name, salon, media outlet, inspection) — not personal contact data.
    source_detail: Mapped[str | None] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(16))
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"), index=True)
    external_category: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    desired_outcome: Mapped[str | None] = mapped_column(Text)
    enterprise_name: Mapped[str | None] = mapped_column(String(200))
    credit_code: Mapped[str | None] = mapped_column(String(18), index=True)
    anonymous: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    contact_name: Mapped[str | None] = mapped_column(String(50))
    # Personal data: AES-GCM ciphertext, a keyed blind index for lookups, the mask for display.
    contact_phone_enc: Mapped[str | None] = mapped_column(Text)
    contact_phone_index: Mapped[str | None] = mapped_column(String(64), index=True)
    contact_phone_masked: Mapped[str | None] = mapped_column(String(20))
    contact_id_enc: Mapped[str | None] = mapped_column(Text)
    contact_id_masked: Mapped[str | None] = mapped_column(String(24))
    district_code: Mapped[str | None] = mapped_column(String(12))
    district_name: Mapped[str | None] = mapped_column(String(50))
    district_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    address: Mapped[str | None] = mapped_column(String(300))

    status: Mapped[str] = mapped_column(String(16))
    main_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    time_limit_working_days: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accept_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    assigned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    replied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reply: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    satisfaction: Mapped[str | None] = mapped_column(String(24))
    satisfaction_comment: Mapped[str | None] = mapped_column(Text)
    reopen_count: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    # The earlier case this one repeats (same enterprise or phone, same category, within 30 days of its closing).
    repeat_of_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), index=True)

    # 12345: the canonical body's SHA-256 and the first answer, replayed to an identical push.
    intake_hash: Mapped[str | None] = mapped_column(String(64))
    intake_response: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_by: Mapped[str] = mapped_column(String(128))
    created_by_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())

    co_units: Mapped[list[CaseUnit]] = relationship(lazy="raise", cascade="all, delete-orphan",
                                                    order_by="CaseUnit.position")


class CaseUnit(Base):
    """A co-handling unit (协办单位) of a case; the main unit is on the case."""

    __tablename__ = "case_units"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class CaseEvent(Base):
    """One step of a case's timeline: every status change and every note.
    ``public`` events (and only them) appear on the enterprise's tracking page."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case_id_id", "case_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(128))
    actor_kind: Mapped[str] = mapped_column(String(16))  # staff / enterprise / hotline / system
    actor_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    comment: Mapped[str | None] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'"))


class CaseAttachment(Base):
    __tablename__ = "case_attachments"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None] = mapped_column(Integer)
    # A stored file (under the storage dir) or a link the 12345 system gave (never fetched here).
    storage_key: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(1000))
    source: Mapped[str] = mapped_column(String(16))  # enterprise / staff / hotline
    uploaded_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CaseExtension(Base):
    """An extension request (延期申请) by the handling unit, decided by the dispatcher."""

    __tablename__ = "case_extensions"
    __table_args__ = (
        CheckConstraint(f"status IN {EXTENSION_STATUSES}", name="status"),
        CheckConstraint("working_days BETWEEN 1 AND 60", name="working_days"),
        # At most one pending request per case.
        Index("uq_case_extensions_pending", "case_id", unique=True, postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    working_days: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'pending'"))
    requested_by: Mapped[str] = mapped_column(String(128))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_comment: Mapped[str | None] = mapped_column(Text)
    old_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    new_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
