"""Rollups of the case measures (docs/feedback-league.md, "Rollups"): monthly
counters per handling unit and district, what each case last contributed to
them, and the assignments still waiting for an answer. Written only by the
database (the triggers and ``feedback_rollups_rebuild()`` of migration 0007),
read by :mod:`feedback_api.rollups.repository`."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Index,
    Integer,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from feedback_api.base import Base

COUNTERS = ("received", "closed", "closed_on_time", "closed_once", "rated", "satisfied", "reopens",
            "assignments_counted", "assignments_accepted")


def _counter(type_=Integer) -> Mapped[int]:
    return mapped_column(type_, server_default=text("0"))


class RollupConfig(Base):
    """The settings the rollups were counted with (one row): a different repeat window means a rebuild."""

    __tablename__ = "case_rollup_config"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False, server_default=text("1"))
    repeat_window_days: Mapped[int] = mapped_column(Integer)


class RollupMonthly(Base):
    """Counters of one Shanghai month, unit and district. The unit is the one each measure is attributed
    to (the main unit, the unit of the judged reply, the unit named in the assignment)."""

    __tablename__ = "case_rollup_monthly"
    __table_args__ = (
        # unit and district may be missing, so the key is a unique index rather than a primary key
        Index("uq_case_rollup_monthly_key", "month", "unit_id", "district_code", unique=True,
              postgresql_nulls_not_distinct=True),
        # the newest moment counted: readers with an as_of before it take the full computation
        Index("ix_case_rollup_monthly_last_at", "last_at"),
    )

    month: Mapped[date] = mapped_column(Date)  # its first day
    unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    district_code: Mapped[str | None] = mapped_column(String(12))
    received: Mapped[int] = _counter()
    closed: Mapped[int] = _counter()
    closed_on_time: Mapped[int] = _counter()
    closed_once: Mapped[int] = _counter()
    rated: Mapped[int] = _counter()
    satisfied: Mapped[int] = _counter()
    reopens: Mapped[int] = _counter()
    assignments_counted: Mapped[int] = _counter()
    assignments_accepted: Mapped[int] = _counter()
    last_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __mapper_args__ = {"primary_key": [month, unit_id, district_code]}


class RollupFact(Base):
    """What one case contributes to one monthly row, as last applied (subtracted when the case changes)."""

    __tablename__ = "case_rollup_facts"
    __table_args__ = (
        # checked at the end of the statement: a case's facts are replaced in one statement
        PrimaryKeyConstraint("case_id", "seq", deferrable=True, initially="IMMEDIATE"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    seq: Mapped[int] = mapped_column(SmallInteger)
    month: Mapped[date] = mapped_column(Date)
    unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    district_code: Mapped[str | None] = mapped_column(String(12))
    received: Mapped[int] = _counter(SmallInteger)
    closed: Mapped[int] = _counter(SmallInteger)
    closed_on_time: Mapped[int] = _counter(SmallInteger)
    closed_once: Mapped[int] = _counter(SmallInteger)
    rated: Mapped[int] = _counter(SmallInteger)
    satisfied: Mapped[int] = _counter(SmallInteger)
    reopens: Mapped[int] = _counter(SmallInteger)
    assignments_counted: Mapped[int] = _counter(SmallInteger)
    assignments_accepted: Mapped[int] = _counter(SmallInteger)
    last_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RollupPending(Base):
    """An assignment with no acceptance, return or reassignment after it yet: whether it counts depends
    on the moment asked about, so readers count these few live."""

    __tablename__ = "case_rollup_pending"

    event_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    unit_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    district_code: Mapped[str | None] = mapped_column(String(12))
    accept_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
