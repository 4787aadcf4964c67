"""Grassroots innovation pilots (基层创新试点): 攻坚目标 → 试点探索 → 反馈情况 →
调整完善 → 全面推开 (one ledger task per district, linked to the pilot) or 终止."""

API = "/api/tasks/v1"
AS_OF = {"as_of": "2026-06-15"}


def pilot_body(units, **extra) -> dict:
    return {"title": "涉企经营许可“证照联办”", "description": "在西湖区试行营业执照与经营许可一次申请、同步发放",
            "goal": "企业开办与许可办理 1 个工作日办结", "unit_id": str(units["xihu"]), "environment": "gov_service",
            "start_date": "2026-03-01", "end_date": "2026-09-30", **extra}


async def make_pilot(client, as_user, units, **extra) -> dict:
    resp = await client.post(f"{API}/pilots", headers=as_user("office"), json=pilot_body(units, **extra))
    assert resp.status_code == 201, resp.text
    return resp.json()


async def test_create_pilots_and_who_may(client, as_user, units):
    first = await make_pilot(client, as_user, units)
    assert (first["code"], first["status"], first["unit"]["name"], first["feedback_count"]) == (
        "SD-2026-001", "running", "西湖区", 0)
    assert (first["feedback"], first["decisions"], first["tasks"]) == ([], [], [])
    assert (await make_pilot(client, as_user, units, title="第二个试点"))["code"] == "SD-2026-002"
    next_year = await make_pilot(client, as_user, units, start_date="2027-01-01", end_date="2027-06-30")
    assert next_year["code"] == "SD-2027-001"

    assert (await client.post(f"{API}/pilots", headers=as_user("fgw"), json=pilot_body(units))).status_code == 403
    assert (await client.post(f"{API}/pilots", headers=as_user("leader"), json=pilot_body(units))).status_code == 403
    group = as_user("market_group")
    assert (await client.post(f"{API}/pilots", headers=group, json=pilot_body(units))).status_code == 403
    own_env = await client.post(f"{API}/pilots", headers=group, json=pilot_body(units, environment="market"))
    assert own_env.status_code == 201 and own_env.json()["code"] == "SD-2026-003"

    hotline_unit = await client.post(f"{API}/pilots", headers=as_user("office"),
                                     json=pilot_body(units, unit_id=str(units["hotline12345"])))
    assert hotline_unit.status_code == 422 and hotline_unit.json()["code"] == "pilots.unit_invalid"
    backwards = await client.post(f"{API}/pilots", headers=as_user("office"),
                                  json=pilot_body(units, end_date="2026-02-01"))
    assert backwards.status_code == 422
    assert "结束日期不能早于开始日期" in backwards.json()["errors"][0]["message"]


async def test_list_is_scoped_filtered_and_paged(client, as_user, units):
    await make_pilot(client, as_user, units)
    await make_pilot(client, as_user, units, title="知识产权快速维权", unit_id=str(units["scjg"]),
                     environment="rule_of_law", start_date="2026-04-01")
    await make_pilot(client, as_user, units, title="政府采购信用承诺", environment="market", start_date="2026-05-01")

    async def codes(who, **params):
        resp = await client.get(f"{API}/pilots", headers=as_user(who), params=params)
        assert resp.status_code == 200, resp.text
        return resp.json()["total"], [p["code"] for p in resp.json()["items"]]

    assert await codes("office") == (3, ["SD-2026-003", "SD-2026-002", "SD-2026-001"])
    assert await codes("leader", environment="rule_of_law") == (1, ["SD-2026-002"])
    assert await codes("office", q="信用承诺") == (1, ["SD-2026-003"])
    assert await codes("office", unit_id=str(units["xihu"])) == (2, ["SD-2026-003", "SD-2026-001"])
    assert await codes("office", year=2027) == (0, [])
    assert await codes("office", page=2, page_size=2) == (3, ["SD-2026-001"])
    # A unit sees the pilots it runs; a special group its environment's.
    assert await codes("xihu") == (2, ["SD-2026-003", "SD-2026-001"])
    assert await codes("scjg") == (1, ["SD-2026-002"])
    assert await codes("market_group") == (1, ["SD-2026-003"])
    assert await codes("gaj") == (0, [])
    assert (await client.get(f"{API}/pilots/SD-2026-001", headers=as_user("gaj"))).status_code == 404


