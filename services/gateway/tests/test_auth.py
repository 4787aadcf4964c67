"""Login, token rotation, logout, lockout, passwords, service tokens, JWKS."""

from datetime import UTC, datetime, timedelta

import jwt
from reform_common.demo import DEMO_PASSWORD
from sqlalchemy import text


async def test_login_returns_a_token_pair_and_me(client, login):
    resp = await login("office")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer" and body["expires_in"] == 900
    me = await client.get("/api/auth/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "office"
    assert me.json()["roles"] == ["reform_office"]
    assert me.json()["unit"]["short_name"] == "市委改革办"


async def test_access_token_is_es256_short_lived_and_matches_the_jwks(client, login):
    token = (await login("fgw")).json()["access_token"]
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "ES256"
    jwks = (await client.get("/.well-known/jwks.json")).json()
    assert [k["kid"] for k in jwks["keys"]] == [header["kid"]]
    assert "d" not in jwks["keys"][0]  # the private part is never published
    key = jwt.PyJWK(jwks["keys"][0]).key
    claims = jwt.decode(token, key, algorithms=["ES256"], issuer="reform-gateway")
    assert claims["exp"] - claims["iat"] == 900
    assert claims["roles"] == ["lead_unit", "unit"]
    assert claims["unit_code"] == "fgw" and claims["typ"] == "access"


async def test_wrong_password_and_unknown_user_look_the_same(login):
    wrong = await login("office", "Wrong@2026!")
    unknown = await login("nobody", "Wrong@2026!")
    for resp in (wrong, unknown):
        assert resp.status_code == 401
        assert resp.headers["content-type"] == "application/problem+json"
        assert resp.json()["code"] == "auth.invalid_credentials"
        assert resp.json()["detail"] == "用户名或密码错误。"


async def test_lockout_after_five_failures_for_fifteen_minutes(client, login, db_connection):
    for attempt in range(4):
        assert (await login("scjg", "Wrong@2026!")).status_code == 401, attempt
    fifth = await login("scjg", "Wrong@2026!")
    assert fifth.status_code == 423
    assert fifth.json()["code"] == "auth.account_locked"
    assert "15 分钟" in fifth.json()["detail"]
    # Even the right password is refused while locked.
    assert (await login("scjg")).status_code == 423
    locked_until = await db_connection.scalar(text("SELECT locked_until FROM users WHERE username = 'scjg'"))
    assert timedelta(minutes=14) < locked_until - datetime.now(UTC) <= timedelta(minutes=15)
    # Once the lock has run out, the right password works again.
    await db_connection.execute(
        text("UPDATE users SET locked_until = now() - interval '1 second' WHERE username = 'scjg'")
    )
    assert (await login("scjg")).status_code == 200


async def test_a_success_resets_the_failure_count(login):
    for _ in range(4):
        await login("xihu", "Wrong@2026!")
    assert (await login("xihu")).status_code == 200
    for _ in range(4):
        assert (await login("xihu", "Wrong@2026!")).status_code == 401


async def test_refresh_rotates_and_reuse_revokes_the_family(client, login):
    first = (await login("office")).json()
    rotated = await client.post("/api/auth/v1/refresh", json={"refresh_token": first["refresh_token"]})
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    # The old one was rotated out: presenting it again is theft, and kills the new one too.
    reuse = await client.post("/api/auth/v1/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401 and reuse.json()["code"] == "auth.refresh_invalid"
    after = await client.post("/api/auth/v1/refresh", json={"refresh_token": second["refresh_token"]})
    assert after.status_code == 401


async def test_logout_revokes_the_refresh_token(client, login):
    pair = (await login("leader")).json()
    assert (await client.post("/api/auth/v1/logout", json={"refresh_token": pair["refresh_token"]})).status_code == 204
    resp = await client.post("/api/auth/v1/refresh", json={"refresh_token": pair["refresh_token"]})
    assert resp.status_code == 401


async def test_garbage_refresh_token(client):
    resp = await client.post("/api/auth/v1/refresh", json={"refresh_token": "not-a-token"})
    assert resp.status_code == 401


async def test_change_own_password_checks_old_and_policy(client, login, auth_headers):
    headers = await auth_headers("xihu")
    wrong_old = await client.post("/api/auth/v1/me/password", headers=headers,
                                  json={"old_password": "nope", "new_password": "Better@2027!"})
    assert wrong_old.status_code == 422 and wrong_old.json()["code"] == "auth.wrong_password"
    weak = await client.post("/api/auth/v1/me/password", headers=headers,
                             json={"old_password": DEMO_PASSWORD, "new_password": "short"})
    assert weak.status_code == 422 and weak.json()["code"] == "auth.weak_password"
    ok = await client.post("/api/auth/v1/me/password", headers=headers,
                           json={"old_password": DEMO_PASSWORD, "new_password": "Better@2027!"})
    assert ok.status_code == 204
    assert (await login("xihu")).status_code == 401
    assert (await login("xihu", "Better@2027!")).status_code == 200


async def test_service_token_needs_the_shared_secret(client):
    bad = await client.post("/api/auth/v1/service-token", json={"service": "feedback-api", "secret": "guess"})
    assert bad.status_code == 401 and bad.json()["code"] == "auth.invalid_service_secret"
    good = await client.post("/api/auth/v1/service-token",
                             json={"service": "feedback-api", "secret": "test-service-secret"})
    assert good.status_code == 200
    claims = jwt.decode(good.json()["access_token"], options={"verify_signature": False})
    assert (claims["typ"], claims["sub"], claims["roles"]) == ("service", "service:feedback-api", ["service"])
    whoami = await client.get("/api/auth/v1/whoami",
                              headers={"Authorization": f"Bearer {good.json()['access_token']}"})
    assert whoami.json()["token_type"] == "service"
    # A service is not a user.
    me = await client.get("/api/auth/v1/me", headers={"Authorization": f"Bearer {good.json()['access_token']}"})
    assert me.status_code == 403


async def test_login_is_audited(client, login, auth_headers):
    await login("fgw", "Wrong@2026!")
    headers = await auth_headers("office")
    log = (await client.get("/api/auth/v1/audit-log?entity_type=user", headers=headers)).json()
    actions = [(e["action"], e["actor"]) for e in log["items"]]
    assert ("auth.login", "office") in actions
    assert ("auth.login_failed", "fgw") in actions


async def test_malformed_login_body_is_a_chinese_422(client):
    resp = await client.post("/api/auth/v1/login", content=b"{not json", headers={"content-type": "application/json"})
    assert resp.status_code == 422
    assert resp.json()["code"] == "validation_failed"
    missing = await client.post("/api/auth/v1/login", json={"username": "office"})
    assert missing.json()["errors"] == [{"field": "password", "code": "missing", "message": "必填项缺失"}]
