"""The lifecycle's history (生命周期): every stage change of a task, who made it and why."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from tasks_api.base import Base
from tasks_api.ledger.models import LIFECYCLE_STAGES


class TaskStageChange(Base):
    __tablename__ = "task_stage_changes"
    __table_args__ = (
        CheckConstraint(f"from_stage IN {LIFECYCLE_STAGES}", name="from_stage"),
        CheckConstraint(f"to_stage IN {LIFECYCLE_STAGES}", name="to_stage"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str] = mapped_column(String(32))
    to_stage: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    actor_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    comment: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
