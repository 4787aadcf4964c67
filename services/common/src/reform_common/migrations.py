"""Alembic glue shared by every service: the async ``env.py`` body and a
programmatic ``upgrade``/``downgrade`` used by ``python -m <service> migrate``,
``make run`` and the test set-up (the schema is always built by the real
migrations, never ``create_all``)."""

from __future__ import annotations

import asyncio
import concurrent.futures
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine


def alembic_config(service_dir: Path, url: str) -> Config:
    cfg = Config(str(service_dir / "alembic.ini"))
    cfg.set_main_option("script_location", str(service_dir / "migrations"))
    cfg.attributes["database_url"] = url
    return cfg


def upgrade(service_dir: Path, url: str, revision: str = "heads") -> None:
    command.upgrade(alembic_config(service_dir, url), revision)


def downgrade(service_dir: Path, url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(service_dir, url), revision)


def run_env(target_metadata: MetaData, default_url: str | None = None) -> None:
    """Body of every service's ``migrations/env.py`` (online, async)."""
    url = context.config.attributes.get("database_url") or default_url
    if not url:
        raise RuntimeError("迁移未指定数据库地址")

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    # Alembic may be called from inside a running loop (tests, the dev stack):
    # then run on a fresh loop in a worker thread.
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(run_async())
        return
    with concurrent.futures.ThreadPoolExecutor(1) as ex:
        ex.submit(asyncio.run, run_async()).result()
