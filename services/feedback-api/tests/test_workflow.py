"""The workflow table, walked exhaustively over HTTP: every (status, action,
who) either follows its row or is refused — 409 with a Chinese explanation
when the status does not allow the action, 403 when it is someone else's
part, 404 when the caller cannot see the case."""

import pytest

from feedback_api.cases import workflow
from feedback_api.cases.models import STATUSES

API = "/api/feedback/v1"

# How to bring a fresh case to each status (actions after creation; the main unit is scjg).
PATHS = {
    "received": [],
    "assigned": [("assign", "office")],
    "accepted": [("assign", "office"), ("accept", "scjg")],
    "in_progress": [("assign", "office"), ("accept", "scjg"), ("start", "scjg")],
    "replied": [("assign", "office"), ("accept", "scjg"), ("start", "scjg"), ("reply", "scjg")],
    "closed": [("assign", "office"), ("accept", "scjg"), ("reply", "scjg"), ("close", "office")],
    "returned": [("assign", "office"), ("return", "scjg")],
    "reopened": [("assign", "office"), ("accept", "scjg"), ("reply", "scjg"), ("follow_up_dissatisfied", "office")],
}
STAFF_ACTIONS = [a for a in workflow.ACTIONS if a != "receive"]
WHO = {workflow.DISPATCHER: "office", workflow.HANDLER: "scjg"}


def test_the_table_is_complete_and_consistent():
    statuses = set(STATUSES)
    assert {t.target for t in workflow.TRANSITIONS} == statuses
    assert {t.source for t in workflow.TRANSITIONS} - {None} == statuses
    assert len(set((t.source, t.action, t.who) for t in workflow.TRANSITIONS)) == len(workflow.TRANSITIONS)
    assert set(workflow.EVENTS) == set(workflow.ACTIONS)
    assert set(workflow.ACTION_LABELS) == set(workflow.ACTIONS)
    assert len(workflow.TRANSITIONS) == 24


@pytest.mark.parametrize("who", [workflow.DISPATCHER, workflow.HANDLER])
@pytest.mark.parametrize("action", STAFF_ACTIONS)
@pytest.mark.parametrize("status", STATUSES)
async def test_every_status_action_and_actor(client, as_user, make_case, act, status, action, who):
    # Only a consultation may be answered directly (workflow.DIRECT_ANSWER_TYPES; test_knowledge.py has the rest).
    case_no = (await make_case(**({"type": "consultation"} if action == "direct_answer" else {})))["case_no"]
    for step, by in PATHS[status]:
        await act(case_no, step, by)
    if action in ("approve_extension", "refuse_extension") and status in ("accepted", "in_progress"):
        await act(case_no, "request_extension", "scjg")
    caller = WHO[who]
    row = workflow.find(status, action, who)
    resp = await act(case_no, action, caller, expect=None)
    body = resp.json()
    if row is not None:
        assert resp.status_code == 200, resp.text
        assert body["status"] == row.target
        event = body["events"][-1]
        assert (event["event"], event["from_status"], event["to_status"], event["actor"]) == (
            workflow.EVENTS[action], status, row.target, caller)
    elif who == workflow.HANDLER and status in ("received", "returned"):
        # Not (or no longer) the unit's case: invisible.
        assert resp.status_code == 404, resp.text
    elif workflow.allowed_from(status, action):
        assert resp.status_code == 403, resp.text
        assert body["code"] == "forbidden"
        assert body["detail"].startswith(f"「{workflow.ACTION_LABELS[action]}」只能由")
    else:
        assert resp.status_code == 409, resp.text
        assert body["code"] == "cases.illegal_transition"
        assert body["detail"].startswith(
            f"诉求 {case_no} 当前状态为「{workflow.STATUS_LABELS[status]}」，不能「{workflow.ACTION_LABELS[action]}」。")
    after = (await client.get(f"{API}/cases/{case_no}", headers=as_user("office"))).json()
    assert after["status"] == (row.target if row else status)


