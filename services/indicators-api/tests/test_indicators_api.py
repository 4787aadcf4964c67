"""Indicators through the API: catalog, data entry and approval, the
leaderboard contract, tiers, gaps, composites, official results, imports,
linked tasks."""

import io

import openpyxl

API = "/api/indicators/v1"
ZJ = {"330100": 92.0, "330200": 95.0, "330300": 88.0, "330400": 92.0, "330500": 80.0, "330600": 86.0,
      "330700": 84.0, "330800": 79.0, "330900": 83.0, "331000": 85.0, "331100": 81.0}


async def test_catalog(client, as_user):
    office = as_user("office")
    frameworks = {f["code"]: f for f in (await client.get(f"{API}/frameworks", headers=office)).json()}
    assert set(frameworks) == {"bready", "national", "provincial", "city"}
    assert (frameworks["national"]["rank_floor"], frameworks["national"]["rank_target"],
            frameworks["national"]["rank_stretch"]) == (5, 4, 3)
    national = (await client.get(f"{API}/indicators", headers=office, params={"framework": "national"})).json()
    assert [i["code"] for i in national][:3] == ["GP-00", "GP-01", "GP-02"] and len(national) == 19
    assert {i["name"] for i in national if i["advantage"]} == {"劳动力市场监管", "政府采购", "获得用水用气", "市场监管"}
    sets = {s["code"]: s for s in (await client.get(f"{API}/region-sets", headers=office)).json()}
    assert len(sets["zhejiang"]["regions"]) == 11
    assert (await client.get(f"{API}/indicators/NOPE", headers=office)).status_code == 404


async def test_office_adds_indicators(client, as_user):
    body = {"code": "CS-TEST-01", "framework_code": "city", "name": "测试指标", "unit": "%"}
    assert (await client.post(f"{API}/indicators", headers=as_user("scjg"), json=body)).status_code == 403
    created = await client.post(f"{API}/indicators", headers=as_user("office"), json=body)
    assert created.status_code == 201
    assert (await client.post(f"{API}/indicators", headers=as_user("office"), json=body)).status_code == 409
    bad_parent = await client.post(f"{API}/indicators", headers=as_user("office"),
                                   json={**body, "code": "CS-TEST-02", "parent_code": "GP-01"})
    assert bad_parent.status_code == 422 and bad_parent.json()["code"] == "indicators.bad_parent"


async def test_lead_units_enter_only_their_indicators(client, as_user, db_connection):
    from sqlalchemy import text

    sjzy = as_user("sjzy")  # leads SL-03
    own = await client.post(f"{API}/observations", headers=sjzy, json=[
        {"indicator": "SL-03", "region": "330100", "period": "2026-Q3", "value": 97.5, "source": "省平台"}])
    assert own.status_code == 201 and own.json()[0]["status"] == "submitted"
    other = await client.post(f"{API}/observations", headers=sjzy, json=[
        {"indicator": "SL-04", "region": "330100", "period": "2026-Q3", "value": 90, "source": "x"}])
    assert other.status_code == 403
    # One bad row: nothing of the batch is saved.
    before = await db_connection.scalar(text("SELECT count(*) FROM observations"))
    mixed = await client.post(f"{API}/observations", headers=sjzy, json=[
        {"indicator": "SL-03", "region": "330200", "period": "2026-Q3", "value": 96, "source": "x"},
        {"indicator": "SL-03", "region": "999999", "period": "2026-Q3", "value": 96, "source": "x"},
        {"indicator": "GP-00", "region": "330100", "period": "2026", "value": 96, "source": "x"}])
    assert mixed.status_code in (403, 422)
    assert await db_connection.scalar(text("SELECT count(*) FROM observations")) == before
    office_mixed = await client.post(f"{API}/observations", headers=as_user("office"), json=[
        {"indicator": "SL-03", "region": "999999", "period": "2026-Q3", "value": 96, "source": "x"},
        {"indicator": "GP-00", "region": "330100", "period": "2026", "value": 96, "source": "x"}])
    assert office_mixed.status_code == 422
    fields = [e["field"] for e in office_mixed.json()["errors"]]
    assert fields == ["0.region", "1.indicator"]
    bad_period = await client.post(f"{API}/observations", headers=sjzy, json=[
        {"indicator": "SL-03", "region": "330100", "period": "2026-Q5", "value": 1, "source": "x"}])
    assert bad_period.status_code == 422
    # The review queue shows a lead unit its own indicators' entries only.
    queue = (await client.get(f"{API}/observations", headers=as_user("scjg"), params={"status": "submitted"})).json()
    assert all(o["indicator"] in {"SL-04", "GP-16"} or o["indicator"].startswith(("GP", "CS", "BR"))
               for o in queue["items"])
    assert not any(o["indicator"] == "SL-03" for o in queue["items"])


