"""Posting to units' inboxes (for any feature) and reading one's own. Never commits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

from reform_common import audit
from reform_common.auth import DISTRICT, GROUP_LEAD, LEAD_UNIT, REFORM_OFFICE, UNIT, Principal
from reform_common.errors import forbidden, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.inbox import repository as repo
from tasks_api.inbox.models import InboxMessage

WORKING_ROLES = (REFORM_OFFICE, GROUP_LEAD, LEAD_UNIT, UNIT, DISTRICT)


async def post(
    session: AsyncSession, *, kind: str, source_id: str, title: str, summary: str | None, link: str,
    unit_ids: Iterable[uuid.UUID],
) -> int:
    """One message per unit and source; units that already have it get nothing. Returns the number posted."""
    rows = [{"id": uuid.uuid4(), "unit_id": unit_id, "kind": kind, "source_id": source_id, "title": title,
             "summary": summary, "link": link} for unit_id in dict.fromkeys(unit_ids)]
    return await repo.insert_missing(session, rows)


async def mark_read(session: AsyncSession, actor: Principal, message_id: uuid.UUID) -> InboxMessage:
    # Leaders read and change nothing, not even a read mark.
    if not actor.has_any(*WORKING_ROLES):
        raise forbidden("只读角色不能标记消息。")
    message = await repo.get_own(session, actor, message_id, for_update=True)
    if message is None:
        raise not_found("消息")
    if message.read_at is None:
        message.read_at, message.read_by = datetime.now(UTC), actor.username
        audit.record(session, AuditLog, action="inbox.read", entity_type="inbox_message", entity_id=message.id,
                     actor=actor, detail={"kind": message.kind, "source_id": message.source_id})
    return message