async def test_a_full_case_timeline_with_actors_and_comments(client, as_user, make_case, act, units):
    created = await make_case(channel="experience_officer", source_detail="营商环境体验官 陈晓")
    case_no = created["case_no"]
    assert case_no.startswith("FK2026") and len(case_no) == len("FK20261121-000123")
    await act(case_no, "assign", "office", unit_id=str(units["scjg"]), co_unit_ids=[str(units["fgw"])],
              comment="请市场监管局牵头，发改委协办")
    await act(case_no, "accept", "scjg", comment="已签收")
    await act(case_no, "start", "scjg")
    await act(case_no, "request_extension", "scjg", working_days=5, reason="需协调三个部门")
    await act(case_no, "approve_extension", "office", comment="同意延期")
    await act(case_no, "reply", "scjg", reply="已建立“综合查一次”机制。", comment="内部：已报分管领导")
    resp = await act(case_no, "close", "office", comment="电话回访，企业满意")
    case = resp.json()
    assert case["status"] == "closed" and case["satisfaction"] == "satisfied"
    assert case["reply"] == "已建立“综合查一次”机制。"
    assert case["main_unit"]["name"] == "市市场监督管理局"
    assert [u["name"] for u in case["co_units"]] == ["市发展和改革委员会"]
    assert [(e["event"], e["actor"], e["comment"]) for e in case["events"]] == [
        ("received", "office", None),
        ("assigned", "office", "请市场监管局牵头，发改委协办"),
        ("accepted", "scjg", "已签收"),
        ("in_progress", "scjg", None),
        ("extension_requested", "scjg", "需协调三个部门"),
        ("extended", "office", "同意延期"),
        ("replied", "scjg", "内部：已报分管领导"),
        ("closed", "office", "电话回访，企业满意"),
    ]
    assert case["events"][1]["detail"]["co_units"] == ["市发展和改革委员会"]
    assert all(e["occurred_at"].endswith("+08:00") for e in case["events"])
    assert case["allowed_actions"] == ["reopen"]
    assert case["extensions"][0]["status"] == "approved"
    # Each step is in the audit log too.
    log = (await client.get(f"{API}/audit-log", headers=as_user("office"),
                            params={"entity_type": "case", "entity_id": case_no, "page_size": 50})).json()
    assert [e["action"] for e in reversed(log["items"])] == [
        "case.received", "case.assigned", "case.accepted", "case.in_progress", "case.extension_requested",
        "case.extended", "case.replied", "case.closed"]


async def test_return_goes_back_to_the_dispatcher_and_the_unit_loses_the_case(client, as_user, make_case, act, units):
    case_no = (await make_case())["case_no"]
    await act(case_no, "assign", "office")
    resp = await act(case_no, "return", "scjg", reason="属区级市场监管所职责")
    assert resp.status_code == 200
    assert (await client.get(f"{API}/cases/{case_no}", headers=as_user("scjg"))).status_code == 404
    case = (await client.get(f"{API}/cases/{case_no}", headers=as_user("office"))).json()
    assert (case["status"], case["main_unit"], case["allowed_actions"]) == ("returned", None, ["assign"])
    assert case["events"][-1]["detail"] == {"unit_id": str(units["scjg"]), "reason": "属区级市场监管所职责"}
    # A return needs its reason.
    case_no2 = (await make_case())["case_no"]
    await act(case_no2, "assign", "office")
    missing = await client.post(f"{API}/cases/{case_no2}/return", headers=as_user("scjg"), json={})
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "reason", "code": "missing", "message": "必填项缺失"}]
    # Re-assigned to the district.
    again = await act(case_no, "assign", "office", unit_id=str(units["xihu"]))
    assert again.json()["status"] == "assigned" and again.json()["main_unit"]["name"] == "西湖区"


