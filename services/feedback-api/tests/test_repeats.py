"""Repeat detection at intake (重复诉求): same enterprise (credit code, normalised
name or phone) and same matter (same category, similar text) within 30 days of
an earlier closing; staff confirm or dismiss; only live repeats count against
the one-time resolution rate."""

import itertools
from datetime import datetime

import pytest
from reform_common.workdays import SHANGHAI
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect

from feedback_api.demo import credit_code
from feedback_api.repeats.detect import _candidates
from feedback_api.repeats.similarity import case_text, name_key, similarity

API = "/api/feedback/v1"
METRIC = f"{API}/metrics/one-time-resolution"
CODE_A = credit_code("杭州之江新材料有限公司", "西湖区")  # 91330106UYX1DEL45M
# The same matter told again (make_case's default text is the earlier one) …
AGAIN = {"title": "多部门重复检查问题再次出现",
         "description": "企业反映上月反映的多部门重复检查问题仍未解决，本月又被市场监管、应急两个部门分别检查，影响生产。"}
# … and another matter in the same category.
OTHER_MATTER = {"title": "执法人员检查时未出示执法证件",
                "description": "执法人员到厂后未出示证件即要求调取台账，企业质疑程序合法性。"}
DEFAULT_TEXT = case_text("同一企业一月内被三个部门重复检查", "企业反映本月先后接受市场监管、应急、消防三次内容相近的检查，影响生产。")


async def _close(act, case_no):
    await act(case_no, "assign", "office")
    await act(case_no, "accept", "scjg")
    await act(case_no, "reply", "scjg")
    await act(case_no, "close", "office")


def _period() -> str:
    return f"{datetime.now(SHANGHAI):%Y-%m}"


def test_similarity_and_name_key():
    assert similarity(DEFAULT_TEXT, case_text(**AGAIN)) == 0.484
    assert similarity(DEFAULT_TEXT, case_text(**OTHER_MATTER)) == 0.075
    assert similarity("同一段文字", "同一段文字") == 1.0
    assert similarity("", "任何文字") == 0.0
    assert name_key(" 杭州 之江（新材料）有限公司 ") == name_key("杭州之江(新材料)有限公司") == "杭州之江新材料有限公司"
    assert name_key("ABC【科技】·有限公司") == "abc科技有限公司"
    assert name_key("（ ）") is None


async def test_credit_code_match_is_flagged_and_linked(client, as_user, make_case, act, tokens):
    earlier = (await make_case(credit_code=CODE_A))["case_no"]
    await _close(act, earlier)
    # Another contact person, phone and spelling of the name: the credit code decides.
    new = (await make_case(credit_code=CODE_A, enterprise_name="之江新材料", **AGAIN))["case_no"]
    office = as_user("office")
    case = (await client.get(f"{API}/cases/{new}", headers=office)).json()
    assert case["repeat_of"] == earlier
    assert case["events"][0]["detail"]["repeat_of"] == earlier
    flag = (await client.get(f"{API}/cases/{new}/repeat", headers=office)).json()
    flagged_at = flag.pop("flagged_at")
    received_at = flag.pop("received_at")
    assert flagged_at == received_at == case["received_at"]
    assert flag.pop("repeat_of_closed_at") is not None
    assert flag == {
        "case_no": new, "title": AGAIN["title"], "enterprise_name": "之江新材料", "repeat_of": earlier,
        "repeat_of_title": "同一企业一月内被三个部门重复检查", "status": "suggested", "status_label": "疑似重复（待确认）",
        "matched_by": "credit_code", "matched_by_label": "统一社会信用代码相同", "similarity": 0.484,
        "counts_against_one_time_resolution": True, "decided_by": None, "decided_at": None, "decision_comment": None,
    }
    # A suggested repeat already counts against the earlier case's one-time resolution.
    service = tokens.headers(roles=["service"], typ="service", username="indicators-api")
    metric = (await client.get(METRIC, headers=service, params={"period": _period()})).json()
    assert (metric["closed"], metric["closed_once"], metric["value"]) == (1, 0, 0.0)
    queue = (await client.get(f"{API}/repeats", headers=office, params={"status": "suggested"})).json()
    assert queue["total"] == 1 and [i["case_no"] for i in queue["items"]] == [new]
    assert (await client.get(f"{API}/repeats", headers=office, params={"status": "dismissed"})).json()["total"] == 0


