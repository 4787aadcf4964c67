"""pytest plugin shared by every service's tests (``-p reform_common.testing``).

- one PostgreSQL for the session: ``TEST_DATABASE_URL`` when set, else the
  embedded server in a temporary folder;
- each service's schema built by its real Alembic migrations;
- each test isolated in a transaction that is rolled back (the request
  session joins it through savepoints);
- an ``httpx.AsyncClient`` over the ASGI app, lifespan included;
- test tokens signed with a test key that the service fetches as its JWKS.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import importlib
import os
import random
import socket
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
import pytest_asyncio
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from anyio import to_thread
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from .auth import ALGORITHM
from .db import DirectReader
from .migrations import downgrade, upgrade
from .pg import ensure_databases, start_embedded, stop_embedded
from .settings import ServiceSettings, database_url_for

ISSUER = "reform-gateway"


@pytest.fixture(scope="session")
def pg_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        yield url
        return
    data_dir = tmp_path_factory.mktemp("pg") / "data"
    # Stopped here rather than at interpreter exit, while logging still works.
    yield start_embedded(data_dir, cleanup_mode=None)
    stop_embedded(data_dir)


def _ephemeral_low() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port_block(size: int = 4) -> int:
    """A base port with ``size`` consecutive free ports after it, below the kernel's ephemeral range:
    outgoing connections take their local ports from that range, so one of them could take a port of
    the block between this check and the servers' bind (seen as "address already in use")."""
    high = _ephemeral_low() - size
    for _ in range(200):
        base = random.randrange(10_000, high)
        try:
            for offset in range(size):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", base + offset))
            return base
        except OSError:
            continue
    raise RuntimeError("no free port block")


@dataclass
class KeyPair:
    private_key: ec.EllipticCurvePrivateKey
    kid: str

    @classmethod
    def generate(cls, kid: str | None = None) -> KeyPair:
        return cls(ec.generate_private_key(ec.SECP256R1()), kid or uuid.uuid4().hex[:16])

    @property
    def pem(self) -> str:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()

    @property
    def jwk(self) -> dict[str, Any]:
        jwk = jwt.algorithms.ECAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {**jwk, "kid": self.kid, "alg": ALGORITHM, "use": "sig"}

    def sign(self, claims: dict[str, Any], headers: dict[str, Any] | None = None) -> str:
        return jwt.encode(claims, self.private_key, algorithm=ALGORITHM, headers={"kid": self.kid, **(headers or {})})


@dataclass
class TokenFactory:
    """Mints tokens as the gateway would, and serves the matching JWKS."""

    keys: list[KeyPair]

    @property
    def current(self) -> KeyPair:
        return self.keys[-1]

    def jwks(self) -> dict[str, Any]:
        return {"keys": [k.jwk for k in self.keys]}

    def claims(
        self,
        *,
        roles: list[str],
        unit_id: uuid.UUID | None = None,
        username: str = "tester",
        ttl: int = 600,
        **extra: Any,
    ) -> dict[str, Any]:
        now = int(time.time())
        return {
            "iss": ISSUER, "sub": str(uuid.uuid4()), "typ": "access", "iat": now, "exp": now + ttl,
            "username": username, "name": username, "roles": roles,
            "unit_id": str(unit_id or uuid.uuid4()), "unit_name": "测试单位", "unit_kind": "department",
            **extra,
        }

    def token(self, **kwargs: Any) -> str:
        return self.current.sign(self.claims(**kwargs))

    def headers(self, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(**kwargs)}"}

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(lambda request: httpx.Response(200, json=self.jwks()))


@pytest.fixture(scope="session")
def tokens() -> TokenFactory:
    return TokenFactory([KeyPair.generate()])


def migrated_database(server_url: str, package_dir: Path, name: str) -> str:
    """A fresh database ``name`` with the service's migrations applied."""
    asyncio.run(ensure_databases(server_url, [name], recreate=True))
    url = database_url_for(name, server_url)
    upgrade(package_dir, url)
    return url


def app_fixture(
    create_app: Callable[[Any], FastAPI],
    settings_cls: type[ServiceSettings],
    package_dir: Path,
    prepare: Callable[[str], Any] | None = None,
    **settings_overrides: Any,
):
    """Build a session-scoped ``app`` fixture for one service; ``prepare``
    gets the migrated database's URL and may load committed fixture data."""

    @pytest_asyncio.fixture(scope="session")
    async def app(pg_server_url: str, tokens: TokenFactory, app_settings_overrides: dict) -> AsyncIterator[FastAPI]:
        name = f"test_{package_dir.name}"
        url = await _in_thread(migrated_database, pg_server_url, package_dir, name)
        if prepare is not None:
            await prepare(url)
        settings = settings_cls(
            database_url=pg_server_url, database_name=name, **{**settings_overrides, **app_settings_overrides}
        )
        application = create_app(settings)
        async with application.router.lifespan_context(application):
            verifier = application.state.verifier
            if hasattr(verifier, "http"):
                verifier.http = httpx.AsyncClient(transport=tokens.transport())
            yield application

    return app


