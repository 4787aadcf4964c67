"""举一反三 as deployed: the demo's suggested clusters, one confirmed by the
reform office and turned into a reform task — feedback-api calls tasks-api
through the gateway with its service token — then the task read in tasks-api
and its live status read back on the cluster and from a case."""

from reform_common.demo import unit_uuid


def test_a_demo_cluster_becomes_a_reform_task(http, bearer):
    office = bearer("office")
    listed = http.get("/api/feedback/v1/clusters", headers=office,
                      params={"period": "2026-Q4", "category": "enforcement.multiple", "status": "suggested"})
    assert listed.status_code == 200, listed.text
    (item,) = listed.json()["items"]
    assert item["case_count"] >= 4 and item["origin"] == "system"  # the demo's Q4 repeated inspections
    code = item["code"]
    confirmed = http.post(f"/api/feedback/v1/clusters/{code}/confirm", headers=office,
                          json={"title": "多头检查、重复检查"})
    assert confirmed.status_code == 200, confirmed.text
    cases = sorted(c["case_no"] for c in confirmed.json()["cases"])

    body = {"environment": "rule_of_law", "lead_unit_id": str(unit_uuid("scjg")), "deadline": "2026-12-31",
            "responsible_unit_ids": [str(unit_uuid("yjj")), str(unit_uuid("sthj"))]}
    created = http.post(f"/api/feedback/v1/clusters/{code}/task", headers=office, json=body)
    assert created.status_code == 201, created.text
    task_code = created.json()["task_code"]
    assert task_code.startswith("2026-FZ-")
    link = created.json()["task"]
    assert (link["available"], link["status"], link["title"]) == (True, "not_started", "举一反三：多头检查、重复检查")
    # A retry is safe: the same task.
    again = http.post(f"/api/feedback/v1/clusters/{code}/task", headers=office, json=body)
    assert (again.status_code, again.json()["task_code"]) == (200, task_code)

    # In the ledger: source, cluster code and the cases (linked both ways).
    task = http.get(f"/api/tasks/v1/tasks/{task_code}", headers=bearer("leader"))
    assert task.status_code == 200, task.text
    task = task.json()
    assert (task["source"], task["source_ref"], task["linked_cases"]) == ("feedback_cluster", code, cases)
    assert task["lead_unit"]["name"] == "市市场监督管理局"
    assert sorted(u["short_name"] for u in task["responsible_units"]) == ["市应急局", "市生态环境局"]
    assert [t["code"] for t in http.get("/api/tasks/v1/tasks", headers=office,
                                        params={"q": code}).json()["items"]] == [task_code]

    # The cluster shows the task's live status and warning, as the ledger computes it.
    shown = http.get(f"/api/feedback/v1/clusters/{code}", headers=bearer("leader")).json()["task"]
    assert (shown["code"], shown["available"], shown["status"], shown["warning"], shown["progress"]) == (
        task_code, True, task["status"], task["warning"], task["progress"])
    # And a case the market regulator handles shows its cluster and task.
    scjg = bearer("scjg")
    handled = next(c["case_no"] for c in confirmed.json()["cases"]
                   if c["main_unit"] and c["main_unit"]["short_name"] == "市市场监管局")
    links = http.get(f"/api/feedback/v1/cases/{handled}/clusters", headers=scjg)
    assert links.status_code == 200, links.text
    assert [(x["code"], x["task_code"]) for x in links.json()] == [(code, task_code)]
