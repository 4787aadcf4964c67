"""The daily retraining (in process, like tasks-api's daily job): one run a day at the set
Shanghai time; a failed run is logged and the next day runs again."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, time, timedelta

from reform_common.workdays import SHANGHAI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback_api.dispatch import service
from feedback_api.settings import Settings

log = logging.getLogger(__name__)


def next_run(now: datetime, at: time) -> datetime:
    candidate = datetime.combine(now.date(), at, tzinfo=SHANGHAI)
    return candidate if candidate > now else candidate + timedelta(days=1)


async def train_once(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, trigger: str) -> int:
    async with sessionmaker() as session, session.begin():
        row = await service.train(session, settings, trigger, "system", datetime.now(UTC))
        return row.version


async def daily_loop(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    while True:
        now = datetime.now(SHANGHAI)
        await asyncio.sleep((next_run(now, settings.feedback_dispatch_train_time) - now).total_seconds())
        try:
            await train_once(sessionmaker, settings, "schedule")
        except Exception:  # a failed day must not end the loop
            log.exception("daily dispatch model training failed")
