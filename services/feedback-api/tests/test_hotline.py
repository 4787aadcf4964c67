"""12345 work orders: signature, replay window, idempotency, conflicts,
field validation, the signed status read."""

import json
import time

from sqlalchemy import text

API = "/api/feedback/v1"
ORDERS = f"{API}/integrations/12345/orders"


async def test_first_push_creates_a_case_and_a_repeat_returns_the_same_answer(client, as_user, push, helpers):
    body = helpers.order()
    first = await push(body)
    assert first.status_code == 201, first.text
    answer = first.json()
    assert set(answer) == {"case_no", "order_no", "status", "due_at"}
    assert answer["order_no"] == "GD20260930000123"
    assert answer["status"] == "received"
    assert answer["case_no"].startswith("FK20260930-")
    # 投诉: 5 working days from 30 Sep 2026 across the National Day holiday (1–7 Oct) and the
    # make-up working Saturday 10 Oct: 8, 9, 10, 12, 13 Oct.
    assert answer["due_at"] == "2026-10-13T23:59:59+08:00"

    again = await push(body)
    assert again.status_code == 200
    assert again.json() == answer
    # Same JSON with another key order and spacing is the same body.
    reordered = json.dumps(dict(reversed(list(body.items()))), ensure_ascii=False, indent=2).encode()
    resp = await client.post(ORDERS, content=reordered, headers=helpers.signed(reordered))
    assert resp.status_code == 200 and resp.json() == answer

    listed = (await client.get(f"{API}/cases", headers=as_user("office"), params={"channel": "hotline_12345"})).json()
    assert listed["total"] == 1
    item = listed["items"][0]
    assert (item["external_id"], item["channel_label"], item["type"], item["category"]["path"]) == (
        "GD20260930000123", "12345热线", "complaint", "政务服务 / 企业开办与注销")
    assert (item["district"], item["contact_phone"]) == ({"code": "330106", "name": "西湖区"}, "138****1234")


async def test_intake_writes_the_case_its_first_event_and_one_audit_row(push, helpers, db_connection):
    """One statement writes the three rows (cases/repository.insert_new_case): the columns intake leaves
    unset are NULL as the ORM would have written them, and the request adds no generic audit entry (its
    attachment is written by the ORM afterwards)."""
    resp = await push(helpers.order(credit_code=None,
                                    attachments=[{"name": "现场照片.jpg", "url": "https://12345.example.cn/f/1.jpg"}]))
    assert resp.status_code == 201, resp.text
    case_no = resp.json()["case_no"]
    case = (await db_connection.execute(text("SELECT * FROM cases WHERE case_no = :n"), {"n": case_no})).mappings().one()
    assert (case["status"], case["channel"], case["external_id"], case["type"]) == (
        "received", "hotline_12345", "GD20260930000123", "complaint")
    assert (case["anonymous"], case["reopen_count"], case["time_limit_working_days"]) == (False, 0, 5)
    assert case["intake_response"] == resp.json()
    unset = ("credit_code", "desired_outcome", "contact_id_enc", "contact_id_masked", "main_unit_id",
             "accept_due_at", "assigned_at", "accepted_at", "replied_at", "reply", "closed_at", "first_closed_at",
             "satisfaction", "satisfaction_comment", "repeat_of_id", "source_detail", "created_by_unit_id")
    assert {name: case[name] for name in unset} == dict.fromkeys(unset)
    now = (await db_connection.execute(text("SELECT now()"))).scalar_one()
    assert case["created_at"] <= now and case["updated_at"] == case["received_at"]
    events = (await db_connection.execute(text(
        "SELECT event, from_status, to_status, actor, actor_kind, public, detail FROM case_events "
        "WHERE case_id = :id ORDER BY id"), {"id": case["id"]})).all()
    assert [tuple(e) for e in events] == [("received", None, "received", "12345:demo-12345", "hotline", True,
                                           {"channel": "hotline_12345", "due_at": "2026-10-13T23:59:59+08:00",
                                            "time_limit_working_days": 5})]
    audited = (await db_connection.execute(text(
        "SELECT action, entity_type, actor, detail->>'to', request_id FROM audit_log WHERE entity_id = :n "
        "OR request_id = :r"), {"n": case_no, "r": resp.headers["x-request-id"]})).all()
    assert [tuple(a) for a in audited] == [("case.received", "case", "hotline:12345:demo-12345", "received",
                                            resp.headers["x-request-id"])]


