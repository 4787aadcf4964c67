"""An access token the gateway signed, once expired, is refused by every service through the gateway with
a problem+json 401, while the refresh token still gets a new one."""

import time

import jwt
from reform_common.demo import DEMO_PASSWORD


def test_an_expired_gateway_token_is_a_401_everywhere(stack, http):
    pair = http.post("/api/auth/v1/login", json={"username": "scjg", "password": DEMO_PASSWORD}).json()
    real = pair["access_token"]
    claims = jwt.decode(real, options={"verify_signature": False})
    now = int(time.time())
    # The gateway's own key and key id: only the expiry differs from a token it issued.
    expired = jwt.encode({**claims, "iat": now - 1000, "exp": now - 60}, stack.key_file.read_bytes(),
                         algorithm="ES256", headers={"kid": jwt.get_unverified_header(real)["kid"]})
    for prefix in ("auth", "tasks", "indicators", "feedback"):
        path = "/api/auth/v1/me" if prefix == "auth" else f"/api/{prefix}/v1/whoami"
        assert http.get(path, headers={"Authorization": f"Bearer {real}"}).status_code == 200, prefix
        resp = http.get(path, headers={"Authorization": f"Bearer {expired}"})
        assert resp.status_code == 401, (prefix, resp.text)
        assert resp.headers["content-type"] == "application/problem+json"
        assert resp.json()["code"] == "auth.token_expired", prefix
    renewed = http.post("/api/auth/v1/refresh", json={"refresh_token": pair["refresh_token"]})
    assert renewed.status_code == 200
    assert http.get("/api/tasks/v1/whoami",
                    headers={"Authorization": f"Bearer {renewed.json()['access_token']}"}).status_code == 200
