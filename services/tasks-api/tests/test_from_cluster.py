"""举一反三 on the tasks-api side: feedback-api (a service principal) or the
reform office turns a feedback cluster into a task; the cluster code makes
the call idempotent, and the task carries its source and linked cases."""

API = "/api/tasks/v1"
AS_OF = {"as_of": "2026-11-20"}


def _service(tokens):
    return tokens.headers(roles=["service"], typ="service", username="feedback-api")


def _body(units, **changes) -> dict:
    body = {
        "cluster_code": "LA-2026-0007", "year": 2026, "title": "举一反三：新厂房用电报装进度缓慢",
        "measures": "针对类案 LA-2026-0007 反映的共性问题举一反三。", "goal": "同类诉求不再重复发生。",
        "environment": "gov_service", "lead_unit_id": str(units["fgw"]),
        "responsible_unit_ids": [str(units["scjg"]), str(units["fgw"])], "deadline": "2026-12-31",
        "linked_cases": ["FK20261110-000012", "FK20261103-000007", "FK20261110-000012"],
    }
    body.update(changes)
    return body


async def test_service_creates_the_task_once(client, tokens, as_user, make_plan, units):
    await make_plan()
    first = await client.post(f"{API}/tasks/from-cluster", headers=_service(tokens), params=AS_OF,
                              json=_body(units))
    assert first.status_code == 201, first.text
    task = first.json()
    assert (task["code"], task["source"], task["source_ref"]) == ("2026-ZW-001", "feedback_cluster", "LA-2026-0007")
    assert task["linked_cases"] == ["FK20261110-000012", "FK20261103-000007"]
    assert (task["category"], task["tags"], task["status"], task["deadline"]) == (
        "weakness", ["举一反三"], "not_started", "2026-12-31")
    assert task["lead_unit"]["id"] == str(units["fgw"])
    assert [u["id"] for u in task["responsible_units"]] == [str(units["scjg"])]  # the lead is not repeated

    # A retry (feedback-api lost the answer) gives the same task, unchanged, with 200.
    again = await client.post(f"{API}/tasks/from-cluster", headers=_service(tokens), params=AS_OF,
                              json=_body(units, title="另一个标题"))
    assert again.status_code == 200, again.text
    assert (again.json()["code"], again.json()["title"]) == ("2026-ZW-001", "举一反三：新厂房用电报装进度缓慢")
    listed = (await client.get(f"{API}/tasks", headers=as_user("office"), params={"q": "举一反三"})).json()
    assert listed["total"] == 1

    # The task is in the ledger like any other; read back by code (as feedback-api reads its status).
    read = await client.get(f"{API}/tasks/2026-ZW-001", headers=_service(tokens), params=AS_OF)
    assert read.status_code == 200
    assert (read.json()["source_ref"], read.json()["warning"]) == ("LA-2026-0007", "none")
    history = (await client.get(f"{API}/tasks/2026-ZW-001/history", headers=as_user("office"))).json()
    actions = [e["action"] for e in history["items"]]
    assert actions == ["task.from_cluster", "task.create"]
    assert history["items"][0]["detail"]["cluster"] == "LA-2026-0007"
    assert history["items"][0]["actor"] == "feedback-api"

    # Another cluster gets another task; the office may call too.
    other = await client.post(f"{API}/tasks/from-cluster", headers=as_user("office"), params=AS_OF,
                              json=_body(units, cluster_code="LA-2026-0008", environment="market"))
    assert other.status_code == 201, other.text
    assert (other.json()["code"], other.json()["source_ref"]) == ("2026-SC-001", "LA-2026-0008")


async def test_who_may_and_what_is_refused(client, tokens, as_user, make_plan, units):
    for who in ("fgw", "market_group", "leader", "scjg"):
        resp = await client.post(f"{API}/tasks/from-cluster", headers=as_user(who), json=_body(units))
        assert resp.status_code == 403, who
        assert resp.json()["code"] == "forbidden"
    # No plan for the year: a 422 that says so (no 500, nothing created).
    resp = await client.post(f"{API}/tasks/from-cluster", headers=_service(tokens), params=AS_OF, json=_body(units))
    assert resp.status_code == 422
    assert resp.json()["code"] == "tasks.plan_missing"
    assert "2026 年度计划" in resp.json()["detail"]
    await make_plan()
    bad = await client.post(f"{API}/tasks/from-cluster", headers=_service(tokens), params=AS_OF, json=_body(
        units, cluster_code="cluster-7", linked_cases=["12345"], environment="space", deadline="2026-13-01"))
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"cluster_code", "linked_cases", "environment", "deadline"}
    past = await client.post(f"{API}/tasks/from-cluster", headers=_service(tokens), params=AS_OF,
                             json=_body(units, deadline="2026-11-19"))
    assert (past.status_code, past.json()["code"]) == (422, "tasks.deadline_past")
    unknown = await client.post(f"{API}/tasks/from-cluster", headers=_service(tokens), params=AS_OF,
                                json=_body(units, lead_unit_id="00000000-0000-0000-0000-000000000001"))
    assert (unknown.status_code, unknown.json()["code"]) == (422, "tasks.unit_unknown")
    empty = await client.post(f"{API}/tasks/from-cluster", headers=_service(tokens), params=AS_OF,
                              json=_body(units, linked_cases=[]))
    assert empty.status_code == 422
    assert (await client.get(f"{API}/tasks", headers=as_user("office"))).json()["total"] == 0


async def test_plan_tasks_show_no_source_ref(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task()
    assert (task["source"], task["source_ref"], task["linked_cases"]) == ("plan", None, [])