async def test_approval_flow_and_quality_flags(client, as_user, enter):
    await enter("SL-04", "2026-Q3", {r: 90.0 for r in list(ZJ)[1:]})
    office = as_user("office")
    submitted = (await client.post(f"{API}/observations", headers=as_user("scjg"), json=[
        {"indicator": "SL-04", "region": "330100", "period": "2026-Q3", "value": 130, "source": "填报"}])).json()
    flags = {f["code"] for f in submitted[0]["flags"]}
    assert "percent_out_of_range" in flags
    ids = [submitted[0]["id"]]
    # Unapproved data do not count.
    board = (await client.get(f"{API}/indicators/SL-04/leaderboard", headers=office, params={"period": "2026-Q3"})).json()
    assert board["served"]["value"] is None
    held = await client.post(f"{API}/observations/review", headers=office, json={"ids": ids, "decision": "approve"})
    assert held.status_code == 422 and held.json()["code"] == "observations.flags_need_comment"
    no_reason = await client.post(f"{API}/observations/review", headers=office, json={"ids": ids, "decision": "return"})
    assert no_reason.status_code == 422
    returned = await client.post(f"{API}/observations/review", headers=office,
                                 json={"ids": ids, "decision": "return", "comment": "超过100%，请核实口径"})
    assert returned.json()[0]["status"] == "returned"
    assert (await client.post(f"{API}/observations/review", headers=as_user("scjg"),
                              json={"ids": ids, "decision": "approve", "comment": "x"})).status_code == 403
    again = await client.post(f"{API}/observations/review", headers=office,
                              json={"ids": ids, "decision": "approve", "comment": "x"})
    assert again.status_code == 409


async def test_leaderboard_contract_ties_tiers_and_gaps(client, as_user, enter):
    await enter("SL-03", "2026-Q3", ZJ)
    resp = await client.get(f"{API}/indicators/SL-03/leaderboard", headers=as_user("leader"),
                            params={"period": "2026-Q3", "region_set": "zhejiang"})
    assert resp.status_code == 200, resp.text
    board = resp.json()
    items = board["items"]
    assert set(items[0]) >= {"region", "region_name", "value", "rank", "percentile", "score"}
    assert [(i["region_name"], i["rank"]) for i in items[:4]] == [("宁波市", 1), ("杭州市", 2), ("嘉兴市", 2),
                                                                 ("温州市", 4)]
    assert items[0]["score"] == 100 and items[-1]["score"] == 0 and items[0]["percentile"] == 100
    served = board["served"]
    assert (served["region"], served["rank"], served["of"]) == ("330100", 2, 11)
    # Provincial tiers 3/2/1: second place meets the target, not the stretch.
    assert served["tier"] == "target_met"
    assert served["value_for_stretch_rank"] == 95.0  # tie Ningbo for first
    assert served["classification"] == "neutral"


async def test_lower_is_better_and_previous_period(client, as_user, enter):
    office = as_user("office")
    code = (await client.post(f"{API}/indicators", headers=office, json={
        "code": "CS-TEST-DAYS", "framework_code": "provincial", "name": "简案快办时长", "unit": "工作日",
        "higher_is_better": False, "decimals": 1})).json()["code"]
    await enter(code, "2026-Q2", {"330100": 3.5, "330200": 2.0, "330300": 4.0})
    await enter(code, "2026-Q3", {"330100": 2.5, "330200": 2.0, "330300": 4.0, "330400": 2.5})
    board = (await client.get(f"{API}/indicators/{code}/leaderboard", headers=office,
                              params={"period": "2026-Q3"})).json()
    assert [(i["region"], i["rank"]) for i in board["items"] if i["rank"]] == [
        ("330200", 1), ("330100", 2), ("330400", 2), ("330300", 4)]
    served = board["served"]
    assert (served["previous_value"], served["previous_rank"], served["rank_change"], served["trend"]) == (
        3.5, 2, 0, "flat")
    trend = (await client.get(f"{API}/indicators/{code}/trend", headers=office)).json()
    assert [(p["period"], p["value"], p["rank"]) for p in trend] == [("2026-Q2", 3.5, 2), ("2026-Q3", 2.5, 2)]


