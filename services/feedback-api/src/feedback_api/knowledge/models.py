"""The handling knowledge base (知识库): Q&A entries the reform office curates
(policy, procedure, where to go), often built from a good reply to a case, used
to answer 咨询 cases directly."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text, Uuid, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from feedback_api.base import Base

KINDS = ("policy", "procedure", "where_to_go")
ENTRY_STATUSES = ("draft", "published", "archived")


class KnowledgeEntry(Base):
    __tablename__ = "knowledge_entries"
    __table_args__ = (
        CheckConstraint(f"kind IN {KINDS}", name="kind"),
        CheckConstraint(f"status IN {ENTRY_STATUSES}", name="status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    title: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    category_code: Mapped[str | None] = mapped_column(ForeignKey("categories.code"), index=True)
    keywords: Mapped[list[str]] = mapped_column(ARRAY(String(50)), server_default=text("'{}'"))
    # The case whose reply the entry was built from: one entry per case (the one-click button is idempotent).
    source_case_no: Mapped[str | None] = mapped_column(ForeignKey("cases.case_no"), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_by: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
