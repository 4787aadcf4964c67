"""Deadlines in working days on the official calendar: the 2026 National Day
holiday and its make-up Saturday, a year chinese-calendar does not cover
(weekday fallback, then the override table), extensions, reopening, and the
normal / approaching / overdue state in lists and counts."""

from datetime import UTC, datetime

from reform_common.workdays import WorkingCalendar, today_shanghai

API = "/api/feedback/v1"


async def test_due_dates_across_national_day_and_make_up_days(push, helpers):
    cases = {
        # Received the day before the holiday: 8, 9, 10 (Saturday, a working day), 12, 13 Oct.
        "A": (helpers.order(order_no="A"), "2026-10-13T23:59:59+08:00"),
        # 00:30 in Shanghai is still the evening before in UTC: the Shanghai day counts.
        "B": (helpers.order(order_no="B", received_at="2026-09-29T16:30:00Z"), "2026-10-13T23:59:59+08:00"),
        # 咨询 (3 days), received on the holiday itself.
        "C": (helpers.order(order_no="C", type="咨询", received_at="2026-10-03T09:00:00+08:00"),
              "2026-10-10T23:59:59+08:00"),
        # Saturday 19 Sep 2026: the next working day is Sunday 20 Sep (make-up for Mid-Autumn).
        "D": (helpers.order(order_no="D", time_limit_working_days=1, received_at="2026-09-19T11:00:00+08:00"),
              "2026-09-20T23:59:59+08:00"),
        # 建议 (15 days) from 24 Sep: 25–27 Sep Mid-Autumn and 1–7 Oct skipped, 10 Oct counted.
        "E": (helpers.order(order_no="E", type="建议", received_at="2026-09-24T09:00:00+08:00"),
              "2026-10-22T23:59:59+08:00"),
    }
    for name, (body, due) in cases.items():
        resp = await push(body)
        assert resp.status_code == 201, resp.text
        assert resp.json()["due_at"] == due, name


async def test_a_year_the_calendar_package_does_not_cover(client, as_user, push, helpers):
    # chinese-calendar covers 2004–2026 only: 2003 falls back to Monday–Friday (National Day not known).
    resp = await push(helpers.order(order_no="Y2003-1", received_at="2003-09-30T10:00:00+08:00"))
    assert resp.json()["due_at"] == "2003-10-07T23:59:59+08:00"
    case = (await client.get(f"{API}/cases/{resp.json()['case_no']}", headers=as_user("office"))).json()
    assert case["notices"] == [
        "2003 年的法定节假日安排尚未录入，暂按周一至周五计算工作日；国务院公布安排后请在工作日历中录入。"]
    listed = (await client.get(f"{API}/cases", headers=as_user("office"))).json()
    assert listed["notices"] == case["notices"]
    # The office enters 2003's official schedule: holidays 1–7 Oct, working weekend 27–28 Sep.
    days = [{"day": f"2003-10-0{d}", "is_working_day": False, "note": "国庆节"} for d in range(1, 8)]
    days += [{"day": "2003-09-27", "is_working_day": True, "note": "调休上班"},
             {"day": "2003-09-28", "is_working_day": True, "note": "调休上班"}]
    put = await client.put(f"{API}/calendar/2003", headers=as_user("office"),
                           json={"published": True, "note": "国办发明电〔2002〕", "days": days})
    assert put.status_code == 200, put.text
    assert (put.json()["source"], put.json()["notice"]) == ("published", None)
    assert (await client.put(f"{API}/calendar/2003", headers=as_user("scjg"), json={"published": True})
            ).status_code == 403
    later = await push(helpers.order(order_no="Y2003-2", received_at="2003-09-30T10:00:00+08:00"))
    assert later.json()["due_at"] == "2003-10-14T23:59:59+08:00"
    case = (await client.get(f"{API}/cases/{later.json()['case_no']}", headers=as_user("office"))).json()
    assert case["notices"] == []


async def test_an_approved_extension_moves_the_deadline(client, as_user, push, act, helpers):
    case_no = (await push(helpers.order())).json()["case_no"]
    await act(case_no, "assign", "office")
    await act(case_no, "accept", "scjg")
    await act(case_no, "request_extension", "scjg", working_days=3)
    case = (await act(case_no, "approve_extension", "office")).json()
    # 13 Oct + 3 working days.
    assert case["due_at"] == "2026-10-16T23:59:59+08:00"
    ext = case["extensions"][0]
    assert (ext["status"], ext["working_days"], ext["old_due_at"], ext["new_due_at"]) == (
        "approved", 3, "2026-10-13T23:59:59+08:00", "2026-10-16T23:59:59+08:00")
    assert case["events"][-1]["detail"]["new_due_at"] == "2026-10-16T23:59:59+08:00"


