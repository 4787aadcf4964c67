"""The seeded world the authorization matrix walks (tests/e2e/authz_matrix.py).

Unit A holds one user per role; unit B (and its user) owns the objects the
matrix aims at: a task with milestones, a report with an attachment, an
adjustment, an evaluation, an inspection's rectification, a special action
with a node, a pilot, a feedback case assigned to B in district B, a 12345
order. Everything is created through the gateway's APIs, as the reform
office unless the workflow needs the owning unit.

Each role talks from its own loopback address, so the per-client rate limits
on public endpoints count each role separately (as separate clients would)."""

from __future__ import annotations

import hashlib
import hmac
import io
import itertools
import json
import random
import struct
import time
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from openpyxl import Workbook
from reform_common.devstack import DEMO_HOTLINE_KEYS, DEMO_OPEN311_KEYS

ROLES = ("reform_office", "group_lead", "lead_unit", "unit", "district", "leader", "hotline", "auditor", "anonymous")
PASSWORD = "Authz-Matrix#2026"
HOTLINE_KEY, HOTLINE_SECRET = next(iter(DEMO_HOTLINE_KEYS.items()))
OPEN311_KEY = next(iter(DEMO_OPEN311_KEYS))
ENV_A, ENV_B = "gov_service", "market"  # the group lead's environment; unit B's task is in another one
UNIT_A, UNIT_B = "gsl", "tjj"  # 市工商联, 市统计局
DISTRICT_A, DISTRICT_B = "xihu", "binjiang"


@dataclass
class World:
    base_url: str
    clients: dict[str, httpx.Client] = field(default_factory=dict)
    ids: dict[str, Any] = field(default_factory=dict)  # path parameters and values the table's placeholders name
    own: dict[str, str] = field(default_factory=dict)  # unit A's own objects, for the positive checks
    b_user: httpx.Client | None = None  # unit B's lead/responsible unit user
    makers: dict[str, Callable[[], Any]] = field(default_factory=dict)  # values made afresh for each call

    @property
    def values(self) -> set[str]:
        return {*self.ids, *self.makers}

    def value(self, name: str) -> Any:
        return self.makers[name]() if name in self.makers else self.ids[name]

    def close(self) -> None:
        for client in [*self.clients.values(), self.b_user]:
            if client is not None:
                client.close()


# A fresh loopback /24 per run: the gateway's per-minute and feedback-api's per-day counters of earlier runs
# (and of other tests, all from 127.0.0.1) do not spill over.
_NET = f"127.{random.randint(1, 250)}.{random.randint(1, 250)}"


def _client(base_url: str, host: int) -> httpx.Client:
    # A role's client can sit idle while the others are served. uvicorn closes a keep-alive connection after
    # 5 s idle; a request sent on it as it closes fails ("Server disconnected", seen once): drop them sooner.
    transport = httpx.HTTPTransport(local_address=f"{_NET}.{host}", limits=httpx.Limits(keepalive_expiry=2.0))
    return httpx.Client(base_url=base_url, timeout=30, transport=transport)


def _ok(resp: httpx.Response, *codes: int) -> dict:
    assert resp.status_code in (codes or (200, 201, 204)), (resp.request.method, resp.request.url.path, resp.text)
    return resp.json() if "json" in resp.headers.get("content-type", "") else {}


def _login(client: httpx.Client, username: str, password: str) -> None:
    token = _ok(client.post("/api/auth/v1/login", json={"username": username, "password": password}))
    client.headers["Authorization"] = f"Bearer {token['access_token']}"


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _png() -> bytes:
    """A valid 1×1 PNG (uploads are checked by content)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) \
        + chunk(b"IEND", b"")


PNG = _png()


def hotline_headers(body: bytes) -> dict[str, str]:
    """The 12345 client's signature (docs/integrations/12345.md)."""
    ts = str(int(time.time()))
    signature = hmac.new(HOTLINE_SECRET.encode(), f"{ts}\n".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Hotline-Key": HOTLINE_KEY, "X-Hotline-Timestamp": ts, "X-Hotline-Signature": signature,
            "Content-Type": "application/json"}


