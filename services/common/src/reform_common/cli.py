"""Command line shared by every service: ``python -m <service> migrate``,
``purge-audit`` and helpers for one-off jobs that need a committed session."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from . import audit
from .db import Database
from .errors import Problem
from .migrations import downgrade, upgrade
from .settings import ServiceSettings


async def in_session(url: str, job: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
    """Run ``job`` in one transaction that commits when it returns."""
    db = Database(url, pool_size=1)
    try:
        async with db.sessionmaker() as session, session.begin():
            return await job(session)
    finally:
        await db.dispose()


def main(
    package_dir: Path,
    settings_factory: Callable[[], ServiceSettings],
    commands: dict[str, tuple[str, Callable[[argparse.Namespace, str], Any]]] | None = None,
    configure: Callable[[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]], None] | None = None,
) -> None:
    """``migrate`` and ``downgrade`` for every service, plus ``commands``:
    name → (help, handler(args, database_url))."""
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="把数据库迁移到最新版本")
    down = sub.add_parser("downgrade", help="回退数据库迁移")
    down.add_argument("revision", nargs="?", default="-1")
    purge = sub.add_parser("purge-audit", help=f"清理超过保留期的审计日志（至少 {audit.RETENTION_DAYS} 天）")
    purge.add_argument("--days", type=int, default=audit.RETENTION_DAYS)
    parsers = {name: sub.add_parser(name, help=help_text) for name, (help_text, _) in (commands or {}).items()}
    if configure:
        configure(parser, parsers)
    args = parser.parse_args()
    url = settings_factory().resolved_database_url()
    if args.command == "migrate":
        upgrade(package_dir, url)
    elif args.command == "downgrade":
        downgrade(package_dir, url, args.revision)
    elif args.command == "purge-audit":
        try:
            print(asyncio.run(in_session(url, lambda session: audit.purge(session, args.days))))
        except DBAPIError as exc:  # fewer days than the retention period: the database refuses
            sys.exit(str(exc.orig))
    else:
        try:
            result = (commands or {})[args.command][1](args, url)
            if asyncio.iscoroutine(result):
                result = asyncio.run(result)
        except Problem as exc:
            sys.exit(f"{exc.title}：{exc.detail}")
        if result is not None:
            print(result)
