"""晾晒: the league table of handling units and districts — exact rates,
composite with weights and capped reopen deductions, competition ranks with
ties, the minimum volume, the office's configuration and the public version."""

from datetime import datetime

from reform_common.workdays import SHANGHAI
from sqlalchemy import text

from feedback_api.league.schemas import LeagueConfig, Weights
from feedback_api.league.service import competition_ranks, composite

API = "/api/feedback/v1"
LEAGUE = f"{API}/league-table"
PAST_LIMIT = '"2026-01-05T23:59:59+08:00"'


def rate(numerator, denominator, value):
    return {"numerator": numerator, "denominator": denominator, "value": value}


async def _limit_passed(db_connection, case_no):
    """The case's assignment had its acceptance limit in the past (so acceptance now is late)."""
    await db_connection.execute(text(
        f"UPDATE case_events SET detail = jsonb_set(detail, '{{accept_due_at}}', '{PAST_LIMIT}') "
        "WHERE event = 'assigned' AND case_id = (SELECT id FROM cases WHERE case_no = :n)"), {"n": case_no})


async def _closed(act, case_no, unit, who, satisfaction="satisfied"):
    await act(case_no, "assign", "office", unit_id=str(unit))
    await act(case_no, "accept", who)
    await act(case_no, "reply", who)
    await act(case_no, "close", "office", satisfaction=satisfaction)


async def _scenario(make_case, act, units, db_connection):
    n = iter(range(100))

    async def case(district):
        return (await make_case(enterprise_name=f"晾晒测试企业{next(n)}号", district=district))["case_no"]

    # 市场监管局 (西湖区) and 发改委 (滨江区): two cases each, handled perfectly — a tie.
    for unit, who, district in (("scjg", "scjg", "西湖区"), ("fgw", "fgw", "滨江区")):
        for _ in range(2):
            await _closed(act, await case(district), units[unit], who)
    # A case 市场监管局 returned within the limit (not its duty): no assignment counted against it.
    returned = await case("西湖区")
    await act(returned, "assign", "office")
    await act(returned, "return", "scjg")
    # 政务办 (上城区): one case accepted late, one reopened after a 不满意 and closed 基本满意.
    late = await case("上城区")
    await act(late, "assign", "office", unit_id=str(units["zwb"]))
    await _limit_passed(db_connection, late)
    await act(late, "accept", "zwb")
    await act(late, "reply", "zwb")
    await act(late, "close", "office")
    again = await case("上城区")
    await act(again, "assign", "office", unit_id=str(units["zwb"]))
    await act(again, "accept", "zwb")
    await act(again, "reply", "zwb")
    await act(again, "follow_up_dissatisfied", "office")
    await _closed(act, again, units["zwb"], "zwb", "basically_satisfied")
    # 西湖区 as a handling unit: one case never accepted, its limit passed.
    idle = await case("西湖区")
    await act(idle, "assign", "office", unit_id=str(units["xihu"]))
    await _limit_passed(db_connection, idle)
    # And one just assigned to 西湖区, within its limit: not counted yet.
    fresh = await case("西湖区")
    await act(fresh, "assign", "office", unit_id=str(units["xihu"]))


def _period() -> str:
    return f"{datetime.now(SHANGHAI):%Y-%m}"


def test_competition_ranks_and_composite():
    assert competition_ranks([100.0, 100.0, 90.0, 80.0, 80.0, 70.0]) == [1, 1, 3, 4, 4, 6]
    assert competition_ranks([]) == []
    config = LeagueConfig(weights=Weights(response=20, on_time_closure=30, one_time_resolution=30, satisfaction=20),
                          reopen_deduction=1, reopen_deduction_cap=10, min_cases=5, updated_by=None, updated_at=None)
    rates = {"response": 66.67, "on_time_closure": 100.0, "one_time_resolution": 50.0, "satisfaction": 66.67}
    assert composite(rates, config, 1) == (71.67, 1.0, 70.67)
    # Deductions are capped; the composite never goes below 0; missing rates leave their weight out.
    assert composite(rates, config, 25) == (71.67, 10.0, 61.67)
    assert composite({"response": 5.0, "on_time_closure": None, "one_time_resolution": None,
                      "satisfaction": None}, config, 12) == (5.0, 10.0, 0.0)
    assert composite(dict.fromkeys(rates), config, 0) == (None, 0.0, None)


