"""tasks-api as feedback-api sees it: create the reform task of a cluster and
read a task's live status, through the gateway with this service's token
(``reform_common.service_client.ServiceClient``). Tests pass a fake with the
same two methods (``app.state.cluster_tasks``)."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from reform_common.service_client import ServiceClient

log = logging.getLogger("feedback.clusters")

FROM_CLUSTER = "/api/tasks/v1/tasks/from-cluster"


class TasksUnavailable(Exception):
    """tasks-api (or the gateway in front of it) could not be reached or failed."""


class TasksRejected(Exception):
    """tasks-api answered and refused the request (bad unit, no plan for the year …)."""

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        super().__init__(f"tasks-api {status}: {problem.get('code')}")
        self.status = status
        self.problem = problem


class TasksClient(Protocol):
    async def create_from_cluster(self, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """The task (tasks-api's TaskRead) and whether it was created now (False: it existed)."""

    async def get_task(self, code: str) -> dict[str, Any]:
        """The task's TaskRead; raises TasksUnavailable when it cannot be read."""


def _problem(resp: Any) -> dict[str, Any]:
    try:
        body = resp.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class GatewayTasks:
    def __init__(self, client: ServiceClient, timeout: float = 10.0) -> None:
        self.client = client
        self.timeout = timeout

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            return await self.client.request(method, path, timeout=self.timeout, **kwargs)
        except Exception as exc:  # transport errors, the gateway refusing the service token …
            log.warning("tasks-api unreachable: %s %s: %s", method, path, type(exc).__name__)
            raise TasksUnavailable(str(exc)) from exc

    async def create_from_cluster(self, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        resp = await self._request("POST", FROM_CLUSTER, json=body)
        if resp.status_code in (200, 201):
            return resp.json(), resp.status_code == 201
        if resp.status_code >= 500 or resp.status_code in (401, 403, 429):
            raise TasksUnavailable(f"tasks-api answered {resp.status_code}")
        raise TasksRejected(resp.status_code, _problem(resp))

    async def get_task(self, code: str) -> dict[str, Any]:
        resp = await self._request("GET", f"/api/tasks/v1/tasks/{code}")
        if resp.status_code != 200:
            raise TasksUnavailable(f"tasks-api answered {resp.status_code}")
        return resp.json()