async def test_composite_coverage_rule_and_recorded_runs(client, as_user, enter, db_connection):
    from sqlalchemy import text

    office = as_user("office")
    await client.post(f"{API}/indicators", headers=office, json={
        "code": "T-00", "framework_code": "bready", "name": "测试议题", "kind": "composite"})
    for n in (1, 2, 3):
        await client.post(f"{API}/indicators", headers=office, json={
            "code": f"T-0{n}", "framework_code": "bready", "parent_code": "T-00", "name": f"支柱{n}"})
    await enter("T-01", "2025", {"330100": 80, "310000": 90, "110000": 70})
    await enter("T-02", "2025", {"330100": 60, "310000": 90, "110000": 70})
    await enter("T-03", "2025", {"310000": 90})
    board = (await client.get(f"{API}/indicators/T-00/leaderboard", headers=office, params={"period": "2025"})).json()
    by_region = {i["region"]: i for i in board["items"]}
    # Shanghai has all three pillars at the top → 100; Hangzhou has two of three (exactly 2/3 of the weight):
    # pillar scores 50 and 0 → 25; Beijing (0 and 33.33) → 16.67.
    assert by_region["310000"]["value"] == 100
    assert by_region["330100"]["value"] == 25
    assert by_region["110000"]["value"] == 16.67
    assert by_region["440300"]["value"] is None and by_region["440300"]["rank"] is None
    assert board["served"]["gap_to_benchmark"] == 75
    assert board["served"]["gap_ratio_to_benchmark"] == 75.0  # 75 of the benchmark's 100
    runs = await db_connection.scalar(text("SELECT count(*) FROM calculation_runs WHERE indicator_code = 'T-00'"))
    again = (await client.get(f"{API}/indicators/T-00/leaderboard", headers=office, params={"period": "2025"})).json()
    assert again["run_id"] == board["run_id"]  # unchanged inputs reuse the recorded run
    assert await db_connection.scalar(
        text("SELECT count(*) FROM calculation_runs WHERE indicator_code = 'T-00'")) == runs
    await enter("T-03", "2025", {"330100": 90})
    changed = (await client.get(f"{API}/indicators/T-00/leaderboard", headers=office, params={"period": "2025"})).json()
    assert changed["run_id"] != board["run_id"]


async def test_official_results_are_kept_apart(client, as_user, enter):
    office = as_user("office")
    await enter("SL-01", "2025", {"330100": 88, "330200": 90})
    recorded = await client.post(f"{API}/official-results", headers=office, json={
        "indicator": "SL-01", "region": "330100", "period": "2025", "rank": 1, "source": "省营商办通报"})
    assert recorded.status_code == 201
    board = (await client.get(f"{API}/indicators/SL-01/leaderboard", headers=office, params={"period": "2025"})).json()
    assert (board["served"]["rank"], board["served"]["official_rank"]) == (2, 1)
    duplicate = await client.post(f"{API}/official-results", headers=office, json={
        "indicator": "SL-01", "region": "330100", "period": "2025", "rank": 3, "source": "x"})
    assert duplicate.status_code == 409


async def test_import_long_csv_and_wide_xlsx(client, as_user):
    office = as_user("office")
    csv = "指标代码,地区,期间,数值,来源\nSL-03,杭州,2026-Q2,96.5%,省平台\nSL-03,宁波市,2026-Q2,abc,省平台\n"
    preview = await client.post(f"{API}/observations/imports", headers=office,
                                files={"file": ("数据.csv", csv.encode("utf-8"), "text/csv")})
    assert preview.status_code == 201, preview.text
    body = preview.json()
    assert (body["valid"], body["invalid"]) == (1, 1)
    assert "无法识别" in body["rows"][1]["errors"][0]
    assert (await client.post(f"{API}/observations/imports/{body['id']}/commit", headers=office)).status_code == 422
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["城市", "SL-03", "SL-04"])
    ws.append(["杭州市", 96.5, 91])
    ws.append(["宁波市", 95, None])
    buffer = io.BytesIO()
    wb.save(buffer)
    wide = (await client.post(f"{API}/observations/imports", headers=office, data={"period": "2026-Q2"},
                              files={"file": ("宽表.xlsx", buffer.getvalue(), "application/octet-stream")})).json()
    assert (wide["layout"], wide["valid"], wide["invalid"]) == ("wide", 3, 0)
    committed = await client.post(f"{API}/observations/imports/{wide['id']}/commit", headers=office)
    assert committed.status_code == 200 and committed.json()["submitted"] == 3
    queue = (await client.get(f"{API}/observations", headers=office,
                              params={"status": "submitted", "period": "2026-Q2"})).json()
    assert queue["total"] == 3


