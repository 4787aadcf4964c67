"""Progress reports with review and reporting status; reminder notices with
the robot webhook, acknowledgement and replies."""

import asyncio

from sqlalchemy import text

API = "/api/tasks/v1"


async def test_report_review_and_progress(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task(quarterly_template=True)
    scjg, fgw = as_user("scjg"), as_user("fgw")
    submitted = await client.post(f"{API}/tasks/{task['code']}/reports", headers=scjg, params={"as_of": "2026-05-12"},
                                  json={"content": "已完成系统对接方案评审", "progress": 40})
    assert submitted.status_code == 201, submitted.text
    report = submitted.json()
    assert (report["period_start"], report["period_end"], report["status"]) == ("2026-05-01", "2026-05-31",
                                                                                "submitted")
    assert report["unit"]["short_name"] == "市市场监管局"
    twice = await client.post(f"{API}/tasks/{task['code']}/reports", headers=scjg, params={"as_of": "2026-05-20"},
                              json={"content": "重复", "progress": 41})
    assert twice.status_code == 409 and twice.json()["code"] == "reports.already_submitted"
    # Only the lead unit (or the office) reviews; returning needs a reason.
    assert (await client.post(f"{API}/reports/{report['id']}/review", headers=scjg,
                              json={"decision": "approve"})).status_code == 403
    no_reason = await client.post(f"{API}/reports/{report['id']}/review", headers=fgw, json={"decision": "return"})
    assert no_reason.status_code == 422 and no_reason.json()["code"] == "reports.comment_required"
    approved = await client.post(f"{API}/reports/{report['id']}/review", headers=fgw, json={"decision": "approve"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    detail = (await client.get(f"{API}/tasks/{task['code']}", headers=scjg, params={"as_of": "2026-05-12"})).json()
    assert detail["progress"] == 40 and detail["status"] == "in_progress"
    assert detail["latest_report"]["content"] == "已完成系统对接方案评审"
    history = (await client.get(f"{API}/tasks/{task['code']}/history", headers=fgw)).json()
    assert {"report.submit", "report.approved"} <= {e["action"] for e in history["items"]}


async def test_a_returned_report_can_be_submitted_again(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task()
    scjg, fgw = as_user("scjg"), as_user("fgw")
    first = (await client.post(f"{API}/tasks/{task['code']}/reports", headers=scjg, params={"as_of": "2026-03-10"},
                               json={"content": "进展一般", "progress": 10})).json()
    returned = await client.post(f"{API}/reports/{first['id']}/review", headers=fgw,
                                 json={"decision": "return", "comment": "请补充量化数据"})
    assert returned.json()["status"] == "returned"
    again = await client.post(f"{API}/tasks/{task['code']}/reports", headers=scjg, params={"as_of": "2026-03-11"},
                              json={"content": "已办结 120 件，平均 1.5 个工作日", "progress": 20})
    assert again.status_code == 201
    # Units that are neither lead nor responsible cannot report; out of scope is 404.
    assert (await client.post(f"{API}/tasks/{task['code']}/reports", headers=as_user("gaj"),
                              json={"content": "越权报送", "progress": 5})).status_code == 404
    assert (await client.post(f"{API}/tasks/{task['code']}/reports", headers=as_user("leader"),
                              json={"content": "领导不报送", "progress": 5})).status_code == 403


async def test_attachments_are_checked_and_downloadable(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task()
    scjg = as_user("scjg")
    report = (await client.post(f"{API}/tasks/{task['code']}/reports", headers=scjg,
                                json={"content": "附件测试", "progress": 5})).json()
    pdf = b"%PDF-1.4 minimal"
    up = await client.post(f"{API}/reports/{report['id']}/attachments", headers=scjg,
                           files={"file": ("进展材料.pdf", pdf, "application/pdf")})
    assert up.status_code == 201, up.text
    assert up.json()["attachments"] == [{"index": 0, "filename": "进展材料.pdf", "content_type": "application/pdf",
                                         "size": len(pdf)}]
    down = await client.get(f"{API}/reports/{report['id']}/attachments/0", headers=as_user("fgw"))
    assert down.status_code == 200 and down.content == pdf
    exe = await client.post(f"{API}/reports/{report['id']}/attachments", headers=scjg,
                            files={"file": ("a.exe", b"MZ", "application/octet-stream")})
    assert exe.status_code == 415 and exe.json()["code"] == "reports.attachment_type"
    big = await client.post(f"{API}/reports/{report['id']}/attachments", headers=scjg,
                            files={"file": ("big.pdf", b"0" * (10 * 1024 * 1024 + 1), "application/pdf")})
    assert big.status_code == 413
    assert (await client.get(f"{API}/reports/{report['id']}/attachments/0",
                             headers=as_user("gaj"))).status_code == 404


async def test_missing_and_late_reports_per_unit(client, as_user, make_plan, make_task, units, db_connection):
    await make_plan()
    task = await make_task(responsible_unit_ids=[str(units["scjg"]), str(units["xihu"])])
    # The April report is due by the 3rd working day after 30 April: 1–5 May is the Labour Day
    # holiday, so 6, 7, 8 May — due 8 May. 市市场监管局 reports on Saturday 9 May (a make-up
    # working day): late.
    scjg = as_user("scjg")
    late = await client.post(f"{API}/tasks/{task['code']}/reports", headers=scjg, params={"as_of": "2026-05-09"},
                             json={"content": "四月进展", "progress": 30, "period_start": "2026-04-15"})
    assert late.status_code == 201
    await db_connection.execute(text("UPDATE progress_reports SET submitted_at = '2026-05-09T10:00:00+08:00'"))
    assert late.json()["period_start"] == "2026-04-01"
    status = (await client.get(f"{API}/reporting-status", headers=as_user("office"),
                               params={"year": 2026, "as_of": "2026-05-15"})).json()
    assert (status["period_start"], status["due"]) == ("2026-04-01", "2026-05-08")
    by_unit = {u["unit"]["short_name"]: u for u in status["units"]}
    assert by_unit["市市场监管局"]["late"] == 1
    assert by_unit["西湖区"]["missing"] == 1 and by_unit["西湖区"]["missing_tasks"] == [task["code"]]
    assert by_unit["市发改委"]["missing"] == 1
    own = (await client.get(f"{API}/reporting-status", headers=scjg, params={"year": 2026, "as_of": "2026-05-15"})).json()
    assert [u["unit"]["short_name"] for u in own["units"]] == ["市市场监管局"]


async def test_one_notice_per_unit_per_day_to_the_webhook(client, as_user, make_plan, make_task, units, app, webhook):
    await make_plan()
    red = await make_task(title="已逾期任务", deadline="2026-11-20",
                          responsible_unit_ids=[str(units["scjg"]), str(units["xihu"])])
    yellow = await make_task(title="即将到期任务", deadline="2026-11-26", lead_unit_id=str(units["scjg"]),
                             responsible_unit_ids=[])
    await make_task(title="正常任务", deadline="2026-12-31", lead_unit_id=str(units["sfj"]),
                    responsible_unit_ids=[str(units["gaj"])])
    office = as_user("office")
    webhook.messages.clear()
    run = await client.post(f"{API}/reminder-notices/run", headers=office, params={"as_of": "2026-11-23"})
    assert run.status_code == 200, run.text
    # Delivery runs after the commit, in the background; the test waits for it
    # (it shares the test's connection, so nothing else may run meanwhile).
    await app.state.background.drain()
    body = run.json()
    notices = {n["unit_name"]: n for n in body["notices"]}
    # fgw leads the red one; scjg is on both; xihu on the red one; sfj and gaj have nothing.
    assert set(notices) == {"市发展和改革委员会", "市市场监督管理局", "西湖区"}
    scjg_notice = notices["市市场监督管理局"]
    assert [(i["task_code"], i["warning"]) for i in scjg_notice["items"]] == [(red["code"], "red"),
                                                                            (yellow["code"], "yellow")]
    assert "红牌 1 项、黄牌 1 项" in scjg_notice["content"]
    assert scjg_notice["number"] == "TS-20261123-scjg"
    again = (await client.post(f"{API}/reminder-notices/run", headers=office, params={"as_of": "2026-11-23"})).json()
    assert (again["issued"], again["already_issued"]) == (0, 3)
    assert sorted(m["key"] for m in webhook.messages) == sorted(n["number"] for n in body["notices"])
    message = next(m["body"] for m in webhook.messages if m["key"] == "TS-20261123-scjg")
    assert message["msgtype"] == "markdown" and "提示单 TS-20261123-scjg" in message["markdown"]["title"]
    listed = (await client.get(f"{API}/reminder-notices", headers=office, params={"issued_on": "2026-11-23"})).json()
    assert {n["webhook_status"] for n in listed["items"]} == {"sent"}
    assert (await client.post(f"{API}/reminder-notices/run", headers=as_user("fgw"))).status_code == 403


async def test_acknowledge_reply_and_counts(client, as_user, make_plan, make_task, app):
    await make_plan()
    await make_task(deadline="2026-11-20")
    office, scjg = as_user("office"), as_user("scjg")
    await client.post(f"{API}/reminder-notices/run", headers=office, params={"as_of": "2026-11-23"})
    await app.state.background.drain()
    mine = (await client.get(f"{API}/reminder-notices", headers=scjg)).json()
    assert mine["total"] == 1
    notice = mine["items"][0]
    counts = {c["unit_name"]: c for c in (await client.get(f"{API}/reminder-notices/counts", headers=office)).json()}
    assert counts["市市场监督管理局"]["unacknowledged"] == 1
    # Only the addressee signs; others do not even see it.
    assert (await client.post(f"{API}/reminder-notices/{notice['id']}/acknowledge",
                              headers=as_user("fgw"))).status_code == 404
    assert (await client.post(f"{API}/reminder-notices/{notice['id']}/acknowledge",
                              headers=office)).status_code == 403
    signed = await client.post(f"{API}/reminder-notices/{notice['id']}/acknowledge", headers=scjg)
    assert signed.status_code == 200 and signed.json()["acknowledged_by"] == "scjg"
    replied = await client.post(f"{API}/reminder-notices/{notice['id']}/reply", headers=scjg,
                                json={"reply": "已与省数据局对接，11月30日前完成上线。"})
    assert replied.json()["reply"].startswith("已与省数据局对接")
    counts = {c["unit_name"]: c for c in (await client.get(f"{API}/reminder-notices/counts", headers=office)).json()}
    assert counts["市市场监督管理局"]["unacknowledged"] == 0
    workbench = (await client.get(f"{API}/workbench", headers=scjg, params={"as_of": "2026-11-23"})).json()
    assert workbench["notices_to_acknowledge"] == []
    assert workbench["counts"]["red"] == 1
    assert [t["task"]["code"] for t in workbench["to_report"]] == [workbench["warned_tasks"][0]["code"]]


async def test_a_failing_webhook_is_recorded_not_fatal(client, as_user, make_plan, make_task, app, webhook):
    await make_plan()
    await make_task(deadline="2026-11-20")
    webhook.fail = True
    try:
        run = await client.post(f"{API}/reminder-notices/run", headers=as_user("office"),
                                params={"as_of": "2026-11-24"})
        assert run.status_code == 200 and run.json()["issued"] == 2
        await app.state.background.drain()
    finally:
        webhook.fail = False
    listed = (await client.get(f"{API}/reminder-notices", headers=as_user("office"))).json()
    assert {n["webhook_status"] for n in listed["items"]} == {"failed"}


def test_the_daily_schedule_runs_at_the_configured_time():
    from datetime import datetime, time

    from reform_common.workdays import SHANGHAI

    from tasks_api.notices.delivery import next_run

    morning = datetime(2026, 11, 23, 7, 0, tzinfo=SHANGHAI)
    assert next_run(morning, time(8, 30)) == datetime(2026, 11, 23, 8, 30, tzinfo=SHANGHAI)
    later = datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)
    assert next_run(later, time(8, 30)) == datetime(2026, 11, 24, 8, 30, tzinfo=SHANGHAI)
    assert asyncio.iscoroutinefunction(__import__("tasks_api.notices.delivery", fromlist=["x"]).daily_loop)
