"""The platform through the gateway, as deployed: separate processes, JWT
verified by each service against the gateway's JWKS over HTTP."""

import time

import httpx
import jwt
import pytest
from reform_common.devstack import SERVICES


def test_every_service_is_healthy_and_ready_through_the_gateway(http):
    for prefix in ("auth", "tasks", "indicators", "feedback"):
        assert http.get(f"/api/{prefix}/healthz").json()["status"] == "ok"
        assert http.get(f"/api/{prefix}/readyz").json()["status"] == "ready"
        spec = http.get(f"/api/{prefix}/openapi.json")
        assert spec.status_code == 200 and spec.json()["openapi"].startswith("3.")


def test_a_login_at_the_gateway_is_accepted_by_every_service(http, bearer):
    headers = bearer("scjg")
    for prefix in ("tasks", "indicators", "feedback"):
        resp = http.get(f"/api/{prefix}/v1/whoami", headers=headers)
        assert resp.status_code == 200, (prefix, resp.text)
        assert resp.json()["username"] == "scjg"
        assert resp.json()["unit_name"] == "市市场监督管理局"


def test_services_reject_forged_and_missing_tokens(http, bearer):
    real = bearer("office")["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(real, options={"verify_signature": False})
    none_alg = jwt.encode(claims, None, algorithm="none", headers={"kid": jwt.get_unverified_header(real)["kid"]})
    tampered_claims = {**claims, "roles": ["reform_office", "leader"]}
    header, _, signature = real.split(".")
    tampered = ".".join([header, jwt.utils.base64url_encode(
        jwt.api_jws.json.dumps(tampered_claims).encode()).decode(), signature])
    for prefix in ("tasks", "indicators", "feedback"):
        assert http.get(f"/api/{prefix}/v1/whoami").status_code == 401
        for token in (none_alg, tampered):
            resp = http.get(f"/api/{prefix}/v1/whoami", headers={"Authorization": f"Bearer {token}"})
            assert resp.status_code == 401, (prefix, resp.text)


def test_a_service_token_from_the_gateway_works_at_the_services(http, stack):
    token = http.post("/api/auth/v1/service-token",
                      json={"service": "feedback-api", "secret": stack.service_secret}).json()["access_token"]
    resp = http.get("/api/tasks/v1/whoami", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200
    assert resp.json()["token_type"] == "service" and resp.json()["username"] == "feedback-api"


def test_the_request_id_reaches_the_services_logs(http, bearer, stack, read_log):
    request_id = f"e2e-trace-{time.time_ns()}"
    resp = http.get("/api/tasks/v1/whoami", headers={**bearer("office"), "X-Request-ID": request_id})
    assert resp.headers["x-request-id"] == request_id
    for _ in range(50):
        if request_id in read_log("tasks_api") and request_id in read_log("gateway"):
            break
        time.sleep(0.1)
    assert request_id in read_log("tasks_api")
    assert request_id in read_log("gateway")


def test_a_stopped_service_is_a_502_naming_it_and_recovers(http, bearer, stack):
    headers = bearer("office")
    indicators = next(s for s in SERVICES if s.package == "indicators_api")
    stack.stop_service(indicators.package)
    try:
        resp = http.get("/api/indicators/v1/whoami", headers=headers)
        assert resp.status_code == 502
        assert resp.headers["content-type"] == "application/problem+json"
        assert resp.json()["code"] == "gateway.upstream_unavailable"
        assert "指标对标服务" in resp.json()["title"] and "indicators" in resp.json()["detail"]
        # The others are unaffected.
        assert http.get("/api/tasks/v1/whoami", headers=headers).status_code == 200
    finally:
        stack.start_service(indicators)
        stack.wait_ready()
    assert http.get("/api/indicators/v1/whoami", headers=headers).status_code == 200


def test_metrics_are_exposed_by_every_process(stack):
    for spec in SERVICES:
        text = httpx.get(f"{stack.url(spec)}/metrics").text
        assert "http_requests_total" in text, spec.package


async def test_the_service_client_calls_another_service_as_itself(stack, gateway_url):
    from reform_common.service_client import ServiceClient

    async with httpx.AsyncClient(timeout=10) as http:
        client = ServiceClient(gateway_url, "tasks-api", stack.service_secret, http)
        first = await client.request("GET", "/api/indicators/v1/whoami")
        assert first.status_code == 200
        assert (first.json()["username"], first.json()["token_type"]) == ("tasks-api", "service")
        token = await client.token()
        await client.request("GET", "/api/feedback/v1/whoami")
        assert await client.token() == token  # cached, not fetched per call
        wrong = ServiceClient(gateway_url, "tasks-api", "wrong-secret", http)
        with pytest.raises(httpx.HTTPStatusError) as refused:
            await wrong.token()
        assert refused.value.response.status_code == 401
