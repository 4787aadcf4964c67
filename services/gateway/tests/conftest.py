import asyncio
import socket
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from reform_common.cli import in_session
from reform_common.demo import DEMO_PASSWORD
from reform_common.testing import KeyPair, TokenFactory, app_fixture

import gateway
from gateway import demo
from gateway.keys import signing_key_from_private
from gateway.main import create_app
from gateway.settings import GatewaySettings

GATEWAY_KEY = KeyPair.generate()


async def _load_demo(url: str) -> None:
    await in_session(url, demo.load)


app = app_fixture(create_app, GatewaySettings, Path(gateway.__file__).parent, prepare=_load_demo)


@pytest.fixture(scope="session")
def tokens() -> TokenFactory:
    """Tokens signed with the gateway's own key, under its key id."""
    return TokenFactory([KeyPair(GATEWAY_KEY.private_key, signing_key_from_private(GATEWAY_KEY.private_key).kid)])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _upstream_app() -> FastAPI:
    """Stands in for a service behind the gateway: echoes what it received."""
    upstream = FastAPI()

    @upstream.api_route("/api/{service}/v1/echo", methods=["GET", "POST"])
    async def echo(request: Request, service: str) -> JSONResponse:
        body = await request.body()
        response = JSONResponse(
            {
                "service": service,
                "path": request.url.path,
                "query": request.url.query,
                "method": request.method,
                "body": body.decode(),
                "headers": {k: v for k, v in request.headers.items()},
            },
            status_code=201 if request.method == "POST" else 200,
        )
        response.set_cookie("a", "1")
        response.set_cookie("b", "2")
        return response

    @upstream.api_route("/api/{service}/open311/{rest:path}", methods=["GET", "POST"])
    async def open311(request: Request, service: str, rest: str) -> JSONResponse:
        # Open311 paths sit beside /v1/ (e.g. /api/feedback/open311/v2/requests.xml).
        return JSONResponse({"service": service, "path": request.url.path, "query": request.url.query,
                             "method": request.method, "body": (await request.body()).decode(),
                             "content_type": request.headers.get("content-type")})

    @upstream.get("/api/{service}/v1/slow")
    async def slow() -> dict:
        await asyncio.sleep(5)
        return {}

    return upstream


@pytest_asyncio.fixture(scope="session")
async def upstream_url():
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(_upstream_app(), host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    async with httpx.AsyncClient() as probe:
        for _ in range(100):
            try:
                await probe.get(f"http://127.0.0.1:{port}/api/x/v1/echo")
                break
            except httpx.TransportError:
                await asyncio.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


@pytest.fixture(scope="session")
def spa_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spa")
    (root / "index.html").write_text("<html>staff spa</html>", encoding="utf-8")
    (root / "report.html").write_text("<html>report entry</html>", encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "app-1234.js").write_text("console.log(1)", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def app_settings_overrides(upstream_url: str, spa_dir: Path) -> dict:
    return {
        "jwt_private_key": GATEWAY_KEY.pem,
        # Login is rate-limited per client; the suite logs in far more often than a person would.
        "login_rate_limit_per_minute": 10_000,
        "indicators_url": upstream_url,
        "feedback_url": upstream_url,
        "tasks_url": f"http://127.0.0.1:{_free_port()}",  # nothing listens: the service is down
        "proxy_timeout_seconds": 0.5,
        "spa_dir": str(spa_dir),
        "service_secret": "test-service-secret",
    }


@pytest.fixture
def login(client: httpx.AsyncClient):
    async def _login(username: str, password: str = DEMO_PASSWORD) -> httpx.Response:
        return await client.post("/api/auth/v1/login", json={"username": username, "password": password})

    return _login


@pytest.fixture
def auth_headers(login):
    async def _headers(username: str) -> dict[str, str]:
        resp = await login(username)
        assert resp.status_code == 200, resp.text
        return {"Authorization": f"Bearer {resp.json()['access_token']}"}

    return _headers
