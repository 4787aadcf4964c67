"""Runs the whole platform on one machine: PostgreSQL (the embedded one
from a pip wheel unless ``DATABASE_URL`` names a server), every service's
migrations, the demo data, the three services and the gateway.

``python -m reform_common.devstack`` is what ``make run`` calls. It prints
``READY <url>`` once everything answers, and on Ctrl-C (or SIGTERM) stops
every child, PostgreSQL included. ``--ephemeral`` keeps nothing (browser
tests). ``--control-stdin`` lets a test stop and restart one service while
the rest keep running: it reads ``stop <service>`` / ``start <service>``
lines (``feedback`` or ``feedback_api``) from standard input and answers
``STOPPED <package>`` / ``STARTED <package>`` (once it is ready again) on
standard output; a service stopped this way is not an unexpected exit."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

from .demo import DEMO_PASSWORD
from .migrations import upgrade
from .pg import ensure_databases, start_embedded, stop_embedded
from .settings import database_url_for


@dataclass(frozen=True)
class ServiceSpec:
    package: str
    prefix: str  # public prefix: /api/<prefix>/
    database: str
    env_prefix: str  # <PREFIX>_DATABASE_URL, <PREFIX>_URL
    port_offset: int
    has_demo: bool  # offers `python -m <package> seed-demo`


SERVICES = [
    ServiceSpec("gateway", "auth", "reform_gateway", "GATEWAY", 0, True),
    ServiceSpec("tasks_api", "tasks", "reform_tasks", "TASKS", 1, True),
    ServiceSpec("indicators_api", "indicators", "reform_indicators", "INDICATORS", 2, True),
    ServiceSpec("feedback_api", "feedback", "reform_feedback", "FEEDBACK", 3, True),
]

# Key id → secret of the demo 12345 client, for signed work-order pushes to feedback-api.
DEMO_HOTLINE_KEYS = {"demo-12345": "demo-12345-secret"}
# api_key → client name of the demo Open311 client (docs/integrations/open311.md).
DEMO_OPEN311_KEYS = {"demo-open311-key": "演示 Open311 客户端"}

DEMO_ACCOUNTS = [
    ("office", "市委改革办", "改革办（全部可见，可调度、通报、管理用户）"),
    ("fgw", "市发改委", "牵头单位 + 责任单位"),
    ("scjg", "市市场监管局", "责任单位"),
    ("xihu", "西湖区", "区县"),
    ("leader", "市领导", "只读驾驶舱"),
    ("hotline", "12345 热线", "接口账号"),
]


def package_dir(package: str) -> Path:
    module = __import__(package)
    return Path(module.__file__).parent


def demo_fingerprint(package: str) -> str:
    """What ``seed-demo`` loads is decided by code: the package's and reform_common's Python sources."""
    digest = hashlib.sha256()
    for root in (package_dir(package), Path(__file__).parent):
        for path in sorted(root.rglob("*.py")):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class Stack:
    """The platform's processes against one PostgreSQL server."""

    server_url: str
    host: str = "127.0.0.1"
    port: int = 8000
    databases: dict[str, str] = field(default_factory=dict)  # package → database name
    spa_dir: Path | None = None
    key_file: Path | None = None
    storage_dir: Path | None = None  # uploaded files, one folder per service
    service_secret: str = ""
    demo: bool = True
    extra_env: dict[str, str] = field(default_factory=dict)
    log_dir: Path | None = None  # children's output to <package>.log instead of the terminal
    # Which databases hold the demo data of which code (database → demo_fingerprint): seed-demo is idempotent but
    # costs a process start and an import of the whole service (~6 s for the four on 2 cores) on every `make run`.
    demo_marker: Path | None = None
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def url(self, spec: ServiceSpec) -> str:
        return f"http://{self.host}:{self.port + spec.port_offset}"

    def database_url(self, spec: ServiceSpec) -> str:
        return database_url_for(self.databases.get(spec.package, spec.database), self.server_url)

    def prepare(self, recreate: bool = False) -> None:
        """Create databases, migrate, load demo data (idempotent)."""
        names = [self.databases.get(s.package, s.database) for s in SERVICES]
        created = asyncio.run(ensure_databases(self.server_url, names, recreate=recreate))
        for spec in SERVICES:
            upgrade(package_dir(spec.package), self.database_url(spec))
        if self.demo:
            self.seed_demo(fresh={self._marker_key(spec) for spec in SERVICES
                                  if self.databases.get(spec.package, spec.database) in created})

    def _marker_key(self, spec: ServiceSpec) -> str:
        return make_url(self.database_url(spec)).render_as_string(hide_password=True)

    def seed_demo(self, fresh: set[str]) -> None:
        """Runs each service's seed-demo, all at once (each writes its own database only), skipping a database the
        marker says already holds this code's demo data (and was not just created)."""
        marker = json.loads(self.demo_marker.read_text()) if self.demo_marker and self.demo_marker.exists() else {}
        seeds, skipped = {}, []
        for spec in SERVICES:
            if not spec.has_demo:
                continue
            key, fingerprint = self._marker_key(spec), demo_fingerprint(spec.package)
            if key not in fresh and marker.get(key) == fingerprint:
                skipped.append(spec.package)
                continue
            marker.pop(key, None)
            seeds[spec.package] = (key, fingerprint, subprocess.Popen(
                [sys.executable, "-m", spec.package, "seed-demo"], env=self.env(), stdout=subprocess.PIPE, text=True))
        if skipped:
            print(f"演示数据已载入，代码未变，跳过 / demo data already loaded: {', '.join(skipped)}", flush=True)
        failed = []
        for package, (key, fingerprint, proc) in seeds.items():  # in SERVICES order, so the output reads the same
            output, _ = proc.communicate()
            print(output, end="", flush=True)
            if proc.returncode:
                failed.append(package)
            else:
                marker[key] = fingerprint
        if self.demo_marker:
            self.demo_marker.write_text(json.dumps(marker, indent=2, ensure_ascii=False))
        if failed:
            raise RuntimeError(f"演示数据载入失败：{', '.join(failed)}")

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["JWKS_URL"] = f"{self.url(SERVICES[0])}/.well-known/jwks.json"
        env["SERVICE_SECRET"] = self.service_secret
        for spec in SERVICES:
            env[f"{spec.env_prefix}_URL"] = self.url(spec)
            env[f"{spec.env_prefix}_DATABASE_URL"] = self.database_url(spec)
        if self.spa_dir:
            env["SPA_DIR"] = str(self.spa_dir)
        if self.key_file:
            env["JWT_PRIVATE_KEY_FILE"] = str(self.key_file)
        if self.storage_dir:
            env.setdefault("TASKS_STORAGE_DIR", str(self.storage_dir / "tasks"))
            env.setdefault("FEEDBACK_STORAGE_DIR", str(self.storage_dir / "feedback"))
        if self.demo:
            # The demo 12345 client's key (docs/integrations/12345.md); a real deployment sets its own.
            env.setdefault("FEEDBACK_HOTLINE_KEYS", json.dumps(DEMO_HOTLINE_KEYS))
            env.setdefault("FEEDBACK_OPEN311_API_KEYS", json.dumps(DEMO_OPEN311_KEYS))
        env.update(self.extra_env)
        return env

    def start_service(self, spec: ServiceSpec) -> None:
        port = self.port + spec.port_offset
        cmd = [
            sys.executable, "-m", "uvicorn", "--factory", f"{spec.package}.main:create_app",
            "--host", self.host, "--port", str(port), "--no-access-log", "--log-level", "warning",
        ]
        output = None
        if self.log_dir is not None:
            output = open(self.log_dir / f"{spec.package}.log", "ab")  # noqa: SIM115 (lives as long as the child)
        self.processes[spec.package] = subprocess.Popen(cmd, env=self.env(), stdout=output, stderr=output)

    def start(self) -> None:
        for spec in SERVICES:
            self.start_service(spec)

    def wait_ready(self, timeout: float = 60.0, specs: list[ServiceSpec] | None = None) -> None:
        deadline = time.monotonic() + timeout
        pending = list(SERVICES if specs is None else specs)
        with httpx.Client(timeout=2.0) as client:
            while pending:
                spec = pending[0]
                proc = self.processes[spec.package]
                if proc.poll() is not None:
                    raise RuntimeError(f"{spec.package} 启动失败（退出码 {proc.returncode}）")
                try:
                    if client.get(f"{self.url(spec)}/api/{spec.prefix}/readyz").status_code == 200:
                        pending.pop(0)
                        continue
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{spec.package} 未在 {timeout:.0f} 秒内就绪")
                time.sleep(0.05)  # a service is up ~0.1 s after its port opens: poll often, it is cheap

    def stop_service(self, package: str) -> None:
        proc = self.processes.pop(package, None)
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def stop(self) -> None:
        for package in list(self.processes):
            self.stop_service(package)


