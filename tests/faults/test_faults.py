"""Faults on real processes (docs/reliability.md): PostgreSQL restarted under
12345 intake, the 12345 callback receiver down across a feedback-api restart,
a killed or frozen service behind the gateway, tasks-api killed mid-import."""

from __future__ import annotations

import asyncio
import io
import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import asyncpg
import httpx
import openpyxl
import pytest
from reform_common.demo import DEMO_PASSWORD, unit_uuid
from reform_common.devstack import SERVICES
from sqlalchemy.engine import make_url

from .conftest import PROXY_TIMEOUT_SECONDS, order_body, signed, until

ORDERS = "/api/feedback/v1/integrations/12345/orders"
PROBLEM = "application/problem+json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _connect(stack, package: str):
    """A connection to a service's database: the test looks behind the API to count rows and see locks."""
    url = make_url(stack.database_url(next(s for s in SERVICES if s.package == package)))
    return asyncpg.connect(user=url.username or "postgres", database=url.database,
                           host=url.query.get("host") or url.host, port=url.port or 5432)


def _query(stack, package: str, sql: str, *args) -> list:
    async def run() -> list:
        conn = await _connect(stack, package)
        try:
            return await conn.fetch(sql, *args)
        finally:
            await conn.close()

    return asyncio.run(run())


async def _until_async(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not (value := await predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"等待超时：{what}")
        await asyncio.sleep(0.05)
    return value


# ---- 1. PostgreSQL restarted during sustained 12345 intake ----------------------------------------

@dataclass
class Push:
    order_no: str
    status: int
    content_type: str
    code: str | None
    retry_after: str | None


def _push(http: httpx.Client, order_no: str) -> Push:
    body = order_body(order_no)
    resp = http.post(ORDERS, content=body, headers=signed(body))
    content_type = resp.headers.get("content-type", "")
    code = resp.json().get("code") if content_type == PROBLEM else None
    return Push(order_no, resp.status_code, content_type, code, resp.headers.get("retry-after"))


@pytest.mark.parametrize("mode", ["fast", "immediate"])  # a restart, and a crash (recovery from the WAL)
def test_postgresql_restart_during_12345_intake_loses_and_doubles_nothing(stack, gateway_url, postgres, bearer,
                                                                          mode):
    clients, after_restart = 4, 5
    run = uuid.uuid4().hex[:8].upper()
    pushes: list[Push] = []
    lock = threading.Lock()
    restarted = threading.Event()

    def client(i: int) -> None:
        """Pushes new orders one after another until it has had ``after_restart`` of them accepted after the
        restart; any exception (a hang past the timeout included) fails the test."""
        accepted_after = n = 0
        with httpx.Client(base_url=gateway_url, timeout=PROXY_TIMEOUT_SECONDS * 4) as http:
            while accepted_after < after_restart:
                was_restarted = restarted.is_set()
                push = _push(http, f"PGR{run}C{i}N{n:04d}")
                n += 1
                with lock:
                    pushes.append(push)
                if push.status == 201:
                    accepted_after += was_restarted
                else:
                    restarted.wait(0.2)  # a failing client does not spin while the database is down

    def count(predicate) -> int:
        with lock:
            return sum(1 for p in pushes if predicate(p))

    with ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(client, i) for i in range(clients)]
        try:
            until(lambda: count(lambda p: p.status == 201) >= 12, 60, "重启前已受理 12 个工单")
            postgres.stop(mode)
            try:
                until(lambda: count(lambda p: p.status != 201) >= clients, 30, "数据库停止期间出现失败的推送")
            finally:
                postgres.start()
        finally:
            restarted.set()
            for f in futures:
                f.result(timeout=120)

    failed = [p for p in pushes if p.status != 201]
    accepted = [p for p in pushes if p.status == 201]
    assert failed and accepted
    # Every failure is a clean, prompt problem+json: the service's 503 "database unavailable, retry".
    assert {(p.status, p.content_type, p.code, p.retry_after) for p in failed} == {
        (503, PROBLEM, "service_unavailable", "5")}, failed[:5]

    # The 12345 client retries the failed ones with the same order number: each is then accepted
    # (201, or 200 when the first attempt had committed before its answer was lost).
    with httpx.Client(base_url=gateway_url, timeout=PROXY_TIMEOUT_SECONDS * 4) as http:
        retried = [_push(http, p.order_no) for p in failed]
    assert all(r.status in (200, 201) for r in retried), [r for r in retried if r.status not in (200, 201)]

    rows = _query(stack, "feedback_api", "SELECT external_id, count(*) AS n FROM cases"
                  " WHERE channel = 'hotline_12345' AND external_id LIKE $1 GROUP BY external_id", f"PGR{run}%")
    stored = {r["external_id"]: r["n"] for r in rows}
    assert set(stored) == {p.order_no for p in pushes}
    assert set(stored.values()) == {1}

    # Every service's pool came back: a login (gateway database) and a read of each service.
    office = bearer("office")
    for path in ("/api/tasks/v1/tasks", "/api/indicators/v1/indicators", "/api/feedback/v1/cases"):
        assert httpx.get(gateway_url + path, headers=office, timeout=20).status_code == 200, path


