"""The unit directory as a service sees it: the gateway owns units; this
service reads them over REST with its service token and keeps them in
memory for a minute (a few hundred rows), so names shown and exported are
always the gateway's current names."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import Problem
from .service_client import ServiceClient


@dataclass(frozen=True)
class UnitInfo:
    id: uuid.UUID
    code: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    kind: str


class UnitDirectory:
    """Base: a fixed set of units (tests and demo use it directly)."""

    def __init__(self, units: list[UnitInfo] | None = None) -> None:
        self._units: dict[uuid.UUID, UnitInfo] = {u.id: u for u in units or []}

    async def all(self) -> list[UnitInfo]:
        return list(self._units.values())

    async def get(self, unit_id: uuid.UUID) -> UnitInfo | None:
        return (await self._index()).get(unit_id)

    async def names(self) -> dict[uuid.UUID, str]:
        return {u.id: u.name for u in await self.all()}

    async def index(self) -> Mapping[uuid.UUID, UnitInfo]:
        """The units by id: the directory's own mapping, one object until the next refresh (so a caller
        can tell by identity that nothing changed). Read only."""
        return await self._index()

    async def _index(self) -> dict[uuid.UUID, UnitInfo]:
        return self._units


class GatewayUnitDirectory(UnitDirectory):
    TTL_SECONDS = 60.0
    PAGE_SIZE = 200

    def __init__(self, client: ServiceClient) -> None:
        super().__init__()
        self.client = client
        self._loaded_at = 0.0
        self._lock = asyncio.Lock()

    async def all(self) -> list[UnitInfo]:
        return list((await self._index()).values())

    async def _index(self) -> dict[uuid.UUID, UnitInfo]:
        if time.monotonic() - self._loaded_at > self.TTL_SECONDS:
            async with self._lock:
                if time.monotonic() - self._loaded_at > self.TTL_SECONDS:
                    self._units = await self._fetch()
                    self._loaded_at = time.monotonic()
        return self._units

    async def _fetch(self) -> dict[uuid.UUID, UnitInfo]:
        units: dict[uuid.UUID, UnitInfo] = {}
        page = 1
        while True:
            try:
                resp = await self.client.request(
                    "GET", "/api/auth/v1/units",
                    params={"page": page, "page_size": self.PAGE_SIZE, "include_inactive": "true"},
                )
            except Exception as exc:  # any transport failure: the directory is unavailable
                raise _unavailable() from exc
            if resp.status_code != 200:
                raise _unavailable()
            body = resp.json()
            for item in body["items"]:
                unit = UnitInfo(uuid.UUID(item["id"]), item["code"], item["name"], item["short_name"],
                                tuple(item.get("aliases") or ()), item["kind"])
                units[unit.id] = unit
            if page * self.PAGE_SIZE >= body["total"]:
                return units
            page += 1


def _unavailable() -> Problem:
    return Problem(503, "units.unavailable", "单位目录暂不可用", "暂时无法从网关读取单位目录，请稍后重试。")
