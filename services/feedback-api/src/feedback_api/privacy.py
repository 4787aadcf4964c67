"""Personal data at rest: AES-256-GCM for phone and ID numbers, and a keyed
HMAC-SHA256 blind index so a number can be looked up without decrypting.

Keys are derived (HKDF-SHA256) from ``FEEDBACK_PII_KEY``; each ciphertext
names the key it was made with (``k<id>.<base64 nonce+ciphertext>``), so old
rows still decrypt with a key listed in ``FEEDBACK_PII_OLD_KEYS`` after a
rotation. The blind index uses the current key only: rotate it with a
re-index job. Neither plaintext nor ciphertext is ever logged."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"reform-feedback", info=purpose).derive(secret.encode())


@dataclass(frozen=True)
class _Key:
    kid: str
    aead: AESGCM


class PiiVault:
    def __init__(self, secret: str, old_secrets: list[str] | tuple[str, ...] = ()) -> None:
        if not secret:
            raise ValueError("FEEDBACK_PII_KEY 不能为空")
        self._keys: dict[str, _Key] = {}
        for i, s in enumerate([secret, *old_secrets]):
            material = _derive(s, b"pii-aes-gcm")
            kid = hashlib.sha256(material).hexdigest()[:8]
            self._keys.setdefault(kid, _Key(kid, AESGCM(material)))
            if i == 0:
                self._current = kid
        self._index_key = _derive(secret, b"pii-blind-index")
        # Other keyed hashes the service needs (form tokens, client addresses), one derivation each.
        self._form_key = _derive(secret, b"public-form-token")
        self._address_key = _derive(secret, b"client-address")

    def encrypt(self, plaintext: str, context: str) -> str:
        """``context`` (the field name) is bound as associated data: a ciphertext
        copied into another column does not decrypt."""
        key = self._keys[self._current]
        nonce = os.urandom(12)
        sealed = key.aead.encrypt(nonce, plaintext.encode(), context.encode())
        return f"k{key.kid}." + base64.urlsafe_b64encode(nonce + sealed).decode()

    def decrypt(self, token: str, context: str) -> str:
        prefix, _, body = token.partition(".")
        key = self._keys.get(prefix[1:])
        if key is None:
            raise ValueError("unknown personal-data key")
        raw = base64.urlsafe_b64decode(body)
        return key.aead.decrypt(raw[:12], raw[12:], context.encode()).decode()

    def blind_index(self, value: str, context: str) -> str:
        return hmac.new(self._index_key, f"{context}:{value}".encode(), hashlib.sha256).hexdigest()

    def sign_form(self, payload: str) -> str:
        digest = hmac.new(self._form_key, payload.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode()

    def address_hash(self, address: str) -> str:
        return hmac.new(self._address_key, address.encode(), hashlib.sha256).hexdigest()
