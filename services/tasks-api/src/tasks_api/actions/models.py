"""Special actions (专项行动, "12+N"): 一个行动、一名领导、一个团队、一抓到底 —
one campaign with one leading official, one lead unit and its team, measures,
dated nodes and the ledger tasks it drives."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tasks_api.base import Base
from tasks_api.ledger.models import ENVIRONMENTS

# city: one of the 12 city-wide actions; extra: one of the N added on top.
KINDS = ("city", "extra")


class SpecialAction(Base):
    __tablename__ = "special_actions"
    __table_args__ = (
        CheckConstraint(f"kind IN {KINDS}", name="kind"),
        CheckConstraint(f"environment IN {ENVIRONMENTS}", name="environment"),
        Index("ix_special_actions_year_kind", "year", "kind"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    goal: Mapped[str | None] = mapped_column(Text)
    leading_official: Mapped[str] = mapped_column(String(100))
    lead_unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    environment: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())

    team: Mapped[list[SpecialActionUnit]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="SpecialActionUnit.position"
    )
    measures: Mapped[list[SpecialActionMeasure]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="SpecialActionMeasure.seq"
    )
    nodes: Mapped[list[SpecialActionNode]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="(SpecialActionNode.due_date, SpecialActionNode.seq)"
    )
    task_links: Mapped[list[SpecialActionTask]] = relationship(lazy="raise", cascade="all, delete-orphan")


class SpecialActionUnit(Base):
    """A team unit (团队成员单位) of an action, in the order the action lists them."""

    __tablename__ = "special_action_units"

    action_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("special_actions.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class SpecialActionMeasure(Base):
    """One measure (举措) of an action."""

    __tablename__ = "special_action_measures"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("special_actions.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)


class SpecialActionNode(Base):
    """A time node (时间节点) of the action itself, ticked by its lead unit with evidence."""

    __tablename__ = "special_action_nodes"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("special_actions.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date] = mapped_column(Date, index=True)
    done_date: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str | None] = mapped_column(Text)


class SpecialActionTask(Base):
    """A ledger task the action drives (关联任务)."""

    __tablename__ = "special_action_tasks"

    action_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("special_actions.id", ondelete="CASCADE"), primary_key=True
    )
    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True,
                                               index=True)
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
