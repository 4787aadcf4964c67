"""End-to-end: the gateway and the three services as real processes on real
ports, against the test PostgreSQL, with demo data."""

import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from reform_common.demo import DEMO_PASSWORD
from reform_common.devstack import SERVICES, Stack
from reform_common.testing import free_port_block


@pytest.fixture(scope="session")
def stack(pg_server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    work = tmp_path_factory.mktemp("stack")
    platform = Stack(
        server_url=pg_server_url,
        port=free_port_block(),
        databases={s.package: f"e2e_{s.database}" for s in SERVICES},
        spa_dir=work / "spa",
        key_file=work / "keys" / "jwt.pem",
        storage_dir=work / "uploads",  # not the checkout's var/uploads
        service_secret=secrets.token_urlsafe(16),
        log_dir=work,
    )
    platform.prepare(recreate=True)
    platform.start()
    try:
        platform.wait_ready()
        yield platform
    finally:
        platform.stop()


@pytest.fixture(scope="session")
def gateway_url(stack: Stack) -> str:
    return stack.url(SERVICES[0])


@pytest.fixture
def http(gateway_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=gateway_url, timeout=10) as client:
        yield client


@pytest.fixture
def bearer(http: httpx.Client):
    def _bearer(username: str) -> dict[str, str]:
        resp = http.post("/api/auth/v1/login", json={"username": username, "password": DEMO_PASSWORD})
        assert resp.status_code == 200, resp.text
        return {"Authorization": f"Bearer {resp.json()['access_token']}"}

    return _bearer


@pytest.fixture
def read_log(stack: Stack):
    def _read(package: str) -> str:
        return (Path(stack.log_dir) / f"{package}.log").read_text(encoding="utf-8", errors="replace")

    return _read
