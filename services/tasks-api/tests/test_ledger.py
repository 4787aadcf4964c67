"""The ledger through the API: plans, tasks, filters, warnings on the
official calendar, scoping, history, adjustments, milestones."""

API = "/api/tasks/v1"


async def test_task_json_carries_the_ledger_fields(client, as_user, make_plan, make_task, units):
    await make_plan()
    task = await make_task(title="水电气网联合报装", benchmark_class="A", benchmark_city="深圳",
                           indicator_codes=["GP-07"], tags=["增值化"], contact_phone="13800001234",
                           quarterly_template=True)
    assert task["code"] == "2026-ZW-001"
    for key in ("code", "title", "environment", "category", "benchmark_class", "lead_unit", "responsible_units",
                "deadline", "continuous", "milestones", "progress", "status", "warning"):
        assert key in task
    assert task["lead_unit"]["name"] == "市发展和改革委员会"
    assert [u["short_name"] for u in task["responsible_units"]] == ["市市场监管局"]
    assert [m["due_date"] for m in task["milestones"]] == ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]
    second = await make_task(title="第二项", environment="market")
    assert second["code"] == "2026-SC-001"


async def test_the_ledger_of_a_fresh_install_with_no_plan_is_empty_not_a_500(client, as_user):
    # No plan, so no warning horizons: the warning expression once rendered "CASE ELSE … END".
    resp = await client.get(f"{API}/tasks", headers=as_user("office"))
    assert resp.status_code == 200, resp.text
    assert resp.json()["total"] == 0


async def test_bad_task_input_is_a_chinese_422(client, as_user, make_plan, units):
    await make_plan()
    resp = await client.post(f"{API}/tasks", headers=as_user("office"), json={
        "year": 2026, "title": "x", "environment": "gov_service", "category": "key",
        "lead_unit_id": str(units["fgw"]), "contact_phone": "12345"})
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["field"] == "contact_phone"
    assert "联系电话格式不正确" in resp.json()["errors"][0]["message"]
    no_deadline = await client.post(f"{API}/tasks", headers=as_user("office"), json={
        "year": 2026, "title": "x", "environment": "gov_service", "category": "key",
        "lead_unit_id": str(units["fgw"])})
    assert no_deadline.status_code == 422 and "完成时限" in no_deadline.json()["errors"][0]["message"]
    unknown_unit = await client.post(f"{API}/tasks", headers=as_user("office"), json={
        "year": 2026, "title": "x", "environment": "gov_service", "category": "key", "continuous": True,
        "lead_unit_id": "00000000-0000-0000-0000-000000000001"})
    assert unknown_unit.status_code == 422 and unknown_unit.json()["code"] == "tasks.unit_unknown"
    no_plan = await client.post(f"{API}/tasks", headers=as_user("office"), json={
        "year": 2031, "title": "x", "environment": "gov_service", "category": "key", "continuous": True,
        "lead_unit_id": str(units["fgw"])})
    assert no_plan.status_code == 404


async def test_filters_and_pagination(client, as_user, make_plan, make_task, units):
    await make_plan()
    await make_task(title="知识产权快保护", environment="rule_of_law", category="strength", benchmark_class="B")
    await make_task(title="破产府院联动", environment="rule_of_law", category="weakness",
                    lead_unit_id=str(units["sfj"]), responsible_unit_ids=[str(units["xihu"])])
    await make_task(title="政府采购全流程电子化", environment="market", category="key", continuous=True,
                    deadline=None, tags=["政府采购"])
    office = as_user("office")

    async def codes(**params) -> list[str]:
        resp = await client.get(f"{API}/tasks", headers=office, params={"year": 2026, "as_of": "2026-01-05",
                                                                       **params})
        assert resp.status_code == 200, resp.text
        return [t["code"] for t in resp.json()["items"]]

    assert await codes(environment="rule_of_law") == ["2026-FZ-001", "2026-FZ-002"]
    assert await codes(category="weakness") == ["2026-FZ-002"]
    assert await codes(benchmark_class="B") == ["2026-FZ-001"]
    assert await codes(lead_unit_id=str(units["sfj"])) == ["2026-FZ-002"]
    assert await codes(responsible_unit_id=str(units["xihu"])) == ["2026-FZ-002"]
    assert await codes(q="采购") == ["2026-SC-001"]
    assert await codes(code="2026-FZ-001") == ["2026-FZ-001"]
    assert await codes(status="ongoing") == ["2026-SC-001"]
    page = (await client.get(f"{API}/tasks", headers=office, params={"page_size": 2, "page": 2})).json()
    assert page["total"] == 3 and len(page["items"]) == 1
    assert (await client.get(f"{API}/tasks", headers=office, params={"page_size": 500})).status_code == 422


