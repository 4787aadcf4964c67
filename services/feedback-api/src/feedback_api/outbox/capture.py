"""Writing outbox rows: a case-event listener (``events.subscribe``) that runs in
the transaction of the status change, so the callback commits with the change
or not at all. It acts only inside a request of an app whose
``HOTLINE_CALLBACK_URL`` is set (:class:`OutboxContextMiddleware` tells it which
app that is); with the URL unset no row is written, and neither is one for
changes made outside a request (``seed-demo`` replays history: nothing to call
back)."""

from __future__ import annotations

import json
import logging
import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reform_common.db import after_commit
from reform_common.units import UnitDirectory
from reform_common.workdays import SHANGHAI
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import ASGIApp, Receive, Scope, Send

from feedback_api.cases import events, workflow
from feedback_api.cases.models import Case, CaseEvent
from feedback_api.outbox.models import HotlineCallback
from feedback_api.settings import Settings

if TYPE_CHECKING:
    from feedback_api.outbox.dispatcher import Dispatcher

log = logging.getLogger("feedback_api.outbox")

CHANNEL = "hotline_12345"
# Every workflow step of an order is called back (status changes, a reassignment, an approved
# extension that moves due_at) except the internal extension request and its refusal.
CALLBACK_EVENTS = frozenset(workflow.EVENTS.values()) - {"extension_requested", "extension_refused"}


@dataclass
class Outbox:
    """One app's outbox: its settings, its unit directory and its dispatcher (set at startup)."""

    settings: Settings
    units: UnitDirectory | None = None
    dispatcher: Dispatcher | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.settings.hotline_callback_url)

    async def kick(self) -> None:
        """Wake the dispatcher (after a commit that wrote rows, or a manual retry)."""
        if self.dispatcher is not None:
            self.dispatcher.kick()

    async def unit_name(self, case: Case, event: CaseEvent) -> str | None:
        if case.main_unit_id is None:
            return None
        named = (event.detail or {}).get("unit_name")
        if event.event == "assigned" and named:
            return str(named)
        if self.units is None:
            return None
        try:
            unit = await self.units.get(case.main_unit_id)
        except Exception:  # the directory being down must not block a status change
            log.warning("unit directory unavailable; callback for %s sent without the unit name", case.case_no)
            return None
        return unit.name if unit else None


_current: ContextVar[Outbox | None] = ContextVar("feedback_outbox", default=None)


def current() -> Outbox | None:
    return _current.get()


class OutboxContextMiddleware:
    """Makes the app's :class:`Outbox` the current one for the duration of each request."""

    def __init__(self, app: ASGIApp, outbox: Outbox) -> None:
        self.app = app
        self.outbox = outbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = _current.set(self.outbox)
        try:
            await self.app(scope, receive, send)
        finally:
            _current.reset(token)


def _time(value) -> str | None:
    return value.astimezone(SHANGHAI).isoformat() if value is not None else None


def payload(case: Case, event: CaseEvent, event_id: uuid.UUID, unit: str | None) -> dict[str, Any]:
    """The callback body (docs/integrations/12345.md, "Callbacks")."""
    return {
        "event_id": str(event_id),
        "order_no": case.external_id,
        "case_no": case.case_no,
        "event": event.event,
        "status": case.status,
        "occurred_at": _time(event.occurred_at),
        "unit": unit,
        "reply": case.reply,
        "due_at": _time(case.due_at),
        "satisfaction": case.satisfaction,
    }


def encode(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


@events.subscribe
async def capture(session: AsyncSession, case: Case, event: CaseEvent) -> None:
    outbox = current()
    if outbox is None or not outbox.enabled:
        return
    if case.channel != CHANNEL or not case.external_id or event.event not in CALLBACK_EVENTS:
        return
    event_id = uuid.uuid4()
    body = payload(case, event, event_id, await outbox.unit_name(case, event))
    session.add(HotlineCallback(event_id=event_id, case_id=case.id, case_event_id=event.id, order_no=case.external_id,
                                case_no=case.case_no, event=event.event, body=encode(body), state="pending",
                                attempts=0))
    # Flushed now, so the identity (the per-order delivery order) follows the order of the events.
    await session.flush()
    if outbox.kick not in session.info.get("after_commit", []):
        after_commit(session, outbox.kick)
