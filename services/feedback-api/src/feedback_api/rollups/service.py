"""Where the case measures come from — the one place that chooses: the
rollups (sums of monthly counters, milliseconds at any history) whenever they
give exactly what the full computation of :mod:`feedback_api.metrics.repository`
would, else that full computation. Never commits, except ``ensure_window``."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback_api.metrics import repository as full
from feedback_api.metrics.repository import Counts, Group, Selection
from feedback_api.rollups import repository as repo
from feedback_api.settings import Settings


async def counts(session: AsyncSession, settings: Settings, sel: Selection, group: Group,
                 names: tuple[str, ...], as_of: datetime | None = None) -> dict[str, Counts]:
    """The measures ``names`` (keys of ``rollups.repository.MEASURES``) over ``sel`` per key.

    ``as_of`` is the league table's moment (the response rate and the end of the selection depend on
    it): the rollups hold the present, so they answer only when nothing they count is as late as it;
    an earlier ``as_of`` takes the full computation."""
    await repo.flush(session)
    if as_of is None or ((newest := await repo.newest(session)) is None or newest < as_of):
        return await repo.measures(session, sel, group, names, as_of)
    window = timedelta(days=settings.feedback_repeat_window_days)
    computed: dict[str, Counts] = {}
    for name in names:
        if name == "one_time_resolution":
            computed[name] = await full.one_time_resolution(session, sel, window, group)
        elif name == "response":
            computed[name] = await full.response(session, sel, as_of, group)
        else:
            computed[name] = await getattr(full, name)(session, sel, group)
    return computed


async def ensure_window(sessionmaker: async_sessionmaker, settings: Settings) -> None:
    """At start-up: the rollups were counted with the repeat window in their config row; when the
    setting differs, recount everything with the setting's window."""
    async with sessionmaker() as session, session.begin():
        if await repo.window_days(session) != settings.feedback_repeat_window_days:
            await repo.rebuild(session, settings.feedback_repeat_window_days)
