"""The supervision demo (tasks_api.demo_supervision) on top of the demo plan, in the test
database: exactly what it adds, that a second load adds nothing, and that the API shows it
to the office, to units and to districts."""

from __future__ import annotations

from pathlib import Path

from tasks_api import demo, demo_supervision

API = "/api/tasks/v1"
AS_OF = {"as_of": "2026-11-23"}
EXPECTED = {
    "special_actions": 14, "action_nodes": 56, "action_nodes_done": 41, "action_task_links": 81,
    "baselines": 2, "moved_milestones": 5,
    "inspections": 6, "findings": 10, "rectifications": 5,
    "lead_evaluations": 57, "office_evaluations": 20, "indicator_ranks": 4, "rank_rule_full_marks": 8,
    "stage_changes": 18, "evidence_reports": 4, "best_practices": 2, "replications": 5,
    "pilots": 3, "pilot_feedback": 7, "pilot_decisions": 2, "pilot_tasks": 3,
    "bulletins": 2, "bulletins_published": 1, "inbox_messages": 48,
}


async def test_demo_supervision_loads_once_and_shows(app, client, as_user):
    storage = Path(app.state.settings.tasks_storage_dir)
    units = demo_supervision.demo_units()
    async with app.state.db.sessionmaker() as session:
        await demo.load(session)
        counts = await demo_supervision.load(session, units, storage_dir=storage)
        again = await demo_supervision.load(session, units, storage_dir=storage)
        await session.commit()
    assert counts == EXPECTED
    assert again == dict.fromkeys(EXPECTED, 0)
    office, leader = as_user("office"), as_user("leader")

    # 12+N special actions: one overdue node, on 预付式消费; every action linked to 3–8 tasks.
    actions = (await client.get(f"{API}/special-actions", params={**AS_OF, "page_size": 50}, headers=leader)).json()
    assert actions["total"] == 14
    assert (actions["counts"]["city"], actions["counts"]["extra"]) == (12, 2)
    assert sum(a["counts"]["nodes_overdue"] for a in actions["items"]) == 1
    assert all(3 <= a["counts"]["tasks"] <= 8 and 3 <= a["counts"]["nodes"] <= 4 for a in actions["items"])
    prepaid = (await client.get(f"{API}/special-actions/ZX-2026-03", params=AS_OF, headers=office)).json()
    assert prepaid["name"] == "预付式消费综合监管专项行动" and prepaid["warning"] == "red"
    assert [n["state"] for n in prepaid["nodes"]] == ["done", "done_late", "overdue", "open"]
    history = (await client.get(f"{API}/special-actions/ZX-2026-03/history", headers=office)).json()
    assert [e["action"] for e in history["items"]][::-1] == [
        "special_action.create", "special_action.node_complete", "special_action.node_complete"]

    # Battle map: the Q3 baseline shows the five nodes moved after it was frozen.
    baselines = (await client.get(f"{API}/battle-map/baselines", params={"year": 2026}, headers=office)).json()
    assert sorted(b["quarter"] for b in baselines["items"]) == [3, 4]
    q3 = next(b for b in baselines["items"] if b["quarter"] == 3)
    comparison = (await client.get(f"{API}/battle-map/baselines/{q3['id']}/comparison", params=AS_OF,
                                   headers=office)).json()
    assert comparison["counts"]["moved"] == 5 and comparison["counts"]["slipped"] >= 5
    assert {i["current_due"] for i in comparison["items"] if "moved" in i["slip_reasons"]} == {"2026-12-15"}

    # Rectifications in every state: one red, one yellow, one submitted, one verified, one returned.
    rect = (await client.get(f"{API}/rectifications", params=AS_OF, headers=office)).json()
    assert rect["counts"] == {"red": 1, "yellow": 1, "none": 3}
    states = {i["inspection_code"]: (i["status"], i["warning"], i["returned_count"]) for i in rect["items"]}
    assert states == {
        "DC-2026-001": ("verified", "none", 0), "DC-2026-002": ("open", "red", 0),
        "DC-2026-004": ("submitted", "none", 0), "DC-2026-005": ("open", "none", 1),
        "DC-2026-006": ("open", "yellow", 0),
    }
    # 西湖区 sees the one it owns and the one on a task it is responsible for (12345 诉求闭环).
    xihu_rect = (await client.get(f"{API}/rectifications", params=AS_OF, headers=as_user("xihu"))).json()
    assert sorted((i["inspection_code"], i["due_date"]) for i in xihu_rect["items"]) == [
        ("DC-2026-002", "2026-10-15"), ("DC-2026-004", "2026-12-03")]
    inspections = (await client.get(f"{API}/inspections", params={"year": 2026}, headers=office)).json()
    assert inspections["total"] == 6
    assert sorted({i["kind"] for i in inspections["items"]}) == ["on_site", "spot_check"]

    # Evaluations for 2026-Q3, eight of them full marks by the rank rule.
    scored = (await client.get(f"{API}/evaluations", params={"page_size": 100}, headers=office)).json()
    assert scored["total"] == 57 + 20 + 7  # seven full marks created, one hand score raised
    auto = [e for e in scored["items"] if e["auto"]]
    assert len(auto) == 8 and all(e["total"] == 100 and "排名满分规则" in e["auto_reason"] for e in auto)
    by_hand = [e["total"] for e in scored["items"] if not e["auto"]]
    assert 60 <= min(by_hand) and max(by_hand) <= 98 and len(set(by_hand)) > 10
    assert {e["period"] for e in scored["items"]} == {"2026-Q3"}

    # The league table ranks units and names 优生 and 差生.
    league = (await client.get(f"{API}/league-table", params={"period": "2026-Q3"},
                               headers=as_user("scjg"))).json()
    ranked = [r for r in league["rows"] if r["ranked"]]
    assert len(ranked) >= 30 and len(league["best"]) == 3 and len(league["worst"]) == 3
    assert [r["honour"] for r in ranked[:3]] == ["best"] * 3
    assert sum(r["evaluation_count"] for r in league["rows"]) == 84

    # Lifecycle, evidence and best practices with replications by districts.
    practices = (await client.get(f"{API}/best-practices", headers=as_user("xihu"))).json()
    assert practices["total"] == 2
    assert sorted(p["adoption_count"] for p in practices["items"]) == [2, 3]
    first = next(p for p in practices["items"] if p["adoption_count"] == 3)
    detail = (await client.get(f"{API}/best-practices/{first['code']}", headers=office)).json()
    assert [u["name"] for u in detail["adopted_units"]] == ["上城区", "拱墅区", "临平区"]
    assert len(detail["attachments"]) == 1 and detail["attachments"][0]["filename"].endswith("成果评估报告.docx")
    evidence = await client.get(f"{API}/best-practices/{first['code']}/attachments/0", headers=office)
    assert evidence.status_code == 200 and evidence.content[:2] == b"PK"  # a real .docx (zip)
    stages = (await client.get(f"{API}/tasks/{first['task_code']}/lifecycle", headers=office)).json()
    assert stages["stage"] == "replication"
    assert [h["to_stage"] for h in stages["history"]] == ["evaluation", "consolidation", "replication"]

    # Pilots: one running with feedback, one adjusted, one rolled out into three district tasks.
    pilots = (await client.get(f"{API}/pilots", headers=office)).json()
    assert [(p["code"], p["status"]) for p in pilots["items"]] == [
        ("SD-2026-001", "running"), ("SD-2026-002", "running"), ("SD-2026-003", "rolled_out")]
    adjusted = (await client.get(f"{API}/pilots/SD-2026-002", headers=office)).json()
    assert adjusted["end_date"] == "2026-12-31" and adjusted["decisions"][0]["decision"] == "adjust"
    rolled = (await client.get(f"{API}/pilots/SD-2026-003", headers=office)).json()
    assert sorted(t["lead_unit"]["name"] for t in rolled["tasks"]) == ["上城区", "余杭区", "拱墅区"]
    ledger = (await client.get(f"{API}/tasks", params={**AS_OF, "page_size": 1}, headers=office)).json()
    assert ledger["total"] == 305

    # Bulletins: a published monthly one (in every unit's inbox) and a draft quarterly one.
    listed = (await client.get(f"{API}/bulletins", params={"year": 2026}, headers=office)).json()
    assert [(b["kind"], b["status"], b["number"]) for b in listed["items"]] == [
        ("quarterly", "draft", None), ("monthly", "published", "杭营商改〔2026〕1号")]
    seen_by_unit = (await client.get(f"{API}/bulletins", params={"year": 2026}, headers=as_user("fgw"))).json()
    assert seen_by_unit["total"] == 1 and seen_by_unit["items"][0]["issued_on"] == "2026-10-12"
    inbox = (await client.get(f"{API}/inbox", headers=as_user("xihu"))).json()
    assert inbox["unread"] == 1 and inbox["items"][0]["title"] == "关于2026年9月营商环境优化提升重点任务推进情况的通报"