async def _in_thread(fn: Callable[..., Any], *args: Any) -> Any:
    return await to_thread.run_sync(fn, *args)


@pytest.fixture(scope="session")
def app_settings_overrides() -> dict:
    """Override in a conftest to pass settings to the app fixture."""
    return {}


@pytest_asyncio.fixture
async def db_connection(app: FastAPI) -> AsyncIterator[Any]:
    """Every request of the test joins this connection's transaction, rolled back at the end."""
    db = app.state.db
    async with db.engine.connect() as conn:
        transaction = await conn.begin()
        original = db.sessionmaker, db.direct
        db.sessionmaker = async_sessionmaker(bind=conn, expire_on_commit=False,
                                             join_transaction_mode="create_savepoint")
        # The session-less reads join it too, so they see the test's rows.
        db.direct = JoinedReader(conn, db.direct)
        try:
            yield conn
        finally:
            db.sessionmaker, db.direct = original
            await transaction.rollback()


class JoinedReader:
    """A DirectReader's statements on a test's connection, inside its transaction (so they see its rows)."""

    def __init__(self, conn: Any, reader: DirectReader) -> None:
        self.conn, self.dialect, self.name = conn, reader.dialect, reader.name

    async def fetch(self, sql: str, *args: Any) -> list[Any]:
        return list((await self.conn.exec_driver_sql(sql, args)).all())

    async def fetchrow(self, sql: str, *args: Any) -> Any:
        rows = await self.fetch(sql, *args)
        return rows[0] if rows else None


