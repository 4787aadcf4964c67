"""The proxy to the services, the SPA with history fallback, security
headers, request ids and the public rate limit."""

import httpx
from fastapi import FastAPI

from gateway.security import RateLimitMiddleware


async def test_proxy_passes_path_query_body_and_headers_unchanged(client):
    resp = await client.post(
        "/api/indicators/v1/echo?year=2026&q=%E8%90%A5%E5%95%86",
        content="原样转发".encode(),
        headers={"Authorization": "Bearer abc", "X-Request-ID": "req-42", "content-type": "text/plain"},
    )
    assert resp.status_code == 201
    echoed = resp.json()
    assert echoed["path"] == "/api/indicators/v1/echo"  # not rewritten
    assert echoed["query"] == "year=2026&q=%E8%90%A5%E5%95%86"
    assert echoed["body"] == "原样转发"
    assert echoed["headers"]["authorization"] == "Bearer abc"
    assert echoed["headers"]["x-request-id"] == "req-42"
    assert echoed["headers"]["x-forwarded-for"] == "127.0.0.1"
    assert resp.headers["x-request-id"] == "req-42"
    # Repeated headers survive the trip.
    assert sorted(c.split(";")[0] for c in resp.headers.get_list("set-cookie")) == ["a=1", "b=2"]


async def test_a_service_that_is_down_is_a_502_naming_it(client):
    resp = await client.get("/api/tasks/v1/tasks")
    assert resp.status_code == 502
    assert resp.headers["content-type"] == "application/problem+json"
    body = resp.json()
    assert body["code"] == "gateway.upstream_unavailable"
    assert "任务台账服务" in body["title"] and "tasks" in body["detail"]


async def test_a_slow_service_is_a_504_naming_it(client):
    resp = await client.get("/api/feedback/v1/slow")
    assert resp.status_code == 504
    assert resp.json()["code"] == "gateway.upstream_timeout"
    assert "企业诉求服务" in resp.json()["title"]


async def test_spa_history_fallback_and_report_entry(client):
    for path in ("/", "/tasks", "/tasks/2026-ZW-001", "/login"):
        resp = await client.get(path)
        assert resp.status_code == 200 and resp.text == "<html>staff spa</html>", path
    for path in ("/report", "/report/track", "/track"):
        assert (await client.get(path)).text == "<html>report entry</html>"
    asset = await client.get("/assets/app-1234.js")
    assert asset.text == "console.log(1)"
    assert "immutable" in asset.headers["cache-control"]


async def test_spa_never_serves_outside_its_folder_or_swallows_api_404s(client):
    escaped = await client.get("/assets/../../../etc/passwd")
    assert "root:" not in escaped.text
    api = await client.get("/api/auth/v1/nothing-here")
    assert api.status_code == 404 and api.headers["content-type"] == "application/problem+json"
    unknown_service = await client.get("/api/unknown/v1/x")
    assert unknown_service.status_code == 404


async def test_security_headers_everywhere(client):
    for path in ("/", "/api/auth/healthz", "/api/tasks/v1/x"):
        headers = (await client.get(path)).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY"
        assert "default-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]


async def test_rate_limit_answers_429_in_chinese():
    inner = FastAPI()

    @inner.post("/api/auth/v1/login")
    async def ok() -> dict:
        return {"ok": True}

    limited = RateLimitMiddleware(inner, rules=[("POST", "/api/auth/v1/login", 3)])
    transport = httpx.ASGITransport(app=limited, client=("10.0.0.9", 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        codes = [(await c.post("/api/auth/v1/login")).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        rejected = await c.post("/api/auth/v1/login")
        assert rejected.json()["code"] == "rate_limited"
        assert "秒后再试" in rejected.json()["detail"]
        assert int(rejected.headers["retry-after"]) <= 60
        # Other paths are not limited.
        assert (await c.get("/api/auth/v1/other")).status_code == 404


async def test_control_characters_in_a_proxied_path_are_a_400_not_a_crash(client):
    resp = await client.get("/api/indicators/v1/echo%08x")
    assert resp.status_code in (400, 404)
    raw = await client.get("/api/indicators/v1/%E4%BD%A0%08")
    assert raw.status_code < 500
