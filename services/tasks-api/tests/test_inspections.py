"""Inspections (督察), findings and rectifications (整改): recording, the
open → submitted → verified/returned workflow, warnings on the official
working-day calendar around the 2026 National Day holiday, scoping."""

from datetime import date

from tasks_api.inspections.repository import open_rectifications_by_unit

API = "/api/tasks/v1"
# chinese_calendar 2026: 25 Sep (Mid-Autumn) and 1–7 Oct are holidays; Sun 20 Sep and Sat 10 Oct are
# make-up working days; 8 Oct is a working day again.
INSPECTED = "2026-09-24"


def spot_check(task_code: str, **extra) -> dict:
    body = {
        "kind": "spot_check", "task_code": task_code, "inspected_on": INSPECTED,
        "method": "四不两直：不发通知、不打招呼，直奔窗口体验企业开办",
        "inspectors": ["张三", " 李四 ", "张三"],
        "summary": "窗口办理总体顺畅，存在两处问题",
        "findings": [
            {"description": "线上申报仍要求重复提交营业执照复印件", "severity": "serious",
             "requires_rectification": True, "rectification": {"deadline_days": 5}},
            {"description": "导办人员对新政策掌握不够", "severity": "general", "requires_rectification": False},
        ],
    }
    body.update(extra)
    return body


async def test_an_inspection_records_findings_and_working_day_deadlines(
    client, as_user, make_plan, make_task, units
):
    await make_plan(warning_days=3)
    task = await make_task()
    body = spot_check(task["code"])
    body["findings"].append({"description": "市场监管窗口材料清单未更新", "requires_rectification": True,
                             "rectification": {"owner_unit_id": str(units["scjg"]), "deadline_days": 10}})
    resp = await client.post(f"{API}/inspections", headers=as_user("office"), json=body,
                             params={"as_of": INSPECTED})
    assert resp.status_code == 201, resp.text
    inspection = resp.json()
    assert inspection["code"] == "DC-2026-001"
    assert (inspection["kind"], inspection["task_code"], inspection["unit"]) == ("spot_check", task["code"], None)
    assert inspection["inspectors"] == ["张三", "李四"]
    first, second, third = inspection["findings"]
    assert [f["seq"] for f in inspection["findings"]] == [1, 2, 3]
    # 5 working days from Thu 24 Sep: 25 Sep and the weekend are off → 28, 29, 30 Sep, 8, 9 Oct.
    assert first["rectification"]["owner_unit"]["short_name"] == "市发改委"  # the task's lead unit by default
    assert (first["rectification"]["deadline_days"], first["rectification"]["due_date"]) == (5, "2026-10-09")
    assert first["rectification"]["due_at"] == "2026-10-09T23:59:59+08:00"
    assert first["rectification"]["status"] == "open"
    assert second["rectification"] is None
    # 10 working days: … 9 Oct, Sat 10 Oct (make-up day), 12, 13, 14, 15 Oct.
    assert third["rectification"]["owner_unit"]["short_name"] == "市市场监管局"
    assert third["rectification"]["due_date"] == "2026-10-15"

    again = await client.post(f"{API}/inspections", headers=as_user("office"), params={"as_of": "2026-10-12"},
                              json={**spot_check(task["code"]), "kind": "on_site", "inspected_on": "2026-10-12",
                                    "findings": []})
    assert again.json()["code"] == "DC-2026-002"
    listed = await client.get(f"{API}/inspections", headers=as_user("office"),
                              params={"task_code": task["code"], "kind": "spot_check"})
    assert listed.json()["total"] == 1 and listed.json()["items"][0]["code"] == "DC-2026-001"

    log = await client.get(f"{API}/audit-log", headers=as_user("office"),
                           params={"entity_type": "inspection"})
    assert log.status_code == 200
    assert {e["action"] for e in log.json()["items"]} == {"inspection.create"}


