import hashlib
import hmac
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedback_api
import pytest
from feedback_api.main import create_app
from feedback_api.public import spam
from feedback_api.settings import Settings
from reform_common.demo import all_units, unit_uuid
from reform_common.testing import TokenFactory, app_fixture
from reform_common.units import UnitDirectory, UnitInfo

API = "/api/feedback/v1"
HOTLINE_KEY, HOTLINE_SECRET = "demo-12345", "demo-12345-secret"
OPEN311_KEY = "demo-open311-key"
UNIT_NAMES = {code: name for code, name, *_ in all_units()}
DEMO_UNITS = UnitDirectory([UnitInfo(unit_uuid(code), code, name, short, tuple(aliases), kind)
                            for code, name, short, aliases, kind in all_units()])

app = app_fixture(lambda settings: create_app(settings, units=DEMO_UNITS), Settings,
                  Path(feedback_api.__file__).parent)


@pytest.fixture(scope="session")
def app_settings_overrides(tmp_path_factory) -> dict:
    return {
        "feedback_storage_dir": str(tmp_path_factory.mktemp("uploads")),
        "feedback_hotline_keys": {HOTLINE_KEY: HOTLINE_SECRET, "other-key": "other-secret"},
        "feedback_pii_key": "test-pii-key-0123456789",
        "feedback_open311_api_keys": {OPEN311_KEY: "演示 Open311 客户端"},
    }


class Caller:
    """Headers for a demo user as tokens would carry them."""

    USERS = {
        "office": ("gaib", ["reform_office"]),
        "scjg": ("scjg", ["unit"]),
        "fgw": ("fgw", ["lead_unit", "unit"]),
        "zwb": ("zwb", ["unit"]),
        "xihu": ("xihu", ["district"]),
        "binjiang": ("binjiang", ["district"]),
        "leader": ("zfb", ["leader"]),
        "hotline": ("hotline12345", ["hotline"]),
        "market_group": ("jxj", ["group_lead"]),
    }

    def __init__(self, tokens: TokenFactory) -> None:
        self.tokens = tokens

    def __call__(self, who: str) -> dict[str, str]:
        unit, roles = self.USERS[who]
        return self.tokens.headers(roles=roles, unit_id=unit_uuid(unit), username=who, unit_name=UNIT_NAMES[unit])


@pytest.fixture(scope="session")
def as_user(tokens: TokenFactory) -> Caller:
    return Caller(tokens)


@pytest.fixture
def units() -> dict:
    return {code: unit_uuid(code) for code, *_ in all_units()}


def signed(body: bytes, *, key: str = HOTLINE_KEY, secret: str = HOTLINE_SECRET, ts: int | None = None) -> dict:
    ts = int(time.time()) if ts is None else ts
    signature = hmac.new(secret.encode(), f"{ts}\n".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Hotline-Key": key, "X-Hotline-Timestamp": str(ts), "X-Hotline-Signature": signature,
            "Content-Type": "application/json"}