def build(base_url: str, demo_password: str) -> World:
    world = World(base_url)
    tag = uuid.uuid4().hex[:6]
    world.ids["tag"] = tag
    office = _client(base_url, 11)
    _login(office, "office", demo_password)
    world.clients["reform_office"] = office

    # Demo units: the services cache the gateway's unit directory for a minute, so new units would be unknown.
    directory = {u["code"]: u for u in office.get("/api/auth/v1/units", params={"page_size": 100}).json()["items"]}
    units = {code: u["id"] for code, u in directory.items()}
    unit_a, unit_b, district_a, district_b = units[UNIT_A], units[UNIT_B], units[DISTRICT_A], units[DISTRICT_B]
    world.ids["unit_b_sort_order"] = directory[UNIT_B]["sort_order"]  # the PATCH row writes it back unchanged
    world.ids.update(unit_a=unit_a, unit_b=unit_b, district_a=district_a, district_b=district_b)

    def user(name: str, unit_id: str, roles: list[str], **extra: str) -> str:
        return _ok(office.post("/api/auth/v1/users", json={
            "username": f"authz_{name}_{tag}", "display_name": f"矩阵{name}", "password": PASSWORD,
            "unit_id": unit_id, "roles": roles, **extra}))["id"]

    user(f"gl{ENV_A}", unit_a, ["group_lead"], environment=ENV_A)
    user("lead", unit_a, ["lead_unit"])
    user("unit", unit_a, ["unit"])
    user("district", district_a, ["district"])
    world.ids["user_b"] = user("b", unit_b, ["lead_unit", "unit"])
    logins = {"group_lead": f"authz_gl{ENV_A}_{tag}", "lead_unit": f"authz_lead_{tag}", "unit": f"authz_unit_{tag}",
              "district": f"authz_district_{tag}"}
    for i, role in enumerate(ROLES[1:], start=12):
        client = _client(base_url, i)
        if role in logins:
            _login(client, logins[role], PASSWORD)
        elif role != "anonymous":
            _login(client, role, demo_password)
        world.clients[role] = client
    world.b_user = _client(base_url, 30)
    _login(world.b_user, f"authz_b_{tag}", PASSWORD)
    _seed_tasks(world, office, tag)
    _seed_feedback(world, office, tag)
    _seed_indicators(world, office)
    return world


def _task(office: httpx.Client, year: int, title: str, env: str, lead: str, **extra: object) -> dict:
    return _ok(office.post("/api/tasks/v1/tasks", json={
        "year": year, "title": title, "environment": env, "category": "key", "lead_unit_id": lead,
        "responsible_unit_ids": [lead], "deadline": f"{year}-12-31", **extra}), 201)


