"""The task lifecycle (需求分析 → 项目生成 → 进度跟踪 → 督察考评 → 成果固化 → 复制推广)
with every guard refused and allowed, and best practices with their replications."""

API = "/api/tasks/v1"
PDF = b"%PDF-1.4 evidence"


async def move(client, headers, code, to_stage, comment=None):
    body = {"to_stage": to_stage} if comment is None else {"to_stage": to_stage, "comment": comment}
    return await client.post(f"{API}/tasks/{code}/lifecycle", headers=headers, json=body)


async def lifecycle(client, headers, code):
    resp = await client.get(f"{API}/tasks/{code}/lifecycle", headers=headers)
    assert resp.status_code == 200, resp.text
    return resp.json()


def assert_guard_failed(resp, code, words):
    assert resp.status_code == 409, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    body = resp.json()
    assert body["code"] == "lifecycle.guard_failed"
    assert body["title"] == "不满足阶段变更条件"
    assert words in body["detail"]
    assert [e["code"] for e in body["errors"]] == [code]


async def report(client, as_user, code, as_of, progress, attach=False):
    """scjg reports, optionally with a PDF, and the lead unit fgw approves."""
    resp = await client.post(f"{API}/tasks/{code}/reports", headers=as_user("scjg"), params={"as_of": as_of},
                             json={"content": f"进度 {progress}%", "progress": progress})
    assert resp.status_code == 201, resp.text
    report_id = resp.json()["id"]
    if attach:
        up = await client.post(f"{API}/reports/{report_id}/attachments", headers=as_user("scjg"),
                               files={"file": ("验收报告.pdf", PDF, "application/pdf")})
        assert up.status_code == 201, up.text
    approved = await client.post(f"{API}/reports/{report_id}/review", headers=as_user("fgw"),
                                 json={"decision": "approve"})
    assert approved.status_code == 200, approved.text


async def consolidated_task(client, as_user, make_task) -> dict:
    """A task of the 2026 plan walked to 成果固化: done, evaluated, with approved evidence."""
    task = await make_task(measures="一网通办、一窗受理")
    await report(client, as_user, task["code"], "2026-05-12", 100, attach=True)
    office = as_user("office")
    assert (await move(client, office, task["code"], "evaluation")).status_code == 200
    assert (await move(client, office, task["code"], "consolidation")).status_code == 200
    return task


async def test_a_new_task_can_start_at_demand_analysis_but_never_later(client, as_user, make_plan, make_task):
    await make_plan()
    default = await make_task()
    assert default["lifecycle_stage"] == "progress_tracking"
    early = await make_task(lifecycle_stage="demand_analysis")
    assert early["lifecycle_stage"] == "demand_analysis"
    late = await client.post(f"{API}/tasks", headers=as_user("office"), json={
        "year": 2026, "title": "越级", "environment": "gov_service", "category": "key",
        "lead_unit_id": early["lead_unit"]["id"], "deadline": "2026-06-30", "lifecycle_stage": "consolidation"})
    assert late.status_code == 422 and late.json()["errors"][0]["field"] == "lifecycle_stage"
    # The stage is no longer an editable field: a PATCH leaves it as it is.
    patched = await client.patch(f"{API}/tasks/{early['code']}", headers=as_user("office"),
                                 json={"lifecycle_stage": "replication", "tags": ["试点"]})
    assert patched.status_code == 200 and patched.json()["lifecycle_stage"] == "demand_analysis"


