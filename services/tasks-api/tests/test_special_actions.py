"""Special actions (专项行动, "12+N") through the API: one page per action,
the progress and warning roll-up, who may change what, and who sees what."""

API = "/api/tasks/v1"


async def _setup(client, as_user, make_plan, make_task, units):
    await make_plan()
    t1 = await make_task(title="企业开办一件事", deadline="2026-12-31", responsible_unit_ids=[str(units["xihu"])],
                         milestones=[{"title": "方案", "due_date": "2026-03-31"},
                                     {"title": "上线", "due_date": "2026-06-30"}])
    t2 = await make_task(title="涉企检查清单", environment="market", lead_unit_id=str(units["scjg"]),
                         responsible_unit_ids=[], deadline="2026-09-30",
                         milestones=[{"title": "制定清单", "due_date": "2026-04-30"}])
    t3 = await make_task(title="破产府院联动", environment="rule_of_law", lead_unit_id=str(units["sfj"]),
                         responsible_unit_ids=[str(units["gaj"])], deadline="2026-12-31")
    created = await client.post(f"{API}/special-actions", headers=as_user("office"), json={
        "year": 2026, "kind": "city", "name": "“一件事”集成改革专项行动", "goal": "高频事项一次办",
        "leading_official": "张副市长", "lead_unit_id": str(units["fgw"]), "environment": "gov_service",
        "team_unit_ids": [str(units["scjg"]), str(units["xihu"]), str(units["fgw"])],
        "measures": ["梳理事项清单", "  ", "系统集成改造"],
        "nodes": [{"title": "部署动员", "due_date": "2026-03-15"}, {"title": "中期评估", "due_date": "2026-06-30"},
                  {"title": "总结验收", "due_date": "2026-12-15"}],
        "task_codes": [t1["code"], t2["code"]],
    })
    assert created.status_code == 201, created.text
    return t1, t2, t3, created.json()


async def test_one_page_per_action_with_rolled_up_progress(client, as_user, make_plan, make_task, units):
    t1, t2, _, action = await _setup(client, as_user, make_plan, make_task, units)
    assert action["code"] == "ZX-2026-01"
    assert action["lead_unit"]["short_name"] == "市发改委" and action["leading_official"] == "张副市长"
    # The lead unit listed again as a member adds nothing; blank measures are dropped.
    assert [u["short_name"] for u in action["team"]] == ["市市场监管局", "西湖区"]
    assert action["measures"] == ["梳理事项清单", "系统集成改造"]
    assert [t["code"] for t in action["tasks"]] == ["2026-SC-001", "2026-ZW-001"]
    assert (action["progress"], action["task_progress"], action["node_progress"]) == (0, 0, 0)

    fgw, office = as_user("fgw"), as_user("office")
    first_milestone = t1["milestones"][0]["id"]
    done = await client.post(f"{API}/milestones/{first_milestone}/complete", headers=fgw,
                             params={"as_of": "2026-04-10"}, json={"done_date": "2026-03-20", "evidence": "方案印发"})
    assert done.status_code == 200 and done.json()["progress"] == 50
    node = next(n for n in action["nodes"] if n["title"] == "部署动员")
    ticked = await client.post(f"{API}/special-actions/ZX-2026-01/nodes/{node['id']}/complete", headers=fgw,
                               params={"as_of": "2026-04-10"},
                               json={"done_date": "2026-03-14", "evidence": "动员会纪要"})
    assert ticked.status_code == 200, ticked.text

    page = (await client.get(f"{API}/special-actions/ZX-2026-01", headers=office,
                             params={"as_of": "2026-04-10"})).json()
    # Tasks (50 + 0) / 2 = 25; nodes 1 of 3 = 33.3; progress = round((25 + 33.3) / 2) = 29.
    assert (page["progress"], page["task_progress"], page["node_progress"]) == (29, 25, 33)
    # The market task is 0 % against an expected 42 % (20 points tolerance): yellow, so the action is yellow.
    assert page["warning"] == "yellow"
    assert page["warning_reasons"] == [f"关联任务 {t2['code']} 亮黄牌"]
    assert [n["state"] for n in page["nodes"]] == ["done", "open", "open"]
    assert page["counts"] == {"team_units": 2, "measures": 2, "nodes": 3, "nodes_done": 1, "nodes_overdue": 0,
                              "tasks": 2, "tasks_completed": 0, "tasks_red": 0, "tasks_yellow": 1}
    assert {t["code"]: t["progress"] for t in page["tasks"]} == {t1["code"]: 50, t2["code"]: 0}

    # 1 July: the mid-term node and both tasks' milestones are overdue.
    july = (await client.get(f"{API}/special-actions/ZX-2026-01", headers=office,
                             params={"as_of": "2026-07-01"})).json()
    assert july["warning"] == "red"
    assert july["warning_reasons"][:1] == ["节点「中期评估」已逾期（应于 2026-06-30 完成）"]
    assert (july["counts"]["nodes_overdue"], july["counts"]["tasks_red"]) == (1, 2)
    mid = next(n for n in july["nodes"] if n["title"] == "中期评估")
    late = await client.post(f"{API}/special-actions/ZX-2026-01/nodes/{mid['id']}/complete", headers=fgw,
                             params={"as_of": "2026-07-03"}, json={"done_date": "2026-07-02", "evidence": "评估报告"})
    assert [n["state"] for n in late.json()["nodes"]] == ["done", "done_late", "open"]
    # Nodes 2 of 3 = 66.7; tasks still 25 → round(45.8) = 46.
    assert (late.json()["progress"], late.json()["node_progress"]) == (46, 67)

    listed = (await client.get(f"{API}/special-actions", headers=as_user("leader"),
                               params={"year": 2026, "as_of": "2026-04-10"})).json()
    assert listed["total"] == 1 and listed["items"][0]["progress"] == 46
    assert listed["counts"] == {"city": 1, "extra": 0, "red": 0, "yellow": 1, "none": 0}
    history = (await client.get(f"{API}/special-actions/ZX-2026-01/history", headers=office)).json()
    assert [e["action"] for e in history["items"]] == ["special_action.node_complete", "special_action.node_complete",
                                                       "special_action.create"]
    assert history["items"][0]["actor"] == "fgw"


