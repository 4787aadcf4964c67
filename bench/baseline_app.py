"""The raw-insert baseline: the least an HTTP endpoint that stores a request
can cost on this stack. A bare ASGI app (no framework, no validation, no
auth), served by uvicorn with the services' options, INSERTs each request's
body as one row in its own transaction through an asyncpg pool as large as a
service's (``db_pool_size`` + the same overflow). 12345 intake is measured as
a fraction of its requests/s.

Run: ``BENCH_RAW_DSN=postgresql://… uvicorn --factory bench.baseline_app:create_app``."""

from __future__ import annotations

import json
import os

import asyncpg
from reform_common.settings import ServiceSettings

TABLE = "bench_raw_insert"


def create_app():
    dsn = os.environ["BENCH_RAW_DSN"]
    size = ServiceSettings().db_pool_size
    state: dict[str, asyncpg.Pool] = {}

    async def lifespan(receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                # min = the services' pool, max = pool + overflow (reform_common.db.Database).
                pool = await asyncpg.create_pool(dsn, min_size=size, max_size=2 * size)
                await pool.execute(
                    f"CREATE TABLE IF NOT EXISTS {TABLE} (id bigserial PRIMARY KEY, "
                    "received_at timestamptz NOT NULL DEFAULT now(), body jsonb NOT NULL)"
                )
                state["pool"] = pool
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await state["pool"].close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def read_body(receive) -> bytes:
        chunks = []
        more = True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        return b"".join(chunks)

    async def app(scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        body = await read_body(receive)
        status, answer = 200, {"status": "ok"}
        if scope["method"] == "POST":
            async with state["pool"].acquire() as conn, conn.transaction():
                row_id = await conn.fetchval(f"INSERT INTO {TABLE} (body) VALUES ($1::jsonb) RETURNING id",
                                             body.decode() or "{}")
            status, answer = 201, {"id": row_id}
        payload = json.dumps(answer).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(payload)).encode())]})
        await send({"type": "http.response.body", "body": payload})

    return app
