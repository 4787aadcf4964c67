"""Personal data (encrypted at rest, masked, audited reveal, never logged),
credit-code checking, and who sees which case."""

import logging

import pytest
from sqlalchemy import text

from feedback_api import identifiers
from feedback_api.privacy import PiiVault

API = "/api/feedback/v1"
ID_NUMBER = "11010519491231002X"  # the GB 11643 sample number


@pytest.mark.parametrize("code", [
    "9144030071526726XG",  # starts with 9 (企业)
    "914403001922038216",
    "Y1330106MA2CX1234B",  # starts with a letter
    "N2330100MA2CX1234R",
    "A1330106MA2CX12340",
    " 91330106ma2cfxx77m ",  # spaces and lower case are normalised
])
def test_valid_credit_codes(code):
    assert identifiers.normalize_credit_code(code) == code.strip().upper()


@pytest.mark.parametrize("code, message", [
    ("9144030071526726XA", "统一社会信用代码校验位不正确，请核对"),
    ("Y1330106MA2CX1234C", "统一社会信用代码校验位不正确，请核对"),
    ("9144030071526726X", "统一社会信用代码应为 18 位"),
    ("9144030071526726IG", "统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）"),
    ("91A403007152672XXG", "统一社会信用代码第 3～8 位应为登记管理机关行政区划码"),
])
def test_invalid_credit_codes(code, message):
    with pytest.raises(ValueError) as err:
        identifiers.normalize_credit_code(code)
    assert str(err.value) == message


def test_phone_and_id_numbers():
    assert identifiers.normalize_phone("+86 138-1234-1234") == "13812341234"
    assert identifiers.normalize_phone("0571-87654321") == "057187654321"
    assert identifiers.mask_phone("13812341234") == "138****1234"
    assert identifiers.normalize_id_number(ID_NUMBER.lower()) == ID_NUMBER
    assert identifiers.mask_id_number(ID_NUMBER) == "1101**********002X"
    for bad in ("12812341234", "1381234123", "abc"):
        with pytest.raises(ValueError):
            identifiers.normalize_phone(bad)
    with pytest.raises(ValueError, match="校验位"):
        identifiers.normalize_id_number("110105194912310021")


def test_vault_binds_ciphertexts_to_their_field_and_rotates():
    old = PiiVault("old-key")
    token = old.encrypt("13812341234", "contact_phone")
    assert "13812341234" not in token
    assert old.encrypt("13812341234", "contact_phone") != token  # fresh nonce each time
    rotated = PiiVault("new-key", ["old-key"])
    assert rotated.decrypt(token, "contact_phone") == "13812341234"
    with pytest.raises(Exception):
        rotated.decrypt(token, "contact_id_number")
    with pytest.raises(ValueError):
        PiiVault("new-key").decrypt(token, "contact_phone")
    assert old.blind_index("13812341234", "phone") != rotated.blind_index("13812341234", "phone")


async def test_credit_codes_through_the_api(client, as_user, make_case):
    ok = await make_case(credit_code="y1330106ma2cx1234b")
    case = (await client.get(f"{API}/cases/{ok['case_no']}", headers=as_user("office"))).json()
    assert case["credit_code"] == "Y1330106MA2CX1234B"
    resp = await client.post(f"{API}/cases", headers=as_user("office"), json={
        "channel": "salon", "type": "suggestion", "category_code": "policy", "title": "政策兑现",
        "description": "建议惠企政策免申即享。", "credit_code": "9144030071526726XA", "contact_phone": "1381234"})
    assert resp.status_code == 422
    assert {e["field"]: e["message"] for e in resp.json()["errors"]} == {
        "credit_code": "统一社会信用代码校验位不正确，请核对",
        "contact_phone": "联系电话格式不正确，请填写 11 位手机号或带区号的固定电话"}


