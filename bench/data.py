"""The bench databases: created, migrated and seeded with the demo data like
``make run`` does, then filled by the generators in ``bench/gen`` through COPY.

Generated once and kept (a ``bench_dataset`` marker row per database says
which generator version and how many rows built it); a later run only applies
new migrations. Bulk loading runs with triggers and foreign-key checks off
(``session_replication_role = replica``) and without the tables' secondary
indexes, which are then rebuilt from their own definitions (pg_indexes), so
the schema stays exactly what the migrations made. Rollups are rebuilt by
``feedback_rollups_rebuild()`` when the migrations provide it."""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from reform_common.devstack import SERVICES, Stack, package_dir
from reform_common.migrations import upgrade
from reform_common.pg import ensure_databases
from reform_common.settings import database_url_for
from sqlalchemy.engine import make_url

from bench.gen import cases as case_gen
from bench.gen import indicators as indicator_gen
from bench.gen import tasks as task_gen
from bench.harness import BenchContext

# Bump when a generator's output changes: cached databases are then rebuilt.
GENERATOR_VERSION = 1
SEED = 20261123


@dataclass(frozen=True)
class Sizes:
    tasks: int
    cases: int
    cases_2m: int | None  # the second feedback database (full scale only)


SIZES = {"full": Sizes(tasks=10_000, cases=10_000_000, cases_2m=2_000_000),
         "small": Sizes(tasks=1_000, cases=100_000, cases_2m=None)}


def database_names(scale: str) -> dict[str, str]:
    return {
        "gateway": "bench_gateway",
        "tasks_api": "bench_tasks" if scale == "full" else "bench_tasks_small",
        "indicators_api": "bench_indicators",
        "feedback_api": "bench_feedback_10m" if scale == "full" else "bench_feedback_small",
    }


