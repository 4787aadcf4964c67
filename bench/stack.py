"""The real platform processes against the bench databases, for one suite.

The same ``reform_common.devstack.Stack`` that ``make run`` uses (uvicorn
without reload, access logs off), with demo seeding left to ``bench.data``:
the databases already hold the demo accounts and the generated bulk."""

from __future__ import annotations

import json
import secrets
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
from reform_common.demo import DEMO_PASSWORD
from reform_common.devstack import DEMO_HOTLINE_KEYS, SERVICES, Stack

from bench.harness import BenchContext

FIRST_PORT = 8100
# An access token lives 15 minutes; a suite asking later gets a fresh one (logins are rate-limited).
TOKEN_REUSE_SECONDS = 600


def _port_block_free(base: int, size: int) -> bool:
    for port in range(base, base + size):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def _free_base_port() -> int:
    """8100 unless another bench run (these machines are shared) holds it: then 8110, 8120, …"""
    for base in range(FIRST_PORT, FIRST_PORT + 200, 10):
        if _port_block_free(base, len(SERVICES)):
            return base
    raise RuntimeError(f"端口 {FIRST_PORT}–{FIRST_PORT + 200} 均被占用")


@dataclass
class RunningStack:
    stack: Stack
    _tokens: dict[str, tuple[float, str]] = field(default_factory=dict)

    @property
    def gateway(self) -> str:
        return self.direct("gateway")

    def direct(self, package: str) -> str:
        return self.stack.url(self._spec(package))

    def pid(self, package: str) -> int:
        return self.stack.processes[package].pid

    def database_url(self, package: str) -> str:
        return self.stack.database_url(self._spec(package))

    def token(self, username: str) -> str:
        """An access token of a demo account, through the gateway's own login."""
        cached = self._tokens.get(username)
        if cached and time.monotonic() - cached[0] < TOKEN_REUSE_SECONDS:
            return cached[1]
        resp = httpx.post(f"{self.gateway}/api/auth/v1/login",
                          json={"username": username, "password": DEMO_PASSWORD}, timeout=30)
        if resp.status_code != 200:
            raise RuntimeError(f"登录 {username} 失败：{resp.status_code} {resp.text}")
        token = resp.json()["access_token"]
        self._tokens[username] = (time.monotonic(), token)
        return token

    @staticmethod
    def _spec(package: str):
        for spec in SERVICES:
            if spec.package == package:
                return spec
        raise KeyError(f"unknown package {package!r}; one of {[s.package for s in SERVICES]}")


@contextmanager
def running_stack(ctx: BenchContext, *, extra_env: dict[str, str] | None = None,
                  **overrides: str) -> Iterator[RunningStack]:
    """Starts the gateway and the three services on the bench databases; stops them on exit.

    ``overrides`` replace a package's database (``feedback_api="bench_feedback_2m"``);
    ``extra_env`` sets service settings (e.g. a rate limit) as a deployment would."""
    unknown = set(overrides) - {s.package for s in SERVICES}
    if unknown:
        raise KeyError(f"unknown packages {sorted(unknown)}")
    log_dir = ctx.work_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    env = {
        # The demo 12345 client's key, which the intake benchmark signs with.
        "FEEDBACK_HOTLINE_KEYS": json.dumps(DEMO_HOTLINE_KEYS),
        "LOG_LEVEL": "WARNING",
        **(extra_env or {}),
    }
    stack = Stack(
        server_url=ctx.server_url,
        port=_free_base_port(),
        databases={**ctx.databases, **overrides},
        spa_dir=ctx.repo_root / "frontend" / "dist",
        key_file=ctx.work_dir / "keys" / "jwt-signing.pem",
        storage_dir=ctx.work_dir / "uploads",
        service_secret=secrets.token_urlsafe(32),
        demo=False,
        extra_env=env,
        log_dir=log_dir,
    )
    try:
        stack.start()
        stack.wait_ready(timeout=120)
        yield RunningStack(stack)
    finally:
        stack.stop()