async def test_personal_data_is_encrypted_masked_audited_and_never_logged(
    client, as_user, make_case, act, units, db_connection, caplog
):
    caplog.set_level(logging.DEBUG)
    created = await make_case(contact_phone="13812345678", contact_id_number=ID_NUMBER, district="西湖区")
    case_no = created["case_no"]
    await act(case_no, "assign", "office", co_unit_ids=[str(units["fgw"])])
    row = (await db_connection.execute(text(
        "SELECT contact_phone_enc, contact_phone_index, contact_phone_masked, contact_id_enc, contact_id_masked "
        "FROM cases WHERE case_no = :n"), {"n": case_no})).one()
    assert "13812345678" not in "".join(row) and ID_NUMBER not in "".join(row)
    assert row.contact_phone_masked == "138****5678" and row.contact_id_masked == "1101**********002X"
    events = (await db_connection.execute(text("SELECT detail::text, coalesce(comment, '') FROM case_events"))).all()
    audit_rows = (await db_connection.execute(text("SELECT detail::text FROM audit_log"))).all()
    assert "13812345678" not in str(events) + str(audit_rows)

    # Masked in lists and details for every role that can see the case.
    for who in ("office", "scjg", "fgw", "xihu", "leader"):
        listed = (await client.get(f"{API}/cases", headers=as_user(who))).json()
        assert [(i["case_no"], i["contact_phone"]) for i in listed["items"]] == [(case_no, "138****5678")], who
        detail = (await client.get(f"{API}/cases/{case_no}", headers=as_user(who))).json()
        assert (detail["contact_phone"], detail["contact_id_number"]) == ("138****5678", "1101**********002X")
        assert "13812345678" not in str(detail)
        assert detail["can_reveal_contact"] is (who in ("office", "scjg", "fgw")), who
        assert (detail["tracking_code"] is not None) is (who in ("office", "scjg", "fgw")), who

    # Revealing: the dispatcher and the handling units only, each time audited.
    for who in ("office", "scjg", "fgw"):
        resp = await client.post(f"{API}/cases/{case_no}/contact", headers=as_user(who), json={"reason": "电话回访"})
        assert resp.status_code == 200, resp.text
        assert resp.json() == {"case_no": case_no, "contact_name": "赵经理", "contact_phone": "13812345678",
                               "contact_id_number": ID_NUMBER}
    for who, status in (("leader", 403), ("xihu", 403), ("zwb", 404), ("binjiang", 404)):
        assert (await client.post(f"{API}/cases/{case_no}/contact", headers=as_user(who))).status_code == status, who
    log = (await client.get(f"{API}/audit-log", headers=as_user("office"),
                            params={"action": "case.contact_revealed"})).json()
    assert [(e["actor"], e["entity_id"], e["detail"]) for e in log["items"]] == [
        (who, case_no, {"reason": "电话回访", "fields": ["contact_phone", "contact_id_number"]})
        for who in ("fgw", "scjg", "office")]
    assert "13812345678" not in caplog.text
    assert ID_NUMBER not in caplog.text


async def test_scoping(client, as_user, make_case, act, units):
    xihu_case = (await make_case(district="西湖区"))["case_no"]
    binjiang_case = (await make_case(district="330108"))["case_no"]
    await act(xihu_case, "assign", "office", co_unit_ids=[str(units["fgw"])])

    async def visible(who: str) -> list[str]:
        listed = (await client.get(f"{API}/cases", headers=as_user(who))).json()
        assert listed["total"] == len(listed["items"])
        return sorted(i["case_no"] for i in listed["items"])

    both = sorted([xihu_case, binjiang_case])
    assert await visible("office") == both
    assert await visible("leader") == both
    assert await visible("scjg") == [xihu_case]  # main unit
    assert await visible("fgw") == [xihu_case]  # co-unit
    assert await visible("xihu") == [xihu_case]  # its district
    assert await visible("binjiang") == [binjiang_case]
    assert await visible("zwb") == []
    assert await visible("market_group") == []
    for who, case_no in (("zwb", xihu_case), ("scjg", binjiang_case), ("binjiang", xihu_case),
                         ("market_group", xihu_case)):
        resp = await client.get(f"{API}/cases/{case_no}", headers=as_user(who))
        assert (resp.status_code, resp.json()["code"]) == (404, "not_found"), who
        assert (await client.post(f"{API}/cases/{case_no}/notes", headers=as_user(who),
                                  json={"content": "x"})).status_code == 404
    # The case page (one statement with no session: repository.read_page) in each scope that sees the case.
    for who in ("office", "scjg", "fgw", "xihu"):
        page = await client.get(f"{API}/cases/{xihu_case}", headers=as_user(who))
        assert page.status_code == 200, (who, page.text)
        assert [u["id"] for u in page.json()["co_units"]] == [str(units["fgw"])], who
        assert page.json()["events"][-1]["event"] == "assigned", who
    summary = (await client.get(f"{API}/cases/summary", headers=as_user("scjg"))).json()
    assert (summary["total"], summary["by_status"]["assigned"]) == (1, 1)
    # A unit that entered a case on someone's behalf keeps seeing it.
    own = (await make_case(who="zwb", channel="salon", source_detail="政企恳谈会（11 月）"))["case_no"]
    assert await visible("zwb") == [own]
    # Leaders read everything but change nothing.
    assert (await client.get(f"{API}/cases/{xihu_case}", headers=as_user("leader"))).json()["allowed_actions"] == []
    assert (await client.post(f"{API}/cases", headers=as_user("leader"), json={
        "channel": "media", "type": "complaint", "category_code": "fees", "title": "媒体曝光",
        "description": "媒体报道某园区违规收费。"})).status_code == 403


async def test_bad_list_filters_are_422(client, as_user, make_case):
    case_no = (await make_case())["case_no"]
    office = as_user("office")
    for params in ({"received_from": "2026-01-01T00:00:00"}, {"status": "done"}, {"deadline_state": "late"},
                   {"page_size": 500}, {"unit_id": "x"}):
        resp = await client.get(f"{API}/cases", headers=office, params=params)
        assert resp.status_code == 422, params
    ok = await client.get(f"{API}/cases", headers=office, params={
        "received_from": "2026-01-01T00:00:00+08:00", "q": case_no[-6:], "category": "enforcement"})
    assert [i["case_no"] for i in ok.json()["items"]] == [case_no]
