"""HTTP hardening at the gateway: CORS only for the configured origin, request bodies over the limit refused
before they are read, login's rate limit on the real app, security headers and a CSP the built SPA can live
with (no inline script)."""

import json
import re
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from gateway.main import UPLOAD_PATHS, create_app, rate_limit_rules
from gateway.settings import GatewaySettings

FRONTEND = Path(__file__).resolve().parents[3] / "frontend"
KB = 1024


@asynccontextmanager
async def _gateway(app, **changes):
    """Another gateway app on the same database, with changed settings."""
    other = create_app(app.state.settings.model_copy(update=changes))
    async with other.router.lifespan_context(other):
        transport = httpx.ASGITransport(app=other, client=("10.0.0.77", 4321))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            yield c


def _preflight(origin: str) -> dict[str, str]:
    return {"Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"}


async def test_no_cors_unless_an_origin_is_configured(client):
    for path in ("/api/auth/v1/login", "/api/feedback/v1/echo"):
        preflight = await client.options(path, headers=_preflight("https://evil.example"))
        assert "access-control-allow-origin" not in preflight.headers, path
    simple = await client.get("/api/auth/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers


async def test_cors_answers_the_configured_origin_only(app):
    allowed = "https://reform.example.gov.cn"
    async with _gateway(app, cors_allow_origins=[allowed]) as c:
        ok = await c.options("/api/auth/v1/login", headers=_preflight(allowed))
        assert ok.status_code == 200
        assert ok.headers["access-control-allow-origin"] == allowed
        assert "authorization" in ok.headers["access-control-allow-headers"].lower()
        assert "access-control-allow-credentials" not in ok.headers  # tokens are headers, never cookies
        other = await c.options("/api/auth/v1/login", headers=_preflight("https://evil.example"))
        assert "access-control-allow-origin" not in other.headers
        simple = await c.get("/api/auth/healthz", headers={"Origin": allowed})
        assert simple.headers["access-control-allow-origin"] == allowed
        foreign = await c.get("/api/auth/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in foreign.headers


def test_cors_origins_from_the_environment(monkeypatch):
    monkeypatch.setenv("CORS_ALLOW_ORIGINS", "https://a.example, https://b.example")
    assert GatewaySettings().cors_allow_origins == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("CORS_ALLOW_ORIGINS", "")
    assert GatewaySettings().cors_allow_origins == []


def _assert_413(resp: httpx.Response, limit: str) -> None:
    assert resp.status_code == 413, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    assert resp.json()["code"] == "payload_too_large" and f"{limit} MB" in resp.json()["detail"]
    assert resp.headers["x-content-type-options"] == "nosniff"


async def test_a_body_over_the_limit_is_a_413_before_it_is_read(app):
    async with _gateway(app, max_request_bytes=64 * KB, max_upload_request_bytes=256 * KB) as c:
        # Declared too large: refused on the header, to the gateway's own API and to the proxied services alike.
        _assert_413(await c.post("/api/auth/v1/login", content=b"{" + b" " * 70 * KB + b"}",
                                 headers={"content-type": "application/json"}), "0.0625")
        _assert_413(await c.post("/api/feedback/v1/echo", content=b"x" * (65 * KB)), "0.0625")

        # Streamed with no length: refused once past the limit; what follows is dropped up to the upload limit
        # (so the client reads the 413 instead of a reset), and a body beyond that is never read to its end.
        sent = []

        async def chunks(n: int):
            for i in range(n):
                sent.append(i)
                yield b"y" * (8 * KB)

        _assert_413(await c.post("/api/feedback/v1/echo", content=chunks(64)), "0.0625")  # 512 KB offered
        assert 8 < len(sent) <= 256 // 8 + 1
        sent.clear()
        json_type = {"content-type": "application/json"}
        _assert_413(await c.post("/api/auth/v1/login", content=chunks(64), headers=json_type), "0.0625")
        assert 8 < len(sent) <= 256 // 8 + 1
        sent.clear()
        _assert_413(await c.post("/api/feedback/v1/echo", content=chunks(12)), "0.0625")  # 96 KB: drained whole
        assert len(sent) == 12

        # Under the limit it passes through unchanged.
        echoed = await c.post("/api/feedback/v1/echo", content=b"z" * (60 * KB))
        assert echoed.status_code == 201 and len(echoed.json()["body"]) == 60 * KB


async def test_upload_paths_have_the_larger_limit(app):
    async with _gateway(app, max_request_bytes=64 * KB, max_upload_request_bytes=256 * KB) as c:
        files = {"file": ("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * (200 * KB), "image/png")}
        for path in ("/api/feedback/v1/cases/FK20260001/attachments", "/api/feedback/v1/public/track/attachments"):
            passed = await c.post(path, files=files)
            assert passed.status_code != 413, path  # reached the (stand-in) service
        big = {"file": ("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * (300 * KB), "image/png")}
        _assert_413(await c.post("/api/feedback/v1/cases/FK20260001/attachments", files=big), "0.25")
        # Only the upload paths: the same body elsewhere is over the ordinary limit.
        _assert_413(await c.post("/api/feedback/v1/cases/FK20260001/notes", files=files), "0.0625")


async def test_login_is_rate_limited_on_the_real_app(app):
    async with _gateway(app, login_rate_limit_per_minute=3) as c:
        # Malformed bodies: counted like any attempt, and nothing is written.
        codes = [(await c.post("/api/auth/v1/login", content=b"{", headers={"content-type": "application/json"}))
                 .status_code for _ in range(4)]
        assert codes == [422, 422, 422, 429]
        limited = await c.post("/api/auth/v1/login", json={"username": "office", "password": "x"})
        assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"
        assert 0 < int(limited.headers["retry-after"]) <= 60
        # Refresh and the service-token exchange have counts of their own.
        assert (await c.post("/api/auth/v1/refresh", content=b"{",
                             headers={"content-type": "application/json"})).status_code == 422


@pytest.mark.parametrize("path", ["/", "/report", "/track", "/ledger/tasks"])
async def test_spa_pages_carry_the_strict_csp(client, path):
    resp = await client.get(path)
    assert resp.status_code == 200
    csp = dict(part.strip().split(" ", 1) for part in resp.headers["content-security-policy"].split(";"))
    assert csp["script-src"] == "'self'"  # no inline script, no eval, no third-party host
    assert csp["default-src"] == "'self'" and csp["connect-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert resp.headers["x-frame-options"] == "DENY"
    assert resp.headers["strict-transport-security"].startswith("max-age=")


def _pages() -> list[Path]:
    pages = [FRONTEND / "index.html", FRONTEND / "report.html"]
    return pages + [p for p in (FRONTEND / "dist" / "index.html", FRONTEND / "dist" / "report.html") if p.exists()]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(FRONTEND)))
def test_the_spa_needs_no_inline_script(page):
    html = page.read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S | re.I)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts), scripts
    assert not re.search(r"\son[a-z]+\s*=", html, flags=re.I)  # no inline event handlers
    assert "javascript:" not in html.lower()


def _operations():
    """(method, path, operation) of every service's exported OpenAPI (frontend/openapi, regenerated from code)."""
    for spec_file in sorted((FRONTEND / "openapi").glob("*.json")):
        for path, operations in json.loads(spec_file.read_text(encoding="utf-8"))["paths"].items():
            for method, operation in operations.items():
                yield method.upper(), re.sub(r"\{[^}]+\}", "X1", path), operation


# Anonymous but not limited: probes and the cacheable public key set.
_UNLIMITED = re.compile(r"/api/\w+/(healthz|readyz)|/\.well-known/jwks\.json")


def test_every_anonymous_endpoint_is_rate_limited():
    rules = rate_limit_rules(GatewaySettings())
    anonymous = [(m, p) for m, p, op in _operations() if not op.get("security") and not _UNLIMITED.fullmatch(p)]
    assert ("POST", "/api/auth/v1/login") in anonymous and ("POST", "/api/feedback/v1/public/cases") in anonymous
    unlimited = [(m, p) for m, p in anonymous if not any(rm in (m, "*") and p.startswith(rp) for rm, rp, _ in rules)]
    assert unlimited == []


def test_every_upload_endpoint_has_the_upload_limit():
    uploads = [p for m, p, op in _operations()
               if "multipart/form-data" in (op.get("requestBody") or {}).get("content", {})]
    assert len(uploads) >= 6
    pattern = re.compile("|".join(UPLOAD_PATHS))
    assert [p for p in uploads if not pattern.fullmatch(p)] == []
