"""Found by the authorization matrix (tests/e2e/authz_matrix.py): the 12345 client's and an auditor's user
tokens were accepted by every endpoint open to "any signed-in user" (plans, ledger, notices, indicators...).
They now reach only what names them: the signed 12345 endpoints, the audit log, whoami."""

API = "/api/tasks/v1"


async def test_the_hotline_and_auditor_accounts_read_no_staff_endpoint(client, tokens):
    for role in ("hotline", "auditor"):
        headers = tokens.headers(roles=[role], username=role)
        for path in ("/tasks", "/plans", "/reminder-notices", "/special-actions", "/workbench"):
            resp = await client.get(f"{API}{path}", headers=headers)
            assert (resp.status_code, resp.json()["code"]) == (403, "forbidden"), (role, path)
        assert (await client.get(f"{API}/whoami", headers=headers)).json()["roles"] == [role]
    auditor = tokens.headers(roles=["auditor"], username="auditor")
    assert (await client.get(f"{API}/audit-log", headers=auditor)).status_code == 200
