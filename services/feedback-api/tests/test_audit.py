"""feedback-api's audit log: append-only, searchable by auditors; writes that record nothing
themselves (public ratings too) get a generic entry in their transaction; every reveal of a full
phone or ID number and every attachment download leaves an entry."""

import httpx
import pytest
from reform_common.audit_contract import AuditLogContract
from reform_common.testing import TokenFactory

API = "/api/feedback/v1"
RATING = {"service_code": "company_setup", "stars": 5, "comment": "窗口一次办结，很方便"}


class TestAuditLog(AuditLogContract):
    prefix = "feedback"

    @pytest.fixture(autouse=True)
    def _fixtures(self, form_token):
        self.form_token = form_token

    async def write(self, client: httpx.AsyncClient, tokens: TokenFactory, prepared: None,
                    request_id: str) -> tuple[httpx.Response, str]:
        resp = await client.post(f"{API}/public/ratings", json={**RATING, "form_token": self.form_token()},
                                 headers={"X-Request-ID": request_id})
        return resp, "anonymous"


async def _log(client, as_user, **params) -> list[dict]:
    resp = await client.get(f"{API}/audit-log", params=params, headers=as_user("office"))
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]


async def test_a_public_rating_is_audited_as_anonymous(client, as_user, form_token):
    resp = await client.post(f"{API}/public/ratings", json={**RATING, "form_token": form_token()},
                             headers={"X-Request-ID": "p-1"})
    assert resp.status_code == 201, resp.text
    [entry] = await _log(client, as_user, request_id="p-1")
    assert (entry["action"], entry["actor"], entry["actor_unit_id"]) == ("ratings.rate", "anonymous", None)
    assert entry["detail"]["route"] == "/api/feedback/v1/public/ratings"
    # No id in the path: the entity is the first row the request created.
    assert entry["entity_id"] == entry["detail"]["created"]["id"]
    refused = await client.post(f"{API}/public/ratings", json={**RATING, "form_token": "forged"},
                                headers={"X-Request-ID": "p-2"})
    assert refused.status_code >= 400
    assert await _log(client, as_user, request_id="p-2") == []


async def test_reveals_and_downloads_are_audited_without_the_numbers(client, as_user, make_case, act, units):
    case_no = (await make_case(contact_phone="13812345678"))["case_no"]
    await act(case_no, "assign", "office")
    revealed = await client.post(f"{API}/cases/{case_no}/contact", json={"reason": "电话回访"},
                                 headers={**as_user("scjg"), "X-Request-ID": "v-1"})
    assert revealed.status_code == 200 and revealed.json()["contact_phone"] == "13812345678"
    [entry] = await _log(client, as_user, request_id="v-1")
    assert (entry["action"], entry["actor"], entry["entity_id"]) == ("case.contact_revealed", "scjg", case_no)
    assert "13812345678" not in str(entry)

    up = await client.post(f"{API}/cases/{case_no}/attachments", headers=as_user("scjg"),
                           files={"file": ("现场照片.pdf", b"%PDF-1.4 minimal", "application/pdf")})
    assert up.status_code == 201, up.text
    down = await client.get(f"{API}/cases/{case_no}/attachments/{up.json()['id']}",
                            headers={**as_user("office"), "X-Request-ID": "d-1"})
    assert down.status_code == 200
    [entry] = await _log(client, as_user, request_id="d-1")
    assert (entry["action"], entry["actor"], entry["entity_type"], entry["entity_id"]) == (
        "download", "office", "case", case_no)
