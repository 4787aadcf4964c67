"""Frameworks (评价体系), indicator trees, regions and peer sets."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from indicators_api.base import Base


class Framework(Base):
    __tablename__ = "frameworks"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, server_default=text("''"))
    kind: Mapped[str] = mapped_column(String(32))
    # The peer set ranks are taken in, and the city compared against.
    region_set: Mapped[str] = mapped_column(String(32))
    benchmark_region: Mapped[str | None] = mapped_column(String(6))
    # 保五争四冲三: rank floor / target / stretch for the served city's overall rank.
    rank_floor: Mapped[int | None] = mapped_column(Integer)
    rank_target: Mapped[int | None] = mapped_column(Integer)
    rank_stretch: Mapped[int | None] = mapped_column(Integer)
    # Ranks worse than this are weaknesses, this good or better strengths.
    weakness_rank_above: Mapped[int | None] = mapped_column(Integer)
    strength_rank_at_most: Mapped[int | None] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class Indicator(Base):
    __tablename__ = "indicators"
    __table_args__ = (
        CheckConstraint("kind IN ('leaf', 'composite', 'computed')", name="kind"),
        CheckConstraint("decimals BETWEEN 0 AND 6", name="decimals"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    framework_code: Mapped[str] = mapped_column(ForeignKey("frameworks.code"), index=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("indicators.code"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    higher_is_better: Mapped[bool] = mapped_column(Boolean)
    unit: Mapped[str] = mapped_column(String(16), server_default=text("''"))
    decimals: Mapped[int] = mapped_column(Integer, server_default=text("2"))
    # The lead unit by its stable code in the gateway's directory (ids differ between installations).
    lead_unit_code: Mapped[str | None] = mapped_column(String(64), index=True)
    environment: Mapped[str | None] = mapped_column(String(32))
    weight: Mapped[float] = mapped_column(Float, server_default=text("1"))
    target: Mapped[float | None] = mapped_column(Float)
    advantage: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    links: Mapped[list[str]] = mapped_column(ARRAY(String(32)), server_default=text("'{}'"))
    description: Mapped[str] = mapped_column(Text, server_default=text("''"))
    sort_order: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Region(Base):
    """A city or province by its GB/T 2260 code."""

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    province: Mapped[str] = mapped_column(String(50))


class RegionSetMember(Base):
    __tablename__ = "region_set_members"

    set_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), primary_key=True)
