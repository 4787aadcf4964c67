"""Units and users admin for the reform office; deactivation; password policy."""

from reform_common.demo import unit_uuid


async def test_demo_directory_has_the_city(client, auth_headers):
    headers = await auth_headers("scjg")  # any signed-in user may list units
    districts = (await client.get("/api/auth/v1/units?kind=district&page_size=50", headers=headers)).json()
    assert districts["total"] == 13
    assert "西湖区" in [u["name"] for u in districts["items"]]
    departments = (await client.get("/api/auth/v1/units?kind=department&page_size=50", headers=headers)).json()
    assert departments["total"] >= 30
    hotline = (await client.get("/api/auth/v1/units?kind=hotline", headers=headers)).json()
    assert hotline["items"][0]["short_name"] == "12345热线"


async def test_units_are_found_by_alias(client, auth_headers):
    headers = await auth_headers("office")
    found = (await client.get("/api/auth/v1/units", params={"q": "市发展改革委"}, headers=headers)).json()
    assert [u["name"] for u in found["items"]] == ["市发展和改革委员会"]


async def test_pages_have_a_total_and_a_hard_maximum(client, auth_headers):
    headers = await auth_headers("office")
    page = (await client.get("/api/auth/v1/units?page=2&page_size=10", headers=headers)).json()
    assert page["page"] == 2 and len(page["items"]) == 10 and page["total"] >= 49
    too_big = await client.get("/api/auth/v1/units?page_size=201", headers=headers)
    assert too_big.status_code == 422


async def test_office_creates_a_unit_and_a_user_who_can_log_in(client, auth_headers, login):
    headers = await auth_headers("office")
    unit = await client.post("/api/auth/v1/units", headers=headers, json={
        "code": "ggzy", "name": "市公共资源交易中心", "short_name": "市公管中心", "aliases": ["公共资源交易中心"],
        "kind": "department"})
    assert unit.status_code == 201, unit.text
    duplicate = await client.post("/api/auth/v1/units", headers=headers, json={
        "code": "ggzy", "name": "另一个", "short_name": "x", "kind": "department"})
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "directory.unit_code_taken"
    user = await client.post("/api/auth/v1/users", headers=headers, json={
        "username": "ggzy01", "display_name": "公管中心联络员", "password": "Liaison#2026",
        "unit_id": unit.json()["id"], "roles": ["unit"]})
    assert user.status_code == 201, user.text
    assert user.json()["unit"]["name"] == "市公共资源交易中心"
    assert "password_hash" not in user.json()
    assert (await login("ggzy01", "Liaison#2026")).status_code == 200


async def test_password_policy_on_new_users(client, auth_headers):
    headers = await auth_headers("office")
    resp = await client.post("/api/auth/v1/users", headers=headers, json={
        "username": "weak", "display_name": "弱密码", "password": "abc12345",
        "unit_id": str(unit_uuid("scjg")), "roles": ["unit"]})
    assert resp.status_code == 422
    body = resp.json()
    assert body["code"] == "auth.weak_password"
    assert "至少 10 位" in body["detail"] and "至少三类" in body["detail"]
    contains_name = await client.post("/api/auth/v1/users", headers=headers, json={
        "username": "zhangsan", "display_name": "张三", "password": "Zhangsan@2026",
        "unit_id": str(unit_uuid("scjg")), "roles": ["unit"]})
    assert "不能包含用户名" in contains_name.json()["detail"]


async def test_group_lead_needs_an_environment(client, auth_headers):
    headers = await auth_headers("office")
    resp = await client.post("/api/auth/v1/users", headers=headers, json={
        "username": "zwhj", "display_name": "政务环境组", "password": "Group#Lead2026",
        "unit_id": str(unit_uuid("zwb")), "roles": ["group_lead"]})
    assert resp.status_code == 422 and resp.json()["code"] == "directory.environment_required"
    ok = await client.post("/api/auth/v1/users", headers=headers, json={
        "username": "zwhj", "display_name": "政务环境组", "password": "Group#Lead2026",
        "unit_id": str(unit_uuid("zwb")), "roles": ["group_lead"], "environment": "gov_service"})
    assert ok.status_code == 201 and ok.json()["environment"] == "gov_service"


async def test_only_the_office_manages_the_directory(client, auth_headers):
    for username in ("fgw", "scjg", "leader", "hotline"):
        headers = await auth_headers(username)
        created = await client.post("/api/auth/v1/units", headers=headers, json={
            "code": "x", "name": "某单位", "short_name": "x", "kind": "department"})
        assert created.status_code == 403, username
    # Leaders read the user list; units do not.
    assert (await client.get("/api/auth/v1/users", headers=await auth_headers("leader"))).status_code == 200
    assert (await client.get("/api/auth/v1/users", headers=await auth_headers("scjg"))).status_code == 403
    assert (await client.get("/api/auth/v1/units")).status_code == 401


async def test_deactivating_a_user_ends_their_sessions(client, auth_headers, login):
    office = await auth_headers("office")
    pair = (await login("xihu")).json()
    users = (await client.get("/api/auth/v1/users", params={"q": "xihu"}, headers=office)).json()
    user_id = users["items"][0]["id"]
    resp = await client.patch(f"/api/auth/v1/users/{user_id}", headers=office, json={"is_active": False})
    assert resp.status_code == 200 and resp.json()["is_active"] is False
    assert (await client.post("/api/auth/v1/refresh", json={"refresh_token": pair["refresh_token"]})).status_code == 401
    disabled = await login("xihu")
    assert disabled.status_code == 403 and disabled.json()["code"] == "auth.account_disabled"


async def test_office_unlocks_and_resets(client, auth_headers, login):
    office = await auth_headers("office")
    for _ in range(5):
        await login("fgw", "Wrong@2026!")
    assert (await login("fgw")).status_code == 423
    user_id = (await client.get("/api/auth/v1/users", params={"q": "fgw"}, headers=office)).json()["items"][0]["id"]
    unlocked = await client.post(f"/api/auth/v1/users/{user_id}/unlock", headers=office)
    assert unlocked.status_code == 200 and unlocked.json()["locked_until"] is None
    assert (await login("fgw")).status_code == 200
    reset = await client.post(f"/api/auth/v1/users/{user_id}/password", headers=office,
                              json={"password": "Reset#Pass2026"})
    assert reset.status_code == 204
    assert (await login("fgw", "Reset#Pass2026")).status_code == 200


async def test_unknown_ids_are_404(client, auth_headers):
    office = await auth_headers("office")
    resp = await client.get("/api/auth/v1/users/00000000-0000-0000-0000-000000000000", headers=office)
    assert resp.status_code == 404 and resp.json()["code"] == "not_found"
    bad = await client.get("/api/auth/v1/users/not-a-uuid", headers=office)
    assert bad.status_code == 422