# ---- 2. the 12345 callback receiver down across a feedback-api restart ----------------------------

def _step(http: httpx.Client, headers: dict, case_no: str, action: str) -> None:
    path, payload = {
        "assign": ("/assign", {"unit_id": str(unit_uuid("scjg"))}),
        "accept": ("/accept", {}),
        "start": ("/start", {}),
        "reply": ("/reply", {"reply": "经协调，供电公司已完成外线接入并送电。"}),
    }[action]
    resp = http.post(f"/api/feedback/v1/cases/{case_no}{path}", headers=headers, json=payload)
    assert resp.status_code == 200, resp.text


def test_callbacks_queued_while_the_receiver_is_down_arrive_after_a_restart_in_order(
        stack, http, bearer, receiver, restart):
    office, scjg = bearer("office"), bearer("scjg")
    run = uuid.uuid4().hex[:8].upper()
    orders = [f"CBR{run}A", f"CBR{run}B"]

    def outbox(order_no: str) -> list[dict]:
        resp = http.get("/api/feedback/v1/outbox", headers=office, params={"order_no": order_no, "page_size": 100})
        assert resp.status_code == 200, resp.text
        return sorted(resp.json()["items"], key=lambda r: r["id"])

    receiver.stop()
    try:
        cases = {}
        for order_no in orders:
            body = order_body(order_no)
            resp = http.post(ORDERS, content=body, headers=signed(body))
            assert resp.status_code == 201, resp.text
            cases[order_no] = resp.json()["case_no"]
        a, b = (cases[o] for o in orders)
        _step(http, office, a, "assign")
        _step(http, office, b, "assign")
        _step(http, scjg, a, "accept")
        # The dispatcher has tried and failed (connection refused) and holds the rest of each queue back.
        until(lambda: all(outbox(o)[0]["state"] == "failed" for o in orders), 30, "首条回调发送失败")
        assert all(r["state"] == "pending" and r["attempts"] == 0 for o in orders for r in outbox(o)[1:])

        # feedback-api killed (no graceful stop) and started again; the receiver is still down meanwhile.
        stack.processes["feedback_api"].kill()
        restart("feedback_api")
        _step(http, scjg, a, "start")
        _step(http, scjg, a, "reply")
        _step(http, scjg, b, "accept")
        until(lambda: outbox(orders[0])[0]["attempts"] > 1, 30, "重启后的进程继续重试")
        assert not any(receiver.attempted(o) for o in orders)
    finally:
        receiver.start()

    expected = {orders[0]: ["received", "assigned", "accepted", "in_progress", "replied"],
                orders[1]: ["received", "assigned", "accepted"]}
    until(lambda: all(receiver.events(o) == e for o, e in expected.items()), 30, "全部回调送达")
    for order_no, events in expected.items():
        # At least once, in order: repeats (a lost 2xx) may occur, but never an event before an earlier one.
        attempted = receiver.attempted(order_no)
        assert attempted == sorted(attempted, key=events.index), attempted
        assert [r["state"] for r in outbox(order_no)] == ["delivered"] * len(events)


# ---- 3. one service killed, another frozen ------------------------------------------------------

def _assert_upstream_problem(resp: httpx.Response, status: int, code: str, title: str) -> None:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == PROBLEM
    assert resp.json()["code"] == code and title in resp.json()["title"]


def _assert_the_rest_works(http: httpx.Client, office: dict, down: str) -> None:
    for service, path in (("tasks", "/api/tasks/v1/tasks"), ("indicators", "/api/indicators/v1/indicators"),
                          ("feedback", "/api/feedback/v1/cases")):
        if service != down:
            assert http.get(path, headers=office).status_code == 200, path
    assert http.post("/api/auth/v1/login", json={"username": "leader", "password": DEMO_PASSWORD}).status_code == 200
    # The SPA: its entry, a deep link, an asset.
    for path in ("/", "/ledger", "/assets/app-f4ult.js"):
        resp = http.get(path)
        assert resp.status_code == 200 and resp.content, path
    assert "营商环境改革推进平台" in http.get("/").text


def test_a_killed_service_is_a_502_and_a_frozen_one_a_504_while_the_rest_keep_working(stack, http, bearer, restart):
    office = bearer("office")
    proc = stack.processes["feedback_api"]
    proc.kill()
    proc.wait(10)
    try:
        for method, path in (("GET", "/api/feedback/v1/cases"), ("POST", ORDERS),
                             ("GET", "/api/feedback/v1/public/options")):
            body = order_body("KILLED") if method == "POST" else None
            resp = http.request(method, path, headers=office, content=body)
            _assert_upstream_problem(resp, 502, "gateway.upstream_unavailable", "企业诉求服务")
            assert "feedback" in resp.json()["detail"]
        _assert_the_rest_works(http, office, down="feedback")
    finally:
        restart("feedback_api")
    assert http.get("/api/feedback/v1/cases", headers=office).status_code == 200

    # A frozen process accepts connections but never answers: the gateway gives up after its timeout.
    indicators = stack.processes["indicators_api"]
    indicators.send_signal(signal.SIGSTOP)
    try:
        resp = http.get("/api/indicators/v1/indicators", headers=office)
        _assert_upstream_problem(resp, 504, "gateway.upstream_timeout", "指标对标服务")
        _assert_the_rest_works(http, office, down="indicators")
    finally:
        indicators.send_signal(signal.SIGCONT)
    assert http.get("/api/indicators/v1/indicators", headers=office).status_code == 200


