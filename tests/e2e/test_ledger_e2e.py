"""The ledger as deployed: tasks-api names units it reads from the gateway
with its own service token; the demo plan is loaded; notices go out."""


def test_the_demo_ledger_through_the_gateway(http, bearer):
    office = bearer("office")
    listed = http.get("/api/tasks/v1/tasks", headers=office, params={"year": 2026, "as_of": "2026-11-22",
                                                                     "warning": "red", "page_size": 5})
    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert body["total"] == body["counts"]["red"] > 0
    task = body["items"][0]
    # Unit names come from the gateway's directory, fetched with a service token.
    assert task["lead_unit"]["name"] and task["lead_unit"]["short_name"]
    scjg = bearer("scjg")
    mine = http.get("/api/tasks/v1/tasks", headers=scjg, params={"year": 2026, "page_size": 200}).json()
    assert 0 < mine["total"] < 302
    assert all("市市场监督管理局" in [t["lead_unit"]["name"], *[u["name"] for u in t["responsible_units"]]]
               for t in mine["items"])
    workbench = http.get("/api/tasks/v1/workbench", headers=scjg, params={"as_of": "2026-11-22"}).json()
    assert workbench["unit"]["name"] == "市市场监督管理局"
    assert workbench["counts"]["total"] == mine["total"]


def test_export_downloads_through_the_gateway(http, bearer):
    resp = http.get("/api/tasks/v1/tasks/export.xlsx", headers=bearer("leader"),
                    params={"year": 2026, "as_of": "2026-11-22"})
    assert resp.status_code == 200
    assert resp.content[:2] == b"PK"  # an xlsx is a zip
    assert "attachment" in resp.headers["content-disposition"]
