"""Reminder notices (提示单). One run, for a business date, gives every unit
with yellow or red items exactly one notice for that day listing them (the
lead unit and every responsible unit of each item), and none to a unit
with nothing. Running again the same day adds nothing. The robot webhook is
told only after the notices are committed."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import forbidden, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext
from tasks_api.ledger.repository import TaskFilters
from tasks_api.notices import repository as repo
from tasks_api.notices.models import ReminderNotice
from tasks_api.notices.schemas import NoticeItem, NoticeRead, RunResult

WARNING_LABEL = {"red": "红牌", "yellow": "黄牌"}
SYSTEM = Principal(subject="system:reminders", username="system", display_name="提示单定时任务",
                   roles=frozenset({"service"}), token_type="service")


def _content(unit_name: str, as_of_text: str, items: list[NoticeItem]) -> str:
    reds = sum(1 for i in items if i.warning == "red")
    lines = [f"{unit_name}：截至 {as_of_text}，贵单位牵头或负责的改革任务中有红牌 {reds} 项、黄牌 {len(items) - reds} 项，"
             "请抓紧推进，并在平台签收本提示单、回复推进措施。"]
    for n, item in enumerate(items, start=1):
        lines.append(f"{n}. 【{WARNING_LABEL[item.warning]}】{item.task_code} {item.title}：{'；'.join(item.reasons)}")
    return "\n".join(lines)


async def run(session: AsyncSession, actor: Principal, ctx: LedgerContext) -> tuple[RunResult, list[uuid.UUID]]:
    """Returns the result and the ids of notices created now (for the webhook)."""
    tasks = await ledger.evaluated(session, SYSTEM, TaskFilters(), ctx)
    per_unit: dict[uuid.UUID, list[NoticeItem]] = defaultdict(list)
    for task in tasks:
        if task.warning == "none":
            continue
        holders = [(task.lead_unit, "lead")] + [(u, "responsible") for u in task.responsible_units]
        for unit, role in holders:
            if unit is not None:
                per_unit[unit.id].append(NoticeItem(task_code=task.code, title=task.title, warning=task.warning,
                                                    reasons=task.warning_reasons, role=role))
    created: list[ReminderNotice] = []
    already = 0
    as_of_text = f"{ctx.as_of.year}年{ctx.as_of.month}月{ctx.as_of.day}日"
    for unit_id, items in sorted(per_unit.items(), key=lambda kv: ctx.units[kv[0]].code):
        unit = ctx.units[unit_id]
        items.sort(key=lambda i: (i.warning != "red", i.task_code))
        notice = await repo.insert_if_absent(session, {
            "id": uuid.uuid4(),
            "number": f"TS-{ctx.as_of:%Y%m%d}-{unit.code}",
            "unit_id": unit_id,
            "unit_name": unit.name,
            "issued_on": ctx.as_of,
            "content": _content(unit.name, as_of_text, items),
            "items": [i.model_dump() for i in items],
            "webhook_status": "pending",
        })
        if notice is None:
            already += 1
        else:
            created.append(notice)
    audit.record(session, AuditLog, action="notices.run", entity_type="reminder_notice",
                        entity_id=ctx.as_of, actor=actor, detail={"issued": len(created), "already": already})
    result = RunResult(as_of=ctx.as_of, issued=len(created), already_issued=already,
                       notices=[NoticeRead.model_validate(n) for n in created])
    return result, [n.id for n in created]


async def acknowledge(session: AsyncSession, actor: Principal, notice_id: uuid.UUID) -> ReminderNotice:
    notice = await _own(session, actor, notice_id)
    if notice.acknowledged_at is None:
        notice.acknowledged_at, notice.acknowledged_by = datetime.now(UTC), actor.username
    return notice


async def reply(session: AsyncSession, actor: Principal, notice_id: uuid.UUID, text: str) -> ReminderNotice:
    notice = await _own(session, actor, notice_id)
    now = datetime.now(UTC)
    if notice.acknowledged_at is None:
        notice.acknowledged_at, notice.acknowledged_by = now, actor.username
    notice.reply, notice.replied_at = text, now
    return notice


async def _own(session: AsyncSession, actor: Principal, notice_id: uuid.UUID) -> ReminderNotice:
    notice = await repo.get(session, actor, notice_id, for_update=True)
    if notice is None:
        raise not_found("提示单")
    if actor.unit_id != notice.unit_id:
        raise forbidden("只有收到提示单的单位可以签收和回复。")
    return notice
