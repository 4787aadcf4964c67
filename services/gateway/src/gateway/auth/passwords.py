"""Password hashing (argon2id) and the password policy.

Hashing costs ~0.14 s of CPU, so it always runs in a worker thread, never on
the event loop."""

from __future__ import annotations

import re

from anyio import to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when the username is unknown, so both paths cost the same.
_DUMMY_HASH = _hasher.hash("not-a-real-password-0")

MIN_LENGTH = 10


def policy_violations(password: str, username: str = "") -> list[str]:
    """Chinese reasons the password is unacceptable; empty when it is fine."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"密码长度至少 {MIN_LENGTH} 位")
    if len(password) > 128:
        problems.append("密码长度不能超过 128 位")
    classes = sum(
        bool(re.search(p, password)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]")
    )
    if classes < 3:
        problems.append("密码须包含大写字母、小写字母、数字、符号中的至少三类")
    if username and username.lower() in password.lower():
        problems.append("密码不能包含用户名")
    return problems


async def hash_password(password: str) -> str:
    return await to_thread.run_sync(_hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    def _verify() -> bool:
        try:
            return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    return await to_thread.run_sync(_verify)