def _seed_tasks(world: World, office: httpx.Client, tag: str) -> None:
    ids, b = world.ids, world.b_user
    year = date.today().year
    task_b = _task(office, year, f"矩阵测试B单位任务{tag}", ENV_B, ids["unit_b"], quarterly_template=True)
    task_a = _task(office, year, f"矩阵测试A单位任务{tag}", ENV_A, ids["unit_a"])
    world.own["task_a"] = ids["task_a"] = task_a["code"]
    ids["task_b_bare"] = _task(office, year, f"矩阵测试B单位无节点任务{tag}", ENV_B, ids["unit_b"],
                               lifecycle_stage="demand_analysis", measures="矩阵测试举措")["code"]
    ids["spare_year"] = random.randint(2040, 2099)  # a plan year no run has used: created, published, configured
    ids["task_b"] = task_b["code"]
    ids["milestone_b"] = task_b["milestones"][0]["id"]
    ids["milestone_b2"] = task_b["milestones"][1]["id"]
    ids["year"] = str(year)
    report = _ok(b.post(f"/api/tasks/v1/tasks/{ids['task_b']}/reports",
                        json={"content": "矩阵测试进展", "progress": 10}),
                 201)
    ids["report_b"] = report["id"]
    _ok(b.post(f"/api/tasks/v1/reports/{report['id']}/attachments",
               files={"file": ("evidence.png", PNG, "image/png")}), 201)
    ids["adjustment_b"] = _ok(b.post(f"/api/tasks/v1/tasks/{ids['task_b']}/adjustments", json={
        "reason": "矩阵测试调整", "changes": {"deadline": f"{year}-12-30"}}), 201)["id"]
    rubric = _ok(office.get("/api/tasks/v1/evaluations/rubric", params={"year": year}))
    scores = {item["key"]: 0 for item in rubric["items"]}
    ids["evaluation_b"] = _ok(office.post("/api/tasks/v1/evaluations", json={
        "task_code": ids["task_b"], "period": f"{year}-Q1", "kind": "office_on_lead", "item_scores": scores}),
        201)["id"]
    inspection = _ok(office.post("/api/tasks/v1/inspections", json={
        "kind": "on_site", "task_code": ids["task_b"], "unit_id": ids["unit_b"],
        "inspected_on": date.today().isoformat(),
        "method": "现场走访", "inspectors": ["督察员"], "findings": [
            {"description": "矩阵测试问题", "requires_rectification": True, "rectification": {"deadline_days": 10}}]}),
        201)
    ids["inspection_b"] = inspection["code"]
    ids["rectification_b"] = rectification = inspection["findings"][0]["rectification"]["id"]
    _ok(b.post(f"/api/tasks/v1/rectifications/{rectification}/attachments",
               files={"file": ("fix.png", PNG, "image/png")}), 201)
    _ok(b.post(f"/api/tasks/v1/rectifications/{rectification}/submit", json={"evidence": "矩阵整改"}))
    action = _ok(office.post("/api/tasks/v1/special-actions", json={
        "year": year, "name": f"矩阵测试专项行动{tag}", "kind": "extra", "leading_official": "市领导",
        "lead_unit_id": ids["unit_b"], "environment": ENV_B,
        "nodes": [{"title": "节点一", "due_date": f"{year}-11-30"}, {"title": "节点二", "due_date": f"{year}-12-15"}],
        "task_codes": [ids["task_b"]]}), 201)
    ids["action_b"] = action["code"]
    ids["node_b"] = action["nodes"][0]["id"]
    ids["node_b2"] = action["nodes"][1]["id"]
    ids["pilot_b"] = _ok(office.post("/api/tasks/v1/pilots", json={
        "title": f"矩阵测试试点{tag}", "description": "矩阵测试试点内容", "unit_id": ids["unit_b"],
        "environment": ENV_B,
        "start_date": f"{year}-01-01", "end_date": f"{year}-12-31"}), 201)["code"]
    # Task B's first quarterly milestone is overdue, so the run sends unit B a reminder notice.
    _ok(office.post("/api/tasks/v1/reminder-notices/run"))
    notices = _ok(office.get("/api/tasks/v1/reminder-notices", params={"unit_id": ids["unit_b"]}))
    ids["notice_b"] = notices["items"][0]["id"]
    ids["message_office"] = _ok(office.get("/api/tasks/v1/inbox"))["items"][0]["id"]
    ids["baseline"] = _ok(office.get("/api/tasks/v1/battle-map/baselines"))["items"][0]["id"]
    practices = _ok(office.get("/api/tasks/v1/best-practices"))["items"]
    ids["practice"] = next(p["code"] for p in practices if p["unit"]["id"] not in (ids["unit_a"], ids["unit_b"]))
    for name, month in (("bulletin_draft", "01"), ("bulletin_draft2", "02")):
        ids[name] = _ok(office.post("/api/tasks/v1/bulletins", json={"kind": "monthly", "period": f"{year}-{month}"}),
                        201)["id"]
    export = office.get("/api/tasks/v1/tasks/export.xlsx", params={"code": world.own["task_a"], "year": year})
    _ok(export)
    ids["plan_xlsx"] = export.content
    ids["import_b"] = _ok(office.post("/api/tasks/v1/imports", data={"year": str(year)},
                                      files={"file": ("plan.xlsx", export.content)}), 201)["id"]
    world.makers["scores"] = lambda: dict(scores)