async def test_unit_league_table(client, as_user, make_case, act, units, db_connection):
    await _scenario(make_case, act, units, db_connection)
    period = _period()
    resp = await client.get(LEAGUE, headers=as_user("scjg"), params={"period": period, "min_cases": 2})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert (body["period"], body["kind"], body["min_cases"], body["total"]) == (period, "unit", 2, 4)
    assert body["config"]["weights"] == {"response": 20.0, "on_time_closure": 30.0, "one_time_resolution": 30.0,
                                         "satisfaction": 20.0}
    rows = [(i["rank"], i["ranked"], i["code"], i["volume"], i["response"]["value"], i["on_time_closure"]["value"],
             i["one_time_resolution"]["value"], i["satisfaction"]["value"], i["reopen_count"], i["score"],
             i["deduction"], i["composite"]) for i in body["items"]]
    assert rows == [
        (1, True, "fgw", 2, 100.0, 100.0, 100.0, 100.0, 0, 100.0, 0.0, 100.0),
        (1, True, "scjg", 2, 100.0, 100.0, 100.0, 100.0, 0, 100.0, 0.0, 100.0),  # tied: 1, 1, 3
        (3, True, "zwb", 2, 66.67, 100.0, 50.0, 66.67, 1, 71.67, 1.0, 70.67),
        (4, True, "xihu", 2, 0.0, None, None, None, 0, 0.0, 0.0, 0.0),
    ]
    zwb = body["items"][2]
    assert (zwb["response"], zwb["one_time_resolution"], zwb["satisfaction"]) == (
        rate(2, 3, 66.67), rate(1, 2, 50.0), rate(2, 3, 66.67))
    assert (zwb["unit_id"], zwb["name"], zwb["note"]) == (str(units["zwb"]), "市政务服务管理办公室", None)
    xihu = body["items"][3]
    # Its only measure so far is acceptance (the fresh assignment is still within its limit): 0 of 1.
    assert (xihu["response"], xihu["on_time_closure"]) == (rate(0, 1, 0.0), rate(0, 0, None))

    # The default minimum (5) ranks nobody here.
    default = (await client.get(LEAGUE, headers=as_user("office"), params={"period": period})).json()
    assert default["min_cases"] == 5
    assert [(i["rank"], i["code"], i["note"]) for i in default["items"]] == [
        (None, "fgw", "期内受理 2 件，不足 5 件，不参与排名"),
        (None, "scjg", "期内受理 2 件，不足 5 件，不参与排名"),
        (None, "xihu", "期内受理 2 件，不足 5 件，不参与排名"),
        (None, "zwb", "期内受理 2 件，不足 5 件，不参与排名"),
    ]
    # as_of before the period: nothing happened yet.
    before = await client.get(LEAGUE, headers=as_user("office"),
                              params={"period": period, "as_of": "2026-01-01T00:00:00+08:00"})
    assert before.json()["items"] == [] and before.json()["total"] == 0