def log(message: str) -> None:
    print(f"[bench.data {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---- connections -------------------------------------------------------------------------------

def connect_params(server_url: str, database: str) -> dict:
    url = make_url(server_url)
    return {
        "user": url.username or "postgres",
        "password": url.password or None,
        "database": database,
        "host": url.query.get("host") or url.host or "127.0.0.1",
        "port": url.port or 5432,
    }


async def connect(server_url: str, database: str) -> asyncpg.Connection:
    return await asyncpg.connect(**connect_params(server_url, database))


async def _fetch(server_url: str, database: str, sql: str, *args) -> list[asyncpg.Record]:
    conn = await connect(server_url, database)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


async def _marker(server_url: str, database: str) -> tuple[int, int] | None:
    """(generator version, rows) the database was built with; None if absent or never finished."""
    if not await _fetch(server_url, "postgres", "SELECT 1 FROM pg_database WHERE datname = $1", database):
        return None
    conn = await connect(server_url, database)
    try:
        if not await conn.fetchval("SELECT to_regclass('bench_dataset') IS NOT NULL"):
            return None
        row = await conn.fetchrow("SELECT generator_version, rows FROM bench_dataset WHERE name = $1", database)
    finally:
        await conn.close()
    return (row["generator_version"], row["rows"]) if row else None


async def _write_marker(server_url: str, database: str, rows: int) -> None:
    conn = await connect(server_url, database)
    try:
        await conn.execute("CREATE TABLE IF NOT EXISTS bench_dataset (name text PRIMARY KEY, generator_version int,"
                           " rows bigint, built_at timestamptz)")
        await conn.execute("INSERT INTO bench_dataset VALUES ($1, $2, $3, now()) ON CONFLICT (name) DO UPDATE"
                           " SET generator_version = $2, rows = $3, built_at = now()", database, GENERATOR_VERSION,
                           rows)
    finally:
        await conn.close()


# ---- bulk loading ------------------------------------------------------------------------------

class _Progress:
    def __init__(self, label: str) -> None:
        self.label = label
        self.start = self.last = time.monotonic()
        self.rows: dict[str, int] = {}

    def add(self, table: str, rows: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + rows
        now = time.monotonic()
        if now - self.last >= 10:
            self.last = now
            self.report()

    def report(self, final: bool = False) -> None:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        parts = ", ".join(f"{t} {n:,} ({n / elapsed:,.0f}/s)" for t, n in self.rows.items())
        log(f"{self.label}: {'done in ' if final else ''}{elapsed:.0f}s — {parts}")


async def _secondary_indexes(conn: asyncpg.Connection, tables: list[str]) -> list[tuple[str, str]]:
    """(name, definition) of the tables' indexes that no constraint owns."""
    rows = await conn.fetch(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
           WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname)))
           ORDER BY i.tablename, i.indexname""", tables)
    return [(r["indexname"], r["indexdef"]) for r in rows]


def _produce(chunks: Iterator[dict[str, list[str]]], out: queue.Queue) -> None:
    try:
        for chunk in chunks:
            out.put({table: ("".join(lines).encode(), len(lines)) for table, lines in chunk.items() if lines})
    except BaseException as exc:  # handed to the loader, which raises it
        out.put(exc)
        return
    out.put(None)


async def copy_load(server_url: str, database: str, tables: dict[str, list[str]],
                    chunks: Iterator[dict[str, list[str]]], label: str) -> dict[str, int]:
    """Streams generated lines into ``tables`` (name → columns) with one COPY per table, concurrently.

    The generator runs in a thread so PostgreSQL parses one chunk while Python builds the next."""
    conns = {t: await connect(server_url, database) for t in tables}
    admin = await connect(server_url, database)
    progress = _Progress(label)
    try:
        indexes = await _secondary_indexes(admin, list(tables))
        for name, _ in indexes:
            await admin.execute(f'DROP INDEX "{name}"')
        for conn in conns.values():
            await conn.execute("SET session_replication_role = replica; SET synchronous_commit = off")
        queues: dict[str, asyncio.Queue] = {t: asyncio.Queue(maxsize=4) for t in tables}

        async def source(table: str):
            while (item := await queues[table].get()) is not None:
                yield item

        copies = {t: asyncio.create_task(conns[t].copy_to_table(t, source=source(t), columns=cols, format="text"))
                  for t, cols in tables.items()}

        async def put(table: str, data: bytes | None) -> None:
            # A COPY that failed (a bad row) stops reading: raise its error rather than wait forever.
            putting = asyncio.ensure_future(queues[table].put(data))
            await asyncio.wait({putting, copies[table]}, return_when=asyncio.FIRST_COMPLETED)
            if not putting.done():
                putting.cancel()
                copies[table].result()
                raise RuntimeError(f"COPY {table} ended early")

        produced: queue.Queue = queue.Queue(maxsize=4)
        threading.Thread(target=_produce, args=(chunks, produced), daemon=True).start()
        loop = asyncio.get_running_loop()
        try:
            while (item := await loop.run_in_executor(None, produced.get)) is not None:
                if isinstance(item, BaseException):
                    raise item
                for table, (data, rows) in item.items():
                    await put(table, data)
                    progress.add(table, rows)
            for table in tables:
                await put(table, None)
            await asyncio.gather(*copies.values())
        except BaseException:
            for copy in copies.values():
                copy.cancel()
            raise
        progress.report(final=True)
        started = time.monotonic()
        await admin.execute("SET maintenance_work_mem = '1GB'")
        for name, definition in indexes:
            await admin.execute(definition)
        if indexes:
            log(f"{label}: rebuilt {len(indexes)} indexes in {time.monotonic() - started:.0f}s")
        return progress.rows
    finally:
        for conn in (*conns.values(), admin):
            await conn.close()


# What the migrations keep by triggers, recounted after a load made with the triggers off.
REBUILDS = ("feedback_rollups_rebuild", "task_schedules_rebuild")


async def _finish(server_url: str, database: str, tables: list[str] | None) -> None:
    """Rollups (and the ledger's task schedules) from the loaded rows, then statistics and the visibility map (index-only scans) like a settled
    system; ``tables=None`` (new migrations on a cached data set) only refreshes statistics: the triggers
    kept the rollups exact, and a migration that redefines them rebuilds them itself."""
    conn = await connect(server_url, database)
    try:
        for rebuild in REBUILDS:
            if tables is not None and await conn.fetchval(f"SELECT to_regproc('{rebuild}') IS NOT NULL"):
                started = time.monotonic()
                await conn.execute("SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'")
                await conn.execute(f"SELECT {rebuild}()")
                log(f"{database}: {rebuild}() in {time.monotonic() - started:.0f}s")
        started = time.monotonic()
        if tables is None:
            await conn.execute("ANALYZE")
            return
        await conn.execute(f"VACUUM (FREEZE, ANALYZE) {', '.join(tables)}")
        log(f"{database}: VACUUM (FREEZE, ANALYZE) in {time.monotonic() - started:.0f}s")
    finally:
        await conn.close()


# ---- the data sets -----------------------------------------------------------------------------

async def _gateway_units(server_url: str, gateway_db: str) -> list[asyncpg.Record]:
    return await _fetch(server_url, gateway_db,
                        "SELECT id::text, code, name, short_name, kind FROM units WHERE is_active ORDER BY sort_order,"
                        " code")


async def load_tasks(server_url: str, database: str, gateway_db: str, n: int, seed: int) -> int:
    units = [task_gen.Unit(r["id"], r["code"], r["short_name"]) for r in await _gateway_units(server_url, gateway_db)
             if r["kind"] in ("department", "district", "court_other")]
    conn = await connect(server_url, database)
    try:
        for year in task_gen.YEAR_SHARES:
            await conn.execute(
                "INSERT INTO plans (id, year, title, status, report_cycle, published_at)"
                " VALUES (gen_random_uuid(), $1, $2, 'published', 'monthly', make_timestamptz($1, 2, 20, 9, 0, 0,"
                " 'Asia/Shanghai')) ON CONFLICT (year) DO NOTHING", year, f"{year}年营商环境优化提升重点任务清单")
        plans = {r["year"]: str(r["id"]) for r in await conn.fetch("SELECT year, id FROM plans")}
    finally:
        await conn.close()
    generator = task_gen.TaskGenerator(units, plans, n, seed)
    rows = await copy_load(server_url, database, task_gen.TABLES, generator.chunks(), f"{database} tasks")
    await _finish(server_url, database, list(task_gen.TABLES))
    return sum(rows.values())


def case_world(server_url: str, gateway_db: str, feedback_db: str) -> case_gen.World:
    from feedback_api.privacy import PiiVault
    from feedback_api.settings import Settings

    settings = Settings()  # the PII key the services read from the same environment
    vault = PiiVault(settings.feedback_pii_key, settings.feedback_pii_old_keys)
    units = [case_gen.Unit(r["id"], r["code"], r["name"], r["kind"])
             for r in asyncio.run(_gateway_units(server_url, gateway_db))]
    categories = {r["code"] for r in asyncio.run(_fetch(server_url, feedback_db, "SELECT code FROM categories"))}
    return case_gen.World(units=units, categories=categories, districts=list(settings.feedback_districts),
                          encrypt_phone=lambda p: vault.encrypt(p, "contact_phone"),
                          phone_index=lambda p: vault.blind_index(p, "phone"))


async def load_cases(server_url: str, database: str, world: case_gen.World, n: int, seed: int) -> int:
    conn = await connect(server_url, database)
    try:
        first = int(await conn.fetchval("SELECT nextval('case_no_seq')")) + 1
    finally:
        await conn.close()
    generator = case_gen.CaseGenerator(world, n, seed, first_number=first)
    rows = await copy_load(server_url, database, case_gen.TABLES, generator.chunks(), f"{database} cases")
    conn = await connect(server_url, database)
    try:
        # New cases (the intake benchmark, the demo) number after the generated ones.
        await conn.execute("SELECT setval('case_no_seq', $1)", first + n)
    finally:
        await conn.close()
    await _finish(server_url, database, list(case_gen.TABLES))
    return sum(rows.values())


async def load_indicators(server_url: str, database: str, seed: int) -> int:
    import random

    rng = random.Random(seed)
    conn = await connect(server_url, database)
    try:
        async with conn.transaction():
            present = [r["code"] for r in await conn.fetch("SELECT code FROM regions ORDER BY code")]
            extra = [r for r in indicator_gen.EXTRA_REGIONS if r[0] not in present]
            await conn.executemany("INSERT INTO regions (code, name, province) VALUES ($1, $2, $3)",
                                   extra[:max(0, indicator_gen.REGIONS - len(present))])
            regions = [r["code"] for r in await conn.fetch("SELECT code FROM regions ORDER BY code")]
            regions = regions[:indicator_gen.REGIONS]
            await conn.execute(
                "INSERT INTO frameworks (code, name, kind, region_set) VALUES ($1, '压测指标体系', 'city', $1)",
                indicator_gen.FRAMEWORK)
            await conn.executemany("INSERT INTO region_set_members (set_code, region_code) VALUES ($1, $2)",
                                   [(indicator_gen.FRAMEWORK, r) for r in regions])
            await conn.executemany(
                "INSERT INTO indicators (id, code, framework_code, name, kind, higher_is_better, unit, decimals,"
                " environment, sort_order) VALUES (gen_random_uuid(), $1, $8, $2, 'leaf', $3, $4, $5, $6, $7)",
                [(*row, indicator_gen.FRAMEWORK) for row in indicator_gen.indicator_rows(rng)])
    finally:
        await conn.close()
    rows = await copy_load(server_url, database, {"observations": indicator_gen.OBSERVATION_COLUMNS},
                           indicator_gen.observation_chunks(regions, rng), f"{database} observations")
    await _finish(server_url, database, ["observations"])
    return sum(rows.values())


# ---- orchestration -----------------------------------------------------------------------------

@contextmanager
def _exclusive(work_dir: Path, server_url: str, database: str) -> Iterator[None]:
    """One builder per database at a time: helpers and the lead share this machine's bench data,
    and a run of one scale must not wait for another scale's build."""
    locks = work_dir / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    server = hashlib.sha256(server_url.encode()).hexdigest()[:12]
    with open(locks / f"{server}-{database}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _prepare(server_url: str, databases: dict[str, str], packages: list[str], recreate: list[str]) -> None:
    """Create, migrate and seed the demo data of ``packages`` the way ``Stack.prepare`` does."""
    stack = Stack(server_url=server_url, databases=databases, demo=True)
    asyncio.run(ensure_databases(server_url, recreate, recreate=True))
    specs = [s for s in SERVICES if s.package in packages]
    asyncio.run(ensure_databases(server_url, [databases[s.package] for s in specs]))
    for spec in specs:
        upgrade(package_dir(spec.package), stack.database_url(spec))
    for spec in specs:
        if databases[spec.package] in recreate:
            log(f"{databases[spec.package]}: demo data")
            subprocess.run([sys.executable, "-m", spec.package, "seed-demo"], env=stack.env(), check=True,
                           stdout=subprocess.DEVNULL)


def _alembic_versions(server_url: str, database: str) -> set[str]:
    return {r["version_num"] for r in asyncio.run(_fetch(server_url, database, "SELECT version_num FROM alembic_version"))}


def ensure_dataset(ctx: BenchContext) -> None:
    """Sets ``ctx.databases`` (and ``ctx.extra["feedback_2m"]`` at full scale) and builds what is missing."""
    sizes = SIZES[ctx.scale]
    names = database_names(ctx.scale)
    ctx.databases = dict(names)
    if sizes.cases_2m:
        ctx.extra["feedback_2m"] = "bench_feedback_2m"
    server = ctx.server_url
    # database → (package, rows it must hold, builder), in build order: the gateway's units come first.
    plan: dict[str, tuple[str, int, Callable[[], int]]] = {
        names["gateway"]: ("gateway", 0, lambda: 0),
        names["indicators_api"]: ("indicators_api", indicator_gen.INDICATORS * indicator_gen.REGIONS
                                  * len(indicator_gen.PERIODS),
                                  lambda: asyncio.run(load_indicators(server, names["indicators_api"], SEED + 3))),
        names["tasks_api"]: ("tasks_api", sizes.tasks, lambda: asyncio.run(
            load_tasks(server, names["tasks_api"], names["gateway"], sizes.tasks, SEED + 1))),
        names["feedback_api"]: ("feedback_api", sizes.cases, lambda: _build_cases(
            server, names, names["feedback_api"], sizes.cases, SEED + 2)),
    }
    if sizes.cases_2m:
        plan["bench_feedback_2m"] = ("feedback_api", sizes.cases_2m, lambda: _build_cases(
            server, names, "bench_feedback_2m", sizes.cases_2m, SEED + 4))

    built = []
    for db, (package, rows, build) in plan.items():
        with _exclusive(ctx.work_dir, server, db):
            if asyncio.run(_marker(server, db)) == (GENERATOR_VERSION, rows):
                before = _alembic_versions(server, db)
                upgrade(package_dir(package), database_url_for(db, server))
                if _alembic_versions(server, db) != before:
                    log(f"{db}: new migrations applied to the cached data set")
                    asyncio.run(_finish(server, db, None))
                continue
            log(f"{db}: building")
            started = time.monotonic()
            _prepare(server, {**names, package: db}, [package], [db])
            count = build()
            asyncio.run(_write_marker(server, db, rows))
            log(f"{db}: built in {time.monotonic() - started:.0f}s ({count:,} rows)")
            built.append(db)
    if not built:
        log("cached data sets are current: " + ", ".join(plan))


def _build_cases(server: str, names: dict[str, str], database: str, n: int, seed: int) -> int:
    world = case_world(server, names["gateway"], database)
    return asyncio.run(load_cases(server, database, world, n, seed))