async def test_reassign_before_acceptance_and_unknown_units(client, as_user, make_case, act, units):
    case_no = (await make_case())["case_no"]
    await act(case_no, "assign", "office")
    moved = await act(case_no, "assign", "office", unit_id=str(units["zwb"]))
    assert moved.json()["main_unit"]["short_name"] == "市政务办"
    assert (await client.get(f"{API}/cases/{case_no}", headers=as_user("scjg"))).status_code == 404
    bad = await act(case_no, "assign", "office", expect=422, unit_id=str(units["hotline12345"]),
                    co_unit_ids=[str(units["fgw"])])
    assert bad.json()["errors"] == [{"field": "unit_id", "code": "unknown_unit", "message": "主办单位不存在或不能承办诉求"}]


async def test_extension_rules(client, as_user, make_case, act):
    case_no = (await make_case())["case_no"]
    for step, by in PATHS["accepted"]:
        await act(case_no, step, by)
    none_pending = await act(case_no, "approve_extension", "office", expect=409)
    assert none_pending.json()["code"] == "cases.no_pending_extension"
    too_long = await act(case_no, "request_extension", "scjg", expect=422, working_days=16)
    assert too_long.json()["errors"][0]["message"] == "一次最多申请延期 15 个工作日"
    await act(case_no, "request_extension", "scjg")
    twice = await act(case_no, "request_extension", "scjg", expect=409)
    assert twice.json()["detail"] == "该诉求已有待审批的延期申请，请等待改革办审批。"
    detail = (await client.get(f"{API}/cases/{case_no}", headers=as_user("office"))).json()
    assert detail["allowed_actions"] == ["approve_extension", "refuse_extension"]
    refused = (await act(case_no, "refuse_extension", "office")).json()
    assert refused["extensions"][0]["status"] == "refused"
    assert refused["due_at"] == detail["due_at"]
    # Replying while a request waits lets it lapse.
    await act(case_no, "request_extension", "scjg")
    replied = (await act(case_no, "reply", "scjg")).json()
    assert [x["status"] for x in replied["extensions"]] == ["refused", "refused"]
    assert replied["extensions"][1]["decision_comment"] == "已答复，延期申请自动撤销"


async def test_reopen_after_dissatisfaction_restarts_the_clock(client, as_user, make_case, act):
    case_no = (await make_case())["case_no"]
    for step, by in PATHS["replied"]:
        await act(case_no, step, by)
    reopened = (await act(case_no, "follow_up_dissatisfied", "office")).json()
    assert (reopened["status"], reopened["reopen_count"], reopened["satisfaction"], reopened["reply"]) == (
        "reopened", 1, "dissatisfied", None)
    assert reopened["allowed_actions"] == ["assign"]
    await act(case_no, "assign", "office")
    await act(case_no, "accept", "scjg")
    await act(case_no, "reply", "scjg", reply="重新核查后已退还保证金。")
    closed = (await act(case_no, "close", "office", satisfaction="basically_satisfied")).json()
    assert (closed["status"], closed["satisfaction"], closed["reopen_count"]) == ("closed", "basically_satisfied", 1)
    assert [e["event"] for e in closed["events"]].count("replied") == 2


async def test_leaders_and_co_units_cannot_act(client, as_user, make_case, act, units):
    case_no = (await make_case())["case_no"]
    await act(case_no, "assign", "office", co_unit_ids=[str(units["fgw"])])
    denied = await act(case_no, "accept", "leader", expect=403)
    assert denied.json()["detail"] == "您不是该诉求的调度或承办单位，不能「签收」。"
    co = await act(case_no, "accept", "fgw", expect=403)
    assert co.json()["code"] == "forbidden"
    # A co-unit gives its opinion as a note; internal, not public.
    note = await client.post(f"{API}/cases/{case_no}/notes", headers=as_user("fgw"),
                             json={"content": "发改委意见：建议纳入年度“综合查一次”清单。"})
    assert note.status_code == 201
    last = note.json()["events"][-1]
    assert (last["event"], last["public"], last["to_status"]) == ("co_opinion", False, "assigned")
    leader_note = await client.post(f"{API}/cases/{case_no}/notes", headers=as_user("leader"), json={"content": "阅"})
    assert leader_note.status_code == 403