async def test_rectification_warnings_follow_the_holiday_calendar(client, as_user, make_plan, make_task):
    await make_plan(warning_days=3)
    task = await make_task()
    created = await client.post(f"{API}/inspections", headers=as_user("office"), json=spot_check(task["code"]),
                                params={"as_of": INSPECTED})
    assert created.status_code == 201, created.text
    expected = {
        INSPECTED: "none",      # 3-day window ends before the 4th working day after: 8 Oct
        "2026-09-28": "none",   # window: 29, 30 Sep, 8 Oct → due 9 Oct is outside it
        "2026-09-29": "yellow",  # window: 30 Sep, 8, 9 Oct → due inside
        "2026-10-03": "yellow",  # in the holiday
        "2026-10-09": "yellow",  # due today is not yet overdue
        "2026-10-10": "red",    # the make-up Saturday is already past the due date
    }
    for as_of, warning in expected.items():
        listed = (await client.get(f"{API}/rectifications", headers=as_user("office"),
                                   params={"as_of": as_of, "task_code": task["code"]})).json()
        assert [r["warning"] for r in listed["items"]] == [warning], as_of
        assert listed["counts"] == {"red": 0, "yellow": 0, "none": 0, warning: 1}
    red = (await client.get(f"{API}/rectifications", headers=as_user("fgw"),
                            params={"as_of": "2026-10-12", "warning": "red"})).json()
    assert red["total"] == 1 and red["items"][0]["warning_reasons"] == ["整改已逾期（应于 2026-10-09 前完成并通过核验）"]
    assert (await client.get(f"{API}/rectifications", headers=as_user("fgw"),
                             params={"as_of": "2026-10-12", "warning": "yellow"})).json()["total"] == 0


async def test_rectification_workflow_and_illegal_moves(client, as_user, make_plan, make_task, units, app):
    await make_plan()
    task = await make_task()
    inspection = (await client.post(f"{API}/inspections", headers=as_user("office"),
                                    json=spot_check(task["code"]), params={"as_of": INSPECTED})).json()
    rid = inspection["findings"][0]["rectification"]["id"]
    fgw, office = as_user("fgw"), as_user("office")
    url = f"{API}/rectifications/{rid}"

    # Only the owner unit submits; an unrelated unit does not even see it; leaders change nothing.
    assert (await client.post(f"{url}/submit", headers=as_user("scjg"), json={"evidence": "代交"})).status_code == 403
    assert (await client.post(f"{url}/submit", headers=as_user("gaj"), json={"evidence": "越权"})).status_code == 404
    assert (await client.post(f"{url}/submit", headers=as_user("leader"), json={"evidence": "领导"})).status_code == 403
    # Nothing to verify yet.
    early = await client.post(f"{url}/decision", headers=office, json={"decision": "verify"})
    assert early.status_code == 409 and early.json()["code"] == "rectifications.not_submitted"

    submitted = await client.post(f"{url}/submit", headers=fgw, params={"as_of": "2026-10-08"},
                                  json={"evidence": "已取消复印件要求，系统自动调取电子证照"})
    assert submitted.status_code == 200, submitted.text
    assert (submitted.json()["status"], submitted.json()["submitted_on"]) == ("submitted", "2026-10-08")
    twice = await client.post(f"{url}/submit", headers=fgw, json={"evidence": "再次报送"})
    assert twice.status_code == 409 and twice.json()["code"] == "rectifications.not_open"
    # Only the office verifies; returning needs a reason.
    assert (await client.post(f"{url}/decision", headers=fgw, json={"decision": "verify"})).status_code == 403
    no_reason = await client.post(f"{url}/decision", headers=office, json={"decision": "return", "comment": " "})
    assert no_reason.status_code == 422 and no_reason.json()["code"] == "rectifications.reason_required"
    returned = await client.post(f"{url}/decision", headers=office, params={"as_of": "2026-10-09"},
                                 json={"decision": "return", "comment": "请补充系统截图"})
    assert returned.status_code == 200
    assert (returned.json()["status"], returned.json()["return_reason"], returned.json()["returned_count"]) == (
        "open", "请补充系统截图", 1)
    # Open again and overdue by 12 Oct: still red until verified.
    assert (await client.get(url, headers=fgw, params={"as_of": "2026-10-12"})).json()["warning"] == "red"
    assert (await client.post(f"{url}/submit", headers=fgw, params={"as_of": "2026-10-12"},
                              json={"evidence": "补充截图"})).status_code == 200
    verified = await client.post(f"{url}/decision", headers=office, params={"as_of": "2026-10-13"},
                                 json={"decision": "verify", "comment": "整改到位"})
    assert verified.status_code == 200
    assert (verified.json()["status"], verified.json()["verified_on"], verified.json()["warning"]) == (
        "verified", "2026-10-13", "none")
    final = await client.post(f"{url}/decision", headers=office, json={"decision": "return", "comment": "再看看"})
    assert final.status_code == 409
    # As of a day before verification it was still open (and overdue).
    assert (await client.get(url, headers=office, params={"as_of": "2026-10-12"})).json()["warning"] == "red"

    # The league table's count: issued on or before as_of and not verified by then.
    async with app.state.db.sessionmaker() as session:
        assert await open_rectifications_by_unit(session, date(2026, 9, 23)) == {}
        assert await open_rectifications_by_unit(session, date(2026, 10, 12)) == {units["fgw"]: 1}
        assert await open_rectifications_by_unit(session, date(2026, 10, 13)) == {}

    history = (await client.get(f"{API}/audit-log", headers=office,
                                params={"entity_type": "rectification", "entity_id": rid})).json()
    assert [e["action"] for e in history["items"]] == [
        "rectification.verify", "rectification.submit", "rectification.return", "rectification.submit"]


