"""Side effects of reminder notices, run after commit: the DingTalk-style
robot webhook, and the daily schedule."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import date, datetime, time, timedelta

import httpx
from reform_common.db import Database
from reform_common.units import UnitDirectory
from reform_common.workdays import SHANGHAI

from tasks_api.battlemap import service as battlemap_service
from tasks_api.battlemap.rules import quarter_of
from tasks_api.ledger.context import build_context
from tasks_api.notices import repository as repo
from tasks_api.notices import service
from tasks_api.notices.models import ReminderNotice

log = logging.getLogger("tasks_api.notices")


def robot_message(notice: ReminderNotice) -> dict:
    """The DingTalk custom-robot markdown message."""
    return {
        "msgtype": "markdown",
        "markdown": {"title": f"提示单 {notice.number}", "text": f"#### 提示单 {notice.number}\n\n"
                     + notice.content.replace("\n", "\n\n")},
        "at": {"isAtAll": False},
    }


async def deliver(db: Database, http: httpx.AsyncClient, webhook_url: str | None, ids: list[uuid.UUID]) -> None:
    """Posts each new notice to the webhook and records the outcome. The
    notice number travels as an idempotency key, so a receiver that sees a
    retry can drop it."""
    for notice_id in ids:
        async with db.sessionmaker() as session, session.begin():
            notice = await session.get(ReminderNotice, notice_id)
            if notice is None:
                continue
            if not webhook_url:
                notice.webhook_status = "disabled"
                continue
            try:
                resp = await http.post(webhook_url, json=robot_message(notice),
                                       headers={"Idempotency-Key": notice.number}, timeout=5.0)
                ok = resp.status_code < 300
            except httpx.HTTPError:
                ok = False
            if not ok:
                log.warning("reminder webhook failed for %s", notice.number)
            await repo.set_webhook_status(session, notice_id, "sent" if ok else "failed")


def next_run(now: datetime, at: time) -> datetime:
    candidate = datetime.combine(now.date(), at, tzinfo=SHANGHAI)
    return candidate if candidate > now else candidate + timedelta(days=1)


async def daily_loop(db: Database, units: UnitDirectory, http: httpx.AsyncClient, webhook_url: str | None,
                     at: time) -> None:
    """Runs the day's job at ``at`` (Shanghai) every day."""
    while True:
        now = datetime.now(SHANGHAI)
        await asyncio.sleep((next_run(now, at) - now).total_seconds())
        try:
            await run_day(db, units, http, webhook_url)
        except Exception:  # a failed day must not end the loop; the next day runs again
            log.exception("daily reminder run failed")


async def run_day(db: Database, units: UnitDirectory, http: httpx.AsyncClient, webhook_url: str | None,
                  as_of: date | None = None) -> None:
    """The daily job: freezes the quarter's battle-map baseline on its first run in a quarter, and on
    working days issues the reminder notices and delivers them after commit."""
    async with db.sessionmaker() as session, session.begin():
        ctx = await build_context(session, units, as_of)
        await battlemap_service.ensure_quarter_baseline(session, ctx.as_of.year, quarter_of(ctx.as_of))
        if not ctx.calendar.is_working_day(ctx.as_of):
            return
        _, created = await service.run(session, service.SYSTEM, ctx)
    await deliver(db, http, webhook_url, created)