async def test_feedback_from_the_pilot_unit(client, as_user, units):
    pilot = await make_pilot(client, as_user, units)
    url = f"{API}/pilots/{pilot['code']}/feedback"
    first = await client.post(url, headers=as_user("xihu"), params=AS_OF,
                              json={"content": "首月办理 86 件，平均 0.8 个工作日", "progress_note": "窗口已改造",
                                    "reported_on": "2026-04-02"})
    assert first.status_code == 201, first.text
    second = await client.post(url, headers=as_user("office"), params=AS_OF,
                               json={"content": "专班实地查看，企业满意度高"})
    assert second.status_code == 201
    body = second.json()
    assert body["feedback_count"] == 2
    assert [(f["unit"]["short_name"], f["author"], f["reported_on"], f["progress_note"]) for f in body["feedback"]] == [
        ("西湖区", "xihu", "2026-04-02", "窗口已改造"), ("市委改革办", "office", "2026-06-15", None)]

    assert (await client.post(url, headers=as_user("leader"), json={"content": "领导不填报"})).status_code == 403
    assert (await client.post(url, headers=as_user("scjg"), json={"content": "看不到"})).status_code == 404
    future = await client.post(url, headers=as_user("xihu"), params=AS_OF,
                               json={"content": "明天的反馈", "reported_on": "2026-06-16"})
    assert future.status_code == 422 and future.json()["code"] == "pilots.feedback_date"
    before = await client.post(url, headers=as_user("xihu"), params=AS_OF,
                               json={"content": "试点开始前", "reported_on": "2026-02-27"})
    assert before.status_code == 422 and before.json()["code"] == "pilots.feedback_date"


async def test_adjust_keeps_the_pilot_running_and_records_what_changed(client, as_user, units):
    pilot = await make_pilot(client, as_user, units)
    url = f"{API}/pilots/{pilot['code']}/decisions"
    assert (await client.post(url, headers=as_user("xihu"),
                              json={"decision": "adjust", "comment": "延长"})).status_code == 403
    stray = await client.post(url, headers=as_user("office"),
                              json={"decision": "adjust", "comment": "延长", "deadline": "2026-12-31"})
    assert stray.status_code == 422 and "deadline" in stray.json()["errors"][0]["message"]
    bad_period = await client.post(url, headers=as_user("office"),
                                   json={"decision": "adjust", "comment": "提前", "end_date": "2026-01-31"})
    assert bad_period.status_code == 422 and bad_period.json()["code"] == "pilots.period_invalid"
    adjusted = await client.post(url, headers=as_user("office"), params=AS_OF, json={
        "decision": "adjust", "comment": "扩大到食品经营许可，延长一个月", "end_date": "2026-10-31",
        "description": "营业执照与食品经营许可一次申请、同步发放"})
    assert adjusted.status_code == 201, adjusted.text
    body = adjusted.json()
    assert (body["status"], body["end_date"], body["concluded_at"]) == ("running", "2026-10-31", None)
    assert body["description"] == "营业执照与食品经营许可一次申请、同步发放"
    assert [(d["decision"], d["comment"], d["changes"]) for d in body["decisions"]] == [
        ("adjust", "扩大到食品经营许可，延长一个月", {
            "description": {"before": "在西湖区试行营业执照与经营许可一次申请、同步发放",
                            "after": "营业执照与食品经营许可一次申请、同步发放"},
            "end_date": {"before": "2026-09-30", "after": "2026-10-31"}})]
    # Still running: feedback continues and it may be adjusted again.
    assert (await client.post(f"{API}/pilots/{pilot['code']}/feedback", headers=as_user("xihu"), params=AS_OF,
                              json={"content": "调整后运行良好"})).status_code == 201
    again = await client.post(url, headers=as_user("office"), json={"decision": "adjust", "comment": "补充攻坚目标",
                                                                    "goal": "开办与许可 0.5 个工作日办结"})
    assert again.status_code == 201 and len(again.json()["decisions"]) == 2


