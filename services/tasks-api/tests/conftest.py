import asyncio
import socket
from pathlib import Path

import pytest
import pytest_asyncio
import tasks_api
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from reform_common.demo import all_units, unit_uuid
from reform_common.testing import TokenFactory, app_fixture
from reform_common.units import UnitDirectory, UnitInfo
from tasks_api.evaluations.ranks import IndicatorRanks
from tasks_api.main import create_app
from tasks_api.settings import Settings

DEMO_UNITS = UnitDirectory([UnitInfo(unit_uuid(code), code, name, short, tuple(aliases), kind)
                            for code, name, short, aliases, kind in all_units()])

# Stands in for indicators-api's ranks; a test sets ``app.state.indicator_ranks.standings``.
INDICATOR_RANKS = IndicatorRanks()

app = app_fixture(lambda settings: create_app(settings, units=DEMO_UNITS, indicator_ranks=INDICATOR_RANKS), Settings,
                  Path(tasks_api.__file__).parent)


class Receiver:
    """A local robot-webhook receiver: records what it was sent."""

    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.fail = False
        self.url = ""


@pytest_asyncio.fixture(scope="session")
async def webhook():
    receiver = Receiver()
    robot = FastAPI()

    @robot.post("/robot/send")
    async def send(request: Request) -> JSONResponse:
        if receiver.fail:
            return JSONResponse({"errcode": 500}, status_code=500)
        receiver.messages.append({"body": await request.json(), "key": request.headers.get("idempotency-key")})
        return JSONResponse({"errcode": 0, "errmsg": "ok"})

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(robot, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    receiver.url = f"http://127.0.0.1:{port}/robot/send"
    yield receiver
    server.should_exit = True
    await task


@pytest.fixture(scope="session")
def app_settings_overrides(webhook, tmp_path_factory) -> dict:
    return {
        "reminder_webhook_url": webhook.url,
        "reminder_scheduler_enabled": False,
        "tasks_storage_dir": str(tmp_path_factory.mktemp("uploads")),
    }


class Caller:
    """Headers for a demo user as tokens would carry them."""

    def __init__(self, tokens: TokenFactory) -> None:
        self.tokens = tokens

    def __call__(self, who: str) -> dict[str, str]:
        users = {
            "office": ("gaib", ["reform_office"], None),
            "fgw": ("fgw", ["lead_unit", "unit"], None),
            "scjg": ("scjg", ["unit"], None),
            "xihu": ("xihu", ["district"], None),
            "leader": ("zfb", ["leader"], None),
            "sjzy": ("sjzy", ["lead_unit", "unit"], None),
            "gaj": ("gaj", ["unit"], None),
            "market_group": ("jxj", ["group_lead"], "market"),
        }
        unit, roles, environment = users[who]
        return self.tokens.headers(roles=roles, unit_id=unit_uuid(unit), username=who, environment=environment,
                                   unit_name=dict((c, n) for c, n, *_ in all_units())[unit])


@pytest.fixture(scope="session")
def as_user(tokens: TokenFactory) -> Caller:
    return Caller(tokens)


@pytest.fixture
def units():
    return {code: unit_uuid(code) for code, *_ in all_units()}


@pytest.fixture
def make_plan(client, as_user):
    async def _make(year: int = 2026, **extra) -> dict:
        resp = await client.post("/api/tasks/v1/plans", headers=as_user("office"),
                                 json={"year": year, "title": f"{year}年营商环境优化提升重点任务清单", **extra})
        assert resp.status_code == 201, resp.text
        return resp.json()

    return _make


@pytest.fixture
def make_task(client, as_user, units):
    async def _make(**fields) -> dict:
        body = {
            "year": 2026, "title": "企业开办全程网办", "environment": "gov_service", "category": "key",
            "lead_unit_id": str(units["fgw"]), "responsible_unit_ids": [str(units["scjg"])],
            "deadline": "2026-06-30",
        }
        body.update(fields)
        resp = await client.post("/api/tasks/v1/tasks", headers=as_user("office"), json=body)
        assert resp.status_code == 201, resp.text
        return resp.json()

    return _make
