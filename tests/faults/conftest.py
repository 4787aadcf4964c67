"""Fault injection on real processes: the gateway and the three services on
their own embedded PostgreSQL (so a test can stop and start it), with 12345
callbacks going to a small receiver the test can stop and start too. Module-scoped: torn down
as soon as the fault tests are done, not kept running through the rest of the suite."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from reform_common.demo import DEMO_PASSWORD
from reform_common.devstack import DEMO_HOTLINE_KEYS, SERVICES, Stack
from reform_common.pg import start_embedded, stop_embedded
from reform_common.testing import free_port_block

CALLBACK_KEY, CALLBACK_SECRET = "reform-platform", "fault-callback-secret"
HOTLINE_KEY, HOTLINE_SECRET = next(iter(DEMO_HOTLINE_KEYS.items()))
# Short enough that a frozen service costs the suite seconds, long enough for a busy 2-core machine.
PROXY_TIMEOUT_SECONDS = 5


def until(predicate, timeout: float, what: str, interval: float = 0.05):
    """Polls ``predicate`` until it returns something truthy (returned) or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"等待超时：{what}")
        time.sleep(interval)


def signed(body: bytes) -> dict[str, str]:
    """The 12345 client's request signature (docs/integrations/12345.md)."""
    ts = str(int(time.time()))
    signature = hmac.new(HOTLINE_SECRET.encode(), f"{ts}\n".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Hotline-Key": HOTLINE_KEY, "X-Hotline-Timestamp": ts, "X-Hotline-Signature": signature,
            "Content-Type": "application/json"}


def order_body(order_no: str) -> bytes:
    return json.dumps({
        "order_no": order_no, "received_at": "2026-11-20T10:15:00+08:00", "type": "投诉",
        "title": "新厂房用电报装超时", "content": "我司新厂房用电报装已提交 20 个工作日，仍未完成外线接入。",
        "caller_name": "王先生", "caller_phone": "13812341234", "enterprise_name": "杭州云栖数智科技有限公司",
        "district": "西湖区", "category": "用电报装",
    }, ensure_ascii=False).encode()


class Receiver:
    """The 12345 side of the callbacks, in a thread: checks each signature on its own, answers 200,
    records every attempt and the first acceptance of each event_id (repeats are allowed: at least once)."""

    def __init__(self) -> None:
        self.port = free_port_block(1)
        self.url = f"http://127.0.0.1:{self.port}/12345/callbacks"
        self.attempts: list[dict] = []
        self.accepted: list[dict] = []
        self._lock = threading.Lock()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def _app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/12345/callbacks")
        async def callback(request: Request) -> JSONResponse:
            raw = await request.body()
            ts = request.headers.get("x-hotline-timestamp", "")
            expected = hmac.new(CALLBACK_SECRET.encode(), f"{ts}\n".encode() + raw, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, request.headers.get("x-hotline-signature", "")):
                return JSONResponse({"code": "bad_signature"}, status_code=401)
            body = json.loads(raw)
            with self._lock:
                self.attempts.append(body)
                if all(b["event_id"] != body["event_id"] for b in self.accepted):
                    self.accepted.append(body)
            return JSONResponse({"code": 0})

        return app

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> None:
        self._server = uvicorn.Server(uvicorn.Config(self._app(), host="127.0.0.1", port=self.port,
                                                     log_level="warning", lifespan="off"))
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        until(lambda: self._server.started, 10, "回调接收端启动")

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(10)
            self._server = None

    def events(self, order_no: str) -> list[str]:
        with self._lock:
            return [b["event"] for b in self.accepted if b["order_no"] == order_no]

    def attempted(self, order_no: str) -> list[str]:
        with self._lock:
            return [b["event"] for b in self.attempts if b["order_no"] == order_no]