def _seed_feedback(world: World, office: httpx.Client, tag: str) -> None:
    ids, b = world.ids, world.b_user
    case = {"type": "complaint", "category_code": "gov_service.startup", "title": "矩阵测试诉求",
            "description": "矩阵测试诉求内容", "channel": "inspection", "district": "滨江区",
            "contact_name": "测试", "contact_phone": "13900000001"}
    for name in ("case_b", "case_b2"):
        ids[name] = no = _ok(office.post("/api/feedback/v1/cases", json=case), 201)["case_no"]
        _ok(office.post(f"/api/feedback/v1/cases/{no}/assign", json={"unit_id": ids["unit_b"]}))
        _ok(b.post(f"/api/feedback/v1/cases/{no}/accept", json={}))
    # case_new waits to be assigned, case_b3 to be accepted by unit B.
    ids["case_new"] = _ok(office.post("/api/feedback/v1/cases", json=case), 201)["case_no"]
    ids["case_b3"] = _ok(office.post("/api/feedback/v1/cases", json=case), 201)["case_no"]
    _ok(office.post(f"/api/feedback/v1/cases/{ids['case_b3']}/assign", json={"unit_id": ids["unit_b"]}))
    # case_b2 is replied and waits for the office's follow-up; case_b has a pending extension request.
    _ok(b.post(f"/api/feedback/v1/cases/{ids['case_b2']}/start", json={}))
    _ok(b.post(f"/api/feedback/v1/cases/{ids['case_b2']}/reply", json={"reply": "矩阵测试答复"}))
    _ok(b.post(f"/api/feedback/v1/cases/{ids['case_b']}/extension", json={"reason": "矩阵测试延期", "working_days": 3}))
    ids["attachment_b"] = _ok(office.post(f"/api/feedback/v1/cases/{ids['case_b']}/attachments",
                                          files={"file": ("photo.png", PNG, "image/png")}), 201)["id"]
    order = {"order_no": f"AUTHZ{tag}", "received_at": "2026-11-02T09:00:00+08:00", "type": "咨询",
             "title": "矩阵测试工单", "content": "矩阵测试工单内容", "caller_name": "测试",
             "caller_phone": "13900000002",
             "enterprise_name": "矩阵测试企业", "district": "滨江区"}
    body = json.dumps(order, ensure_ascii=False).encode()
    _ok(httpx.post(f"{world.base_url}/api/feedback/v1/integrations/12345/orders", content=body,
                   headers=hotline_headers(body)), 201)
    ids["order_no"] = order["order_no"]
    clusters = _ok(office.get("/api/feedback/v1/clusters", params={"status": "suggested", "page_size": 20}))["items"]
    # The demo's repeated-inspection cluster is left to tests/e2e/test_clusters_e2e.py.
    ids["cluster0"], ids["cluster_dismissed"] = [
        c["code"] for c in clusters if c["category"]["code"] != "enforcement.multiple"][:2]
    services = _ok(office.get("/api/feedback/open311/v2/services.json"))
    ids["service_code"] = services[0]["service_code"]
    # Three more cases of cluster 0's category: added, one removed, two split off and merged back.
    category = _ok(office.get(f"/api/feedback/v1/clusters/{ids['cluster0']}"))["category"]["code"]
    for i in range(1, 4):
        ids[f"cluster_case{i}"] = _ok(office.post("/api/feedback/v1/cases", json={
            **case, "category_code": category, "title": f"矩阵类案诉求{i}"}), 201)["case_no"]

    def split_cluster() -> str:
        links = _ok(office.get(f"/api/feedback/v1/cases/{ids['cluster_case1']}/clusters"))
        return next(link["code"] for link in links if link["code"] != ids["cluster0"])

    world.makers["split_cluster"] = split_cluster
    ids["league_config"] = _ok(office.get("/api/feedback/v1/league-table/config"))
    # Knowledge base: a published entry (read by all staff), one to archive, a replied case to build one
    # from, and a consultation waiting for a direct answer.
    for name in ("knowledge_b", "knowledge_archive"):
        ids[name] = _ok(office.post("/api/feedback/v1/knowledge", json={
            "title": f"矩阵测试条目{tag}", "question": "矩阵测试：新办企业如何申领发票", "answer": "矩阵测试答复口径",
            "kind": "procedure"}), 201)["id"]
        _ok(office.post(f"/api/feedback/v1/knowledge/{ids[name]}/publish"))
    ids["case_replied"] = no = _ok(office.post("/api/feedback/v1/cases", json=case), 201)["case_no"]
    _ok(office.post(f"/api/feedback/v1/cases/{no}/assign", json={"unit_id": ids["unit_b"]}))
    _ok(b.post(f"/api/feedback/v1/cases/{no}/accept", json={}))
    _ok(b.post(f"/api/feedback/v1/cases/{no}/reply", json={"reply": "矩阵测试答复"}))
    ids["case_consult"] = _ok(office.post("/api/feedback/v1/cases", json={**case, "type": "consultation"}),
                              201)["case_no"]
    phones = itertools.count(13700000000 + int(tag, 16) % 1000 * 10000)
    world.makers["phone"] = lambda: str(next(phones))
    orders = itertools.count(1)
    world.makers["hotline_order"] = lambda: {**order, "order_no": f"AUTHZ{tag}N{next(orders)}",
                                             "caller_phone": world.makers["phone"]()}
    anonymous = _client(world.base_url, 31)
    tokens = [_ok(anonymous.post("/api/feedback/v1/public/form-token"))["token"] for _ in range(22)]
    world.makers["form_token"] = tokens.pop
    ids["tracking_phone"] = world.makers["phone"]()
    time.sleep(3)  # a form token is accepted only after the minimum fill time
    public = _ok(anonymous.post("/api/feedback/v1/public/cases", json={
        "type": "consultation", "category_code": "gov_service.startup", "title": "矩阵公开诉求",
        "description": "矩阵测试公开诉求内容", "contact_name": "测试", "contact_phone": ids["tracking_phone"],
        "enterprise_name": "矩阵测试企业",
        "form_token": tokens.pop()}), 201)
    ids["tracking_code"] = public["tracking_code"]
    created = _ok(anonymous.post("/api/feedback/open311/v2/requests.json", data={
        "api_key": OPEN311_KEY, "service_code": "gov_service.startup", "description": "矩阵 Open311 诉求内容",
        "phone": world.makers["phone"](), "first_name": "测试", "address_string": "滨江区",
        "attribute[enterprise_name]": "矩阵测试企业"}))
    ids["open311_token"], ids["open311_request"] = created[0]["token"], created[0]["service_request_id"]
    ids["open311_key"] = OPEN311_KEY
    anonymous.close()