async def test_linked_tasks_and_class_suggestion(client, as_user, enter, fake_tasks):
    office = as_user("office")
    linked = (await client.get(f"{API}/indicators/GP-07/tasks", headers=office)).json()
    assert [t["code"] for t in linked] == ["2026-SC-007"] and linked[0]["warning"] == "yellow"
    assert fake_tasks.calls[0]["path"] == "/api/tasks/v1/tasks"
    await enter("GP-07", "2025", {"330100": 88, "310000": 92})
    suggestion = (await client.get(f"{API}/indicators/GP-07/class-suggestion", headers=office,
                                   params={"period": "2025"})).json()
    assert (suggestion["suggested"], suggestion["gap_to_benchmark"]) == ("A", 4)
    await enter("GP-04", "2025", {"330100": 95, "310000": 92})
    ahead = (await client.get(f"{API}/indicators/GP-04/class-suggestion", headers=office,
                              params={"period": "2025"})).json()
    assert ahead["suggested"] == "B"


async def test_framework_overview(client, as_user, enter):
    office = as_user("office")
    for n in range(1, 19):
        code = f"GP-{n:02d}"
        others = {r: 80.0 + k for k, r in enumerate(["110000", "310000", "440300", "440100", "320100", "320500",
                                                     "330200", "350200", "370200", "420100", "430100", "510100",
                                                     "610100", "120000", "500000"])}
        mine = 95.0 if n in (2, 4, 7, 16) else (79.0 if n in (3, 5, 6) else 90.0)
        await enter(code, "2025", {**others, "330100": mine})
    overview = (await client.get(f"{API}/frameworks/national/overview", headers=office, params={"period": "2025"})).json()
    assert overview["first_level"] == 18
    advantage = {r["code"]: r["rank"] for r in overview["advantage"]}
    assert advantage == {"GP-02": 1, "GP-04": 1, "GP-07": 1, "GP-16": 1}
    weak = [r["code"] for r in overview["indicators"] if r["classification"] == "weakness"]
    assert weak == ["GP-03", "GP-05", "GP-06"]
    assert overview["top10"] == 15
    overall = overview["overall"]
    assert overall["rank"] is not None and overall["tier"] in {"stretch_met", "target_met", "floor_held",
                                                               "below_floor"}
    assert overall["rank_targets"] == {"floor": 5, "target": 4, "stretch": 3}


async def test_computed_indicators_pull_from_other_services(client, as_user, fake_tasks):
    office = as_user("office")
    assert (await client.post(f"{API}/computed/refresh", headers=as_user("scjg"),
                              params={"period": "2026-Q3"})).status_code == 403
    result = (await client.post(f"{API}/computed/refresh", headers=office, params={"period": "2026-Q3"})).json()
    by_code = {r["indicator"]: r for r in result}
    assert (by_code["CS-ZH-01"]["status"], by_code["CS-ZH-01"]["period"], by_code["CS-ZH-01"]["value"]) == (
        "updated", "2026", 87.5)
    assert by_code["SL-05"]["status"] == "unavailable"
    assert {c["path"] for c in fake_tasks.calls} == {"/api/tasks/v1/metrics/on-time-completion",
                                                     "/api/feedback/v1/metrics/one-time-resolution"}
    board = (await client.get(f"{API}/indicators/CS-ZH-01/leaderboard", headers=office,
                              params={"period": "2026"})).json()
    assert board["served"]["value"] == 87.5
    # Target 95 %: 7.5 points short.
    assert (board["served"]["target_value"], board["served"]["gap_to_target"]) == (95, 7.5)