async def test_roll_out_creates_one_linked_task_per_district(client, as_user, units, tokens, make_plan):
    await make_plan()
    pilot = await make_pilot(client, as_user, units)
    code, office = pilot["code"], as_user("office")
    url = f"{API}/pilots/{code}/decisions"
    rollout = {"decision": "roll_out", "comment": "试点成效明显，全市推开",
               "district_unit_ids": [str(units["xihu"]), str(units["binjiang"]), str(units["xiaoshan"])],
               "deadline": "2026-12-31"}

    missing = await client.post(url, headers=office, json={"decision": "roll_out", "comment": "推开"})
    assert missing.status_code == 422 and "推开的区县" in missing.json()["errors"][0]["message"]
    department = await client.post(url, headers=office, params=AS_OF,
                                   json={**rollout, "district_unit_ids": [str(units["fgw"])]})
    assert department.status_code == 422 and department.json()["code"] == "pilots.not_district"
    no_plan = await client.post(url, headers=office, params=AS_OF, json={**rollout, "deadline": "2027-06-30"})
    assert no_plan.status_code == 422 and no_plan.json()["code"] == "pilots.plan_missing"
    assert "2027 年度计划" in no_plan.json()["detail"]
    past = await client.post(url, headers=office, params=AS_OF, json={**rollout, "deadline": "2026-06-01"})
    assert past.status_code == 422 and past.json()["code"] == "pilots.deadline_past"
    assert (await client.post(url, headers=as_user("leader"), json=rollout)).status_code == 403

    rolled = await client.post(url, headers=office, params=AS_OF, json=rollout)
    assert rolled.status_code == 201, rolled.text
    body = rolled.json()
    assert body["status"] == "rolled_out" and body["concluded_at"] is not None
    assert [(t["code"], t["lead_unit"]["name"], t["deadline"], t["lifecycle_stage"]) for t in body["tasks"]] == [
        ("2026-ZW-001", "西湖区", "2026-12-31", "progress_tracking"),
        ("2026-ZW-002", "滨江区", "2026-12-31", "progress_tracking"),
        ("2026-ZW-003", "萧山区", "2026-12-31", "progress_tracking"),
    ]
    assert body["decisions"][0]["changes"] == {
        "district_unit_ids": [str(units["xihu"]), str(units["binjiang"]), str(units["xiaoshan"])],
        "deadline": "2026-12-31", "task_codes": ["2026-ZW-001", "2026-ZW-002", "2026-ZW-003"]}

    task = (await client.get(f"{API}/tasks/2026-ZW-002", headers=office)).json()
    assert (task["title"], task["source"], task["tags"], task["category"]) == (
        "涉企经营许可“证照联办”（滨江区全面推开）", "pilot", [code], "signature")
    assert (task["measures"], task["goal"]) == (pilot["description"], pilot["goal"])
    assert task["responsible_units"] == []
    timeline = (await client.get(f"{API}/tasks/2026-ZW-002/history", headers=office)).json()["items"]
    assert [e["action"] for e in timeline] == ["pilot.roll_out", "task.create"]
    by_source = await client.get(f"{API}/tasks", headers=office, params={"q": code})
    assert by_source.json()["total"] == 3

    # 滨江区 now sees the pilot through its task, and only its own task on it.
    binjiang = tokens.headers(roles=["district"], unit_id=units["binjiang"], username="binjiang")
    seen = await client.get(f"{API}/pilots/{code}", headers=binjiang)
    assert seen.status_code == 200 and [t["code"] for t in seen.json()["tasks"]] == ["2026-ZW-002"]

    # A rolled-out pilot takes no more decisions or feedback.
    twice = await client.post(url, headers=office, params=AS_OF, json=rollout)
    assert twice.status_code == 409 and twice.json()["code"] == "pilots.concluded"
    assert twice.json()["detail"] == f"试点 {code} 已全面推开，不能再反馈或作出决定。"
    assert (await client.post(url, headers=office, json={"decision": "stop", "comment": "终止"})).status_code == 409
    assert (await client.post(f"{API}/pilots/{code}/feedback", headers=as_user("xihu"),
                              json={"content": "推开后"})).status_code == 409
    audit = (await client.get(f"{API}/audit-log", headers=office,
                              params={"entity_type": "pilot", "entity_id": pilot["id"]})).json()
    assert [e["action"] for e in audit["items"]] == ["pilot.roll_out", "pilot.create"]


async def test_stop_ends_the_pilot(client, as_user, units):
    pilot = await make_pilot(client, as_user, units, environment="market")
    url = f"{API}/pilots/{pilot['code']}/decisions"
    stray = await client.post(url, headers=as_user("market_group"),
                                    json={"decision": "stop", "comment": "企业反映增加负担", "goal": "x"})
    assert stray.status_code == 422
    stopped = await client.post(url, headers=as_user("market_group"),
                                json={"decision": "stop", "comment": "企业反映增加负担"})
    assert stopped.status_code == 201, stopped.text
    body = stopped.json()
    assert (body["status"], body["tasks"]) == ("stopped", [])
    assert [(d["decision"], d["decided_by"], d["changes"]) for d in body["decisions"]] == [
        ("stop", "market_group", {})]
    again = await client.post(url, headers=as_user("office"), json={"decision": "stop", "comment": "再次终止"})
    assert again.status_code == 409 and "已终止" in again.json()["detail"]
    listed = await client.get(f"{API}/pilots", headers=as_user("office"), params={"status": "stopped"})
    assert [p["code"] for p in listed.json()["items"]] == [pilot["code"]]
