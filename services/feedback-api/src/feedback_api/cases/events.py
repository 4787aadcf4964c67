"""Case events: the one place a case's timeline is written.

Every status change (through :func:`feedback_api.cases.service.transition`)
and every note lands here, in the caller's transaction, with an audit row.
Listeners subscribed with :func:`subscribe` run in the same transaction
right after the event is flushed — the outbox (12345 callbacks, Open311
updates) hooks in here, so an event and its outgoing message commit
together or not at all."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reform_common import audit
from reform_common.auth import Principal
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.audit.models import AuditLog
from feedback_api.cases import repository
from feedback_api.cases.models import Case, CaseEvent


@dataclass(frozen=True)
class Actor:
    """Who acts on a case: a signed-in user, the enterprise (by tracking code),
    the 12345 system (by its key) or the system itself."""

    name: str
    kind: str  # staff / enterprise / hotline / system
    principal: Principal | None = None

    @property
    def unit_id(self) -> uuid.UUID | None:
        return self.principal.unit_id if self.principal else None

    @classmethod
    def staff(cls, principal: Principal) -> Actor:
        return cls(principal.username, "staff", principal)


ENTERPRISE_ACTOR = Actor("enterprise", "enterprise")
SYSTEM_ACTOR = Actor("system", "system")

Listener = Callable[[AsyncSession, Case, CaseEvent], Awaitable[None]]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> Listener:
    """Register ``listener(session, case, event)``; usable as a decorator."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def unsubscribe(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


async def record(
    session: AsyncSession,
    case: Case,
    event: str,
    actor: Actor,
    at: datetime,
    *,
    from_status: str | None,
    comment: str | None = None,
    public: bool = True,
    detail: dict[str, Any] | None = None,
) -> CaseEvent:
    """Append ``event`` to the case's timeline (``case.status`` is the status after it)."""
    row = CaseEvent(
        case_id=case.id, event=event, from_status=from_status, to_status=case.status, occurred_at=at,
        actor=actor.name, actor_kind=actor.kind, actor_unit_id=actor.unit_id, comment=comment, public=public,
        detail=detail or {},
    )
    # No personal data in the audit row: the case number, the statuses and the event's own detail.
    audited = {"action": f"case.{event}", "entity_type": "case", "entity_id": case.case_no,
               "actor": actor.principal or f"{actor.kind}:{actor.name}",
               "detail": {"from": from_status, "to": case.status, **(detail or {})}}
    if inspect(case).transient:
        # A new case's first event (intake): one statement writes the three rows.
        await repository.insert_new_case(session, case, row, audit.entry(**audited))
    else:
        session.add(row)
        audit.record(session, AuditLog, **audited)
        # One flush writes the case's changes, the event and its audit row; the listeners get the event's id.
        await session.flush()
    for listener in list(_listeners):
        await listener(session, case, row)
    return row
