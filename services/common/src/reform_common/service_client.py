"""Service-to-service HTTP: a client that authenticates as its service.

It exchanges ``SERVICE_SECRET`` for a short-lived service token at the
gateway, caches it until shortly before expiry, and passes the current
request id on, so a call chain stays one trace."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from .observability import REQUEST_ID_HEADER, request_id_var


class ServiceClient:
    REFRESH_MARGIN_SECONDS = 30

    def __init__(self, gateway_url: str, service: str, secret: str, http: httpx.AsyncClient) -> None:
        self.gateway_url = gateway_url.rstrip("/")
        self.service = service
        self.secret = secret
        self.http = http
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = asyncio.Lock()

    async def token(self) -> str:
        async with self._lock:
            if self._token is None or time.monotonic() > self._expires_at - self.REFRESH_MARGIN_SECONDS:
                resp = await self.http.post(
                    f"{self.gateway_url}/api/auth/v1/service-token",
                    json={"service": self.service, "secret": self.secret},
                )
                resp.raise_for_status()
                body = resp.json()
                self._token = body["access_token"]
                self._expires_at = time.monotonic() + body["expires_in"]
            return self._token

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """``path`` is a public path (``/api/tasks/v1/...``), sent through the gateway."""
        headers = {
            **kwargs.pop("headers", {}),
            "Authorization": f"Bearer {await self.token()}",
            REQUEST_ID_HEADER: request_id_var.get(),
        }
        resp = await self.http.request(method, f"{self.gateway_url}{path}", headers=headers, **kwargs)
        if resp.status_code == 401:
            # The gateway's key may have rotated: one fresh token, one retry.
            self._token = None
            headers["Authorization"] = f"Bearer {await self.token()}"
            resp = await self.http.request(method, f"{self.gateway_url}{path}", headers=headers, **kwargs)
        return resp
