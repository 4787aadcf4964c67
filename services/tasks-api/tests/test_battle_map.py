"""The battle map (作战图) through the API: the year month by month, one
month's dispatch view, and a quarterly baseline that keeps showing slippage
after milestone dates were moved."""

from datetime import date

from tasks_api.battlemap.service import ensure_quarter_baseline
from tasks_api.notices import delivery

API = "/api/tasks/v1"


async def _setup(client, as_user, make_plan, make_task, units):
    """A (政务, 市发改委): Q1 done on time, Q2 due 20 May, Q3 open; B (市场, 市场监管局): M1 done
    late, M2 due 31 May; C (法治, 司法局 with 公安局): one node overdue since April; an action
    led by 市场监管局 linking B, with two nodes of its own."""
    await make_plan()
    office = as_user("office")
    a = await make_task(title="企业开办一件事", deadline="2026-09-30", responsible_unit_ids=[str(units["xihu"])],
                        milestones=[{"title": "Q1 方案", "due_date": "2026-03-31"},
                                    {"title": "Q2 上线", "due_date": "2026-05-20"},
                                    {"title": "Q3 推广", "due_date": "2026-09-30"}])
    b = await make_task(title="涉企检查清单", environment="market", lead_unit_id=str(units["scjg"]),
                        responsible_unit_ids=[], deadline="2026-05-31",
                        milestones=[{"title": "M1 梳理", "due_date": "2026-05-10"},
                                    {"title": "M2 公布", "due_date": "2026-05-31"}])
    c = await make_task(title="破产府院联动", environment="rule_of_law", lead_unit_id=str(units["sfj"]),
                        responsible_unit_ids=[str(units["gaj"])], deadline="2026-12-31",
                        milestones=[{"title": "N1 联席会议", "due_date": "2026-04-15"}])
    action = await client.post(f"{API}/special-actions", headers=office, json={
        "year": 2026, "kind": "extra", "name": "涉企检查规范专项行动", "leading_official": "李副市长",
        "lead_unit_id": str(units["scjg"]), "environment": "market", "task_codes": [b["code"]],
        "nodes": [{"title": "动员部署", "due_date": "2026-05-15"}, {"title": "临时节点", "due_date": "2026-07-15"}]})
    assert action.status_code == 201, action.text
    for milestone, done, as_of in ((a["milestones"][0], "2026-03-30", "2026-04-01"),
                                   (b["milestones"][0], "2026-05-12", "2026-05-25")):
        resp = await client.post(f"{API}/milestones/{milestone['id']}/complete", headers=office,
                                 params={"as_of": as_of}, json={"done_date": done, "evidence": "佐证材料"})
        assert resp.status_code == 200, resp.text
    return a, b, c, action.json()


def _by_month(timeline: dict) -> dict[int, list[tuple[str, str]]]:
    return {m["month"]: [(i["title"], i["state"]) for i in m["items"]] for m in timeline["months"] if m["items"]}


async def test_timeline_month_by_month(client, as_user, make_plan, make_task, units):
    await _setup(client, as_user, make_plan, make_task, units)
    params = {"year": 2026, "as_of": "2026-05-25"}
    whole = await client.get(f"{API}/battle-map/timeline", headers=as_user("leader"), params=params)
    assert whole.status_code == 200, whole.text
    body = whole.json()
    assert len(body["months"]) == 12 and body["outside_year"] == []
    assert _by_month(body) == {
        3: [("Q1 方案", "done")],
        4: [("N1 联席会议", "overdue")],
        5: [("M1 梳理", "done_late"), ("动员部署", "overdue"), ("Q2 上线", "overdue"), ("M2 公布", "open")],
        7: [("临时节点", "open")],
        9: [("Q3 推广", "open")],
    }
    assert body["counts"] == {"total": 8, "done": 1, "done_late": 1, "overdue": 3, "open": 3}
    may = body["months"][4]
    assert may["counts"] == {"total": 4, "done": 0, "done_late": 1, "overdue": 2, "open": 1}
    node = next(i for i in may["items"] if i["kind"] == "action_node")
    assert (node["action_code"], node["lead_unit"]["short_name"], node["task_code"]) == ("ZX-2026-01",
                                                                                          "市市场监管局", None)

    market = (await client.get(f"{API}/battle-map/timeline", headers=as_user("office"),
                               params={**params, "environment": "market"})).json()
    assert market["counts"]["total"] == 4
    by_action = (await client.get(f"{API}/battle-map/timeline", headers=as_user("office"),
                                  params={**params, "special_action": "ZX-2026-01"})).json()
    assert _by_month(by_action) == {5: [("M1 梳理", "done_late"), ("动员部署", "overdue"), ("M2 公布", "open")],
                                    7: [("临时节点", "open")]}
    # Units see the steps of their own tasks and actions only.
    gaj = (await client.get(f"{API}/battle-map/timeline", headers=as_user("gaj"), params=params)).json()
    assert _by_month(gaj) == {4: [("N1 联席会议", "overdue")]}
    scjg = (await client.get(f"{API}/battle-map/timeline", headers=as_user("scjg"), params=params)).json()
    assert scjg["counts"]["total"] == 4
    hidden = await client.get(f"{API}/battle-map/timeline", headers=as_user("gaj"),
                              params={**params, "special_action": "ZX-2026-01"})
    assert hidden.status_code == 404
    assert (await client.get(f"{API}/battle-map/timeline", headers=as_user("office"),
                             params={"year": 1999})).status_code == 422