async def test_name_match_despite_spacing_and_brackets(client, as_user, make_case, act):
    earlier = (await make_case(enterprise_name="杭州之江（新材料）有限公司"))["case_no"]
    await _close(act, earlier)
    # Its own phone (make_case gives each case one) and no credit code: only the name matches.
    new = (await make_case(enterprise_name=" 杭州 之江(新材料)有限公司", **AGAIN))["case_no"]
    flag = (await client.get(f"{API}/cases/{new}/repeat", headers=as_user("office"))).json()
    assert (flag["repeat_of"], flag["matched_by"], flag["status"]) == (earlier, "enterprise_name", "suggested")
    # Another enterprise with the same text is not a repeat.
    stranger = (await make_case(enterprise_name="杭州之江新能源有限公司", **AGAIN))["case_no"]
    resp = await client.get(f"{API}/cases/{stranger}/repeat", headers=as_user("office"))
    assert resp.status_code == 404 and resp.json()["code"] == "repeats.not_flagged"


async def test_phone_match_still_counts(client, as_user, make_case, act, helpers):
    phone = helpers.next_phone()
    earlier = (await make_case(contact_phone=phone, enterprise_name="杭州钱江智造有限公司"))["case_no"]
    await _close(act, earlier)
    new = (await make_case(contact_phone=phone, enterprise_name="钱江智造（个体）", **AGAIN))["case_no"]
    flag = (await client.get(f"{API}/cases/{new}/repeat", headers=as_user("office"))).json()
    assert (flag["repeat_of"], flag["matched_by"]) == (earlier, "phone")


async def test_a_different_matter_is_not_flagged(client, as_user, make_case, act):
    earlier = (await make_case(credit_code=CODE_A))["case_no"]
    await _close(act, earlier)
    other = (await make_case(credit_code=CODE_A, **OTHER_MATTER))["case_no"]  # same category, text 0.075 alike
    elsewhere = (await make_case(credit_code=CODE_A, category_code="fees.arbitrary"))["case_no"]  # same text
    office = as_user("office")
    for case_no in (other, elsewhere):
        assert (await client.get(f"{API}/cases/{case_no}", headers=office)).json()["repeat_of"] is None
        assert (await client.get(f"{API}/cases/{case_no}/repeat", headers=office)).status_code == 404
    # An earlier case still open is not "resolved" yet: a new case about it is no repeat either.
    open_case = (await make_case(credit_code=CODE_A, category_code="fees.arbitrary", **AGAIN))["case_no"]
    assert (await client.get(f"{API}/cases/{open_case}", headers=office)).json()["repeat_of"] is None


async def test_outside_30_days_is_not_flagged(client, as_user, make_case, act, db_connection):
    earlier = (await make_case(credit_code=CODE_A))["case_no"]
    await _close(act, earlier)
    await db_connection.execute(text("UPDATE cases SET closed_at = now() - interval '31 days' WHERE case_no = :n"),
                                {"n": earlier})
    late = (await make_case(credit_code=CODE_A, **AGAIN))["case_no"]
    office = as_user("office")
    assert (await client.get(f"{API}/cases/{late}", headers=office)).json()["repeat_of"] is None
    await db_connection.execute(text("UPDATE cases SET closed_at = now() - interval '29 days' WHERE case_no = :n"),
                                {"n": earlier})
    within = (await make_case(credit_code=CODE_A, **AGAIN))["case_no"]
    assert (await client.get(f"{API}/cases/{within}", headers=office)).json()["repeat_of"] == earlier


@pytest.mark.parametrize("identifiers", list(itertools.product([False, True], repeat=3))[1:])
async def test_the_candidates_are_found_by_the_enterprises_indexes_alone(db_connection, identifiers):
    """The repeat check finds the enterprise's cases by its identifiers before anything else (repeats/detect): each
    identifier must be an index's own expression, or that lookup reads the whole table (10M cases). With
    sequential scans priced out, the plan shows any the statement cannot avoid."""
    now = datetime.now(SHANGHAI)
    sql, names, _, own = _candidates(*identifiers).compiled(asyncpg_dialect())
    values = {**own, "credit_code": CODE_A, "name_key": "之江新材料", "phone_index": "x", "since": now, "until": now,
              "category": "other"}
    await db_connection.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(row[0] for row in await db_connection.exec_driver_sql(
        f"EXPLAIN {sql}", tuple(values[name] for name in names)))
    assert "Seq Scan on cases" not in plan, plan