@pytest_asyncio.fixture
async def client(app: FastAPI, db_connection: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


class ServiceContract:
    """What every service must do (DESIGN.md conventions), run per service by
    subclassing in its tests with ``prefix`` and ``package_dir`` set."""

    prefix: str
    package_dir: Path

    @property
    def api(self) -> str:
        return f"/api/{self.prefix}"

    async def test_health_ready_metrics_openapi(self, client: httpx.AsyncClient) -> None:
        assert (await client.get(f"{self.api}/healthz")).json()["status"] == "ok"
        assert (await client.get(f"{self.api}/readyz")).json()["status"] == "ready"
        metrics = await client.get("/metrics")
        assert metrics.status_code == 200
        assert f'route="{self.api}/readyz"' in metrics.text
        spec = (await client.get(f"{self.api}/openapi.json")).json()
        assert spec["info"]["title"].startswith("营商环境改革推进平台")
        assert f"{self.api}/v1/whoami" in spec["paths"]

    async def test_valid_token_gives_the_caller(self, client: httpx.AsyncClient, tokens: TokenFactory) -> None:
        unit_id = uuid.uuid4()
        resp = await client.get(f"{self.api}/v1/whoami", headers=tokens.headers(roles=["unit"], unit_id=unit_id,
                                                                               username="scjg"))
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert (body["username"], body["roles"], body["unit_id"]) == ("scjg", ["unit"], str(unit_id))

    async def _assert_401(self, client: httpx.AsyncClient, headers: dict[str, str], code: str) -> None:
        resp = await client.get(f"{self.api}/v1/whoami", headers=headers)
        assert resp.status_code == 401, resp.text
        assert resp.headers["content-type"] == "application/problem+json"
        assert resp.json()["code"] == code
        assert not resp.json()["detail"].isascii()

    async def test_missing_token(self, client: httpx.AsyncClient) -> None:
        await self._assert_401(client, {}, "auth.unauthorized")

    async def test_bare_identity_headers_are_not_trusted(self, client: httpx.AsyncClient) -> None:
        await self._assert_401(
            client, {"X-User-Id": str(uuid.uuid4()), "X-Roles": "reform_office", "X-Unit-Id": str(uuid.uuid4())},
            "auth.unauthorized",
        )

    async def test_expired_token(self, client: httpx.AsyncClient, tokens: TokenFactory) -> None:
        claims = tokens.claims(roles=["unit"])
        claims["exp"] = claims["iat"] - 10
        await self._assert_401(client, {"Authorization": f"Bearer {tokens.current.sign(claims)}"},
                               "auth.token_expired")

    async def test_token_signed_by_another_key(self, client: httpx.AsyncClient, tokens: TokenFactory) -> None:
        forger = KeyPair.generate(kid=tokens.current.kid)  # same key id, different key
        token = forger.sign(tokens.claims(roles=["reform_office"]))
        await self._assert_401(client, {"Authorization": f"Bearer {token}"}, "auth.invalid_token")

    async def test_token_with_unknown_key_id(self, client: httpx.AsyncClient, tokens: TokenFactory) -> None:
        token = KeyPair.generate().sign(tokens.claims(roles=["reform_office"]))
        await self._assert_401(client, {"Authorization": f"Bearer {token}"}, "auth.invalid_token")

    async def test_alg_none(self, client: httpx.AsyncClient, tokens: TokenFactory) -> None:
        token = jwt.encode(tokens.claims(roles=["reform_office"]), None, algorithm="none",
                           headers={"kid": tokens.current.kid})
        await self._assert_401(client, {"Authorization": f"Bearer {token}"}, "auth.invalid_token")

    async def test_hmac_signed_with_the_public_key(self, client: httpx.AsyncClient, tokens: TokenFactory) -> None:
        # The classic confusion attack: HS256 keyed with the published public key.
        public_pem = tokens.current.private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        header = {"alg": "HS256", "kid": tokens.current.kid, "typ": "JWT"}
        signing_input = b".".join(
            jwt.utils.base64url_encode(jwt.api_jws.json.dumps(part, separators=(",", ":")).encode())
            for part in (header, tokens.claims(roles=["reform_office"]))
        )
        signature = jwt.utils.base64url_encode(hmac.new(public_pem, signing_input, hashlib.sha256).digest())
        token = (signing_input + b"." + signature).decode()
        await self._assert_401(client, {"Authorization": f"Bearer {token}"}, "auth.invalid_token")

    async def test_wrong_issuer_and_wrong_type(self, client: httpx.AsyncClient, tokens: TokenFactory) -> None:
        wrong_issuer = tokens.current.sign(tokens.claims(roles=["unit"], iss="someone-else"))
        await self._assert_401(client, {"Authorization": f"Bearer {wrong_issuer}"}, "auth.invalid_token")
        refresh_type = tokens.current.sign(tokens.claims(roles=["unit"], typ="refresh"))
        await self._assert_401(client, {"Authorization": f"Bearer {refresh_type}"}, "auth.invalid_token")

    async def test_audit_log_is_for_the_office_and_leaders(
        self, client: httpx.AsyncClient, tokens: TokenFactory
    ) -> None:
        denied = await client.get(f"{self.api}/v1/audit-log", headers=tokens.headers(roles=["unit"]))
        assert denied.status_code == 403
        assert denied.json()["code"] == "forbidden"
        for role in ("reform_office", "leader"):
            resp = await client.get(f"{self.api}/v1/audit-log", headers=tokens.headers(roles=[role]))
            assert resp.status_code == 200
            assert set(resp.json()) == {"items", "total", "page", "page_size"}

    async def test_bad_input_is_a_chinese_422(self, client: httpx.AsyncClient, tokens: TokenFactory) -> None:
        resp = await client.get(f"{self.api}/v1/audit-log?page_size=100000&page=x",
                                headers=tokens.headers(roles=["reform_office"]))
        assert resp.status_code == 422
        body = resp.json()
        assert body["code"] == "validation_failed"
        assert {e["field"] for e in body["errors"]} == {"page_size", "page"}
        assert all(not e["message"].isascii() for e in body["errors"])

    async def test_unknown_path_is_a_problem_404(self, client: httpx.AsyncClient) -> None:
        resp = await client.get(f"{self.api}/v1/no-such-thing")
        assert resp.status_code == 404
        assert resp.headers["content-type"] == "application/problem+json"

    async def test_request_id_is_echoed(self, client: httpx.AsyncClient) -> None:
        resp = await client.get(f"{self.api}/healthz", headers={"X-Request-ID": "trace-abc-123"})
        assert resp.headers["x-request-id"] == "trace-abc-123"
        generated = await client.get(f"{self.api}/healthz", headers={"X-Request-ID": "bad id with spaces"})
        assert generated.headers["x-request-id"] != "bad id with spaces"

    def test_migrations_upgrade_from_empty_and_downgrade_cleanly(self, pg_server_url: str) -> None:
        url = migrated_database(pg_server_url, self.package_dir, f"migrations_{self.package_dir.name}")
        downgrade(self.package_dir, url, "base")

        async def tables() -> list[str]:
            engine = create_async_engine(url)
            async with engine.connect() as conn:
                names = await conn.run_sync(lambda c: inspect(c).get_table_names())
            await engine.dispose()
            return names

        assert set(asyncio.run(tables())) <= {"alembic_version"}
        upgrade(self.package_dir, url)
        assert "audit_log" in asyncio.run(tables())

    def test_models_match_migrations(self, pg_server_url: str) -> None:
        # Migrations are written (or trimmed) by hand; this catches a model and its migration drifting apart.
        url = migrated_database(pg_server_url, self.package_dir, f"drift_{self.package_dir.name}")
        metadata = importlib.import_module(f"{self.package_dir.name}.models").Base.metadata

        async def differences() -> list[Any]:
            engine = create_async_engine(url)
            async with engine.connect() as conn:
                diff = await conn.run_sync(lambda c: compare_metadata(
                    MigrationContext.configure(c, opts={"compare_type": True}), metadata))
            await engine.dispose()
            return diff

        assert asyncio.run(differences()) == []


class JWKSRotationContract:
    """Services that fetch the gateway's JWKS pick up a new key by its id."""

    async def test_key_rotation_is_picked_up(
        self, client: httpx.AsyncClient, tokens: TokenFactory, app: FastAPI, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(app.state.verifier, "min_refetch_seconds", 0)
        tokens.keys.append(KeyPair.generate())
        try:
            resp = await client.get(f"/api/{self.prefix}/v1/whoami", headers=tokens.headers(roles=["unit"]))
            assert resp.status_code == 200, resp.text
        finally:
            tokens.keys.pop()