def order(**changes) -> dict:
    body = {
        "order_no": "GD20260930000123", "received_at": "2026-09-30T10:15:00+08:00", "type": "投诉",
        "title": "企业开办后银行开户被多次要求补充材料", "content": "我公司在西湖区办理营业执照后，银行开户时被要求重复提交租赁合同。",
        "caller_name": "王先生", "caller_phone": "13812341234", "enterprise_name": "杭州云栖数智科技有限公司",
        "credit_code": "91330106MA2CFXX77M", "district": "西湖区", "address": "西湖区文三路 90 号",
        "category": "企业开办与注销",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


@pytest.fixture
def push(client):
    async def _push(body: dict, **sign_kwargs):
        raw = json.dumps(body, ensure_ascii=False).encode()
        return await client.post(f"{API}/integrations/12345/orders", content=raw, headers=signed(raw, **sign_kwargs))

    return _push


@pytest.fixture
def form_token(app):
    def _token(age_seconds: float = 10) -> str:
        return spam.issue_token(app.state.vault, datetime.now(UTC) - timedelta(seconds=age_seconds))

    return _token


def public_body(token: str, **changes) -> dict:
    body = {
        "type": "complaint", "category_code": "utilities.power", "title": "新厂房用电报装迟迟不能接电",
        "description": "我司在滨江区的新厂房 9 月申请用电报装，至今未完成外线工程，影响投产。",
        "desired_outcome": "11 月底前完成接电", "enterprise_name": "杭州滨盛精密制造有限公司",
        "credit_code": "91330108MA2B00000Q", "contact_name": "李女士", "contact_phone": "13900001111",
        "district": "330108", "address": "滨江区江虹路 100 号", "form_token": token,
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


@pytest.fixture
def file_case(client, form_token):
    async def _file(**changes) -> dict:
        resp = await client.post(f"{API}/public/cases", json=public_body(form_token(), **changes))
        assert resp.status_code == 201, resp.text
        return resp.json()

    return _file


_phone_counter = iter(range(10_000_000))


def next_phone() -> str:
    return f"137{next(_phone_counter):08d}"


@pytest.fixture
def make_case(client, as_user):
    """A case entered by the office (channel inspection unless given); its own phone, no credit code."""

    async def _make(who: str = "office", **changes) -> dict:
        body = {
            "channel": "inspection", "source_detail": "营商环境专项督察（第三组）", "type": "complaint",
            "category_code": "enforcement.multiple", "title": "同一企业一月内被三个部门重复检查",
            "description": "企业反映本月先后接受市场监管、应急、消防三次内容相近的检查，影响生产。",
            "enterprise_name": "杭州之江新材料有限公司", "contact_name": "赵经理", "contact_phone": next_phone(),
            "district": "西湖区",
        }
        body.update(changes)
        body = {k: v for k, v in body.items() if v is not None}
        resp = await client.post(f"{API}/cases", headers=as_user(who), json=body)
        assert resp.status_code == 201, resp.text
        return resp.json()

    return _make


@pytest.fixture
def act(client, as_user, units):
    """Runs one workflow action over HTTP: act(case_no, action, who, **body)."""

    async def _published_entry() -> str:
        """A published knowledge-base entry for a direct answer (知识库直接答复)."""
        office = as_user("office")
        entry = (await client.post(f"{API}/knowledge", headers=office, json={
            "title": "新办企业如何申领发票", "question": "新公司第一次开票要带什么材料？",
            "answer": "可在电子税务局「新办纳税人套餐」网上办理，无需到大厅。", "kind": "procedure"})).json()
        await client.post(f"{API}/knowledge/{entry['id']}/publish", headers=office)
        return entry["id"]

    async def _act(case_no: str, action: str, who: str, expect: int | None = 200, **body):
        base = f"{API}/cases/{case_no}"
        path, payload = {
            "assign": ("/assign", {"unit_id": str(units["scjg"])}),
            "accept": ("/accept", {}),
            "start": ("/start", {}),
            "reply": ("/reply", {"reply": "经核查，已协调相关部门合并检查事项，今后同类检查将“综合查一次”。"}),
            "return": ("/return", {"reason": "该事项属区级职责，非本单位职责"}),
            "request_extension": ("/extension", {"working_days": 3, "reason": "需现场核查并协调供电公司"}),
            "approve_extension": ("/extension/decision", {"approve": True}),
            "refuse_extension": ("/extension/decision", {"approve": False, "comment": "时限内可办结"}),
            "close": ("/follow-up", {"satisfaction": "satisfied"}),
            "follow_up_dissatisfied": ("/follow-up", {"satisfaction": "dissatisfied", "comment": "问题未解决"}),
            "reopen": ("/reopen", {"reason": "企业再次反映同一问题"}),
            "direct_answer": ("/direct-answer", {}),
        }[action]
        if action == "direct_answer" and "entry_id" not in body:
            payload["entry_id"] = await _published_entry()
        payload.update(body)
        resp = await client.post(base + path, headers=as_user(who), json=payload)
        if expect is not None:
            assert resp.status_code == expect, resp.text
        return resp

    return _act


@pytest.fixture(scope="session")
def helpers():
    """Plain helpers for the test modules (importlib mode: they cannot import conftest)."""
    from types import SimpleNamespace

    return SimpleNamespace(signed=signed, order=order, public_body=public_body, next_phone=next_phone,
                           key=HOTLINE_KEY, secret=HOTLINE_SECRET, open311_key=OPEN311_KEY)