async def test_the_case_page_offers_the_extension_actions_that_fit_a_pending_request(client, as_user, push, act,
                                                                                     helpers):
    case_no = (await push(helpers.order())).json()["case_no"]
    await act(case_no, "assign", "office")
    await act(case_no, "accept", "scjg")

    async def actions(who: str) -> set[str]:
        page = await client.get(f"{API}/cases/{case_no}", headers=as_user(who))
        return set(page.json()["allowed_actions"]) & {"request_extension", "approve_extension", "refuse_extension"}

    assert (await actions("scjg"), await actions("office")) == ({"request_extension"}, set())
    requested = (await act(case_no, "request_extension", "scjg", working_days=3)).json()
    assert [(x["status"], x["working_days"]) for x in requested["extensions"]] == [("pending", 3)]
    assert "request_extension" not in requested["allowed_actions"]
    assert (await actions("scjg"), await actions("office")) == (set(), {"approve_extension", "refuse_extension"})
    await act(case_no, "refuse_extension", "office", comment="可在时限内办结")
    assert (await actions("scjg"), await actions("office")) == ({"request_extension"}, set())


async def test_normal_approaching_overdue_in_lists_and_counts(client, as_user, push, act, helpers):
    now = datetime.now(UTC).isoformat()
    overdue = (await push(helpers.order(order_no="LATE"))).json()["case_no"]
    approaching = (await push(helpers.order(order_no="SOON", received_at=now, time_limit_working_days=1))).json()
    normal = (await push(helpers.order(order_no="LATER", received_at=now, time_limit_working_days=10))).json()
    calendar = WorkingCalendar()
    assert approaching["due_at"] == calendar.due_at(today_shanghai(), 1).isoformat()
    office = as_user("office")
    summary = (await client.get(f"{API}/cases/summary", headers=office)).json()
    assert summary["by_deadline"] == {"normal": 1, "approaching": 1, "overdue": 1}
    assert (summary["total"], summary["by_status"]["received"], summary["accept_overdue"]) == (3, 3, 0)
    for state, case_no in (("overdue", overdue), ("approaching", approaching["case_no"]),
                           ("normal", normal["case_no"])):
        listed = (await client.get(f"{API}/cases", headers=office, params={"deadline_state": state})).json()
        assert [i["case_no"] for i in listed["items"]] == [case_no], state
        assert listed["items"][0]["deadline_label"] == {"overdue": "超期", "approaching": "临期", "normal": "正常"}[state]
    # Assigning starts the 1-working-day acceptance limit; a late reply stays marked overdue.
    assigned = (await act(overdue, "assign", "office")).json()
    assert assigned["accept_due_at"] == calendar.due_at(today_shanghai(), 1).isoformat()
    assert assigned["accept_overdue"] is False
    await act(overdue, "accept", "scjg")
    replied = (await act(overdue, "reply", "scjg")).json()
    assert (replied["deadline_state"], replied["events"][-1]["detail"]["late"]) == ("overdue", True)
    summary = (await client.get(f"{API}/cases/summary", headers=office)).json()
    assert summary["by_deadline"] == {"normal": 1, "approaching": 1, "overdue": 0}
    assert summary["by_status"]["replied"] == 1


async def test_reopening_starts_a_new_period_by_type(client, as_user, make_case, act):
    case_no = (await make_case(type="help"))["case_no"]
    await act(case_no, "assign", "office")
    await act(case_no, "accept", "scjg")
    await act(case_no, "reply", "scjg")
    reopened = (await act(case_no, "follow_up_dissatisfied", "office")).json()
    assert reopened["due_at"] == WorkingCalendar().due_at(today_shanghai(), 5).isoformat()


async def test_time_limits_come_from_configuration(client, app, monkeypatch):
    options = (await client.get(f"{API}/public/options")).json()
    assert {t["code"]: t["time_limit_working_days"] for t in options["types"]} == {
        "consultation": 3, "help": 5, "complaint": 5, "report": 5, "suggestion": 15, "praise": 5}
    monkeypatch.setitem(app.state.settings.feedback_time_limits, "consultation", 2)
    options = (await client.get(f"{API}/public/options")).json()
    assert options["types"][0] == {"code": "consultation", "label": "咨询", "time_limit_working_days": 2,
                                   "anonymous_allowed": False}
