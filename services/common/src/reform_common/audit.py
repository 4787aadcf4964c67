"""Audit helpers: who did what, when, from which request.

Each service declares its own ``audit_log`` model from :class:`AuditMixin`
(each service owns its tables); :func:`record` writes a row in the caller's
transaction, so the audit entry commits or rolls back with the change.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Identity, String, Uuid, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from .auth import Principal
from .observability import request_id_var


class AuditMixin:
    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    actor: Mapped[str] = mapped_column(String(128))
    actor_unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    request_id: Mapped[str | None] = mapped_column(String(128))


def record(
    session: AsyncSession,
    model: type[AuditMixin],
    *,
    action: str,
    entity_type: str,
    entity_id: Any = None,
    actor: Principal | str,
    detail: dict[str, Any] | None = None,
) -> None:
    if isinstance(actor, Principal):
        actor_name, unit_id = actor.username, actor.unit_id
    else:
        actor_name, unit_id = actor, None
    session.add(
        model(
            actor=actor_name,
            actor_unit_id=unit_id,
            action=action,
            entity_type=entity_type,
            entity_id=None if entity_id is None else str(entity_id),
            detail=detail or {},
            request_id=request_id_var.get(),
        )
    )


async def list_entries(
    session: AsyncSession, model: type[AuditMixin], filters: dict[str, str | None], *, offset: int, limit: int
) -> tuple[list[Any], int]:
    """Newest first; ``filters`` match columns exactly, ``None`` means any."""
    stmt = select(model)
    for column, value in filters.items():
        if value:
            stmt = stmt.where(getattr(model, column) == value)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = await session.scalars(stmt.order_by(model.id.desc()).offset(offset).limit(limit))
    return list(rows), int(total or 0)