async def test_demand_analysis_to_project_generation(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task(lifecycle_stage="demand_analysis")
    code, office, fgw = task["code"], as_user("office"), as_user("fgw")

    view = await lifecycle(client, office, code)
    assert (view["stage"], view["stage_name"]) == ("demand_analysis", "需求分析")
    assert [s["name"] for s in view["stages"]] == ["需求分析", "项目生成", "进度跟踪", "督察考评", "成果固化", "复制推广"]
    assert view["history"] == []
    assert view["moves"] == [{"to_stage": "project_generation", "name": "项目生成", "direction": "forward",
                              "who": "改革办或所属专项小组", "comment_required": False, "allowed": False,
                              "reasons": ["尚未填写具体举措"]}]
    # The lead unit sees why it cannot: its role, and what is missing.
    assert (await lifecycle(client, fgw, code))["moves"][0]["reasons"] == [
        "只有改革办或所属专项小组可以将任务从「需求分析」推进到「项目生成」", "尚未填写具体举措"]

    refused = await move(client, office, code, "project_generation")
    assert_guard_failed(refused, "measures_missing", "任务不能从「需求分析」推进到「项目生成」：尚未填写具体举措。")
    wrong_role = await move(client, fgw, code, "project_generation")
    assert wrong_role.status_code == 403 and "改革办或所属专项小组" in wrong_role.json()["detail"]
    skipping = await move(client, office, code, "evaluation")
    assert skipping.status_code == 409
    assert skipping.json()["code"] == "lifecycle.transition_not_allowed"
    assert skipping.json()["detail"] == ("任务当前处于「需求分析」阶段，不能直接变更为「督察考评」。可变更为：「项目生成」。")

    await client.patch(f"{API}/tasks/{code}", headers=office, json={"measures": "梳理企业开办堵点，形成需求清单"})
    moved = await move(client, office, code, "project_generation", "需求清单已确认")
    assert moved.status_code == 200, moved.text
    body = moved.json()
    assert body["stage"] == "project_generation"
    assert [(h["from_stage"], h["to_stage"], h["actor"], h["actor_unit"]["short_name"], h["comment"])
            for h in body["history"]] == [("demand_analysis", "project_generation", "office", "市委改革办",
                                           "需求清单已确认")]
    again = await move(client, office, code, "project_generation")
    assert again.status_code == 409 and again.json()["detail"].startswith("任务已处于「项目生成」阶段")
    timeline = (await client.get(f"{API}/tasks/{code}/history", headers=office)).json()["items"]
    moves = [e for e in timeline if e["action"] == "lifecycle.move"]
    assert [(e["detail"]["before"], e["detail"]["after"]) for e in moves] == [
        ({"lifecycle_stage": "demand_analysis"}, {"lifecycle_stage": "project_generation"})]


async def test_project_generation_needs_a_schedule_and_a_manager(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task(lifecycle_stage="project_generation", continuous=True, deadline=None)
    code, fgw = task["code"], as_user("fgw")
    assert (await move(client, as_user("scjg"), code, "progress_tracking")).status_code == 403
    assert (await move(client, as_user("leader"), code, "progress_tracking")).status_code == 403
    assert (await move(client, as_user("gaj"), code, "progress_tracking")).status_code == 404
    assert (await client.get(f"{API}/tasks/{code}/lifecycle", headers=as_user("gaj"))).status_code == 404
    assert_guard_failed(await move(client, fgw, code, "progress_tracking"), "schedule_missing", "尚未设置节点或完成时限")
    added = await client.post(f"{API}/tasks/{code}/milestones", headers=fgw,
                              json=[{"title": "方案印发", "due_date": "2026-07-31"}])
    assert added.status_code == 201
    # The lead unit manages the task, so it may start tracking.
    moved = await move(client, fgw, code, "progress_tracking")
    assert moved.status_code == 200 and moved.json()["stage"] == "progress_tracking"
    assert moved.json()["history"][0]["actor_unit"]["short_name"] == "市发改委"


async def test_evaluation_needs_completion_and_may_send_the_task_back(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task()
    code, office = task["code"], as_user("office")
    assert (await move(client, as_user("fgw"), code, "evaluation")).status_code == 403
    assert_guard_failed(await move(client, office, code, "evaluation"), "not_completed",
                        "任务进度为 0%，须完成（100%）后方可督察考评")
    await report(client, as_user, code, "2026-05-12", 100)
    assert (await move(client, office, code, "evaluation")).status_code == 200

    view = await lifecycle(client, office, code)
    assert [(m["to_stage"], m["direction"], m["comment_required"], m["allowed"]) for m in view["moves"]] == [
        ("consolidation", "forward", False, False), ("progress_tracking", "backward", True, True)]
    # Supervision found it not really done: back to tracking, with a reason on record.
    no_reason = await move(client, office, code, "progress_tracking", "  ")
    assert no_reason.status_code == 422 and no_reason.json()["code"] == "lifecycle.comment_required"
    assert no_reason.json()["errors"][0]["field"] == "comment"
    back = await move(client, office, code, "progress_tracking", "实地督察发现系统未上线")
    assert back.status_code == 200
    assert [(h["from_stage"], h["to_stage"], h["comment"]) for h in back.json()["history"]] == [
        ("progress_tracking", "evaluation", None),
        ("evaluation", "progress_tracking", "实地督察发现系统未上线"),
    ]


async def test_consolidation_needs_approved_evidence(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task(measures="推行电子证照")
    code, office = task["code"], as_user("office")
    # 100 % approved, but without any attached evidence.
    await report(client, as_user, code, "2026-05-12", 100)
    assert (await move(client, office, code, "evaluation")).status_code == 200
    assert (await move(client, as_user("market_group"), code, "consolidation")).status_code == 404
    assert (await move(client, as_user("fgw"), code, "consolidation")).status_code == 403
    assert_guard_failed(await move(client, office, code, "consolidation"), "evidence_missing",
                        "缺少经审核通过、进度 100% 且附有佐证材料的进展报送")
    # A report with a file that is not yet approved is not evidence either.
    pending = await client.post(f"{API}/tasks/{code}/reports", headers=as_user("scjg"), params={"as_of": "2026-06-10"},
                                json={"content": "验收完成", "progress": 100})
    await client.post(f"{API}/reports/{pending.json()['id']}/attachments", headers=as_user("scjg"),
                      files={"file": ("验收.pdf", PDF, "application/pdf")})
    assert (await move(client, office, code, "consolidation")).status_code == 409
    await client.post(f"{API}/reports/{pending.json()['id']}/review", headers=as_user("fgw"),
                      json={"decision": "approve"})
    moved = await move(client, office, code, "consolidation")
    assert moved.status_code == 200 and moved.json()["stage"] == "consolidation"
    back = await move(client, office, code, "evaluation", "佐证材料需补充第三方评估")
    assert back.status_code == 200 and back.json()["stage"] == "evaluation"
    assert len(back.json()["history"]) == 3


async def test_replication_needs_a_best_practice(client, as_user, make_plan, make_task):
    await make_plan()
    task = await consolidated_task(client, as_user, make_task)
    code, office = task["code"], as_user("office")
    assert_guard_failed(await move(client, office, code, "replication"), "best_practice_missing",
                        "尚未由该任务形成最佳实践案例")
    created = await client.post(f"{API}/best-practices", headers=as_user("fgw"), params={"as_of": "2026-11-20"},
                                json={"task_code": code, "title": "企业开办一日办结", "summary": "一网通办、一窗受理",
                                      "evidence": "平均办理时间由 3 天压缩到 1 天"})
    assert created.status_code == 201, created.text
    assert (await move(client, as_user("fgw"), code, "replication")).status_code == 403
    moved = await move(client, office, code, "replication")
    assert moved.status_code == 200
    body = moved.json()
    assert body["stage"] == "replication" and body["moves"] == []
    assert [h["to_stage"] for h in body["history"]] == ["evaluation", "consolidation", "replication"]
    leader = await lifecycle(client, as_user("leader"), code)
    assert leader["stage"] == "replication"


async def test_best_practice_only_from_a_consolidated_task(client, as_user, make_plan, make_task, units):
    await make_plan()
    early = await make_task(title="尚在推进")
    refused = await client.post(f"{API}/best-practices", headers=as_user("office"),
                                json={"task_code": early["code"], "title": "尚未固化", "summary": "摘要内容",
                                      "evidence": "佐证"})
    assert refused.status_code == 409 and refused.json()["code"] == "practices.stage_not_consolidated"
    assert "「进度跟踪」" in refused.json()["detail"]

    task = await consolidated_task(client, as_user, make_task)
    body = {"task_code": task["code"], "title": "企业开办一日办结", "summary": "一网通办、一窗受理、当日领照",
            "evidence": "平均办理时间由 3 天压缩到 1 天"}
    assert (await client.post(f"{API}/best-practices", headers=as_user("leader"), json=body)).status_code == 403
    assert (await client.post(f"{API}/best-practices", headers=as_user("scjg"), json=body)).status_code == 403
    stranger = await client.post(f"{API}/best-practices", headers=as_user("office"),
                                 json={**body, "unit_id": str(units["gaj"])})
    assert stranger.status_code == 422 and stranger.json()["code"] == "practices.unit_not_on_task"
    created = await client.post(f"{API}/best-practices", headers=as_user("fgw"), params={"as_of": "2026-11-20"},
                                json=body)
    assert created.status_code == 201, created.text
    practice = created.json()
    assert (practice["code"], practice["task_code"], practice["unit"]["short_name"]) == (
        "AL-2026-001", task["code"], "市发改委")
    assert practice["environment"] == "gov_service" and practice["adoption_count"] == 0
    assert [(a["index"], a["filename"], a["size"]) for a in practice["attachments"]] == [(0, "验收报告.pdf", len(PDF))]
    twice = await client.post(f"{API}/best-practices", headers=as_user("office"), json=body)
    assert twice.status_code == 409 and twice.json()["code"] == "practices.exists"
    assert "AL-2026-001" in twice.json()["detail"]
    # A published case is for everyone to copy: a unit outside the task reads it and its evidence.
    download = await client.get(f"{API}/best-practices/AL-2026-001/attachments/0", headers=as_user("gaj"))
    assert download.status_code == 200 and download.content == PDF
    assert (await client.get(f"{API}/best-practices/AL-2026-001/attachments/1",
                             headers=as_user("gaj"))).status_code == 404
    timeline = (await client.get(f"{API}/tasks/{task['code']}/history", headers=as_user("office"))).json()["items"]
    assert timeline[0]["action"] == "best_practice.create" and timeline[0]["detail"]["best_practice"] == "AL-2026-001"


async def test_replications_record_who_adopted_and_when(client, as_user, make_plan, make_task, units, tokens):
    await make_plan()
    task = await consolidated_task(client, as_user, make_task)
    created = await client.post(f"{API}/best-practices", headers=as_user("office"), params={"as_of": "2026-11-02"},
                                json={"task_code": task["code"], "title": "企业开办一日办结",
                                      "summary": "一网通办", "evidence": "压缩到 1 天"})
    code = created.json()["code"]
    url = f"{API}/best-practices/{code}/replications"
    as_of = {"as_of": "2026-11-20"}

    adopted = await client.post(url, headers=as_user("gaj"), params=as_of,
                                json={"adopted_on": "2026-11-18", "note": "户籍业务参照推行"})
    assert adopted.status_code == 201, adopted.text
    assert adopted.json()["adoption_count"] == 1
    twice = await client.post(url, headers=as_user("gaj"), params=as_of, json={"adopted_on": "2026-11-19"})
    assert twice.status_code == 409 and twice.json()["code"] == "practices.already_adopted"
    assert twice.json()["detail"] == "市公安局已于 2026-11-18 登记采用该案例，不能重复登记。"
    # Only the adopting unit itself or the office records an adoption.
    for_other = await client.post(url, headers=as_user("scjg"), params=as_of,
                                  json={"unit_id": str(units["xihu"]), "adopted_on": "2026-11-10"})
    assert for_other.status_code == 403
    assert (await client.post(url, headers=as_user("leader"), params=as_of,
                              json={"adopted_on": "2026-11-10"})).status_code == 403
    own = await client.post(url, headers=as_user("fgw"), params=as_of, json={"adopted_on": "2026-11-10"})
    assert own.status_code == 422 and own.json()["code"] == "practices.own_unit"
    future = await client.post(url, headers=as_user("xihu"), params=as_of, json={"adopted_on": "2026-11-21"})
    assert future.status_code == 422 and future.json()["code"] == "practices.future_adoption"
    by_office = await client.post(url, headers=as_user("office"), params=as_of,
                                  json={"unit_id": str(units["xihu"]), "adopted_on": "2026-11-05"})
    assert by_office.status_code == 201

    detail = (await client.get(f"{API}/best-practices/{code}", headers=as_user("leader"))).json()
    assert detail["adoption_count"] == 2
    assert [u["name"] for u in detail["adopted_units"]] == ["西湖区", "市公安局"]
    assert [(r["unit"]["short_name"], r["adopted_on"], r["recorded_by"]) for r in detail["replications"]] == [
        ("西湖区", "2026-11-05", "office"), ("市公安局", "2026-11-18", "gaj")]

    listing = (await client.get(f"{API}/best-practices", headers=as_user("xihu"))).json()
    assert listing["total"] == 1 and listing["items"][0]["adoption_count"] == 2
    by_xihu = await client.get(f"{API}/best-practices", headers=as_user("xihu"),
                               params={"adopted_by": str(units["xihu"])})
    assert by_xihu.json()["total"] == 1
    assert (await client.get(f"{API}/best-practices", headers=as_user("xihu"),
                             params={"adopted_by": str(units["scjg"])})).json()["total"] == 0
    assert (await client.get(f"{API}/best-practices", headers=as_user("xihu"),
                             params={"q": "一日办结"})).json()["total"] == 1
    hotline = tokens.headers(roles=["hotline"], username="hotline")
    assert (await client.get(f"{API}/best-practices", headers=hotline)).status_code == 403
    audit = (await client.get(f"{API}/audit-log", headers=as_user("office"),
                              params={"entity_type": "best_practice"})).json()
    assert [e["action"] for e in audit["items"]] == ["best_practice.replicate", "best_practice.replicate",
                                                     "best_practice.create"]