async def test_warning_follows_as_of_the_same_everywhere(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task(title="节点测试", deadline="2026-12-31",
                           milestones=[{"title": "完成方案", "due_date": "2026-06-30", "quarter": 2}])
    office = as_user("office")
    # 24 June is five working days before 30 June; 22 June six.
    expectations = {"2026-01-20": "none", "2026-06-24": "yellow", "2026-06-30": "yellow", "2026-07-01": "red"}
    for as_of, warning in expectations.items():
        detail = (await client.get(f"{API}/tasks/{task['code']}", headers=office, params={"as_of": as_of})).json()
        listed = (await client.get(f"{API}/tasks", headers=office, params={"as_of": as_of})).json()
        assert detail["warning"] == warning, (as_of, detail["warning_reasons"])
        assert listed["items"][0]["warning"] == warning
        assert listed["counts"][warning] == 1
        filtered = (await client.get(f"{API}/tasks", headers=office, params={"as_of": as_of, "warning": warning}))
        assert filtered.json()["total"] == 1
    red = (await client.get(f"{API}/tasks/{task['code']}", headers=office, params={"as_of": "2026-07-01"})).json()
    assert "节点「完成方案」已逾期" in red["warning_reasons"][0]
    assert red["milestones"][0]["state"] == "overdue"


async def test_progress_lagging_the_schedule_is_yellow(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task(deadline="2026-12-31", quarterly_template=True)
    office = as_user("office")
    # 1 June: Q1 (25%) should be done and Q2 well under way; nothing done → Q1 overdue → red.
    detail = (await client.get(f"{API}/tasks/{task['code']}", headers=office, params={"as_of": "2026-06-01"})).json()
    assert detail["warning"] == "red"
    q1 = detail["milestones"][0]["id"]
    done = await client.post(f"{API}/milestones/{q1}/complete", headers=office,
                             params={"as_of": "2026-06-01"}, json={"done_date": "2026-03-30", "evidence": "方案印发"})
    assert done.status_code == 200, done.text
    assert done.json()["progress"] == 25
    # 1 June: Q2 is two thirds through, expected 42 %; 17 points behind is within the tolerance (20).
    june = (await client.get(f"{API}/tasks/{task['code']}", headers=office, params={"as_of": "2026-06-01"})).json()
    assert (june["expected_progress"], june["warning"]) == (42, "none")
    # 18 June: expected 47 %, 22 points behind; 30 June is still seven working days away.
    lagging = (await client.get(f"{API}/tasks/{task['code']}", headers=office, params={"as_of": "2026-06-18"})).json()
    assert lagging["expected_progress"] == 47
    assert lagging["warning"] == "yellow"
    assert lagging["warning_reasons"] == ["进度 25% 落后于节点计划（应达 47%）"]


async def test_spring_festival_and_make_up_saturdays(client, as_user, make_plan, make_task):
    """2026: 15–23 Feb off, Sat 14 Feb and Sat 28 Feb are working days."""
    await make_plan()
    office = as_user("office")
    near = await make_task(title="节后五个工作日内", deadline="2026-02-27")
    far = await make_task(title="节后七个工作日", deadline="2026-03-02")
    listed = (await client.get(f"{API}/tasks", headers=office, params={"as_of": "2026-02-13"})).json()
    warnings = {t["code"]: t["warning"] for t in listed["items"]}
    # 14, 24, 25, 26, 27 Feb: five working days; counting weekdays alone it would be ten.
    assert warnings[near["code"]] == "yellow"
    # ... and 28 Feb (make-up Saturday) and 2 Mar push the other beyond five.
    assert warnings[far["code"]] == "none"
    assert listed["calendar_notices"] == []


async def test_national_day_with_its_make_up_saturday(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task(deadline="2026-10-12")
    office = as_user("office")
    # 8, 9, 10 (make-up Saturday) and 12 October: four working days after 30 September.
    detail = (await client.get(f"{API}/tasks/{task['code']}", headers=office, params={"as_of": "2026-09-30"})).json()
    assert detail["warning"] == "yellow"
    early = (await client.get(f"{API}/tasks/{task['code']}", headers=office, params={"as_of": "2026-09-25"})).json()
    assert early["warning"] == "none"


async def test_a_year_the_calendar_does_not_cover(client, as_user, make_plan, make_task):
    await make_plan(2027)
    task = await make_task(year=2027, deadline="2027-03-05")
    office = as_user("office")
    resp = await client.get(f"{API}/tasks", headers=office, params={"year": 2027, "as_of": "2027-02-26"})
    assert resp.status_code == 200
    body = resp.json()
    # Weekends-only fallback: 1–5 March are five working days after 26 February.
    assert body["items"][0]["warning"] == "yellow"
    assert any("2027" in n and "周一至周五" in n for n in body["calendar_notices"])
    calendar = (await client.get(f"{API}/calendar/2027", headers=office)).json()
    assert calendar["source"] == "fallback" and calendar["notice"]
    # The office enters the published schedule: 1 March a holiday pushes the deadline out of the window.
    put = await client.put(f"{API}/calendar/2027", headers=office, json={
        "published": True, "note": "国务院办公厅通知", "days": [{"day": "2027-03-01", "is_working_day": False,
                                                          "note": "示例假日"}]})
    assert put.status_code == 200 and put.json()["source"] == "published"
    after = (await client.get(f"{API}/tasks/{task['code']}", headers=office, params={"as_of": "2027-02-24"})).json()
    assert after["warning"] == "none"
    listed = (await client.get(f"{API}/tasks", headers=office, params={"year": 2027, "as_of": "2027-02-26"})).json()
    assert listed["calendar_notices"] == []
    wrong = await client.put(f"{API}/calendar/2027", headers=office, json={
        "published": True, "days": [{"day": "2026-03-01", "is_working_day": False}]})
    assert wrong.status_code == 422


async def test_units_see_only_their_tasks(client, as_user, make_plan, make_task, units):
    await make_plan()
    mine = await make_task(title="市场监管局负责", responsible_unit_ids=[str(units["scjg"])])
    other = await make_task(title="与市场监管局无关", lead_unit_id=str(units["sfj"]),
                            responsible_unit_ids=[str(units["gaj"])], environment="rule_of_law")
    scjg = as_user("scjg")
    listed = (await client.get(f"{API}/tasks", headers=scjg)).json()
    assert [t["code"] for t in listed["items"]] == [mine["code"]]
    hidden = await client.get(f"{API}/tasks/{other['code']}", headers=scjg)
    assert hidden.status_code == 404  # not 403: existence is not leaked
    assert (await client.get(f"{API}/tasks/{other['code']}/history", headers=scjg)).status_code == 404
    gaj = (await client.get(f"{API}/tasks", headers=as_user("gaj"))).json()
    assert [t["code"] for t in gaj["items"]] == [other["code"]]
    leader = (await client.get(f"{API}/tasks", headers=as_user("leader"))).json()
    assert leader["total"] == 2
    group = (await client.get(f"{API}/tasks", headers=as_user("market_group"))).json()
    assert group["total"] == 0  # the market group sees market tasks; these are gov_service and rule_of_law
    # A responsible unit may not edit the task; a leader may not write at all.
    assert (await client.patch(f"{API}/tasks/{mine['code']}", headers=scjg, json={"tags": ["x"]})).status_code == 403
    assert (await client.patch(f"{API}/tasks/{mine['code']}", headers=as_user("leader"),
                               json={"tags": ["x"]})).status_code == 403
    assert (await client.patch(f"{API}/tasks/{other['code']}", headers=scjg,
                               json={"tags": ["x"]})).status_code == 404


async def test_history_records_who_when_before_and_after(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task()
    resp = await client.patch(f"{API}/tasks/{task['code']}", headers=as_user("fgw"),
                              json={"deadline": "2026-09-30", "tags": ["攻坚"]})
    assert resp.status_code == 200, resp.text
    history = (await client.get(f"{API}/tasks/{task['code']}/history", headers=as_user("office"))).json()
    update = next(e for e in history["items"] if e["action"] == "task.update")
    assert update["actor"] == "fgw"
    assert update["detail"]["before"] == {"deadline": "2026-06-30", "tags": []}
    assert update["detail"]["after"] == {"deadline": "2026-09-30", "tags": ["攻坚"]}
    assert history["items"][-1]["action"] == "task.create"


async def test_after_publishing_changes_go_through_adjustments(client, as_user, make_plan, make_task, units):
    await make_plan()
    task = await make_task()
    office, fgw = as_user("office"), as_user("fgw")
    published = await client.post(f"{API}/plans/2026/publish", headers=office)
    assert published.status_code == 200 and published.json()["status"] == "published"
    blocked = await client.patch(f"{API}/tasks/{task['code']}", headers=fgw, json={"deadline": "2026-12-31"})
    assert blocked.status_code == 409 and blocked.json()["code"] == "tasks.adjustment_required"
    # Fields outside deadline, units and scope still change directly.
    assert (await client.patch(f"{API}/tasks/{task['code']}", headers=fgw,
                               json={"contact_name": "王科长"})).status_code == 200
    request = await client.post(f"{API}/tasks/{task['code']}/adjustments", headers=fgw, json={
        "reason": "省级系统对接延期", "changes": {"deadline": "2026-12-31",
                                          "responsible_unit_ids": [str(units["scjg"]), str(units["xihu"])]}})
    assert request.status_code == 201, request.text
    adjustment = request.json()
    assert adjustment["status"] == "pending" and adjustment["before"]["deadline"] == "2026-06-30"
    assert (await client.post(f"{API}/adjustments/{adjustment['id']}/decision", headers=fgw,
                              json={"decision": "approve"})).status_code == 403
    pending = (await client.get(f"{API}/adjustments", headers=office, params={"status": "pending"})).json()
    assert pending["total"] == 1
    approved = await client.post(f"{API}/adjustments/{adjustment['id']}/decision", headers=office,
                                 json={"decision": "approve", "comment": "同意"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    detail = (await client.get(f"{API}/tasks/{task['code']}", headers=office)).json()
    assert detail["deadline"] == "2026-12-31"
    assert [u["short_name"] for u in detail["responsible_units"]] == ["市市场监管局", "西湖区"]
    history = (await client.get(f"{API}/tasks/{task['code']}/history", headers=office)).json()
    actions = [e["action"] for e in history["items"]]
    assert "adjustment.request" in actions and "adjustment.approve" in actions
    approve = next(e for e in history["items"] if e["action"] == "adjustment.approve")
    assert approve["detail"]["reason"] == "省级系统对接延期" and approve["detail"]["requested_by"] == "fgw"
    again = await client.post(f"{API}/adjustments/{adjustment['id']}/decision", headers=office,
                              json={"decision": "reject"})
    assert again.status_code == 409


async def test_plan_rules(client, as_user, make_plan):
    await make_plan()
    office = as_user("office")
    assert (await client.post(f"{API}/plans", headers=office, json={"year": 2026, "title": "x"})).status_code == 409
    empty = await client.post(f"{API}/plans/2026/publish", headers=office)
    assert empty.status_code == 422 and empty.json()["code"] == "plans.empty"
    assert (await client.post(f"{API}/plans", headers=as_user("fgw"), json={"year": 2030, "title": "x"})).status_code == 403
    plans = (await client.get(f"{API}/plans", headers=as_user("scjg"))).json()
    assert [p["year"] for p in plans] == [2026]


async def test_milestones_roll_up_to_progress(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task(milestones=[{"title": "方案", "due_date": "2026-03-31"},
                                       {"title": "上线", "due_date": "2026-06-30"}])
    fgw = as_user("fgw")
    first, second = task["milestones"]
    future = await client.post(f"{API}/milestones/{first['id']}/complete", headers=fgw,
                               params={"as_of": "2026-03-01"}, json={"done_date": "2026-03-20", "evidence": "x"})
    assert future.status_code == 422
    step = await client.post(f"{API}/milestones/{first['id']}/complete", headers=fgw,
                             params={"as_of": "2026-04-01"}, json={"done_date": "2026-03-20", "evidence": "印发文件"})
    assert (step.json()["progress"], step.json()["status"]) == (50, "in_progress")
    done = await client.post(f"{API}/milestones/{second['id']}/complete", headers=fgw,
                             params={"as_of": "2026-07-01"}, json={"done_date": "2026-06-28", "evidence": "上线截图"})
    assert (done.json()["progress"], done.json()["status"], done.json()["warning"]) == (100, "completed", "none")
    # The responsible unit reports progress but does not tick milestones.
    assert (await client.post(f"{API}/milestones/{first['id']}/complete", headers=as_user("scjg"),
                              json={"done_date": "2026-03-20", "evidence": "x"})).status_code == 403
    template = await client.post(f"{API}/tasks/{task['code']}/milestones/quarterly", headers=fgw)
    assert template.status_code == 409


async def test_indicator_filter_and_on_time_completion_metric(client, as_user, make_plan, make_task):
    await make_plan()
    office = as_user("office")
    on_time = await make_task(title="按期完成", deadline="2026-06-30", indicator_codes=["GP-07"],
                              milestones=[{"title": "上线", "due_date": "2026-06-20"}])
    late = await make_task(title="逾期完成", deadline="2026-06-30",
                           milestones=[{"title": "上线", "due_date": "2026-06-30"}])
    await make_task(title="未到期", deadline="2026-12-31")
    for task, done in ((on_time, "2026-06-18"), (late, "2026-07-05")):
        mid = task["milestones"][0]["id"]
        resp = await client.post(f"{API}/milestones/{mid}/complete", headers=office, params={"as_of": "2026-07-10"},
                                 json={"done_date": done, "evidence": "验收报告"})
        assert resp.status_code == 200
    linked = (await client.get(f"{API}/tasks", headers=office, params={"indicator": "GP-07"})).json()
    assert [t["code"] for t in linked["items"]] == [on_time["code"]]
    metric = (await client.get(f"{API}/metrics/on-time-completion", headers=office,
                               params={"year": 2026, "as_of": "2026-07-10"})).json()
    assert (metric["due"], metric["completed_on_time"], metric["value"]) == (2, 1, 50.0)
    empty = (await client.get(f"{API}/metrics/on-time-completion", headers=office,
                              params={"year": 2026, "as_of": "2026-01-10"})).json()
    assert empty["value"] is None


async def test_bad_input_found_by_fuzzing_is_a_4xx(client, as_user, make_plan, make_task):
    """Regressions from a schemathesis run: explicit nulls, NUL characters, repeated days."""
    await make_plan()
    task = await make_task()
    office = as_user("office")
    nulls = await client.patch(f"{API}/tasks/{task['code']}", headers=office, json={"tags": None})
    assert nulls.status_code == 422 and "tags" in nulls.json()["errors"][0]["message"]
    plan = await client.patch(f"{API}/plans/2026", headers=office, json={"warning_days": None})
    assert plan.status_code == 422
    nul = await client.patch(f"{API}/tasks/{task['code']}", headers=office, json={"contact_name": "王\u0000科长"})
    assert nul.status_code == 422 and nul.json()["code"] == "invalid_characters"
    assert (await client.get(f"{API}/tasks", headers=office, params={"q": "a\u0000b"})).status_code == 422
    repeated = await client.put(f"{API}/calendar/2027", headers=office, json={
        "published": False, "days": [{"day": "2027-01-04", "is_working_day": False},
                                     {"day": "2027-01-04", "is_working_day": True}]})
    assert repeated.status_code == 422 and repeated.json()["code"] == "calendar.repeated_day"
