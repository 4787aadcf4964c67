"""The ledger (改革任务台账): tasks, their units and milestones."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tasks_api.base import Base

ENVIRONMENTS = ("gov_service", "rule_of_law", "market", "economic_ecology", "humanistic", "entrepreneurship")
CATEGORIES = ("key", "strength", "weakness", "signature")
STATUSES = ("not_started", "in_progress", "completed", "ongoing")
LIFECYCLE_STAGES = ("demand_analysis", "project_generation", "progress_tracking", "evaluation",
                    "consolidation", "replication")
SOURCES = ("plan", "feedback_cluster", "inspection", "pilot")


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint(f"environment IN {ENVIRONMENTS}", name="environment"),
        CheckConstraint(f"category IN {CATEGORIES}", name="category"),
        CheckConstraint("benchmark_class IN ('A', 'B', 'C')", name="benchmark_class"),
        CheckConstraint(f"status IN {STATUSES}", name="status"),
        CheckConstraint(f"lifecycle_stage IN {LIFECYCLE_STAGES}", name="lifecycle_stage"),
        CheckConstraint(f"source IN {SOURCES}", name="source"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),
        CheckConstraint("(deadline IS NULL) = continuous", name="deadline_or_continuous"),
        Index("ix_tasks_plan_seq", "plan_id", "seq"),
        # What the ledger list evaluates every task in scope by, read from the index alone (migration 0013).
        Index("ix_tasks_list", "plan_id", postgresql_include=[
            "id", "code", "status", "deadline", "progress", "lead_unit_id", "environment", "category",
            "benchmark_class"]),
        # The list's default order (code, byte order): its first page is a walk of 20 entries. The
        # collation is written where the operator class goes, as PostgreSQL's index syntax places it.
        Index("ix_tasks_code_c", "code", postgresql_ops={"code": 'COLLATE "C"'}),
        # One task per origin: a feedback cluster (举一反三) becomes at most one task.
        UniqueConstraint("source", "source_ref", name="uq_tasks_source_source_ref"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    seq: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    measures: Mapped[str | None] = mapped_column(Text)
    goal: Mapped[str | None] = mapped_column(Text)
    environment: Mapped[str] = mapped_column(String(32), index=True)
    special_group: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(16))
    benchmark_class: Mapped[str | None] = mapped_column(String(1))
    benchmark_city: Mapped[str | None] = mapped_column(String(50))
    lead_unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    leading_official: Mapped[str | None] = mapped_column(String(100))
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    deadline: Mapped[date | None] = mapped_column(Date)
    continuous: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    lifecycle_stage: Mapped[str] = mapped_column(String(32), server_default=text("'progress_tracking'"))
    status: Mapped[str] = mapped_column(String(16), server_default=text("'not_started'"))
    # Latest approved reported progress; the task's progress is derived (docs/ledger.md).
    reported_progress: Mapped[int | None] = mapped_column(Integer)
    progress: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    indicator_codes: Mapped[list[str]] = mapped_column(ARRAY(String(64)), server_default=text("'{}'"))
    source: Mapped[str] = mapped_column(String(32), server_default=text("'plan'"))
    # What the task came from, for sources other than the plan: the feedback cluster code (LA-2026-0001).
    source_ref: Mapped[str | None] = mapped_column(String(64))
    # Case numbers (FK…) of the enterprise feedback behind the task, as linked when it was created.
    linked_cases: Mapped[list[str]] = mapped_column(ARRAY(String(24)), server_default=text("'{}'"))
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), server_default=text("'{}'"))
    # The keyword filter's text: title, measures, goal, code and tags lowercased (migration 0009).
    search_text: Mapped[str] = mapped_column(
        Text, Computed("task_search_text(title, measures, goal, code, tags)", persisted=True), deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())

    responsible_units: Mapped[list[TaskUnit]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="TaskUnit.position"
    )
    milestones: Mapped[list[Milestone]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="(Milestone.due_date, Milestone.seq)"
    )


class TaskUnit(Base):
    """A responsible unit (责任单位) of a task."""

    __tablename__ = "task_units"

    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class Milestone(Base):
    """A dated step (节点); quarterly by default."""

    __tablename__ = "milestones"
    # A task's schedule (TaskSchedule, recomputed after every milestone change) reads its
    # milestone dates from this index alone; led by task_id, it also serves every lookup by task
    # (and the foreign key's cascade), so task_id has no index of its own (migration 0014).
    __table_args__ = (
        Index("ix_milestones_task_id_due_date", "task_id", "due_date", postgresql_include=["done_date"]),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    title: Mapped[str] = mapped_column(String(300))
    quarter: Mapped[int | None] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    done_date: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str | None] = mapped_column(Text)


class TaskSchedule(Base):
    """A task's milestone dates, kept by the ``milestones`` triggers of migration 0009 (never written
    here): the ledger list evaluates thousands of warnings from this one row per task instead of
    reading every task's milestones on each call."""

    __tablename__ = "task_schedules"

    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True)
    due_dates: Mapped[list[date]] = mapped_column(ARRAY(Date))  # every milestone's due date, ascending
    open_due: Mapped[date | None] = mapped_column(Date)  # the earliest due date of an open milestone
    # The first day the task's progress lags its expected progress by more than the plan's tolerance
    # (NULL: never), kept by the triggers of migration 0012 with the task's progress and the plan.
    lag_from: Mapped[date | None] = mapped_column(Date)