async def test_unit_inspections_scoping_and_bad_input(client, as_user, make_plan, make_task, units):
    await make_plan()
    gov = await make_task()
    market = await make_task(environment="market", title="双随机一公开监管", lead_unit_id=str(units["scjg"]),
                             responsible_unit_ids=[str(units["xihu"])])
    group = as_user("market_group")
    # A special group inspects its own environment's tasks only.
    unseen = await client.post(f"{API}/inspections", headers=group, json=spot_check(gov["code"]),
                               params={"as_of": INSPECTED})
    assert unseen.status_code == 404
    # It sees a task its own unit works on, but that task is not its environment's to inspect.
    shared = await make_task(title="涉企数据共享", responsible_unit_ids=[str(units["jxj"])])
    denied = await client.post(f"{API}/inspections", headers=group, json=spot_check(shared["code"]),
                               params={"as_of": INSPECTED})
    assert denied.status_code == 403
    ok = await client.post(f"{API}/inspections", headers=group, json=spot_check(market["code"]),
                           params={"as_of": INSPECTED})
    assert ok.status_code == 201, ok.text
    assert ok.json()["findings"][0]["rectification"]["owner_unit"]["short_name"] == "市市场监管局"
    # An on-site visit of a unit without a task: the rectification goes to that unit.
    district = await client.post(f"{API}/inspections", headers=as_user("office"), params={"as_of": "2026-10-12"}, json={
        "kind": "on_site", "unit_id": str(units["xihu"]), "inspected_on": "2026-10-12", "method": "实地走访政务服务中心",
        "inspectors": ["王五"], "findings": [{"description": "自助终端故障未及时维修", "requires_rectification": True,
                                             "rectification": {"deadline_days": 3}}]})
    assert district.status_code == 201, district.text
    assert district.json()["unit"]["name"] == "西湖区"
    assert district.json()["findings"][0]["rectification"]["due_date"] == "2026-10-15"
    assert (await client.post(f"{API}/inspections", headers=as_user("leader"), json=spot_check(gov["code"]),
                              params={"as_of": INSPECTED})).status_code == 403
    assert (await client.post(f"{API}/inspections", headers=as_user("fgw"), json=spot_check(gov["code"]),
                              params={"as_of": INSPECTED})).status_code == 403

    def codes(resp):
        return sorted(i["code"] for i in resp.json()["items"])

    everything = await client.get(f"{API}/inspections", headers=as_user("leader"))
    assert everything.json()["total"] == 2
    # xihu: responsible for the market task, and inspected itself.
    assert len(codes(await client.get(f"{API}/inspections", headers=as_user("xihu")))) == 2
    assert codes(await client.get(f"{API}/inspections", headers=as_user("gaj"))) == []
    assert (await client.get(f"{API}/inspections", headers=group)).json()["total"] == 1
    xihu_rect = await client.get(f"{API}/rectifications", headers=as_user("xihu"),
                                 params={"unit_id": str(units["xihu"]), "as_of": "2026-10-12"})
    assert xihu_rect.json()["total"] == 1 and xihu_rect.json()["items"][0]["status"] == "open"
    assert (await client.get(f"{API}/inspections/{district.json()['code']}",
                             headers=as_user("gaj"))).status_code == 404

    # Findings can be added afterwards; deadlines still count from the inspection date.
    added = await client.post(f"{API}/inspections/{district.json()['code']}/findings", headers=as_user("office"),
                              json={"findings": [{"description": "叫号系统未接入", "requires_rectification": True,
                                                  "rectification": {"deadline_days": 1}}]})
    assert added.status_code == 201
    assert [(f["seq"], f["rectification"]["due_date"]) for f in added.json()["findings"]] == [
        (1, "2026-10-15"), (2, "2026-10-13")]
    more = {"findings": [{"description": "公示信息未更新"}]}
    assert (await client.post(f"{API}/inspections/{district.json()['code']}/findings", headers=group,
                              json=more)).status_code == 404
    assert (await client.post(f"{API}/inspections/{ok.json()['code']}/findings", headers=as_user("scjg"),
                              json=more)).status_code == 403
    own = await client.post(f"{API}/inspections/{ok.json()['code']}/findings", headers=group, json=more)
    assert own.status_code == 201 and len(own.json()["findings"]) == 3

    bad = [
        ({"task_code": None}, "validation_failed"),
        ({"findings": [{"description": "需要整改", "requires_rectification": True}]}, "validation_failed"),
        ({"inspectors": [" "]}, "validation_failed"),
        ({"unit_id": "00000000-0000-0000-0000-000000000001"}, "inspections.unit_unknown"),
        ({"inspected_on": "2026-09-25"}, "inspections.future_date"),
        ({"findings": [{"description": "时限过长", "requires_rectification": True,
                        "rectification": {"deadline_days": 0}}]}, "validation_failed"),
    ]
    for change, code in bad:
        resp = await client.post(f"{API}/inspections", headers=as_user("office"), params={"as_of": INSPECTED},
                                 json={**spot_check(gov["code"]), **change})
        assert resp.status_code == 422, (change, resp.text)
        assert resp.json()["code"] == code
        assert all(not e["message"].isascii() for e in resp.json().get("errors", []))


