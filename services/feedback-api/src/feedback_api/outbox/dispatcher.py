"""Delivering the outbox: a background loop (started by the app, stopped at
shutdown, woken right after a commit that queued callbacks) that claims due
rows with ``FOR UPDATE SKIP LOCKED`` — so several replicas can run it — posts
each, signed, to ``HOTLINE_CALLBACK_URL``, and records the outcome in the same
transaction. A row counts as delivered only on a 2xx and only once that is
committed; anything else (an error status, a timeout, the receiver down, this
process dying mid-way) leaves it to be sent again: at least once, with
``Idempotency-Key: <event_id>`` for the receiver to drop repeats. Failed rows
wait ``base · 2^(attempts−1)`` seconds (at most ``cap``); an order's later
event waits while an earlier one is undelivered. All state is in the
database, so a restart picks up where the last process stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback_api.hotline.signing import sign
from feedback_api.outbox import repository as repo
from feedback_api.outbox.models import HotlineCallback
from feedback_api.settings import Settings

log = logging.getLogger("feedback_api.outbox")


def backoff_seconds(attempts: int, base: float, cap: float) -> float:
    """Wait after the ``attempts``-th failed attempt: base, 2·base, 4·base … at most cap."""
    return min(cap, base * 2 ** max(0, min(attempts - 1, 30)))


def signed_headers(settings: Settings, body: bytes, event_id: str, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": "application/json; charset=utf-8",
        "X-Hotline-Key": settings.hotline_callback_key,
        "X-Hotline-Timestamp": ts,
        "X-Hotline-Signature": sign(settings.hotline_callback_secret, ts, body),
        "Idempotency-Key": event_id,
    }


class Dispatcher:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
                 http: httpx.AsyncClient | None = None) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings
        self.http = http or httpx.AsyncClient(timeout=settings.hotline_callback_timeout_seconds,
                                              follow_redirects=False)
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    # ---- lifecycle ------------------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._loop(), name="hotline-callback-dispatcher")

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def kick(self) -> None:
        self._wake.set()

    async def stop(self, timeout: float = 15.0) -> None:
        """Lets an attempt in flight finish (up to ``timeout``), then ends the loop.
        An attempt cut short is rolled back and sent again later."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), timeout)
            except TimeoutError:
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task
            self._task = None
        await self.http.aclose()

    async def _loop(self) -> None:
        poll = self.settings.hotline_callback_poll_seconds
        while not self._stopping:
            self._wake.clear()
            try:
                handled = await self.run_once()
                wait = 0.0 if handled else await self._seconds_until_due(poll)
            except Exception:  # the database or the network down: try again after a poll interval
                log.exception("hotline callback dispatch failed")
                wait = poll
            if wait > 0 and not self._stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), wait)

    async def _seconds_until_due(self, poll: float) -> float:
        async with self.sessionmaker() as session:
            seconds = await repo.seconds_until_due(session)
        return poll if seconds is None else max(0.0, min(poll, seconds))

    # ---- one round ------------------------------------------------------------------------------

    async def run_once(self) -> int:
        """Claims the due heads of each order's queue, posts them and records the outcomes;
        the number of rows attempted."""
        url = self.settings.hotline_callback_url
        if not url:
            return 0
        async with self.sessionmaker() as session, session.begin():
            rows = await repo.claim(session, self.settings.hotline_callback_batch_size)
            if not rows:
                return 0
            # One head per order, so different orders go out side by side.
            outcomes = await asyncio.gather(*(self._post(url, row) for row in rows))
            now = datetime.now(UTC)
            for row, (ok, status_code, error) in zip(rows, outcomes, strict=True):
                self._record(row, ok, status_code, error, now)
        return len(rows)

    async def _post(self, url: str, row: HotlineCallback) -> tuple[bool, int | None, str | None]:
        body = row.body.encode("utf-8")
        headers = signed_headers(self.settings, body, str(row.event_id))
        try:
            resp = await self.http.post(url, content=body, headers=headers,
                                        timeout=self.settings.hotline_callback_timeout_seconds)
        except httpx.HTTPError as exc:
            return False, None, f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__
        if 200 <= resp.status_code < 300:
            return True, resp.status_code, None
        return False, resp.status_code, f"HTTP {resp.status_code}: {resp.text[:300]}"

    def _record(self, row: HotlineCallback, ok: bool, status_code: int | None, error: str | None,
                now: datetime) -> None:
        row.attempts += 1
        row.last_attempt_at = now
        row.last_status_code = status_code
        if ok:
            row.state, row.delivered_at, row.last_error = "delivered", now, None
            return
        row.state, row.last_error = "failed", error
        wait = backoff_seconds(row.attempts, self.settings.hotline_callback_backoff_base_seconds,
                               self.settings.hotline_callback_backoff_cap_seconds)
        row.next_attempt_at = func.now() + timedelta(seconds=wait)  # on the database's clock, like the claim
        log.warning("12345 callback %s (order %s, %s) failed, attempt %d, next in %.1fs: %s",
                    row.event_id, row.order_no, row.event, row.attempts, wait, error)