# ---- 4. tasks-api killed in the middle of an Excel import -----------------------------------------

IMPORT_YEAR = 2030
IMPORT_ROWS = 600


def _workbook(rows: int) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点任务清单"
    ws.append(["序号", "改革任务", "主要举措", "环境领域", "任务类别", "牵头部门", "配合单位", "时间节点",
               "一季度", "二季度", "三季度", "四季度"])
    environments = ["政务环境", "法治环境", "市场环境"]
    for i in range(1, rows + 1):
        ws.append([i, f"故障演练任务第{i}项", f"推进第{i}项改革举措", environments[i % 3], "重点事项", "市发改委",
                   "市市场监管局、西湖区", f"{IMPORT_YEAR}年12月底前", "制定方案", "试点推行", "全面推开", "总结评估"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_tasks_api_killed_mid_import_leaves_no_partial_plan_and_the_import_then_succeeds(
        stack, http, bearer, restart):
    office = bearer("office")
    preview = http.post("/api/tasks/v1/imports", headers=office, data={"year": str(IMPORT_YEAR)},
                        files={"file": ("任务清单.xlsx", _workbook(IMPORT_ROWS), XLSX)})
    assert preview.status_code == 201, preview.text
    import_id = preview.json()["id"]
    assert preview.json()["summary"]["create"] == IMPORT_ROWS

    async def kill_mid_commit() -> tuple[httpx.Response, int, set[str]]:
        """Holds the milestones table so the commit stops after writing the plan, the tasks and their units
        (uncommitted), kills tasks-api there, then lets the database see the client gone."""
        holder = await _connect(stack, "tasks_api")
        try:
            await holder.execute("BEGIN; LOCK TABLE milestones IN SHARE MODE")
            async with httpx.AsyncClient(base_url=http.base_url, timeout=http.timeout) as client:
                commit = asyncio.create_task(client.post(f"/api/tasks/v1/imports/{import_id}/commit", headers=office))

                async def blocked_insert() -> int | None:
                    assert not commit.done(), (await commit).text  # it must neither finish nor fail on its own
                    # The lock it waits for, not pg_stat_activity's query (stale while a statement waits to parse).
                    return await holder.fetchval("SELECT pid FROM pg_locks WHERE NOT granted"
                                                 " AND relation = 'milestones'::regclass")

                blocked = await _until_async(blocked_insert, 60, "导入提交写到里程碑")
                written = {r["rel"] for r in await holder.fetch(
                    "SELECT relation::regclass::text AS rel FROM pg_locks WHERE pid = $1 AND mode = 'RowExclusiveLock'",
                    blocked)}
                stack.processes["tasks_api"].kill()
                return await commit, blocked, written
        finally:
            await holder.execute("ROLLBACK")
            await holder.close()

    answer, backend, written = asyncio.run(kill_mid_commit())
    # Killed with the plan, its tasks and their units written in the open transaction.
    assert {"plans", "tasks", "task_units"} <= written, written
    _assert_upstream_problem(answer, 502, "gateway.upstream_unavailable", "任务台账服务")
    stack.processes["tasks_api"].wait(10)

    # Unblocked, the dead client's backend finds its socket closed and ends, its transaction rolled back.
    until(lambda: not _query(stack, "tasks_api", "SELECT 1 FROM pg_stat_activity WHERE pid = $1", backend),
          30, "被杀进程的数据库会话结束")
    left = _query(stack, "tasks_api", "SELECT (SELECT count(*) FROM plans WHERE year = $1) AS plans,"
                  " (SELECT count(*) FROM tasks WHERE title LIKE '故障演练任务%') AS tasks", IMPORT_YEAR)[0]
    assert (left["plans"], left["tasks"]) == (0, 0)

    restart("tasks_api")
    assert http.get(f"/api/tasks/v1/plans/{IMPORT_YEAR}", headers=office).status_code == 404
    assert http.get(f"/api/tasks/v1/imports/{import_id}", headers=office).json()["status"] == "preview"
    done = http.post(f"/api/tasks/v1/imports/{import_id}/commit", headers=office)
    assert done.status_code == 200, done.text
    assert done.json()["created"] == IMPORT_ROWS
    plan = http.get(f"/api/tasks/v1/plans/{IMPORT_YEAR}", headers=office).json()
    assert plan["task_count"] == IMPORT_ROWS