async def test_rectification_evidence_attachments(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task()
    inspection = (await client.post(f"{API}/inspections", headers=as_user("office"),
                                    json=spot_check(task["code"]), params={"as_of": INSPECTED})).json()
    rid = inspection["findings"][0]["rectification"]["id"]
    fgw = as_user("fgw")
    # A real 1×1 PNG: images are decoded (and written again without metadata) before they are stored.
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63"
                        "fccfc0500f000485018084a98c210000000049454e44ae426082")
    up = await client.post(f"{API}/rectifications/{rid}/attachments", headers=fgw,
                           files={"file": ("整改截图.png", png, "image/png")})
    assert up.status_code == 201, up.text
    stored_size = up.json()["attachments"][0]["size"]
    assert up.json()["attachments"] == [{"index": 0, "filename": "整改截图.png", "content_type": "image/png",
                                         "size": stored_size}]
    wrong = await client.post(f"{API}/rectifications/{rid}/attachments", headers=fgw,
                              files={"file": ("a.exe", b"MZ", "application/octet-stream")})
    assert wrong.status_code == 415
    down = await client.get(f"{API}/rectifications/{rid}/attachments/0", headers=as_user("office"))
    assert down.status_code == 200 and down.content.startswith(png[:8]) and len(down.content) == stored_size
    await client.post(f"{API}/rectifications/{rid}/submit", headers=fgw, params={"as_of": "2026-10-08"},
                      json={"evidence": "见截图"})
    late = await client.post(f"{API}/rectifications/{rid}/attachments", headers=fgw,
                             files={"file": ("b.png", png, "image/png")})
    assert late.status_code == 409
