"""Evaluations (考评): the rubric, lead units scoring responsible units, the
office scoring lead units, and the rank rule (排名满分规则) with ranks from a
fake indicators-api and from ranks the office entered by hand."""

from datetime import date

import httpx
import pytest
from reform_common.service_client import ServiceClient

from tasks_api.evaluations.ranks import GatewayIndicatorRanks, RankPoint, Standing
from tasks_api.evaluations.repository import average_scores

API = "/api/tasks/v1/evaluations"
DEFAULT_ITEMS = [{"key": "progress", "name": "进度完成", "max_points": 40.0},
                 {"key": "effect", "name": "工作成效", "max_points": 40.0},
                 {"key": "reporting", "name": "报送质量", "max_points": 20.0}]
FULL = {"progress": 40.0, "effect": 40.0, "reporting": 20.0}


@pytest.fixture
def ranks(app):
    """The fake indicators-api: a test sets standings; emptied afterwards."""
    source = app.state.indicator_ranks
    yield source.standings
    source.standings.clear()


async def test_rubric_defaults_and_office_edits(client, as_user, make_plan):
    await make_plan()
    default = await client.get(f"{API}/rubric", headers=as_user("scjg"), params={"year": 2026})
    assert default.status_code == 200
    assert default.json()["items"] == DEFAULT_ITEMS
    assert (default.json()["is_default"], default.json()["national_top_n"], default.json()["provincial_top_n"]) == (
        True, 10, 1)
    items = [{"key": "progress", "name": "进度完成", "max_points": 50},
             {"key": "effect", "name": "工作成效", "max_points": 30},
             {"key": "innovation", "name": "创新亮点", "max_points": 20}]
    assert (await client.put(f"{API}/rubric", headers=as_user("fgw"), params={"year": 2026},
                             json={"items": items})).status_code == 403
    assert (await client.put(f"{API}/rubric", headers=as_user("leader"), params={"year": 2026},
                             json={"items": items})).status_code == 403
    bad = await client.put(f"{API}/rubric", headers=as_user("office"), params={"year": 2026},
                           json={"items": items[:2]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["message"] == "各评分项满分合计须为 100 分"
    saved = await client.put(f"{API}/rubric", headers=as_user("office"), params={"year": 2026},
                             json={"items": items, "national_top_n": 5})
    assert saved.status_code == 200, saved.text
    assert [i["key"] for i in saved.json()["items"]] == ["progress", "effect", "innovation"]
    assert (saved.json()["is_default"], saved.json()["national_top_n"], saved.json()["updated_by"]) == (
        False, 5, "office")
    assert (await client.get(f"{API}/rubric", headers=as_user("office"), params={"year": 2031})).status_code == 404


async def test_lead_unit_scores_responsible_units(client, as_user, make_plan, make_task, units, app):
    await make_plan()
    task = await make_task(responsible_unit_ids=[str(units["scjg"]), str(units["xihu"])])
    fgw = as_user("fgw")
    body = {"task_code": task["code"], "period": "2026-Q3", "kind": "lead_on_responsible",
            "evaluated_unit_id": str(units["scjg"]),
            "item_scores": {"progress": 36, "effect": 32.5, "reporting": 17}, "comment": "进度较快，材料规范"}
    created = await client.post(API, headers=fgw, json=body)
    assert created.status_code == 201, created.text
    e = created.json()
    assert (e["total"], e["auto"], e["period_start"], e["period_end"]) == (85.5, False, "2026-07-01", "2026-09-30")
    assert (e["evaluator_unit"]["short_name"], e["evaluated_unit"]["short_name"]) == ("市发改委", "市市场监管局")
    again = await client.post(API, headers=fgw, json={**body, "item_scores": FULL})
    assert again.status_code == 409 and again.json()["code"] == "evaluations.exists"

    over = await client.post(API, headers=fgw, json={**body, "evaluated_unit_id": str(units["xihu"]),
                                                     "item_scores": {"progress": 41, "effect": -1, "extra": 3}})
    assert over.status_code == 422 and over.json()["code"] == "evaluations.invalid_scores"
    assert {(x["field"], x["message"]) for x in over.json()["errors"]} == {
        ("item_scores.extra", "评分细则中没有「extra」这一项"),
        ("item_scores.progress", "「进度完成」得分应在 0 至 40 分之间"),
        ("item_scores.effect", "「工作成效」得分应在 0 至 40 分之间"),
        ("item_scores.reporting", "请填写「报送质量」的得分"),
    }
    not_responsible = await client.post(API, headers=fgw, json={**body, "evaluated_unit_id": str(units["gaj"])})
    assert not_responsible.status_code == 422 and not_responsible.json()["code"] == "evaluations.not_responsible"
    wrong_year = await client.post(API, headers=fgw, json={**body, "period": "2025-Q4"})
    assert wrong_year.status_code == 422 and wrong_year.json()["code"] == "evaluations.period_year"
    bad_period = await client.post(API, headers=fgw, json={**body, "period": "2026-Q5"})
    assert bad_period.status_code == 422 and bad_period.json()["errors"][0]["field"] == "period"
    # Only the task's lead unit scores its responsible units.
    assert (await client.post(API, headers=as_user("scjg"), json=body)).status_code == 403
    assert (await client.post(API, headers=as_user("office"), json={**body, "period": "2026-10"})).status_code == 403
    assert (await client.post(API, headers=as_user("leader"), json={**body, "period": "2026-10"})).status_code == 403
    assert (await client.post(API, headers=as_user("sjzy"), json={**body, "period": "2026-10"})).status_code == 404

    monthly = await client.post(API, headers=fgw, json={**body, "evaluated_unit_id": str(units["xihu"]),
                                                        "period": "2026-10", "item_scores": {
                                                            "progress": 30, "effect": 30, "reporting": 10}})
    assert monthly.status_code == 201 and monthly.json()["total"] == 70

    # The author corrects; nobody else does.
    url = f"{API}/{e['id']}"
    assert (await client.patch(url, headers=as_user("office"), json={"comment": "改"})).status_code == 403
    assert (await client.patch(url, headers=as_user("scjg"), json={"comment": "改"})).status_code == 403
    assert (await client.patch(url, headers=fgw, json={"item_scores": None})).status_code == 422
    fixed = await client.patch(url, headers=fgw, json={"item_scores": {"progress": 38, "effect": 32.5,
                                                                        "reporting": 17}})
    assert fixed.status_code == 200 and fixed.json()["total"] == 87.5
    assert fixed.json()["comment"] == "进度较快，材料规范" and fixed.json()["updated_by"] == "fgw"

    # Scoping: a unit sees its own scores; the lead unit what it gave; leaders everything.
    def totals(resp):
        return sorted(i["total"] for i in resp.json()["items"])

    assert totals(await client.get(API, headers=as_user("scjg"))) == [87.5]
    assert totals(await client.get(API, headers=as_user("xihu"))) == [70.0]
    assert totals(await client.get(API, headers=fgw)) == [70.0, 87.5]
    assert totals(await client.get(API, headers=as_user("leader"), params={"period": "2026-Q3"})) == [87.5]
    assert (await client.get(API, headers=as_user("gaj"))).json()["total"] == 0
    assert (await client.get(url, headers=as_user("gaj"))).status_code == 404

    # The league table's input: mean and count per evaluated unit within a date range.
    async with app.state.db.sessionmaker() as session:
        assert await average_scores(session, date(2026, 7, 1), date(2026, 12, 31)) == {
            units["scjg"]: (87.5, 1), units["xihu"]: (70.0, 1)}
        assert await average_scores(session, date(2026, 7, 1), date(2026, 9, 30)) == {units["scjg"]: (87.5, 1)}

    # Items already scored cannot change under the scores; the rank rule's thresholds can.
    locked = await client.put(f"{API}/rubric", headers=as_user("office"), params={"year": 2026}, json={
        "items": [{"key": "all", "name": "综合", "max_points": 100}]})
    assert locked.status_code == 409 and locked.json()["code"] == "evaluations.rubric_in_use"
    assert (await client.put(f"{API}/rubric", headers=as_user("office"), params={"year": 2026},
                             json={"items": DEFAULT_ITEMS, "provincial_top_n": 3})).status_code == 200


async def test_office_scores_lead_units_and_the_rank_rule_gives_full_marks(
    client, as_user, make_plan, make_task, units, ranks
):
    await make_plan()
    ranked = await make_task(title="获得用水用气", indicator_codes=["GP-07"])
    provincial = await make_task(title="跨部门联合双随机监管", indicator_codes=["SL-04"],
                                 lead_unit_id=str(units["scjg"]), responsible_unit_ids=[])
    plain = await make_task(title="无关联指标任务")
    ranks["GP-07"] = Standing("national", (RankPoint("2024", 14, 36), RankPoint("2025", 8, 36),
                                           RankPoint("2026", 3, 36)))
    ranks["SL-04"] = Standing("provincial", (RankPoint("2026-Q2", 2, 11), RankPoint("2026-Q3", 1, 11)))
    office = as_user("office")
    given = {"progress": 30, "effect": 30, "reporting": 15}

    def body(task, period):
        return {"task_code": task["code"], "period": period, "kind": "office_on_lead", "item_scores": given,
                "comment": "总体良好"}

    # National: 2026's rank is not out by Q3, so 2025's 8th place of 36 decides — inside the top 10.
    full = await client.post(API, headers=office, json=body(ranked, "2026-Q3"))
    assert full.status_code == 201, full.text
    e = full.json()
    assert (e["total"], e["item_scores"], e["auto"], e["comment"]) == (100.0, FULL, True, "总体良好")
    assert e["evaluated_unit"]["short_name"] == "市发改委"
    assert e["auto_reason"] == ("关联指标 GP-07 在国评 2025 期排名第 8（共 36 个），进入全国前 10 名，"
                                "按排名满分规则记满分（名次来源：指标库）。")
    # Provincial: first of 11 in Q3 is full marks; second in Q2 is not (top 1 by default).
    q3 = (await client.post(API, headers=office, json=body(provincial, "2026-Q3"))).json()
    assert (q3["total"], q3["auto"]) == (100.0, True) and "省晾晒 2026-Q3 期排名第 1" in q3["auto_reason"]
    q2 = (await client.post(API, headers=office, json=body(provincial, "2026-Q2"))).json()
    assert (q2["total"], q2["auto"], q2["auto_reason"]) == (75.0, False, None)
    no_indicator = (await client.post(API, headers=office, json=body(plain, "2026-Q3"))).json()
    assert (no_indicator["total"], no_indicator["auto"]) == (75.0, False)
    # The office scores the lead unit and nobody else, and only the office does.
    other = await client.post(API, headers=office, json={**body(plain, "2026-Q4"),
                                                         "evaluated_unit_id": str(units["scjg"])})
    assert other.status_code == 422 and other.json()["code"] == "evaluations.not_lead"
    assert (await client.post(API, headers=as_user("fgw"), json=body(plain, "2026-Q4"))).status_code == 403
    # While the rule applies, a correction keeps full marks.
    kept = await client.patch(f"{API}/{e['id']}", headers=office, json={"item_scores": given, "comment": "更正"})
    assert (kept.json()["total"], kept.json()["auto"], kept.json()["comment"]) == (100.0, True, "更正")

    # A stricter rule (national top 5) no longer gives full marks for an 8th place.
    await client.put(f"{API}/rubric", headers=office, params={"year": 2026},
                     json={"items": DEFAULT_ITEMS, "national_top_n": 5})
    strict = await client.patch(f"{API}/{e['id']}", headers=office, json={"item_scores": given})
    assert (strict.json()["total"], strict.json()["auto"], strict.json()["auto_reason"]) == (75.0, False, None)
    # And with the rule switched off nothing is automatic.
    await client.put(f"{API}/rubric", headers=office, params={"year": 2026},
                     json={"items": DEFAULT_ITEMS, "rank_rule_enabled": False})
    off = (await client.post(API, headers=office, json=body(provincial, "2026-09"))).json()
    assert (off["total"], off["auto"]) == (75.0, False)
    disabled = await client.post(f"{API}/apply-rank-rule", headers=office, json={"year": 2026, "period": "2026-Q3"})
    assert disabled.status_code == 409 and disabled.json()["code"] == "evaluations.rank_rule_disabled"


async def test_apply_rank_rule_creates_refreshes_and_removes(client, as_user, make_plan, make_task, units, ranks):
    await make_plan()
    top = await make_task(title="获得电力", indicator_codes=["GP-05", "GP-06"])
    first = await make_task(title="无感监测营商指数", indicator_codes=["SL-01"], lead_unit_id=str(units["sjzy"]),
                            responsible_unit_ids=[])
    await make_task(title="名次靠后", indicator_codes=["GP-11"])
    await make_task(title="无指标")
    ranks["GP-05"] = Standing("national", (RankPoint("2025", 22, 36),))
    ranks["GP-06"] = Standing("national", (RankPoint("2025", 10, 36),))
    ranks["SL-01"] = Standing("provincial", (RankPoint("2026-Q3", 1, 11),))
    ranks["GP-11"] = Standing("national", (RankPoint("2025", 11, 36),))
    office = as_user("office")
    # Scoring by hand already applies the rule: the office's 50 points become full marks.
    manual = await client.post(API, headers=office, json={
        "task_code": first["code"], "period": "2026-Q3", "kind": "office_on_lead",
        "item_scores": {"progress": 20, "effect": 20, "reporting": 10}})
    assert manual.json()["auto"] is True  # the rule already applies when scoring by hand
    assert (await client.post(f"{API}/apply-rank-rule", headers=as_user("fgw"),
                              json={"year": 2026, "period": "2026-Q3"})).status_code == 403
    run = await client.post(f"{API}/apply-rank-rule", headers=office, json={"year": 2026, "period": "2026-Q3"})
    assert run.status_code == 200, run.text
    result = run.json()
    assert {i["task_code"]: i["action"] for i in result["items"]} == {top["code"]: "created",
                                                                     first["code"]: "unchanged"}
    assert result["counts"] == {"created": 1, "refreshed": 0, "unchanged": 1, "removed": 0}
    created = next(i for i in result["items"] if i["task_code"] == top["code"])
    assert "GP-06" in created["reason"] and "第 10" in created["reason"]
    listed = (await client.get(API, headers=as_user("leader"), params={"auto": "true", "period": "2026-Q3"})).json()
    assert sorted((i["evaluated_unit"]["short_name"], i["total"]) for i in listed["items"]) == [
        ("市发改委", 100.0), ("市数据资源局", 100.0)]

    again = (await client.post(f"{API}/apply-rank-rule", headers=office,
                               json={"year": 2026, "period": "2026-Q3"})).json()
    assert again["counts"] == {"created": 0, "refreshed": 0, "unchanged": 2, "removed": 0}
    # A corrected rank: GP-06 was really 12th → the automatic full marks are withdrawn.
    ranks["GP-06"] = Standing("national", (RankPoint("2025", 12, 36),))
    corrected = (await client.post(f"{API}/apply-rank-rule", headers=office,
                                   json={"year": 2026, "period": "2026-Q3"})).json()
    assert {i["task_code"]: i["action"] for i in corrected["items"]} == {top["code"]: "removed",
                                                                        first["code"]: "unchanged"}
    assert (await client.get(API, headers=office, params={"task_code": top["code"]})).json()["total"] == 0
    # Widening the rule to the national top 12 brings it back (GP-06, 12th).
    await client.put(f"{API}/rubric", headers=office, params={"year": 2026},
                     json={"items": DEFAULT_ITEMS, "national_top_n": 12})
    widened = (await client.post(f"{API}/apply-rank-rule", headers=office,
                                 json={"year": 2026, "period": "2026-Q3"})).json()
    assert widened["counts"] == {"created": 2, "refreshed": 0, "unchanged": 1, "removed": 0}
    # The reason names the threshold, so a changed threshold refreshes the national ones.
    await client.put(f"{API}/rubric", headers=office, params={"year": 2026},
                     json={"items": DEFAULT_ITEMS, "national_top_n": 15})
    refreshed = (await client.post(f"{API}/apply-rank-rule", headers=office,
                                   json={"year": 2026, "period": "2026-Q3"})).json()
    assert refreshed["counts"] == {"created": 0, "refreshed": 2, "unchanged": 1, "removed": 0}
    assert "进入全国前 15 名" in next(i["reason"] for i in refreshed["items"] if i["task_code"] == top["code"])


async def test_hand_entered_ranks_stand_in_for_indicators_api(client, as_user, make_plan, make_task, units, ranks):
    await make_plan()
    unknown = await make_task(title="一次性化解率", indicator_codes=["CS-ZH-01"])
    city = await make_task(title="市级指标", indicator_codes=["CITY-01"], lead_unit_id=str(units["sjzy"]),
                           responsible_unit_ids=[])
    remote = await make_task(title="指标库有名次", indicator_codes=["GP-09"], lead_unit_id=str(units["scjg"]),
                             responsible_unit_ids=[])
    # indicators-api knows CITY-01 only in the city framework and GP-09 with a 20th place; CS-ZH-01 not at all.
    ranks["CITY-01"] = Standing("city", (RankPoint("2026-Q3", 1, 13),))
    ranks["GP-09"] = Standing("national", (RankPoint("2025", 20, 36),))
    office = as_user("office")
    entry = {"indicator_code": "CS-ZH-01", "framework": "provincial", "period": "2026-Q3", "rank": 1, "of": 11}
    assert (await client.post(f"{API}/indicator-ranks", headers=as_user("fgw"), json=entry)).status_code == 403
    assert (await client.post(f"{API}/indicator-ranks", headers=as_user("leader"), json=entry)).status_code == 403
    bad = await client.post(f"{API}/indicator-ranks", headers=office, json={**entry, "rank": 12})
    assert bad.status_code == 422
    entered = await client.post(f"{API}/indicator-ranks", headers=office, json=entry)
    assert entered.status_code == 201, entered.text
    assert (entered.json()["rank"], entered.json()["entered_by"]) == (1, "office")
    for code, framework, period, rank in (("CITY-01", "national", "2025", 6), ("GP-09", "national", "2025", 2)):
        resp = await client.post(f"{API}/indicator-ranks", headers=office, json={
            "indicator_code": code, "framework": framework, "period": period, "rank": rank})
        assert resp.status_code == 201

    run = (await client.post(f"{API}/apply-rank-rule", headers=office,
                             json={"year": 2026, "period": "2026-Q3"})).json()
    # GP-09: indicators-api has a rank, so the hand-entered 2nd place is not used.
    assert {i["task_code"]: i["action"] for i in run["items"]} == {unknown["code"]: "created",
                                                                  city["code"]: "created"}
    reasons = {i["task_code"]: i["reason"] for i in run["items"]}
    assert reasons[unknown["code"]] == ("关联指标 CS-ZH-01 在省晾晒 2026-Q3 期排名第 1（共 11 个），进入全省第一，"
                                        "按排名满分规则记满分（名次来源：改革办手工录入）。")
    assert "国评 2025 期排名第 6" in reasons[city["code"]]
    assert remote["code"] not in reasons

    # A correction of the same indicator, framework and period replaces the rank (200), and the rule follows.
    fixed = await client.post(f"{API}/indicator-ranks", headers=office, json={**entry, "rank": 3})
    assert fixed.status_code == 200 and fixed.json()["id"] == entered.json()["id"]
    listed = await client.get(f"{API}/indicator-ranks", headers=as_user("leader"),
                              params={"indicator_code": "CS-ZH-01"})
    assert [(r["period"], r["rank"]) for r in listed.json()["items"]] == [("2026-Q3", 3)]
    assert (await client.get(f"{API}/indicator-ranks", headers=as_user("fgw"))).status_code == 403
    rerun = (await client.post(f"{API}/apply-rank-rule", headers=office,
                               json={"year": 2026, "period": "2026-Q3"})).json()
    assert {i["task_code"]: i["action"] for i in rerun["items"]} == {unknown["code"]: "removed",
                                                                    city["code"]: "unchanged"}


def _gateway(handler) -> GatewayIndicatorRanks:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return GatewayIndicatorRanks(ServiceClient("http://gateway", "tasks-api", "secret", http))


async def test_gateway_source_reads_framework_and_trend():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append((request.url.path, request.headers.get("authorization")))
        if request.url.path == "/api/auth/v1/service-token":
            return httpx.Response(200, json={"access_token": "svc", "expires_in": 300})
        if request.url.path == "/api/indicators/v1/indicators/GP-07":
            return httpx.Response(200, json={"code": "GP-07", "framework_code": "national"})
        if request.url.path == "/api/indicators/v1/indicators/GP-07/trend":
            return httpx.Response(200, json=[{"period": "2024", "value": 80.1, "rank": 9, "of": 36},
                                             {"period": "2025", "value": 83.0, "rank": 6, "of": 36},
                                             {"period": "2026", "value": None, "rank": None, "of": 0}])
        return httpx.Response(404, json={"code": "not_found"})

    source = _gateway(handler)
    standing = await source.standing("GP-07")
    assert standing == Standing("national", (RankPoint("2024", 9, 36), RankPoint("2025", 6, 36),
                                             RankPoint("2026", None, 0)))
    assert ("/api/indicators/v1/indicators/GP-07/trend", "Bearer svc") in calls
    assert await source.standing("NOPE") is None

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    assert await _gateway(down).standing("GP-07") is None
