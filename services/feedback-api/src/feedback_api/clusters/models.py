"""Similar-case clusters (类案, 举一反三): groups of cases about one matter,
suggested by the system and decided by the reform office, and the reform
task (in tasks-api) a confirmed cluster was turned into."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Sequence,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from feedback_api.base import Base

CLUSTER_STATUSES = ("suggested", "confirmed", "dismissed", "merged")
ORIGINS = ("system", "staff")

# Cluster codes LA-<year>-<n>: one sequence for the service, so codes never repeat.
cluster_no_seq = Sequence("cluster_no_seq", metadata=Base.metadata)


class CaseCluster(Base):
    __tablename__ = "clusters"
    __table_args__ = (
        CheckConstraint(f"status IN {CLUSTER_STATUSES}", name="status"),
        CheckConstraint(f"origin IN {ORIGINS}", name="origin"),
        CheckConstraint("period_start <= period_end", name="period"),
        CheckConstraint("threshold > 0 AND threshold < 1", name="threshold"),
        Index("ix_clusters_category_code_period_start", "category_code", "period_start"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    # suggested (by the system, waiting) → confirmed / dismissed; merged: absorbed into another cluster.
    status: Mapped[str] = mapped_column(String(16))
    # system: exactly as suggested; staff: made or changed by a person (a new suggestion run leaves it alone).
    origin: Mapped[str] = mapped_column(String(16))
    # The gate: cases are compared only within one category.
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"))
    period: Mapped[str] = mapped_column(String(40))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)  # inclusive, Shanghai days
    title: Mapped[str] = mapped_column(String(200))
    keywords: Mapped[list[str]] = mapped_column(ARRAY(String(50)), server_default=text("'{}'"))
    threshold: Mapped[float] = mapped_column(Float)
    cohesion: Mapped[float | None] = mapped_column(Float)  # mean pairwise similarity of the cases
    note: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("clusters.id"))
    # The reform task in tasks-api (举一反三 → 改革任务), set once tasks-api has created it.
    task_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    task_linked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    task_linked_by: Mapped[str | None] = mapped_column(String(128))
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
    confirmed_by: Mapped[str | None] = mapped_column(String(128))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    dismissed_by: Mapped[str | None] = mapped_column(String(128))
    dismissed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    dismiss_reason: Mapped[str | None] = mapped_column(Text)


class ClusterCase(Base):
    """A case in a cluster. ``active`` while the cluster is suggested or
    confirmed: a case is in at most one active cluster (the partial unique
    index); dismissed and merged clusters keep their rows, inactive."""

    __tablename__ = "cluster_cases"
    __table_args__ = (
        Index("uq_cluster_cases_active_case", "case_id", unique=True, postgresql_where=text("active")),
    )

    cluster_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True,
                                               index=True)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    # The case's mean similarity to the cluster's other cases when last computed.
    similarity: Mapped[float | None] = mapped_column(Float)
    added_by: Mapped[str] = mapped_column(String(128))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
