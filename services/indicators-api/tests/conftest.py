from pathlib import Path

import httpx
import pytest
from reform_common.cli import in_session
from reform_common.demo import unit_uuid
from reform_common.testing import TokenFactory, app_fixture

import indicators_api
from indicators_api import reference
from indicators_api.main import create_app
from indicators_api.settings import Settings


class FakeTasks:
    """Stands in for tasks-api behind the gateway: answers the linked-tasks query."""

    def __init__(self) -> None:
        self.calls: list[dict] = []

    async def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        self.calls.append({"method": method, "path": path, **kwargs})
        if path == "/api/tasks/v1/metrics/on-time-completion":
            return httpx.Response(200, json={"year": 2026, "as_of": "2026-11-22", "due": 8, "completed_on_time": 7,
                                             "value": 87.5})
        if path.startswith("/api/feedback/"):
            return httpx.Response(404, json={"code": "not_found"})
        items = [{"code": "2026-SC-007", "title": "获得用水用气便利化", "status": "in_progress", "warning": "yellow",
                  "progress": 60, "benchmark_class": "A", "lead_unit": {"name": "市城乡建设委员会"}}]
        return httpx.Response(200, json={"items": items if kwargs["params"]["indicator"] == "GP-07" else [],
                                         "total": 1})


TASKS = FakeTasks()


async def _catalog(url: str) -> None:
    await in_session(url, reference.load)


app = app_fixture(lambda settings: create_app(settings, tasks_client=TASKS), Settings,
                  Path(indicators_api.__file__).parent, prepare=_catalog)


@pytest.fixture(scope="session")
def app_settings_overrides() -> dict:
    return {"computed_refresh_enabled": False}


@pytest.fixture
def fake_tasks() -> FakeTasks:
    TASKS.calls.clear()
    return TASKS


@pytest.fixture(scope="session")
def as_user(tokens: TokenFactory):
    users = {
        "office": ("gaib", ["reform_office"]),
        "scjg": ("scjg", ["lead_unit", "unit"]),
        "sjzy": ("sjzy", ["lead_unit", "unit"]),
        "fgw": ("fgw", ["lead_unit", "unit"]),
        "leader": ("zfb", ["leader"]),
    }

    def headers(who: str) -> dict[str, str]:
        unit, roles = users[who]
        return tokens.headers(roles=roles, unit_id=unit_uuid(unit), unit_code=unit, username=who)

    return headers


@pytest.fixture
def enter(client, as_user):
    """Submit values as ``who`` and approve them as the office; returns the approved rows."""

    async def _enter(indicator: str, period: str, values: dict[str, float], who: str = "office") -> list[dict]:
        body = [{"indicator": indicator, "region": r, "period": period, "value": v, "source": "测试数据"}
                for r, v in values.items()]
        submitted = await client.post("/api/indicators/v1/observations", headers=as_user(who), json=body)
        assert submitted.status_code == 201, submitted.text
        ids = [o["id"] for o in submitted.json()]
        flagged = any(o["flags"] for o in submitted.json())
        review = {"ids": ids, "decision": "approve", **({"comment": "已核实"} if flagged else {})}
        approved = await client.post("/api/indicators/v1/observations/review", headers=as_user("office"), json=review)
        assert approved.status_code == 200, approved.text
        return approved.json()

    return _enter