async def test_who_changes_what(client, as_user, make_plan, make_task, units):
    _, _, t3, action = await _setup(client, as_user, make_plan, make_task, units)
    node_id = action["nodes"][0]["id"]
    url = f"{API}/special-actions/ZX-2026-01"
    done = {"done_date": "2026-03-14", "evidence": "纪要"}
    # Leaders read everything and change nothing; a team member reads but does not tick nodes.
    assert (await client.get(url, headers=as_user("leader"))).status_code == 200
    assert (await client.patch(url, headers=as_user("leader"), json={"goal": "x"})).status_code == 403
    assert (await client.post(f"{url}/nodes/{node_id}/complete", headers=as_user("leader"),
                              json=done)).status_code == 403
    assert (await client.get(url, headers=as_user("scjg"))).status_code == 200
    assert (await client.post(f"{url}/nodes/{node_id}/complete", headers=as_user("scjg"),
                              json=done)).status_code == 403
    # The lead unit ticks nodes and links tasks, but does not edit the action or its nodes' dates.
    assert (await client.patch(url, headers=as_user("fgw"), json={"goal": "x"})).status_code == 403
    assert (await client.patch(f"{url}/nodes/{node_id}", headers=as_user("fgw"),
                               json={"due_date": "2026-04-30"})).status_code == 403
    future = await client.post(f"{url}/nodes/{node_id}/complete", headers=as_user("fgw"),
                               params={"as_of": "2026-03-01"}, json=done)
    assert future.status_code == 422 and future.json()["code"] == "special_actions.future_done_date"

    # An uninvolved unit does not see the action (404, not 403) ...
    assert (await client.get(url, headers=as_user("gaj"))).status_code == 404
    assert (await client.get(f"{API}/special-actions", headers=as_user("gaj"))).json()["total"] == 0
    # ... and the lead unit may not link a task that is neither its own nor its team's.
    hidden = await client.post(f"{url}/tasks", headers=as_user("fgw"), json={"task_codes": [t3["code"]]})
    assert hidden.status_code == 404
    linked = await client.post(f"{url}/tasks", headers=as_user("office"), json={"task_codes": [t3["code"]]})
    assert linked.status_code == 200 and linked.json()["counts"]["tasks"] == 3
    # Linking gaj's task makes the action gaj's business too.
    assert (await client.get(url, headers=as_user("gaj"))).status_code == 200
    again = await client.post(f"{url}/tasks", headers=as_user("fgw"), json={"task_codes": [t3["code"]]})
    assert again.status_code == 409 and again.json()["code"] == "special_actions.task_already_linked"
    unlinked = await client.delete(f"{url}/tasks/{t3['code']}", headers=as_user("fgw"))
    assert unlinked.status_code == 200 and unlinked.json()["counts"]["tasks"] == 2
    assert (await client.delete(f"{url}/tasks/{t3['code']}", headers=as_user("fgw"))).status_code == 404

    await make_plan(2027)
    next_year = await make_task(year=2027, title="明年任务", deadline="2027-06-30")
    wrong_year = await client.post(f"{url}/tasks", headers=as_user("office"), json={"task_codes": [next_year["code"]]})
    assert wrong_year.status_code == 422 and wrong_year.json()["code"] == "special_actions.task_year_mismatch"

    # A special group creates and edits actions of its own environment only.
    group = as_user("market_group")
    body = {"year": 2026, "kind": "extra", "name": "公平竞争审查专项行动", "leading_official": "李副市长",
            "lead_unit_id": str(units["scjg"])}
    assert (await client.post(f"{API}/special-actions", headers=group,
                              json={**body, "environment": "gov_service"})).status_code == 403
    own = await client.post(f"{API}/special-actions", headers=group, json={**body, "environment": "market"})
    assert own.status_code == 201 and own.json()["code"] == "ZX-2026-02"
    assert (await client.patch(url, headers=group, json={"goal": "x"})).status_code == 404
    handed_off = await client.patch(f"{API}/special-actions/ZX-2026-02", headers=group,
                                    json={"environment": "gov_service"})
    assert handed_off.status_code == 403
    edited = await client.patch(f"{API}/special-actions/ZX-2026-02", headers=group,
                                json={"measures": ["审查存量政策"], "team_unit_ids": [str(units["swj"])]})
    assert edited.status_code == 200
    assert (edited.json()["measures"], [u["short_name"] for u in edited.json()["team"]]) == (["审查存量政策"],
                                                                                             ["市商务局"])
    # The "12 + N" split of the year.
    extra = (await client.get(f"{API}/special-actions", headers=as_user("office"),
                              params={"year": 2026, "kind": "extra"})).json()
    assert [a["code"] for a in extra["items"]] == ["ZX-2026-02"]
    assert (extra["counts"]["city"], extra["counts"]["extra"]) == (0, 1)
    everything = (await client.get(f"{API}/special-actions", headers=as_user("office"))).json()
    assert (everything["counts"]["city"], everything["counts"]["extra"]) == (1, 1)


