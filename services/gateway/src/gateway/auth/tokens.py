"""Minting access, service and refresh tokens."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from reform_common.auth import AUDITOR

from gateway.directory.models import User
from gateway.keys import SigningKey
from gateway.settings import GatewaySettings

SERVICE_CLIENTS = ("tasks-api", "indicators-api", "feedback-api")


def hash_refresh(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenIssuer:
    def __init__(self, key: SigningKey, settings: GatewaySettings) -> None:
        self.key = key
        self.settings = settings

    def _base(self, subject: str, token_type: str, ttl: int) -> dict:
        now = datetime.now(UTC)
        return {
            "iss": self.settings.jwt_issuer,
            "sub": subject,
            "typ": token_type,
            "iat": int(now.timestamp()),
            "exp": int((now + timedelta(seconds=ttl)).timestamp()),
            "jti": uuid.uuid4().hex,
        }

    def access_token(self, user: User) -> str:
        claims = self._base(str(user.id), "access", self.settings.access_token_ttl_seconds)
        claims.update(username=user.username, name=user.display_name, roles=list(user.roles),
                      environment=user.environment)
        # An auditor reads every service's audit log and acts for no unit: without unit claims,
        # no query scoped to the caller's unit shows them what their unit owns.
        if set(user.roles) != {AUDITOR}:
            claims.update(unit_id=str(user.unit_id), unit_code=user.unit.code, unit_name=user.unit.name,
                          unit_kind=user.unit.kind)
        return self.key.sign(claims)

    def service_token(self, service: str) -> str:
        claims = self._base(f"service:{service}", "service", self.settings.service_token_ttl_seconds)
        claims.update(username=service, name=service, roles=["service"])
        return self.key.sign(claims)

    @staticmethod
    def new_refresh_token() -> str:
        return secrets.token_urlsafe(32)