async def test_dismiss_removes_it_from_the_metric_and_confirm_restores_it(
        client, as_user, make_case, act, tokens, units):
    earlier = (await make_case(credit_code=CODE_A))["case_no"]
    await _close(act, earlier)
    new = (await make_case(credit_code=CODE_A, **AGAIN))["case_no"]
    service = tokens.headers(roles=["service"], typ="service", username="indicators-api")
    period = _period()

    async def metric():
        body = (await client.get(METRIC, headers=service, params={"period": period})).json()
        return body["closed"], body["closed_once"], body["value"]

    assert await metric() == (1, 0, 0.0)
    base = f"{API}/cases/{new}/repeat"
    # Who may decide: the dispatcher or the case's handling unit; not leaders; units that cannot see it get 404.
    assert (await client.post(f"{base}/dismiss", headers=as_user("leader"), json={"reason": "非同一事项"})
            ).status_code == 403
    assert (await client.post(f"{base}/dismiss", headers=as_user("scjg"), json={"reason": "非同一事项"})
            ).status_code == 404
    missing = await client.post(f"{base}/dismiss", headers=as_user("office"), json={})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "reason"

    dismissed = await client.post(f"{base}/dismiss", headers=as_user("office"),
                                  json={"reason": "企业此次反映的是新厂区的检查，非同一事项"})
    assert dismissed.status_code == 200, dismissed.text
    body = dismissed.json()
    assert (body["status"], body["decided_by"], body["decision_comment"], body["counts_against_one_time_resolution"]
            ) == ("dismissed", "office", "企业此次反映的是新厂区的检查，非同一事项", False)
    assert (await client.get(f"{API}/cases/{new}", headers=as_user("office"))).json()["repeat_of"] is None
    assert await metric() == (1, 1, 100.0)
    again = await client.post(f"{base}/dismiss", headers=as_user("office"), json={"reason": "再次排除"})
    assert again.status_code == 409 and again.json()["code"] == "repeats.already_decided"
    assert again.json()["detail"] == f"诉求 {new} 的重复标记已是「已排除」。"

    # The handling unit of the new case may decide too, once it is assigned to it.
    await act(new, "assign", "office", co_unit_ids=[str(units["fgw"])])
    confirmed = await client.post(f"{base}/confirm", headers=as_user("scjg"), json={"comment": "核实为同一问题"})
    assert confirmed.status_code == 200, confirmed.text
    assert (confirmed.json()["status"], confirmed.json()["decided_by"]) == ("confirmed", "scjg")
    assert (await client.get(f"{API}/cases/{new}", headers=as_user("office"))).json()["repeat_of"] == earlier
    assert await metric() == (1, 0, 0.0)
    # A co-unit sees the case but does not decide.
    co_unit = await client.post(f"{base}/dismiss", headers=as_user("fgw"), json={"reason": "非同一事项"})
    assert co_unit.status_code == 403
    assert co_unit.json()["detail"] == "只有改革办（调度）或该诉求的承办单位可以确认或排除重复诉求标记。"

    log = (await client.get(f"{API}/audit-log", headers=as_user("office"),
                            params={"entity_type": "case", "entity_id": new, "page_size": 50})).json()
    decisions = [(e["action"], e["detail"]["from"], e["detail"]["to"]) for e in reversed(log["items"])
                 if e["action"].startswith("case.repeat_")]
    assert decisions == [("case.repeat_dismissed", "suggested", "dismissed"),
                         ("case.repeat_confirmed", "dismissed", "confirmed")]
    listed = (await client.get(f"{API}/repeats", headers=as_user("scjg"))).json()
    assert [(i["case_no"], i["status"]) for i in listed["items"]] == [(new, "confirmed")]
    assert (await client.get(f"{API}/repeats", headers=as_user("zwb"))).json()["total"] == 0


async def test_an_unflagged_case_cannot_be_decided(client, as_user, make_case):
    case_no = (await make_case())["case_no"]
    resp = await client.post(f"{API}/cases/{case_no}/repeat/confirm", headers=as_user("office"))
    assert resp.status_code == 404 and resp.json()["code"] == "repeats.not_flagged"
    assert resp.json()["detail"] == f"诉求 {case_no} 没有重复诉求标记。"
    assert (await client.get(f"{API}/cases/FK20260101-999999/repeat", headers=as_user("office"))).status_code == 404