class Postgres:
    """The stack's own embedded PostgreSQL, which a test may stop and start again."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.url = start_embedded(data_dir, cleanup_mode=None)

    def stop(self, mode: str = "fast") -> None:
        stop_embedded(self.data_dir, mode)

    def start(self) -> None:
        assert start_embedded(self.data_dir, cleanup_mode=None) == self.url


@pytest.fixture(scope="module")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Postgres]:
    server = Postgres(tmp_path_factory.mktemp("faults-pg") / "data")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    r.start()
    yield r
    r.stop()


def _fake_spa(root: Path) -> Path:
    """A built SPA's shape (index, report entry, a hashed asset): the gateway serves whatever is there."""
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>营商环境改革推进平台</title>"
                                     "<script type=module src=/assets/app-f4ult.js></script>", encoding="utf-8")
    (root / "report.html").write_text("<!doctype html><title>企业诉求</title>", encoding="utf-8")
    (root / "assets" / "app-f4ult.js").write_text("console.log('spa');", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def stack(postgres: Postgres, receiver: Receiver, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    work = tmp_path_factory.mktemp("faults-stack")
    platform = Stack(
        server_url=postgres.url,
        port=free_port_block(),
        databases={s.package: f"faults_{s.database}" for s in SERVICES},
        spa_dir=_fake_spa(work / "spa"),
        key_file=work / "keys" / "jwt.pem",
        storage_dir=work / "uploads",
        service_secret=secrets.token_urlsafe(16),
        log_dir=work,
        demo=False,
        extra_env={
            "LOG_LEVEL": "WARNING",
            "FEEDBACK_HOTLINE_KEYS": json.dumps(DEMO_HOTLINE_KEYS),
            "HOTLINE_CALLBACK_URL": receiver.url,
            "HOTLINE_CALLBACK_KEY": CALLBACK_KEY,
            "HOTLINE_CALLBACK_SECRET": CALLBACK_SECRET,
            # Retries within a second once the receiver is back (production: 5 s doubling to 15 min).
            "HOTLINE_CALLBACK_BACKOFF_BASE_SECONDS": "0.2",
            "HOTLINE_CALLBACK_BACKOFF_CAP_SECONDS": "1",
            "HOTLINE_CALLBACK_POLL_SECONDS": "0.5",
            "PROXY_TIMEOUT_SECONDS": str(PROXY_TIMEOUT_SECONDS),
            # The sustained intake and the logins of one test client are not what is under test here.
            "HOTLINE_RATE_LIMIT_PER_MINUTE": "100000",
            "LOGIN_RATE_LIMIT_PER_MINUTE": "1000",
        },
    )
    platform.prepare(recreate=True)
    # Only the demo units and accounts (the gateway's): the tests file their own orders and import their own
    # tasks, and the other services' demo data would cost the suite half a minute.
    subprocess.run([sys.executable, "-m", "gateway", "seed-demo"], env=platform.env(), check=True,
                   capture_output=True)
    platform.start()
    try:
        platform.wait_ready(timeout=120)
        yield platform
    finally:
        platform.stop()


@pytest.fixture(scope="module")
def gateway_url(stack: Stack) -> str:
    return stack.url(SERVICES[0])


@pytest.fixture
def http(gateway_url: str) -> Iterator[httpx.Client]:
    # Longer than the gateway's proxy timeout: an answer that does not come is the failure, not this timeout.
    with httpx.Client(base_url=gateway_url, timeout=PROXY_TIMEOUT_SECONDS * 4) as client:
        yield client


@pytest.fixture
def bearer(http: httpx.Client):
    def _bearer(username: str) -> dict[str, str]:
        resp = http.post("/api/auth/v1/login", json={"username": username, "password": DEMO_PASSWORD})
        assert resp.status_code == 200, resp.text
        return {"Authorization": f"Bearer {resp.json()['access_token']}"}

    return _bearer


@pytest.fixture
def restart(stack: Stack):
    """Starts a service again (after a kill or a stop) and waits until it is ready."""

    def _restart(package: str) -> None:
        spec = next(s for s in SERVICES if s.package == package)
        stack.stop_service(package)  # forgets the process (already gone after a kill)
        stack.start_service(spec)
        stack.wait_ready(timeout=60, specs=[spec])

    return _restart
