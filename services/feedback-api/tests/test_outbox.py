"""12345 callbacks through the transactional outbox, against a real local
receiver (a small uvicorn app) and real feedback-api apps on their own,
committed database: retries with backoff until a 2xx, strictly in order per
order, at least once, across a service restart, with several dispatchers at
once, signed so the receiver can verify them, never before the commit."""

import asyncio
import hashlib
import hmac
import json
import socket
import time
import uuid
from contextlib import asynccontextmanager
from pathlib import Path

import feedback_api
import httpx
import pytest
import pytest_asyncio
import uvicorn
from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from feedback_api.cases.context import build_context
from feedback_api.hotline import service as hotline_service
from feedback_api.main import create_app
from feedback_api.outbox import capture
from feedback_api.outbox.dispatcher import backoff_seconds
from feedback_api.settings import Settings
from reform_common.demo import all_units, unit_uuid
from reform_common.testing import migrated_database
from reform_common.units import UnitDirectory, UnitInfo

API = "/api/feedback/v1"
HOTLINE_KEY, HOTLINE_SECRET = "demo-12345", "demo-12345-secret"
CALLBACK_KEY, CALLBACK_SECRET = "reform-platform", "callback-secret-for-tests"
DATABASE = "test_feedback_outbox"
UNITS = UnitDirectory([UnitInfo(unit_uuid(code), code, name, short, tuple(aliases), kind)
                       for code, name, short, aliases, kind in all_units()])
UNIT_NAMES = {code: name for code, name, *_ in all_units()}