async def test_district_league_table_and_public_version(client, as_user, make_case, act, units, db_connection):
    await _scenario(make_case, act, units, db_connection)
    period = _period()
    body = (await client.get(LEAGUE, headers=as_user("leader"),
                             params={"period": period, "kind": "district", "min_cases": 2})).json()
    rows = [(i["rank"], i["code"], i["name"], i["volume"], i["response"], i["composite"]) for i in body["items"]]
    assert rows == [
        (1, "330108", "滨江区", 2, rate(2, 2, 100.0), 100.0),
        # 西湖区: 2 + 1 returned + 2 at the district unit; acceptance 2 of 3 (the return and the fresh one do not count).
        (2, "330106", "西湖区", 5, rate(2, 3, 66.67), 93.33),
        (3, "330102", "上城区", 2, rate(2, 3, 66.67), 70.67),
    ]
    assert all(i["unit_id"] is None for i in body["items"])

    public = await client.get(f"{API}/public/league-table", params={"period": period, "kind": "district"})
    assert public.status_code == 200, public.text
    assert public.headers["cache-control"] == "public, max-age=300"
    table = public.json()
    assert set(table) == {"period", "kind", "as_of", "min_cases", "weights", "items", "total"}
    # Only 西湖区 reaches the default minimum of 5.
    assert table["items"][0] == {
        "rank": 1, "ranked": True, "name": "西湖区", "volume": 5, "response_rate": 66.67, "on_time_closure_rate": 100.0,
        "one_time_resolution_rate": 100.0, "satisfaction_rate": 100.0, "reopen_count": 0, "composite": 93.33}
    assert [(i["rank"], i["name"]) for i in table["items"][1:]] == [(None, "上城区"), (None, "滨江区")]
    units_table = (await client.get(f"{API}/public/league-table", params={"period": period})).json()
    assert all(set(i) == {"rank", "ranked", "name", "volume", "response_rate", "on_time_closure_rate",
                          "one_time_resolution_rate", "satisfaction_rate", "reopen_count", "composite"}
               for i in units_table["items"])
    assert [i["name"] for i in units_table["items"]] == ["市发展和改革委员会", "市市场监督管理局", "西湖区",
                                                         "市政务服务管理办公室"]
    bad = await client.get(f"{API}/public/league-table", params={"period": "2026-13"})
    assert bad.status_code == 422


async def test_the_office_configures_weights_deductions_and_the_minimum(
        client, as_user, make_case, act, units, db_connection):
    await _scenario(make_case, act, units, db_connection)
    config = {"weights": {"response": 0, "on_time_closure": 0, "one_time_resolution": 100, "satisfaction": 0},
              "reopen_deduction": 5, "reopen_deduction_cap": 3, "min_cases": 2}
    assert (await client.put(f"{LEAGUE}/config", headers=as_user("scjg"), json=config)).status_code == 403
    zero = {**config, "weights": dict.fromkeys(config["weights"], 0)}
    bad = await client.put(f"{LEAGUE}/config", headers=as_user("office"), json=zero)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "weights"
    resp = await client.put(f"{LEAGUE}/config", headers=as_user("office"), json=config)
    assert resp.status_code == 200, resp.text
    saved = resp.json()
    assert (saved["weights"]["one_time_resolution"], saved["min_cases"], saved["updated_by"]) == (100.0, 2, "office")
    assert (await client.get(f"{LEAGUE}/config", headers=as_user("zwb"))).json()["reopen_deduction_cap"] == 3.0
    body = (await client.get(LEAGUE, headers=as_user("office"), params={"period": _period()})).json()
    assert body["min_cases"] == 2
    # Only one-time resolution weighs now; 政务办 loses 5 per reopen, capped at 3; 西湖区 has no such rate.
    assert [(i["rank"], i["code"], i["score"], i["deduction"], i["composite"], i["note"]) for i in body["items"]] == [
        (1, "fgw", 100.0, 0.0, 100.0, None),
        (1, "scjg", 100.0, 0.0, 100.0, None),
        (3, "zwb", 50.0, 3.0, 47.0, None),
        (None, "xihu", None, 0.0, None, "暂无可计算的指标，不参与排名"),
    ]
    log = (await client.get(f"{API}/audit-log", headers=as_user("office"),
                            params={"action": "league.config_updated"})).json()
    assert log["total"] == 1 and log["items"][0]["detail"]["after"]["min_cases"] == 2