async def test_demo_data_shape_and_export(client, as_user, app):
    from indicators_api.demo import load

    async with app.state.db.sessionmaker() as session:
        counts = await load(session)
        await session.commit()
    assert counts["observations"] > 2000
    office = as_user("leader")
    national = (await client.get(f"{API}/frameworks/national/overview", headers=office,
                                 params={"period": "2025"})).json()
    assert national["synthetic"] is True
    assert 4 <= national["overall"]["rank"] <= 6
    assert all(r["rank"] <= 2 for r in national["advantage"])
    weaknesses = [r for r in national["indicators"] if r["classification"] == "weakness"]
    assert 3 <= len(weaknesses) <= 5
    provincial = (await client.get(f"{API}/frameworks/provincial/overview", headers=office,
                                   params={"period": "2026-Q3"})).json()
    assert all(1 <= r["rank"] <= 4 for r in provincial["indicators"] if r["rank"] is not None)
    board = (await client.get(f"{API}/indicators/SL-03/leaderboard", headers=office,
                              params={"period": "2026-Q3"})).json()
    assert len(board["items"]) == 11 and board["synthetic"] is True
    exported = await client.get(f"{API}/observations/export", headers=office,
                                params={"framework": "provincial", "period": "2026-Q3", "layout": "wide"})
    assert exported.status_code == 200 and exported.content[:2] == b"PK"
    csv = await client.get(f"{API}/observations/export", headers=office,
                           params={"framework": "national", "period": "2025", "format": "csv"})
    assert csv.status_code == 200 and "杭州" in csv.content.decode("utf-8-sig")
    async with app.state.db.sessionmaker() as session:
        assert (await load(session))["observations"] == 0


async def test_rank_targets_and_class_rules_are_configurable(client, as_user, enter):
    office = as_user("office")
    await enter("SL-02", "2026-Q3", {"330100": 80, "330200": 90, "330300": 85, "330400": 70})
    board = (await client.get(f"{API}/indicators/SL-02/leaderboard", headers=office,
                              params={"period": "2026-Q3"})).json()
    assert (board["served"]["rank"], board["served"]["tier"]) == (3, "floor_held")
    bad = await client.patch(f"{API}/frameworks/provincial", headers=office, json={"rank_stretch": 5})
    assert bad.status_code == 422 and bad.json()["code"] == "frameworks.bad_tiers"
    assert (await client.patch(f"{API}/frameworks/provincial", headers=as_user("leader"),
                               json={"rank_floor": 4})).status_code == 403
    updated = await client.patch(f"{API}/frameworks/provincial", headers=office,
                                 json={"rank_floor": 6, "rank_target": 4, "rank_stretch": 3, "weakness_rank_above": 2,
                                       "strength_rank_at_most": 1})
    assert updated.status_code == 200, updated.text
    board = (await client.get(f"{API}/indicators/SL-02/leaderboard", headers=office,
                              params={"period": "2026-Q3"})).json()
    assert (board["served"]["tier"], board["served"]["classification"]) == ("stretch_met", "weakness")


async def test_tables_export_as_workbooks(client, as_user, enter):
    office = as_user("office")
    await enter("SL-01", "2026-Q2", {"330100": 91, "330200": 93})
    board = await client.get(f"{API}/indicators/SL-01/leaderboard.xlsx", headers=office, params={"period": "2026-Q2"})
    assert board.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(board.content)).active
    assert ws["A3"].value == "名次" and [ws["B4"].value, ws["B5"].value] == ["宁波市", "杭州市"]
    assert ws["G5"].value == "本市"
    overview = await client.get(f"{API}/frameworks/provincial/overview.xlsx", headers=office,
                                params={"period": "2026-Q2"})
    ws = openpyxl.load_workbook(io.BytesIO(overview.content)).active
    assert ws["A4"].value == "SL-01" and ws["E4"].value == 2


async def test_exports_survive_control_characters_and_formulas(client, as_user, enter):
    office = as_user("office")
    created = await client.post(f"{API}/indicators", headers=office, json={
        "code": "CS-TEST-X", "framework_code": "provincial", "name": "=HYPERLINK(\"x\")\u0008测试"})
    assert created.status_code == 201
    await enter("CS-TEST-X", "2026-Q2", {"330100": 1.0})
    exported = await client.get(f"{API}/frameworks/provincial/overview.xlsx", headers=office,
                                params={"period": "2026-Q2"})
    assert exported.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    names = [ws.cell(r, 2).value for r in range(4, ws.max_row + 1)]
    assert "=HYPERLINK(\"x\")测试" in names and ws.cell(4 + names.index("=HYPERLINK(\"x\")测试"), 2).data_type == "s"
    nulls = await client.patch(f"{API}/frameworks/provincial", headers=office, json={"region_set": None})
    assert nulls.status_code == 422
