"""The gateway's signing key and its JWKS.

Access and service tokens are signed with ES256 (asymmetric): services hold
only the public key from ``/.well-known/jwks.json`` and cannot mint tokens.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from reform_common.auth import ALGORITHM, TokenVerifier
from reform_common.errors import unauthorized

from gateway.settings import GatewaySettings


@dataclass(frozen=True)
class SigningKey:
    private_key: ec.EllipticCurvePrivateKey
    kid: str
    public_jwk: dict[str, Any]

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.private_key, algorithm=ALGORITHM, headers={"kid": self.kid})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signing_key_from_private(private_key: ec.EllipticCurvePrivateKey) -> SigningKey:
    numbers = private_key.public_key().public_numbers()
    x, y = _b64(numbers.x.to_bytes(32, "big")), _b64(numbers.y.to_bytes(32, "big"))
    # RFC 7638 thumbprint as the key id: stable for the same key everywhere.
    thumb = json.dumps({"crv": "P-256", "kty": "EC", "x": x, "y": y}, separators=(",", ":"), sort_keys=True)
    kid = _b64(hashlib.sha256(thumb.encode()).digest())[:22]
    jwk = {"kty": "EC", "crv": "P-256", "x": x, "y": y, "kid": kid, "alg": ALGORITHM, "use": "sig"}
    return SigningKey(private_key, kid, jwk)


def load_signing_key(settings: GatewaySettings) -> SigningKey:
    if settings.jwt_private_key:
        pem = settings.jwt_private_key.encode()
    else:
        path = Path(settings.jwt_private_key_file)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            key = ec.generate_private_key(ec.SECP256R1())
            pem = key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            # Written once with owner-only permissions; racing starters keep the first.
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(pem)
            except FileExistsError:
                pass
        pem = path.read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise RuntimeError("JWT 签名密钥必须是 EC P-256 私钥")
    return signing_key_from_private(key)


class LocalVerifier(TokenVerifier):
    """The gateway verifies its own tokens with the key it holds."""

    def __init__(self, key: SigningKey, issuer: str) -> None:
        super().__init__(issuer)
        self.key = key

    async def key_for(self, kid: str) -> Any:
        if kid != self.key.kid:
            raise unauthorized("登录凭证的签名密钥未知，请重新登录。", "auth.invalid_token")
        return self.key.private_key.public_key()