async def test_dispatch_view_of_one_month(client, as_user, make_plan, make_task, units):
    await _setup(client, as_user, make_plan, make_task, units)
    resp = await client.get(f"{API}/battle-map/dispatch", headers=as_user("office"),
                            params={"month": "2026-05", "as_of": "2026-05-25"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert [i["title"] for i in body["items"]] == ["M1 梳理", "动员部署", "Q2 上线", "M2 公布"]
    assert body["counts"] == {"due": 4, "done": 1, "done_on_time": 0, "done_late": 1, "overdue": 2, "open": 1,
                              "slipped": 3, "carried_over": 1}
    assert [i["title"] for i in body["carried_over"]] == ["N1 联席会议"]
    rows = [(u["unit"]["short_name"], u["due"], u["done"], u["slipped"], u["open"], u["carried_over"])
            for u in body["by_unit"]]
    assert rows == [("市市场监管局", 3, 1, 2, 1, 0), ("市发改委", 1, 0, 1, 0, 0), ("市司法局", 0, 0, 0, 0, 1)]
    # Later in the month the last step is done: nothing open, still three slipped.
    b_m2 = next(i for i in body["items"] if i["title"] == "M2 公布")
    await client.post(f"{API}/milestones/{b_m2['id']}/complete", headers=as_user("office"),
                      params={"as_of": "2026-05-30"}, json={"done_date": "2026-05-29", "evidence": "公布清单"})
    end = (await client.get(f"{API}/battle-map/dispatch", headers=as_user("office"),
                            params={"month": "2026-05", "as_of": "2026-06-01"})).json()
    assert (end["counts"]["done_on_time"], end["counts"]["open"], end["counts"]["slipped"]) == (1, 0, 3)
    assert (await client.get(f"{API}/battle-map/dispatch", headers=as_user("office"),
                             params={"month": "2026-13"})).status_code == 422


async def test_baseline_keeps_slippage_visible_after_dates_move(client, as_user, make_plan, make_task, units):
    a, b, c, action = await _setup(client, as_user, make_plan, make_task, units)
    office, fgw = as_user("office"), as_user("fgw")
    taken = await client.post(f"{API}/battle-map/baselines", headers=office, json={"year": 2026, "quarter": 2})
    assert taken.status_code == 201, taken.text
    baseline = taken.json()
    assert (baseline["year"], baseline["quarter"], baseline["item_count"], baseline["taken_by"]) == (2026, 2, 8,
                                                                                                     "office")
    twice = await client.post(f"{API}/battle-map/baselines", headers=office, json={"year": 2026, "quarter": 2})
    assert twice.status_code == 409 and twice.json()["code"] == "battle_map.baseline_exists"
    assert (await client.post(f"{API}/battle-map/baselines", headers=fgw,
                              json={"year": 2026, "quarter": 3})).status_code == 403
    assert (await client.post(f"{API}/battle-map/baselines", headers=office,
                              json={"year": 2030, "quarter": 1})).status_code == 404
    assert (await client.post(f"{API}/battle-map/baselines", headers=office,
                              json={"year": 2026, "quarter": 5})).status_code == 422

    # On 21 May the ledger shows A red: Q2 was due on the 20th.
    before = (await client.get(f"{API}/tasks/{a['code']}", headers=office, params={"as_of": "2026-05-21"})).json()
    assert before["warning"] == "red"
    # After publishing, the lead unit moves Q2 to 30 June; the office moves the action's first node and
    # drops its second; a new milestone is added to C.
    assert (await client.post(f"{API}/plans/2026/publish", headers=office)).status_code == 200
    q2 = a["milestones"][1]["id"]
    moved = await client.patch(f"{API}/milestones/{q2}", headers=fgw, json={"due_date": "2026-06-30"})
    assert moved.status_code == 200, moved.text
    nodes = {n["title"]: n["id"] for n in action["nodes"]}
    url = f"{API}/special-actions/ZX-2026-01/nodes"
    assert (await client.patch(f"{url}/{nodes['动员部署']}", headers=office,
                               json={"due_date": "2026-06-10"})).status_code == 200
    assert (await client.delete(f"{url}/{nodes['临时节点']}", headers=office)).status_code == 200
    assert (await client.post(f"{API}/tasks/{c['code']}/milestones", headers=office,
                              json=[{"title": "N2 推广", "due_date": "2026-08-31"}])).status_code == 201
    await client.post(f"{API}/milestones/{b['milestones'][1]['id']}/complete", headers=office,
                      params={"as_of": "2026-06-01"}, json={"done_date": "2026-05-30", "evidence": "公布清单"})
    # The ledger no longer warns about A: by today's dates it is on schedule.
    after = (await client.get(f"{API}/tasks/{a['code']}", headers=office, params={"as_of": "2026-05-21"})).json()
    assert (after["warning"], after["milestones"][1]["state"]) == ("none", "open")

    # The baseline still shows the plan as it was.
    resp = await client.get(f"{API}/battle-map/baselines/{baseline['id']}/comparison", headers=office,
                            params={"as_of": "2026-06-05"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["counts"] == {"planned": 8, "on_plan": 3, "slipped": 4, "moved": 2, "done_late": 1,
                              "open_past_plan": 3, "removed": 1, "added": 1}
    items = {i["title"]: i for i in body["items"]}
    q2_row = items["Q2 上线"]
    assert (q2_row["planned_due"], q2_row["current_due"], q2_row["moved_days"], q2_row["state"]) == (
        "2026-05-20", "2026-06-30", 41, "open")
    assert q2_row["slip_reasons"] == ["moved", "open_past_plan"] and q2_row["slipped"]
    assert q2_row["note"] == ("计划日期 2026-05-20 已调整为 2026-06-30（推迟 41 天）；"
                              "计划 2026-05-20 完成，截至 2026-06-05 仍未完成")
    assert items["M1 梳理"]["slip_reasons"] == ["done_late"]
    assert items["M2 公布"]["slipped"] is False and items["M2 公布"]["state"] == "done"
    assert items["动员部署"]["slip_reasons"] == ["moved", "open_past_plan"]
    assert items["动员部署"]["moved_days"] == 26
    assert (items["临时节点"]["removed"], items["临时节点"]["state"], items["临时节点"]["slipped"]) == (
        True, "removed", False)
    assert [i["title"] for i in body["items"][:4]] == ["N1 联席会议", "M1 梳理", "动员部署", "Q2 上线"]
    assert [i["title"] for i in body["added"]] == ["N2 推广"]
    rows = [(u["unit"]["short_name"], u["planned"], u["slipped"], u["moved"], u["done_late"], u["open_past_plan"],
             u["removed"]) for u in body["by_unit"]]
    assert rows == [("市市场监管局", 4, 2, 1, 1, 1, 1), ("市发改委", 3, 1, 1, 0, 1, 0), ("市司法局", 1, 1, 0, 0, 1, 0)]

    # Units see the frozen steps that concern them.
    gaj = (await client.get(f"{API}/battle-map/baselines/{baseline['id']}/comparison", headers=as_user("gaj"),
                            params={"as_of": "2026-06-05"})).json()
    assert ([i["title"] for i in gaj["items"]], gaj["counts"]["added"]) == (["N1 联席会议"], 1)
    market = (await client.get(f"{API}/battle-map/baselines/{baseline['id']}/comparison", headers=office,
                               params={"as_of": "2026-06-05", "environment": "market"})).json()
    assert (market["counts"]["planned"], market["counts"]["slipped"]) == (4, 2)
    listed = (await client.get(f"{API}/battle-map/baselines", headers=as_user("scjg"))).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == baseline["id"]
    unknown = await client.get(f"{API}/battle-map/baselines/00000000-0000-0000-0000-000000000001/comparison",
                               headers=office)
    assert unknown.status_code == 404


async def test_the_daily_job_freezes_each_quarter_once(app, client, as_user, make_plan, make_task, units):
    await _setup(client, as_user, make_plan, make_task, units)
    # 2026-10-03 is a National Day holiday: no notices, but the quarter is frozen all the same.
    for as_of in (date(2026, 10, 3), date(2026, 10, 9)):
        await delivery.run_day(app.state.db, app.state.units, app.state.http, None, as_of)
    async with app.state.db.sessionmaker() as session:
        no_plan = await ensure_quarter_baseline(session, 2031, 1)
    assert no_plan is None
    listed = (await client.get(f"{API}/battle-map/baselines", headers=as_user("office"),
                               params={"year": 2026})).json()
    assert [(b["quarter"], b["item_count"], b["taken_by"]) for b in listed["items"]] == [(4, 8, "system")]
    notices = (await client.get(f"{API}/reminder-notices", headers=as_user("office"))).json()
    assert {n["issued_on"] for n in notices["items"]} == {"2026-10-09"}
