"""Reverse proxy to the services: ``/api/<service>/...`` goes through with the
path unchanged (each service serves its full public prefix), bodies
streamed both ways. A service that is down or slow becomes a problem+json
502/504 that names it."""

from __future__ import annotations

import logging

import httpx
from fastapi import APIRouter, Request
from reform_common.errors import problem_response
from reform_common.observability import REQUEST_ID_HEADER, request_id_var
from starlette.background import BackgroundTask
from starlette.responses import Response, StreamingResponse

from gateway.settings import GatewaySettings

log = logging.getLogger("gateway.proxy")

SERVICE_TITLES = {"tasks": "任务台账服务", "indicators": "指标对标服务", "feedback": "企业诉求服务"}
# RFC 9110 §7.6.1 hop-by-hop headers, plus ones the gateway's own server sets.
_HOP_BY_HOP = {
    b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te", b"trailer",
    b"transfer-encoding", b"upgrade", b"host", b"content-length", b"date", b"server",
    REQUEST_ID_HEADER.encode(),
}

_FORWARDED = {b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host"}

router = APIRouter(include_in_schema=False)


def make_client(settings: GatewaySettings) -> httpx.AsyncClient:
    timeout = httpx.Timeout(settings.proxy_timeout_seconds, connect=settings.proxy_connect_timeout_seconds)
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
    return httpx.AsyncClient(timeout=timeout, limits=limits, follow_redirects=False)


def _forward_headers(request: Request) -> list[tuple[bytes, bytes]]:
    headers = [(k, v) for k, v in request.headers.raw if k.lower() not in _HOP_BY_HOP | _FORWARDED]
    client_host = request.client.host if request.client else ""
    prior = request.headers.get("x-forwarded-for")
    return headers + [
        (b"x-forwarded-for", (f"{prior}, {client_host}" if prior else client_host).encode()),
        (b"x-forwarded-proto", request.url.scheme.encode()),
        (b"x-forwarded-host", request.headers.get("host", "").encode()),
        (REQUEST_ID_HEADER.encode(), request_id_var.get().encode()),
    ]


@router.api_route(
    "/api/{service}/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
)
async def proxy(request: Request, service: str, path: str) -> Response:
    settings: GatewaySettings = request.app.state.settings
    upstream = settings.upstreams().get(service)
    if upstream is None:
        return problem_response(404, "not_found", "资源不存在", "请求的地址不存在。", instance=request.url.path)
    client: httpx.AsyncClient = request.app.state.proxy_client
    # The path as the client sent it (still percent-encoded), so nothing is decoded and re-encoded on the way.
    raw_path = request.scope.get("raw_path") or request.url.path.encode()
    has_body = request.method not in ("GET", "HEAD", "OPTIONS")
    try:
        url = httpx.URL(upstream.rstrip("/") + raw_path.decode("latin-1"),
                        query=request.url.query.encode("latin-1"))
        upstream_request = client.build_request(
            request.method, url, headers=_forward_headers(request), content=request.stream() if has_body else None
        )
    except httpx.InvalidURL:
        return problem_response(400, "bad_request", "请求地址无效", "请求地址含有无效字符。", instance=request.url.path)
    title = SERVICE_TITLES[service]
    try:
        upstream_response = await client.send(upstream_request, stream=True)
    except httpx.TimeoutException:
        log.warning("upstream %s timed out: %s %s", service, request.method, request.url.path)
        return problem_response(
            504, "gateway.upstream_timeout", f"{title}响应超时",
            f"{title}（{service}）未在规定时间内响应，请稍后重试。", instance=request.url.path,
        )
    except httpx.TransportError:
        log.warning("upstream %s unreachable: %s %s", service, request.method, request.url.path)
        return problem_response(
            502, "gateway.upstream_unavailable", f"{title}暂不可用",
            f"{title}（{service}）暂时无法访问，请稍后重试；如持续出现请联系运维。", instance=request.url.path,
        )
    response = StreamingResponse(
        upstream_response.aiter_raw(),
        status_code=upstream_response.status_code,
        background=BackgroundTask(upstream_response.aclose),
    )
    # Raw pairs keep repeated headers (Set-Cookie) that a dict would merge.
    response.raw_headers = [
        (k, v) for k, v in upstream_response.headers.raw if k.lower() not in _HOP_BY_HOP
    ]
    return response