async def test_same_order_number_with_another_body_is_a_conflict(push, helpers):
    assert (await push(helpers.order())).status_code == 201
    changed = await push(helpers.order(content="内容已改变"))
    assert changed.status_code == 409
    assert changed.json()["code"] == "hotline.order_conflict"
    assert changed.json()["detail"].startswith("工单 GD20260930000123 已推送过且内容不同")


async def test_signature_and_replay_window(client, push, helpers):
    body = helpers.order()
    raw = json.dumps(body, ensure_ascii=False).encode()
    now = int(time.time())

    async def status_of(headers) -> tuple[int, str]:
        resp = await client.post(ORDERS, content=raw, headers=headers)
        return resp.status_code, resp.json()["code"]

    assert await status_of({"Content-Type": "application/json"}) == (401, "hotline.unsigned")
    assert await status_of(helpers.signed(raw, key="nobody")) == (401, "hotline.unknown_key")
    # A valid signature with another key's secret.
    assert await status_of(helpers.signed(raw, secret="other-secret")) == (401, "hotline.bad_signature")
    # Signed over another body.
    assert await status_of(helpers.signed(raw + b" ")) == (401, "hotline.bad_signature")
    tampered = helpers.signed(raw)
    tampered["X-Hotline-Signature"] = tampered["X-Hotline-Signature"].upper()
    assert await status_of(tampered) == (401, "hotline.bad_signature")
    assert await status_of(helpers.signed(raw, ts=now - 301)) == (401, "hotline.stale_timestamp")
    assert await status_of(helpers.signed(raw, ts=now + 301)) == (401, "hotline.stale_timestamp")
    bad_ts = helpers.signed(raw)
    bad_ts["X-Hotline-Timestamp"] = "yesterday"
    assert await status_of(bad_ts) == (401, "hotline.bad_timestamp")
    refused = await client.post(ORDERS, content=raw, headers=helpers.signed(raw, ts=now - 301))
    assert refused.json()["detail"] == "请求时间与服务器时间相差超过 300 秒，请校准时钟后重新签名发送。"
    # Inside the window, either side.
    assert (await push(body, ts=now - 290)).status_code == 201
    assert (await push(body, ts=now + 290)).status_code == 200


async def test_invalid_fields_are_all_listed_in_chinese(client, push, helpers):
    body = helpers.order(caller_phone="1381234", credit_code="91330106MA2CFXX77A", type="催办", district="东城区",
                         received_at="2026-09-30T10:15:00", title=None, time_limit_working_days=0,
                         attachments=[{"name": "现场照片.jpg", "url": "ftp://example.cn/a.jpg"}])
    resp = await push(body)
    assert resp.status_code == 422
    problem = resp.json()
    assert problem["code"] == "validation_failed"
    messages = {e["field"]: e["message"] for e in problem["errors"]}
    assert messages == {
        "caller_phone": "联系电话格式不正确，请填写 11 位手机号或带区号的固定电话",
        "credit_code": "统一社会信用代码校验位不正确，请核对",
        "type": "诉求类型应为 咨询、求助、投诉、举报、建议、表扬 之一",
        "district": "区县不存在，请填写本市区县名称或 GB/T 2260 行政区划代码",
        "received_at": "受理时间须带时区，如 2026-09-30T10:15:00+08:00",
        "title": "必填项缺失",
        "time_limit_working_days": "数值过小",
        "attachments.0.url": "附件地址应为 http 或 https 链接",
    }
    assert all(not e["message"].isascii() for e in problem["errors"])
    # No personal data echoed back.
    assert "1381234" not in resp.text
    future = await push(helpers.order(received_at="2099-01-01T00:00:00+08:00"))
    assert future.status_code == 422
    assert future.json()["errors"] == [{"field": "received_at", "code": "value_error", "message": "受理时间不能晚于现在"}]
    blank = await push(helpers.order(district="  "))
    assert [e["field"] for e in blank.json()["errors"]] == ["district"]
    for raw in (b"[]", b"null", b'{"district": 123}'):
        resp = await client.post(ORDERS, content=raw, headers=helpers.signed(raw))
        assert resp.status_code == 422, raw
    not_json = await client.post(ORDERS, content=b"{oops", headers=helpers.signed(b"{oops"))
    assert not_json.status_code == 422 and not_json.json()["errors"][0]["code"] == "json_invalid"


