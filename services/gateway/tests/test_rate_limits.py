"""The per-client rate limits in front of the public and integration
endpoints of feedback-api, and the proxying of the Open311 paths."""

import httpx
from fastapi import FastAPI, Request

from gateway.main import rate_limit_rules
from gateway.security import RateLimitMiddleware
from gateway.settings import GatewaySettings


def _limited(**limits) -> RateLimitMiddleware:
    inner = FastAPI()

    @inner.api_route("/{path:path}", methods=["GET", "POST", "PUT", "HEAD"])
    async def anything(request: Request) -> dict:
        return {"ok": True}

    return RateLimitMiddleware(inner, rules=rate_limit_rules(GatewaySettings(**limits)))


def _client(app, address: str = "10.0.0.9") -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 1234)), base_url="http://t")


async def _codes(c: httpx.AsyncClient, method: str, path: str, n: int) -> list[int]:
    return [(await c.request(method, path)).status_code for _ in range(n)]


def test_the_configured_rules_and_their_defaults():
    rules = {(m, p): n for m, p, n in rate_limit_rules(GatewaySettings())}
    assert rules[("GET", "/api/feedback/v1/public/")] == 120
    assert rules[("POST", "/api/feedback/v1/public/")] == 60
    assert rules[("*", "/api/feedback/v1/integrations/12345/")] == 600
    assert rules[("POST", "/api/feedback/open311/")] == 10
    assert rules[("*", "/api/feedback/open311/")] == 120
    # Open311 POSTs are stricter than reads, the 12345 system is given the most room.
    assert rules[("POST", "/api/feedback/open311/")] < rules[("*", "/api/feedback/open311/")] < rules[
        ("*", "/api/feedback/v1/integrations/12345/")]


async def test_public_reads_are_limited_apart_from_public_writes():
    app = _limited(public_read_rate_limit_per_minute=3, public_rate_limit_per_minute=2)
    async with _client(app) as c:
        assert await _codes(c, "GET", "/api/feedback/v1/public/options", 4) == [200, 200, 200, 429]
        # Writes have their own count.
        assert await _codes(c, "POST", "/api/feedback/v1/public/track", 3) == [200, 200, 429]
        rejected = await c.get("/api/feedback/v1/public/options")
        assert rejected.json()["code"] == "rate_limited" and int(rejected.headers["retry-after"]) <= 60
        # Staff paths of feedback-api are not limited here.
        assert await _codes(c, "GET", "/api/feedback/v1/cases", 10) == [200] * 10


async def test_the_12345_paths_are_limited_generously_for_every_method():
    app = _limited(hotline_rate_limit_per_minute=5)
    async with _client(app, "10.1.2.3") as c:
        codes = (await _codes(c, "POST", "/api/feedback/v1/integrations/12345/orders", 3)
                 + await _codes(c, "GET", "/api/feedback/v1/integrations/12345/orders/GD1", 3))
        assert codes == [200] * 5 + [429]
    default = _limited()
    async with _client(default, "10.1.2.4") as c:
        assert set(await _codes(c, "POST", "/api/feedback/v1/integrations/12345/orders", 300)) == {200}


async def test_open311_posts_are_stricter_than_reads():
    app = _limited(open311_post_rate_limit_per_minute=2, open311_rate_limit_per_minute=4)
    async with _client(app) as c:
        assert await _codes(c, "POST", "/api/feedback/open311/v2/requests.json", 3) == [200, 200, 429]
        # Reads still go through, on their own count (requests, services, discovery alike).
        reads = [(await c.get(p)).status_code for p in (
            "/api/feedback/open311/v2/requests.xml", "/api/feedback/open311/v2/services.json",
            "/api/feedback/open311/discovery.xml", "/api/feedback/open311/v2/tokens/abc.json",
            "/api/feedback/open311/v2/services.xml")]
        assert reads == [200, 200, 200, 200, 429]
    # Another client address has its own counts.
    async with _client(app, "10.9.9.9") as other:
        assert (await other.post("/api/feedback/open311/v2/requests.xml")).status_code == 200


async def test_open311_paths_are_proxied_to_feedback_unchanged(client):
    resp = await client.get("/api/feedback/open311/v2/requests.xml?status=open&service_code=utilities.power")
    assert resp.status_code == 200, resp.text
    echoed = resp.json()
    assert echoed["service"] == "feedback" and echoed["path"] == "/api/feedback/open311/v2/requests.xml"
    assert echoed["query"] == "status=open&service_code=utilities.power"
    form = {"api_key": "demo-open311-key", "service_code": "utilities.power", "attribute[enterprise_name]": "某公司"}
    posted = await client.post("/api/feedback/open311/v2/requests.json", data=form)
    assert posted.status_code == 200
    assert posted.json()["content_type"] == "application/x-www-form-urlencoded"
    assert "attribute%5Benterprise_name%5D=" in posted.json()["body"]
    discovery = await client.get("/api/feedback/open311/discovery.json")
    assert discovery.json()["path"] == "/api/feedback/open311/discovery.json"