def _seed_indicators(world: World, office: httpx.Client) -> None:
    ids = world.ids
    ids["framework"] = "national"
    frameworks = _ok(office.get("/api/indicators/v1/frameworks"))
    # The PATCH row writes the current value back: other tests read the demo's rank targets.
    ids["rank_target"] = next(f["rank_target"] for f in frameworks if f["code"] == ids["framework"])
    # An indicator of the group lead's environment that is entered directly (not computed).
    indicators = _ok(office.get("/api/indicators/v1/indicators", params={"framework": "national"}))
    ids["indicator"] = min(i["code"] for i in indicators if i["kind"] != "composite" and i["environment"] == ENV_A)
    ids["obs_xlsx"] = xlsx([["指标代码", "地区", "期间", "数值", "来源"],
                            [ids["indicator"], "330100", "2015", 80, "矩阵测试"]])
    ids["obs_import"] = _ok(office.post("/api/indicators/v1/observations/imports",
                                        files={"file": ("obs.xlsx", ids["obs_xlsx"])}), 201)["id"]
    observations = _ok(office.post("/api/indicators/v1/observations", json=[{
        "indicator": ids["indicator"], "period": "2014", "region": "330100", "source": "矩阵测试", "value": 70}]), 201)
    ids["observation"] = observations[0]["id"]