async def test_nodes_are_added_moved_and_removed_by_the_planners(client, as_user, make_plan, make_task, units):
    _, _, _, action = await _setup(client, as_user, make_plan, make_task, units)
    office = as_user("office")
    url = f"{API}/special-actions/ZX-2026-01"
    added = await client.post(f"{url}/nodes", headers=office, json=[{"title": "季度调度", "due_date": "2026-09-30"}])
    assert added.status_code == 201 and added.json()["counts"]["nodes"] == 4
    assert [n["title"] for n in added.json()["nodes"]] == ["部署动员", "中期评估", "季度调度", "总结验收"]
    moved = await client.patch(f"{url}/nodes/{action['nodes'][1]['id']}", headers=office,
                               json={"due_date": "2026-10-31"})
    assert [n["title"] for n in moved.json()["nodes"]] == ["部署动员", "季度调度", "中期评估", "总结验收"]
    removed = await client.delete(f"{url}/nodes/{action['nodes'][0]['id']}", headers=office)
    assert removed.status_code == 200 and removed.json()["counts"]["nodes"] == 3
    missing = await client.delete(f"{url}/nodes/{action['nodes'][0]['id']}", headers=office)
    assert missing.status_code == 404
    history = (await client.get(f"{url}/history", headers=office)).json()
    update = next(e for e in history["items"] if e["action"] == "special_action.node_update")
    assert update["detail"]["before"] == {"due_date": "2026-06-30"}
    assert update["detail"]["after"] == {"due_date": "2026-10-31"}


async def test_bad_action_input_is_a_chinese_4xx(client, as_user, make_plan, make_task, units):
    await make_plan()
    office = as_user("office")
    base = {"year": 2026, "kind": "city", "name": "x", "leading_official": "王副市长",
            "lead_unit_id": str(units["fgw"])}
    wrong_code = await client.post(f"{API}/special-actions", headers=office, json={**base, "code": "ZX-2025-01"})
    assert wrong_code.status_code == 422 and "年份" in wrong_code.json()["errors"][0]["message"]
    unknown = await client.post(f"{API}/special-actions", headers=office,
                                json={**base, "lead_unit_id": "00000000-0000-0000-0000-000000000001"})
    assert unknown.status_code == 422 and unknown.json()["code"] == "special_actions.unit_unknown"
    bad_kind = await client.post(f"{API}/special-actions", headers=office, json={**base, "kind": "other"})
    assert bad_kind.status_code == 422
    first = await client.post(f"{API}/special-actions", headers=office, json={**base, "code": "ZX-2026-12"})
    assert first.status_code == 201
    taken = await client.post(f"{API}/special-actions", headers=office, json={**base, "code": "ZX-2026-12"})
    assert taken.status_code == 409 and taken.json()["code"] == "special_actions.code_taken"
    # Numbering continues after the highest code of the year.
    assert (await client.post(f"{API}/special-actions", headers=office, json=base)).json()["code"] == "ZX-2026-13"
    nulls = await client.patch(f"{API}/special-actions/ZX-2026-12", headers=office, json={"name": None})
    assert nulls.status_code == 422
    unknown_task = await client.post(f"{API}/special-actions/ZX-2026-12/tasks", headers=office,
                                     json={"task_codes": ["2026-ZW-999"]})
    assert unknown_task.status_code == 404 and "2026-ZW-999" in unknown_task.json()["detail"]
    assert (await client.get(f"{API}/special-actions/bad-code", headers=office)).status_code == 422
    assert (await client.get(f"{API}/special-actions/ZX-2026-99", headers=office)).status_code == 404
