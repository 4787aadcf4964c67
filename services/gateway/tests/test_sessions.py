"""Sessions (等保 identity and authentication): the reform office ends every session of a user; a change of a
user's unit or roles is in the very next token; logout and expiry end what they should."""

import time

import jwt
from reform_common.demo import unit_uuid


async def _user_id(client, office: dict, username: str) -> str:
    found = (await client.get("/api/auth/v1/users", params={"q": username}, headers=office)).json()
    return next(u["id"] for u in found["items"] if u["username"] == username)


async def _refresh(client, token: str):
    return await client.post("/api/auth/v1/refresh", json={"refresh_token": token})


async def test_the_office_revokes_every_session_of_a_user(client, auth_headers, login):
    office = await auth_headers("office")
    phone, desktop = (await login("scjg")).json(), (await login("scjg")).json()  # two devices, two families
    bystander = (await login("fgw")).json()
    user_id = await _user_id(client, office, "scjg")

    for who in ("fgw", "leader"):  # only the reform office may
        denied = await client.post(f"/api/auth/v1/users/{user_id}/revoke-sessions", headers=await auth_headers(who))
        assert denied.status_code == 403, who
    assert (await client.post(f"/api/auth/v1/users/{user_id}/revoke-sessions")).status_code == 401
    unknown = await client.post("/api/auth/v1/users/00000000-0000-0000-0000-000000000000/revoke-sessions",
                                headers=office)
    assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/problem+json"

    resp = await client.post(f"/api/auth/v1/users/{user_id}/revoke-sessions", headers=office)
    assert resp.status_code == 204
    for pair in (phone, desktop):
        ended = await _refresh(client, pair["refresh_token"])
        assert ended.status_code == 401 and ended.json()["code"] == "auth.refresh_invalid"
    assert (await _refresh(client, bystander["refresh_token"])).status_code == 200  # other users keep theirs
    assert (await login("scjg")).status_code == 200  # the user simply logs in again
    log = (await client.get("/api/auth/v1/audit-log", params={"entity_type": "user"}, headers=office)).json()
    assert ("user.revoke_sessions", user_id) in [(e["action"], e["entity_id"]) for e in log["items"]]


async def test_a_unit_or_role_change_is_in_the_next_token(client, auth_headers, login):
    office = await auth_headers("office")
    pair = (await login("scjg")).json()
    before = jwt.decode(pair["access_token"], options={"verify_signature": False})
    assert (before["unit_code"], before["roles"]) == ("scjg", ["unit"])
    user_id = await _user_id(client, office, "scjg")

    moved = await client.patch(f"/api/auth/v1/users/{user_id}", headers=office,
                               json={"unit_id": str(unit_uuid("fgw")), "roles": ["lead_unit", "unit"]})
    assert moved.status_code == 200, moved.text
    rotated = await _refresh(client, pair["refresh_token"])
    assert rotated.status_code == 200
    after = jwt.decode(rotated.json()["access_token"], options={"verify_signature": False})
    assert (after["unit_id"], after["unit_code"], after["roles"]) == (str(unit_uuid("fgw")), "fgw",
                                                                      ["lead_unit", "unit"])
    me = await client.get("/api/auth/v1/me", headers={"Authorization": f"Bearer {rotated.json()['access_token']}"})
    assert me.json()["unit"]["id"] == str(unit_uuid("fgw")) and me.json()["roles"] == ["lead_unit", "unit"]


async def test_logout_ends_only_that_session(client, login):
    first, second = (await login("xihu")).json(), (await login("xihu")).json()
    assert (await client.post("/api/auth/v1/logout", json={"refresh_token": first["refresh_token"]})).status_code == 204
    assert (await _refresh(client, first["refresh_token"])).status_code == 401
    assert (await _refresh(client, second["refresh_token"])).status_code == 200
    # Logging out twice, or with a token that never existed, is not an error (nothing to tell an attacker).
    assert (await client.post("/api/auth/v1/logout", json={"refresh_token": first["refresh_token"]})).status_code == 204
    assert (await client.post("/api/auth/v1/logout", json={"refresh_token": "nope"})).status_code == 204


async def test_an_expired_access_token_from_the_gateway_is_refused(client, app, login):
    # Minted by the gateway's own issuer with its own key, only already expired.
    user = (await login("leader")).json()
    claims = jwt.decode(user["access_token"], options={"verify_signature": False})
    now = int(time.time())
    expired = app.state.issuer.key.sign({**claims, "iat": now - 1000, "exp": now - 100})
    resp = await client.get("/api/auth/v1/me", headers={"Authorization": f"Bearer {expired}"})
    assert resp.status_code == 401 and resp.headers["content-type"] == "application/problem+json"
    assert resp.json()["code"] == "auth.token_expired"
