"""Quarterly baselines of the battle map (作战图): each dated step's planned
due date frozen at the start of a quarter, so plan-versus-actual still shows
slippage after the live dates were moved."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from tasks_api.base import Base

# milestone: a ledger task's milestone; action_node: a special action's own time node.
ITEM_KINDS = ("milestone", "action_node")


class Baseline(Base):
    __tablename__ = "battle_map_baselines"
    __table_args__ = (
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter"),
        UniqueConstraint("year", "quarter"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    taken_by: Mapped[str] = mapped_column(String(64))
    item_count: Mapped[int] = mapped_column(Integer)


class BaselineItem(Base):
    """One step as planned when the baseline was taken. No foreign key to the
    live row: the frozen plan outlives a milestone that is later dropped."""

    __tablename__ = "battle_map_baseline_items"
    __table_args__ = (
        CheckConstraint(f"kind IN {ITEM_KINDS}", name="kind"),
        UniqueConstraint("baseline_id", "kind", "item_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    baseline_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("battle_map_baselines.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    title: Mapped[str] = mapped_column(String(300))
    task_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    task_code: Mapped[str | None] = mapped_column(String(32))
    task_title: Mapped[str | None] = mapped_column(String(300))
    action_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action_code: Mapped[str | None] = mapped_column(String(32))
    action_name: Mapped[str | None] = mapped_column(String(200))
    lead_unit_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    environment: Mapped[str | None] = mapped_column(String(32))
    planned_due: Mapped[date] = mapped_column(Date)
    done_date: Mapped[date | None] = mapped_column(Date)