class Receiver:
    """The 12345 side: verifies each callback's signature on its own (no platform code),
    answers 500 while told to fail an order, records every attempt and every acceptance,
    and treats a repeated event_id as already done (the Idempotency-Key contract)."""

    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/12345/callbacks"
        self.server: uvicorn.Server | None = None
        self.task: asyncio.Task | None = None
        self.reset()

    def reset(self) -> None:
        self.attempts: list[dict] = []  # every request, in arrival order
        self.accepted: list[dict] = []  # bodies accepted, first time per event_id
        self.duplicates: list[str] = []
        self.fail: dict[str, int] = {}  # order_no → failures still to answer

    def app(self) -> FastAPI:
        receiver = FastAPI()

        @receiver.post("/12345/callbacks")
        async def callback(request: Request) -> JSONResponse:
            raw = await request.body()
            ts = request.headers.get("x-hotline-timestamp", "")
            expected = hmac.new(CALLBACK_SECRET.encode(), f"{ts}\n".encode() + raw, hashlib.sha256).hexdigest()
            signed = (request.headers.get("x-hotline-key") == CALLBACK_KEY and ts.isdigit()
                      and abs(time.time() - int(ts)) <= 300
                      and hmac.compare_digest(expected, request.headers.get("x-hotline-signature", "")))
            body = json.loads(raw)
            attempt = {"event_id": body["event_id"], "order_no": body["order_no"], "event": body["event"],
                       "signed": signed, "idempotency_key": request.headers.get("idempotency-key"),
                       "content_type": request.headers.get("content-type")}
            self.attempts.append(attempt)
            if not signed:
                return JSONResponse({"code": "bad_signature"}, status_code=401)
            if self.fail.get(body["order_no"], 0) > 0:
                self.fail[body["order_no"]] -= 1
                attempt["answer"] = 500
                return JSONResponse({"code": "busy"}, status_code=500)
            attempt["answer"] = 200
            if any(b["event_id"] == body["event_id"] for b in self.accepted):
                self.duplicates.append(body["event_id"])
            else:
                self.accepted.append(body)
            return JSONResponse({"code": 0})

        return receiver

    async def start(self) -> None:
        self.server = uvicorn.Server(uvicorn.Config(self.app(), host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.task = asyncio.create_task(self.server.serve())
        while not self.server.started:
            await asyncio.sleep(0.02)

    async def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
            await self.task
            self.server = None

    def events(self, order_no: str) -> list[str]:
        return [b["event"] for b in self.accepted if b["order_no"] == order_no]


@pytest_asyncio.fixture(scope="session")
async def receiver():
    r = Receiver()
    await r.start()
    yield r
    await r.stop()


@pytest_asyncio.fixture(scope="session")
async def outbox_database(pg_server_url):
    await to_thread.run_sync(migrated_database, pg_server_url, Path(feedback_api.__file__).parent, DATABASE)
    return pg_server_url


@pytest.fixture
def fresh_receiver(receiver):
    receiver.reset()
    return receiver


@pytest.fixture
def running(outbox_database, receiver, tokens, tmp_path):
    """``async with running(**settings) as client``: a feedback-api app with callbacks on, its
    dispatcher loop started, on the committed outbox database; stopped on exit."""

    @asynccontextmanager
    async def _running(**overrides):
        settings = Settings(**{
            "database_url": outbox_database, "database_name": DATABASE,
            "feedback_storage_dir": str(tmp_path / "uploads"), "feedback_pii_key": "test-pii-key-0123456789",
            "feedback_hotline_keys": {HOTLINE_KEY: HOTLINE_SECRET}, "hotline_callback_url": receiver.url,
            "hotline_callback_key": CALLBACK_KEY, "hotline_callback_secret": CALLBACK_SECRET,
            "hotline_callback_backoff_base_seconds": 0.05, "hotline_callback_backoff_cap_seconds": 0.2,
            "hotline_callback_poll_seconds": 0.2, **overrides,
        })
        app = create_app(settings, units=UNITS)
        async with app.router.lifespan_context(app):
            app.state.verifier.http = httpx.AsyncClient(transport=tokens.transport())
            transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                client.app = app
                yield client

    return _running


@pytest.fixture
def office(tokens):
    return tokens.headers(roles=["reform_office"], unit_id=unit_uuid("gaib"), username="office",
                          unit_name=UNIT_NAMES["gaib"])


@pytest.fixture
def scjg(tokens):
    return tokens.headers(roles=["unit"], unit_id=unit_uuid("scjg"), username="scjg", unit_name=UNIT_NAMES["scjg"])


def new_order_no() -> str:
    return f"GD{uuid.uuid4().hex[:14].upper()}"


def order_body(order_no: str) -> bytes:
    return json.dumps({
        "order_no": order_no, "received_at": "2026-11-20T10:15:00+08:00", "type": "投诉",
        "title": "新厂房用电报装超时", "content": "我司新厂房用电报装已提交 20 个工作日，仍未完成外线接入。",
        "caller_name": "王先生", "caller_phone": "13812341234", "enterprise_name": "杭州云栖数智科技有限公司",
        "district": "西湖区", "category": "用电报装",
    }, ensure_ascii=False).encode()


def hotline_headers(body: bytes) -> dict:
    ts = str(int(time.time()))
    sig = hmac.new(HOTLINE_SECRET.encode(), f"{ts}\n".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Hotline-Key": HOTLINE_KEY, "X-Hotline-Timestamp": ts, "X-Hotline-Signature": sig,
            "Content-Type": "application/json"}


async def push_order(client, order_no: str) -> str:
    body = order_body(order_no)
    resp = await client.post(f"{API}/integrations/12345/orders", content=body, headers=hotline_headers(body))
    assert resp.status_code == 201, resp.text
    return resp.json()["case_no"]


async def step(client, case_no: str, action: str, headers: dict) -> None:
    path, payload = {
        "assign": ("/assign", {"unit_id": str(unit_uuid("scjg"))}),
        "accept": ("/accept", {}),
        "start": ("/start", {}),
        "reply": ("/reply", {"reply": "经协调，供电公司已完成外线接入并送电。"}),
        "close": ("/follow-up", {"satisfaction": "satisfied"}),
    }[action]
    resp = await client.post(f"{API}/cases/{case_no}{path}", headers=headers, json=payload)
    assert resp.status_code == 200, resp.text


async def until(predicate, timeout: float = 15.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        await asyncio.sleep(0.02)


async def outbox_rows(client, headers, order_no: str) -> list[dict]:
    resp = await client.get(f"{API}/outbox", params={"order_no": order_no, "page_size": 200}, headers=headers)
    assert resp.status_code == 200, resp.text
    return sorted(resp.json()["items"], key=lambda r: r["id"])


# ---- the rules ----------------------------------------------------------------------------------

def test_backoff_doubles_up_to_the_cap():
    assert [backoff_seconds(n, 5, 60) for n in range(1, 7)] == [5, 10, 20, 40, 60, 60]
    assert backoff_seconds(10_000, 5, 900) == 900


async def test_without_a_callback_url_nothing_is_queued(client, push, act, as_user, helpers):
    resp = await push(helpers.order(order_no="GDNOURL0001"))
    case_no = resp.json()["case_no"]
    await act(case_no, "assign", "office")
    listed = await client.get(f"{API}/outbox", headers=as_user("office"))
    assert listed.status_code == 200
    assert listed.json()["enabled"] is False and listed.json()["total"] == 0
    # The outbox is the reform office's alone.
    for who in ("scjg", "leader", "hotline"):
        assert (await client.get(f"{API}/outbox", headers=as_user(who))).status_code == 403


def test_a_callback_url_without_a_secret_does_not_start():
    with pytest.raises(RuntimeError, match="HOTLINE_CALLBACK_SECRET"):
        create_app(Settings(database_url="postgresql://x@127.0.0.1/x", hotline_callback_url="http://127.0.0.1:1/"))


# ---- delivery -----------------------------------------------------------------------------------

async def test_failed_attempts_are_retried_and_events_arrive_once_in_order(running, fresh_receiver, office, scjg):
    order_no = new_order_no()
    fresh_receiver.fail[order_no] = 2  # 500, 500, then 200
    async with running() as client:
        case_no = await push_order(client, order_no)
        for action, who in (("assign", office), ("accept", scjg), ("start", scjg), ("reply", scjg)):
            await step(client, case_no, action, who)
        await until(lambda: len(fresh_receiver.events(order_no)) == 5, what="five callbacks")
        rows = await outbox_rows(client, office, order_no)

    assert fresh_receiver.events(order_no) == ["received", "assigned", "accepted", "in_progress", "replied"]
    assert fresh_receiver.duplicates == []
    mine = [a for a in fresh_receiver.attempts if a["order_no"] == order_no]
    # The first event took three attempts; nothing later was sent before it got through.
    assert [(a["event"], a["answer"]) for a in mine[:3]] == [("received", 500), ("received", 500), ("received", 200)]
    assert [a["event"] for a in mine[3:]] == ["assigned", "accepted", "in_progress", "replied"]
    assert all(a["signed"] and a["idempotency_key"] == a["event_id"] for a in mine)
    assert [r["attempts"] for r in rows] == [3, 1, 1, 1, 1]
    assert all(r["state"] == "delivered" and r["last_error"] is None and r["last_status_code"] == 200 for r in rows)

    replied = fresh_receiver.accepted[-1]
    assert set(replied) >= {"event_id", "order_no", "case_no", "event", "status", "occurred_at", "unit", "reply"}
    assert replied["case_no"] == case_no and replied["status"] == "replied"
    assert replied["unit"] == UNIT_NAMES["scjg"] and replied["reply"].startswith("经协调")
    assert replied["occurred_at"].endswith("+08:00")
    assert fresh_receiver.accepted[0]["unit"] is None and fresh_receiver.accepted[0]["status"] == "received"


async def test_two_orders_interleaved_each_keep_their_order(running, fresh_receiver, office, scjg):
    first, second = new_order_no(), new_order_no()
    fresh_receiver.fail[first] = 3  # the first order's receiver side is struggling; the second's is not held up
    async with running() as client:
        case_a = await push_order(client, first)
        case_b = await push_order(client, second)
        for action, who in (("assign", office), ("accept", scjg), ("start", scjg), ("reply", scjg)):
            await step(client, case_a, action, who)
            await step(client, case_b, action, who)
        await step(client, case_b, "close", office)
        await until(lambda: len(fresh_receiver.events(first)) == 5 and len(fresh_receiver.events(second)) == 6,
                    what="both orders")
    assert fresh_receiver.events(first) == ["received", "assigned", "accepted", "in_progress", "replied"]
    assert fresh_receiver.events(second) == ["received", "assigned", "accepted", "in_progress", "replied", "closed"]
    assert fresh_receiver.duplicates == []
    # Per order, attempts went out in event order (a retry of an event before the next one).
    for order_no, expected in ((first, ["received"] * 4 + ["assigned", "accepted", "in_progress", "replied"]),
                               (second, ["received", "assigned", "accepted", "in_progress", "replied", "closed"])):
        assert [a["event"] for a in fresh_receiver.attempts if a["order_no"] == order_no] == expected


async def test_callbacks_survive_the_receiver_down_across_a_restart(running, fresh_receiver, office):
    order_no = new_order_no()
    await fresh_receiver.stop()
    try:
        async with running() as client:
            case_no = await push_order(client, order_no)
            await step(client, case_no, "assign", office)

            async def first_attempts() -> int:
                return (await outbox_rows(client, office, order_no))[0]["attempts"]

            deadline = time.monotonic() + 10
            while await first_attempts() < 2:
                assert time.monotonic() < deadline, "no failed attempts recorded"
                await asyncio.sleep(0.05)
            rows = await outbox_rows(client, office, order_no)
            assert rows[0]["state"] == "failed" and "ConnectError" in rows[0]["last_error"]
            assert rows[0]["last_status_code"] is None
            assert rows[1]["state"] == "pending" and rows[1]["attempts"] == 0  # waits for the first
        # The service is stopped (its loop ended), then the receiver comes back, then a new process starts.
        await fresh_receiver.start()
        await asyncio.sleep(0.3)
        assert [a for a in fresh_receiver.attempts if a["order_no"] == order_no] == []
        async with running() as client:
            await until(lambda: fresh_receiver.events(order_no) == ["received", "assigned"], what="after restart")
            rows = await outbox_rows(client, office, order_no)
        assert rows[0]["attempts"] >= 3 and all(r["state"] == "delivered" for r in rows)
        assert fresh_receiver.duplicates == []
    finally:
        if fresh_receiver.server is None:
            await fresh_receiver.start()


async def test_several_dispatchers_deliver_each_event_once_in_order(running, fresh_receiver, office, scjg):
    orders = [new_order_no() for _ in range(4)]
    for order_no in orders[:2]:
        fresh_receiver.fail[order_no] = 1
    async with running() as one, running() as two:  # two replicas on one database
        cases = [await push_order(one, o) for o in orders]
        for action, who in (("assign", office), ("accept", scjg), ("reply", scjg)):
            for i, case_no in enumerate(cases):
                await step(one if i % 2 else two, case_no, action, who)
        await until(lambda: all(len(fresh_receiver.events(o)) == 4 for o in orders), what="all orders")
    for order_no in orders:
        assert fresh_receiver.events(order_no) == ["received", "assigned", "accepted", "replied"]
    assert fresh_receiver.duplicates == []


async def test_nothing_is_sent_before_the_commit(running, fresh_receiver):
    order_no, rolled_back = new_order_no(), new_order_no()
    async with running() as client:
        app = client.app
        token = capture._current.set(app.state.outbox)
        try:
            async with app.state.db.sessionmaker() as session:
                async with session.begin():
                    ctx = await build_context(session, app.state)
                    await hotline_service.push(session, ctx, HOTLINE_KEY, order_body(order_no))
                    app.state.outbox.dispatcher.kick()
                    await asyncio.sleep(0.5)  # the dispatcher runs meanwhile and finds nothing committed
                    assert not [a for a in fresh_receiver.attempts if a["order_no"] == order_no]
                await app.state.outbox.kick()
                await until(lambda: fresh_receiver.events(order_no) == ["received"], what="after commit")
                await session.begin()
                ctx = await build_context(session, app.state)
                await hotline_service.push(session, ctx, HOTLINE_KEY, order_body(rolled_back))
                await session.rollback()
        finally:
            capture._current.reset(token)
        await asyncio.sleep(0.5)
    assert [a["order_no"] for a in fresh_receiver.attempts if a["order_no"] in (order_no, rolled_back)] == [order_no]


# ---- the office's view --------------------------------------------------------------------------

async def test_office_lists_failures_and_retries_now(running, fresh_receiver, office, scjg, tokens):
    order_no = new_order_no()
    fresh_receiver.fail[order_no] = 1
    # A long backoff: after its failure the row waits, until the office says "retry now".
    async with running(hotline_callback_backoff_base_seconds=600, hotline_callback_backoff_cap_seconds=600) as client:
        case_no = await push_order(client, order_no)
        await until(lambda: [a["order_no"] for a in fresh_receiver.attempts] == [order_no], what="first attempt")
        await step(client, case_no, "assign", office)

        async def listed(**params) -> dict:
            resp = await client.get(f"{API}/outbox", params={"order_no": order_no, **params}, headers=office)
            assert resp.status_code == 200, resp.text
            return resp.json()

        body = await listed(state="failed")
        assert body["enabled"] is True and body["total"] == 1
        (failed,) = body["items"]
        assert failed["event"] == "received" and failed["attempts"] == 1 and failed["last_status_code"] == 500
        assert failed["last_error"].startswith("HTTP 500") and failed["next_attempt_at"]
        assert failed["payload"]["order_no"] == order_no and failed["payload"]["event"] == "received"
        pending = (await listed(state="pending"))["items"]
        assert [p["event"] for p in pending] == ["assigned"]  # queued behind the failed one
        assert (await listed(state="undelivered"))["total"] == 2

        unit = tokens.headers(roles=["unit"], unit_id=unit_uuid("scjg"))
        assert (await client.post(f"{API}/outbox/{failed['id']}/retry", headers=unit)).status_code == 403
        retried = await client.post(f"{API}/outbox/{failed['id']}/retry", headers=office)
        assert retried.status_code == 200, retried.text
        await until(lambda: fresh_receiver.events(order_no) == ["received", "assigned"], what="retry now")
        rows = await outbox_rows(client, office, order_no)
        assert [r["attempts"] for r in rows] == [2, 1] and all(r["state"] == "delivered" for r in rows)

        again = await client.post(f"{API}/outbox/{failed['id']}/retry", headers=office)
        assert again.status_code == 409 and again.json()["code"] == "outbox.already_delivered"
        assert (await client.post(f"{API}/outbox/999999999/retry", headers=office)).status_code == 404
        assert (await client.post(f"{API}/outbox/retry", headers=office)).json()["scheduled"] >= 0
