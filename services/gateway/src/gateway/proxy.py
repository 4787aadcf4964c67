"""Reverse proxy to the services: ``/api/<service>/...`` goes through with the
path unchanged (each service serves its full public prefix), bodies
streamed both ways. A service that is down or slow becomes a problem+json
502/504 that names it."""

from __future__ import annotations

import logging

import aiohttp
from fastapi import APIRouter, Request
from reform_common.errors import problem_response
from reform_common.observability import REQUEST_ID_HEADER, request_id_var
from starlette.background import BackgroundTask
from starlette.convertors import Convertor, register_url_convertor
from starlette.responses import Response, StreamingResponse
from yarl import URL

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
# Request headers the gateway drops or sets itself (built once: it is checked per header per request).
_NOT_PASSED_ON = _HOP_BY_HOP | _FORWARDED
# Answers up to this size are read whole and sent with their length (one write, no chunking);
# larger ones (exports, downloads) are streamed.
_BUFFER_LIMIT = 256 * 1024
# aiohttp would otherwise add headers the client never sent.
_NO_AUTO_HEADERS = ("User-Agent", "Accept", "Accept-Encoding", "Content-Type")

router = APIRouter(include_in_schema=False)


class _AnyPath(Convertor[str]):
    """Starlette's ``path`` stops at a newline (``.`` in its regex); a percent-encoded one (%0A) is still part of
    the path the service must see, or the gateway answers a 404 of its own the service never would."""

    regex = "(?s:.*)"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("any_path", _AnyPath())


def make_client(settings: GatewaySettings) -> aiohttp.ClientSession:
    """aiohttp rather than httpx: httpx's pool polls every idle connection on each request, so
    under 64 concurrent requests the gateway spent most of its CPU in the pool, not proxying.
    No cookie jar (cookies belong to the browser, not to the gateway), bodies passed as they are."""
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=settings.proxy_connect_timeout_seconds,
                                    sock_read=settings.proxy_timeout_seconds)
    # Every connection may stay open: fewer idle slots than concurrent requests means reconnects.
    connector = aiohttp.TCPConnector(limit=256, limit_per_host=0, keepalive_timeout=60)
    return aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar(),
                                 auto_decompress=False, skip_auto_headers=_NO_AUTO_HEADERS)


def _forward_headers(request: Request) -> list[tuple[str, str]]:
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw
               if k.lower() not in _NOT_PASSED_ON]
    client_host = request.client.host if request.client else ""
    prior = request.headers.get("x-forwarded-for")
    return headers + [
        ("x-forwarded-for", f"{prior}, {client_host}" if prior else client_host),
        ("x-forwarded-proto", request.url.scheme),
        ("x-forwarded-host", request.headers.get("host", "")),
        (REQUEST_ID_HEADER, request_id_var.get()),
    ]


@router.api_route(
    "/api/{service}/{path:any_path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
)
async def proxy(request: Request, service: str, path: str) -> Response:
    settings: GatewaySettings = request.app.state.settings
    upstream = settings.upstreams().get(service)
    if upstream is None:
        return problem_response(404, "not_found", "资源不存在", "请求的地址不存在。", instance=request.url.path)
    client: aiohttp.ClientSession = request.app.state.proxy_client
    # The path as the client sent it (still percent-encoded), so nothing is decoded and re-encoded on the way.
    raw_path = (request.scope.get("raw_path") or request.url.path.encode()).decode("latin-1")
    query = request.scope.get("query_string", b"").decode("latin-1")
    has_body = request.method not in ("GET", "HEAD", "OPTIONS")
    title = SERVICE_TITLES[service]
    try:
        url = URL(upstream.rstrip("/") + raw_path + (f"?{query}" if query else ""), encoded=True)
        upstream_response = await client.request(
            request.method, url, headers=_forward_headers(request), allow_redirects=False,
            data=request.stream() if has_body else None,
        )
    except (ValueError, aiohttp.InvalidURL):
        return problem_response(400, "bad_request", "请求地址无效", "请求地址含有无效字符。", instance=request.url.path)
    except TimeoutError:
        log.warning("upstream %s timed out: %s %s", service, request.method, request.url.path)
        return problem_response(
            504, "gateway.upstream_timeout", f"{title}响应超时",
            f"{title}（{service}）未在规定时间内响应，请稍后重试。", instance=request.url.path,
        )
    except aiohttp.ClientError:
        log.warning("upstream %s unreachable: %s %s", service, request.method, request.url.path)
        return problem_response(
            502, "gateway.upstream_unavailable", f"{title}暂不可用",
            f"{title}（{service}）暂时无法访问，请稍后重试；如持续出现请联系运维。", instance=request.url.path,
        )
    # Raw pairs keep repeated headers (Set-Cookie) that a dict would merge.
    headers = [(k, v) for k, v in upstream_response.raw_headers if k.lower() not in _HOP_BY_HOP]
    length = upstream_response.content_length
    if length is not None and length <= _BUFFER_LIMIT:
        try:
            body = await upstream_response.read()
        except (TimeoutError, aiohttp.ClientError):
            upstream_response.release()
            log.warning("upstream %s broke off its answer: %s %s", service, request.method, request.url.path)
            return problem_response(
                502, "gateway.upstream_unavailable", f"{title}暂不可用",
                f"{title}（{service}）暂时无法访问，请稍后重试；如持续出现请联系运维。", instance=request.url.path,
            )
        response = Response(body, status_code=upstream_response.status)
        # The upstream's own length: the body is passed as it is (and a HEAD answer has none).
        response.raw_headers = [*headers, (b"content-length", str(length).encode())]
        return response
    response = StreamingResponse(
        upstream_response.content.iter_any(),
        status_code=upstream_response.status,
        background=BackgroundTask(upstream_response.release),
    )
    response.raw_headers = headers
    return response