def _find_service(name: str) -> ServiceSpec | None:
    return next((s for s in SERVICES if name in (s.package, s.prefix)), None)


def _read_commands(commands: queue.Queue[str]) -> None:
    """Feeds standard input's lines to the main loop (which alone touches the processes)."""
    for line in sys.stdin:
        if line.strip():
            commands.put(line.strip())


def _run_command(stack: Stack, line: str) -> None:
    """``stop <service>`` or ``start <service>`` (see the module docstring)."""
    verb, _, name = line.partition(" ")
    spec = _find_service(name.strip())
    if verb not in ("stop", "start") or spec is None:
        print(f"CONTROL-ERROR unknown command: {line}", flush=True)
        return
    if verb == "stop":
        stack.stop_service(spec.package)
        print(f"STOPPED {spec.package}", flush=True)
    elif spec.package not in stack.processes:
        stack.start_service(spec)
        try:
            stack.wait_ready(specs=[spec])
        except RuntimeError as exc:  # the main loop then sees the exit and stops the stack
            print(f"CONTROL-ERROR {exc}", flush=True)
            return
        print(f"STARTED {spec.package}", flush=True)
    else:
        print(f"STARTED {spec.package}", flush=True)  # already running


def _print_banner(url: str, demo: bool, pg_dir: Path | None) -> None:
    lines = ["", "营商环境改革推进平台已启动 / The platform is up", f"  打开 Open: {url}"]
    if demo:
        lines.append(f"  演示账号（密码均为 {DEMO_PASSWORD}）/ demo accounts, password {DEMO_PASSWORD}:")
        lines += [f"    {u:<8} {unit:<10} {what}" for u, unit, what in DEMO_ACCOUNTS]
        hotline_key, hotline_secret = next(iter(DEMO_HOTLINE_KEYS.items()))
        lines.append(f"  12345 推送签名 / 12345 signing: key {hotline_key}, secret {hotline_secret}"
                     f"（回调地址取环境变量 HOTLINE_CALLBACK_URL / callbacks to $HOTLINE_CALLBACK_URL）")
        lines.append(f"  Open311 api_key: {next(iter(DEMO_OPEN311_KEYS))}")
    lines.append("  数据库: " + (f"内置 PostgreSQL（{pg_dir}）" if pg_dir else "DATABASE_URL 指定的服务器"))
    lines.append("  按 Ctrl-C 停止 / press Ctrl-C to stop")
    print("\n".join(lines), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="在本机运行整个平台")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")),
                        help="网关端口；三个服务依次使用其后的三个端口")
    parser.add_argument("--ephemeral", action="store_true", help="临时数据目录，退出即删除（用于浏览器测试）")
    parser.add_argument("--no-demo", action="store_true", help="不载入演示数据")
    parser.add_argument("--var-dir", default=os.environ.get("VAR_DIR", "var"))
    parser.add_argument("--control-stdin", action="store_true",
                        help="从标准输入读取 stop/start <服务> 命令，单独停止或重启一个服务（浏览器测试用）")
    args = parser.parse_args()

    repo_root = Path.cwd()
    var_dir = Path(tempfile.mkdtemp(prefix="reform-stack-")) if args.ephemeral else (repo_root / args.var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)
    server_url = os.environ.get("DATABASE_URL")
    embedded = not server_url
    pg_dir = var_dir / "pg"
    if embedded:
        server_url = start_embedded(pg_dir, cleanup_mode=None)

    secret_file = var_dir / "service-secret"
    service_secret = os.environ.get("SERVICE_SECRET")
    if not service_secret:
        if not secret_file.exists():
            secret_file.write_text(secrets.token_urlsafe(32))
            secret_file.chmod(0o600)
        service_secret = secret_file.read_text().strip()

    stack = Stack(
        server_url=server_url,
        host=args.host,
        port=args.port,
        spa_dir=repo_root / "frontend" / "dist",
        key_file=var_dir / "keys" / "jwt-signing.pem",
        storage_dir=var_dir / "uploads",
        service_secret=service_secret,
        demo=not args.no_demo and os.environ.get("DEMO_DATA", "1") != "0",
        demo_marker=var_dir / "demo-loaded.json",
    )

    stopping = False

    def _stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    code = 0
    commands: queue.Queue[str] = queue.Queue()
    try:
        stack.prepare()
        stack.start()
        stack.wait_ready()
        _print_banner(f"http://{args.host}:{args.port}", stack.demo, pg_dir if embedded else None)
        print(f"READY http://{args.host}:{args.port}", flush=True)
        if args.control_stdin:
            threading.Thread(target=_read_commands, args=(commands,), daemon=True).start()
        while not stopping:
            while not commands.empty():
                _run_command(stack, commands.get())
            for name, proc in stack.processes.items():
                if proc.poll() is not None:
                    print(f"{name} 意外退出（退出码 {proc.returncode}），正在停止全部服务", file=sys.stderr)
                    stopping, code = True, 1
                    break
            time.sleep(0.5)
    except Exception as exc:  # report any start-up failure plainly, then clean up
        print(f"启动失败：{exc}", file=sys.stderr)
        code = 1
    finally:
        print("正在停止…", flush=True)
        stack.stop()
        if embedded:
            stop_embedded(pg_dir)
            if args.ephemeral:
                shutil.rmtree(var_dir, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