async def test_district_by_code_category_fallback_time_limit_and_attachments(client, as_user, push, helpers):
    resp = await push(helpers.order(order_no="GD-2", district="330108", category="城市管理-占道", type="求助",
                                    time_limit_working_days=3, credit_code=None,
                                    attachments=[{"name": "现场照片.jpg", "url": "https://12345.example.cn/f/1.jpg"}]))
    assert resp.status_code == 201
    # The order's own limit wins over 求助's 5: 8, 9 Oct and the make-up Saturday 10 Oct.
    assert resp.json()["due_at"] == "2026-10-10T23:59:59+08:00"
    case = (await client.get(f"{API}/cases/{resp.json()['case_no']}", headers=as_user("office"))).json()
    assert (case["type"], case["category"]["code"], case["external_category"]) == ("help", "other", "城市管理-占道")
    assert (case["district"]["name"], case["time_limit_working_days"], case["credit_code"]) == ("滨江区", 3, None)
    assert [(a["filename"], a["url"], a["source"]) for a in case["attachments"]] == [
        ("现场照片.jpg", "https://12345.example.cn/f/1.jpg", "hotline")]
    assert case["events"][0]["actor"] == "12345:demo-12345"
    assert case["events"][0]["actor_kind"] == "hotline"
    # The 滨江区 unit sees a case of its district.
    assert (await client.get(f"{API}/cases/{case['case_no']}", headers=as_user("binjiang"))).status_code == 200


async def test_signed_status_read(client, as_user, push, act, helpers, units):
    case_no = (await push(helpers.order())).json()["case_no"]
    path = f"{ORDERS}/GD20260930000123"
    fresh = await client.get(path, headers=helpers.signed(b""))
    assert fresh.status_code == 200
    assert fresh.json() == {
        "order_no": "GD20260930000123", "case_no": case_no, "status": "received", "status_label": "已受理",
        "due_at": "2026-10-13T23:59:59+08:00", "handling_unit": None, "reply": None, "replied_at": None,
        "closed_at": None, "satisfaction": None,
    }
    await act(case_no, "assign", "office")
    await act(case_no, "accept", "scjg")
    await act(case_no, "reply", "scjg", reply="已协调银行简化开户材料。")
    await act(case_no, "close", "office", satisfaction="basically_satisfied")
    done = (await client.get(path, headers=helpers.signed(b""))).json()
    assert (done["status"], done["handling_unit"], done["reply"], done["satisfaction"]) == (
        "closed", "市市场监督管理局", "已协调银行简化开户材料。", "basically_satisfied")
    assert done["closed_at"].endswith("+08:00") and done["replied_at"].endswith("+08:00")
    assert (await client.get(f"{ORDERS}/NOPE", headers=helpers.signed(b""))).status_code == 404
    assert (await client.get(path, headers=helpers.signed(b"x"))).status_code == 401
    assert (await client.get(path)).status_code == 401


async def test_the_hotline_account_reaches_only_the_integration(client, as_user):
    for path in ("/cases", "/cases/summary", "/cases/FK20260101-000001"):
        resp = await client.get(f"{API}{path}", headers=as_user("hotline"))
        assert resp.status_code == 403, path
    # A user token is no substitute for the signature.
    assert (await client.post(ORDERS, headers=as_user("hotline"), json={})).status_code == 401
