"""JWT verification against the gateway's JWKS, and role dependencies.

Each service verifies every token itself: signature (ES256 only, so
``alg: none`` and HMAC tricks fail), expiry, issuer. Keys come from the
gateway's JWKS, cached and refetched when a token names an unknown key id
(key rotation). A bare identity header is never trusted.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from typing import Annotated, Any

import httpx
import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .errors import forbidden, unauthorized

ALGORITHM = "ES256"

# Roles from DESIGN.md.
REFORM_OFFICE = "reform_office"
GROUP_LEAD = "group_lead"
LEAD_UNIT = "lead_unit"
UNIT = "unit"
DISTRICT = "district"
LEADER = "leader"
HOTLINE = "hotline"
# 审计员: reads the audit logs of every service and nothing else (等保 security audit).
AUDITOR = "auditor"
SERVICE = "service"
ROLES = (REFORM_OFFICE, GROUP_LEAD, LEAD_UNIT, UNIT, DISTRICT, LEADER, HOTLINE, AUDITOR)


@dataclass(frozen=True)
class Principal:
    """The verified caller: a user (with unit and roles) or a service."""

    subject: str
    username: str
    display_name: str
    roles: frozenset[str]
    unit_id: uuid.UUID | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    unit_kind: str | None = None
    environment: str | None = None
    token_type: str = "access"
    claims: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_service(self) -> bool:
        return self.token_type == "service"

    def has_any(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def sees_everything(self) -> bool:
        """The reform office, leaders and internal services read across units."""
        return self.has_any(REFORM_OFFICE, LEADER, SERVICE)


class TokenVerifier:
    """Verifies a bearer token; subclasses say where the public keys come from."""

    # Tokens already verified, with their expiry: a client sends the same access token on every request
    # for its 15 minutes, and checking it again (PyJWT validates the base64 character by character, then
    # the ECDSA signature) cost ~0.3 ms of each request. Bounded; the oldest entry goes first.
    VERIFIED_KEPT = 4096

    def __init__(self, issuer: str) -> None:
        self.issuer = issuer
        self._verified: dict[str, tuple[float, Principal]] = {}

    async def key_for(self, kid: str) -> Any:
        raise NotImplementedError

    def forget_verified(self) -> None:
        """After the signing keys changed: every token is checked against the new ones again."""
        self._verified.clear()

    async def verify(self, token: str) -> Principal:
        known = self._verified.get(token)
        if known is not None and known[0] > time.time():
            return known[1]
        principal = await self._verify(token)
        while len(self._verified) >= self.VERIFIED_KEPT:
            del self._verified[next(iter(self._verified))]
        self._verified[token] = (float(principal.claims["exp"]), principal)
        return principal

    async def _verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise unauthorized("登录凭证格式无效，请重新登录。", "auth.invalid_token") from exc
        if header.get("alg") != ALGORITHM or not isinstance(header.get("kid"), str):
            raise unauthorized("登录凭证的签名算法不被接受。", "auth.invalid_token")
        key = await self.key_for(header["kid"])
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                issuer=self.issuer,
                options={"require": ["exp", "iat", "sub", "typ"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise unauthorized("登录已过期，请重新登录。", "auth.token_expired") from exc
        except jwt.PyJWTError as exc:
            raise unauthorized("登录凭证无效，请重新登录。", "auth.invalid_token") from exc
        return principal_from_claims(claims)


class JWKSVerifier(TokenVerifier):
    """Caches the gateway's public keys; refetches on an unknown ``kid``."""

    def __init__(self, jwks_url: str, issuer: str, min_refetch_seconds: float = 5.0) -> None:
        super().__init__(issuer)
        self.jwks_url = jwks_url
        self.min_refetch_seconds = min_refetch_seconds
        self._keys: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()
        self.http: httpx.AsyncClient | None = None

    async def _refresh(self) -> None:
        async with self._lock:
            # Another request may have refreshed while we waited; and an
            # attacker's random kids must not turn into a fetch storm.
            if time.monotonic() - self._fetched_at < self.min_refetch_seconds and self._keys:
                return
            client = self.http or httpx.AsyncClient(timeout=5.0)
            try:
                resp = await client.get(self.jwks_url)
                resp.raise_for_status()
                keys = {}
                for jwk in resp.json().get("keys", []):
                    if jwk.get("kid") and jwk.get("alg", ALGORITHM) == ALGORITHM:
                        keys[jwk["kid"]] = jwt.PyJWK(jwk, algorithm=ALGORITHM).key
                self.forget_verified()
                self._keys = keys
                self._fetched_at = time.monotonic()
            finally:
                if client is not self.http:
                    await client.aclose()

    async def key_for(self, kid: str) -> Any:
        if kid not in self._keys:
            try:
                await self._refresh()
            except (httpx.HTTPError, ValueError, jwt.PyJWTError) as exc:
                raise unauthorized("暂时无法校验登录凭证，请稍后重试。", "auth.jwks_unavailable") from exc
        if kid not in self._keys:
            raise unauthorized("登录凭证的签名密钥未知，请重新登录。", "auth.invalid_token")
        return self._keys[kid]


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    token_type = claims.get("typ")
    if token_type not in ("access", "service"):
        raise unauthorized("该凭证不能用于访问接口。", "auth.invalid_token")
    unit_id = claims.get("unit_id")
    return Principal(
        subject=str(claims["sub"]),
        username=str(claims.get("username", claims["sub"])),
        display_name=str(claims.get("name", "")),
        roles=frozenset(claims.get("roles", [])),
        unit_id=uuid.UUID(unit_id) if unit_id else None,
        unit_code=claims.get("unit_code"),
        unit_name=claims.get("unit_name"),
        unit_kind=claims.get("unit_kind"),
        environment=claims.get("environment"),
        token_type=token_type,
        claims=claims,
    )


_bearer = HTTPBearer(auto_error=False)


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthorized()
    verifier: TokenVerifier = request.app.state.verifier
    principal = await verifier.verify(credentials.credentials)
    request.state.principal = principal
    return principal


# Any verified caller: for the endpoints about the caller itself (whoami, own account) and for require_roles.
AnyPrincipal = Annotated[Principal, Depends(current_principal)]
# Accounts that are not staff: the 12345 client integrates through its signed endpoints only and an auditor reads
# the audit logs only, so endpoints open to "any signed-in user" do not admit them (require_roles names them).
NON_STAFF = frozenset({HOTLINE, AUDITOR})


async def staff_principal(principal: AnyPrincipal) -> Principal:
    if principal.roles and principal.roles <= NON_STAFF and not principal.is_service:
        raise forbidden("该账号只能使用为其开放的接口（12345 对接接口或审计日志）。")
    return principal


CurrentPrincipal = Annotated[Principal, Depends(staff_principal)]


def require_roles(*roles: str):
    """Dependency: the caller must hold one of ``roles``, else 403."""

    async def _check(principal: AnyPrincipal) -> Principal:
        if not principal.has_any(*roles):
            raise forbidden()
        return principal

    return Depends(_check)
