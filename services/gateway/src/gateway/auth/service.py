"""Login, refresh rotation, logout, service tokens, own password."""

from __future__ import annotations

import hmac
import uuid
from datetime import UTC, datetime, timedelta

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem, unauthorized
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit.models import AuditLog
from gateway.auth import repository as tokens_repo
from gateway.auth.models import RefreshToken
from gateway.auth.passwords import hash_password, verify_password
from gateway.auth.schemas import TokenPair
from gateway.auth.tokens import TokenIssuer, hash_refresh
from gateway.directory import repository as directory
from gateway.directory.models import User
from gateway.directory.service import check_password_policy
from gateway.settings import GatewaySettings


def _invalid_credentials() -> Problem:
    return unauthorized("用户名或密码错误。", "auth.invalid_credentials")


def _locked(until: datetime) -> Problem:
    minutes = max(1, int((until - datetime.now(UTC)).total_seconds() // 60) + 1)
    return Problem(
        423, "auth.account_locked", "账号已锁定",
        f"密码连续错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或联系改革办解锁。",
    )


async def _issue_pair(
    session: AsyncSession, issuer: TokenIssuer, user: User, family_id: uuid.UUID | None = None
) -> TokenPair:
    refresh = issuer.new_refresh_token()
    session.add(
        RefreshToken(
            token_hash=hash_refresh(refresh),
            user_id=user.id,
            family_id=family_id or uuid.uuid4(),
            expires_at=datetime.now(UTC) + timedelta(seconds=issuer.settings.refresh_token_ttl_seconds),
        )
    )
    return TokenPair(
        access_token=issuer.access_token(user),
        refresh_token=refresh,
        expires_in=issuer.settings.access_token_ttl_seconds,
    )


async def login(
    session: AsyncSession, issuer: TokenIssuer, username: str, password: str
) -> TokenPair | Problem:
    """Returns the rejection instead of raising it: a failed attempt must be
    committed (it counts towards the lockout), and raising would roll it back."""
    settings: GatewaySettings = issuer.settings
    now = datetime.now(UTC)
    user = await directory.user_by_username(session, username, for_update=True)
    if user is not None and user.locked_until is not None and user.locked_until > now:
        return _locked(user.locked_until)
    # Verified even for an unknown user (against a dummy hash): same cost both ways.
    password_ok = await verify_password(user.password_hash if user else None, password)
    if user is None:
        audit.record(session, AuditLog, action="auth.login_failed", entity_type="user",
                     actor=username[:64], detail={"reason": "unknown_user"})
        return _invalid_credentials()
    if not password_ok:
        user.failed_login_count += 1
        audit.record(session, AuditLog, action="auth.login_failed", entity_type="user", entity_id=user.id,
                     actor=user.username, detail={"failed_login_count": user.failed_login_count})
        if user.failed_login_count >= settings.lockout_threshold:
            user.locked_until = now + timedelta(minutes=settings.lockout_minutes)
            user.failed_login_count = 0
            audit.record(session, AuditLog, action="auth.locked", entity_type="user", entity_id=user.id,
                         actor=user.username)
            return _locked(user.locked_until)
        return _invalid_credentials()
    if not user.is_active or not user.unit.is_active:
        return Problem(403, "auth.account_disabled", "账号已停用", "该账号或其所在单位已停用，请联系改革办。")
    user.failed_login_count = 0
    user.locked_until = None
    user.last_login_at = now
    audit.record(session, AuditLog, action="auth.login", entity_type="user", entity_id=user.id, actor=user.username)
    return await _issue_pair(session, issuer, user)


async def refresh(session: AsyncSession, issuer: TokenIssuer, refresh_token: str) -> TokenPair | Problem:
    """Rotates the refresh token. Presenting an already-rotated token revokes
    its whole family (someone else holds a copy); that revocation must be
    committed, so this too returns its rejection."""
    now = datetime.now(UTC)
    stored = await tokens_repo.token_by_hash(session, hash_refresh(refresh_token))
    if stored is None or stored.expires_at <= now:
        return unauthorized("登录已过期，请重新登录。", "auth.refresh_invalid")
    if stored.revoked_at is not None:
        await tokens_repo.revoke_family(session, stored.family_id, now)
        audit.record(session, AuditLog, action="auth.refresh_reused", entity_type="user", entity_id=stored.user_id,
                     actor=str(stored.user_id), detail={"family_id": str(stored.family_id)})
        return unauthorized("登录凭证已失效，请重新登录。", "auth.refresh_invalid")
    user = await directory.get_user(session, stored.user_id)
    if user is None or not user.is_active or not user.unit.is_active:
        return unauthorized("账号已停用，请联系改革办。", "auth.account_disabled")
    stored.revoked_at = now
    audit.record(session, AuditLog, action="auth.refresh", entity_type="user", entity_id=user.id, actor=user.username)
    return await _issue_pair(session, issuer, user, stored.family_id)


async def logout(session: AsyncSession, refresh_token: str) -> None:
    stored = await tokens_repo.token_by_hash(session, hash_refresh(refresh_token))
    if stored is not None and stored.revoked_at is None:
        stored.revoked_at = datetime.now(UTC)
        audit.record(session, AuditLog, action="auth.logout", entity_type="user", entity_id=stored.user_id,
                     actor=str(stored.user_id))


def service_token(issuer: TokenIssuer, service: str, secret: str) -> str:
    if not hmac.compare_digest(secret.encode(), issuer.settings.service_secret.encode()):
        raise unauthorized("服务凭证无效。", "auth.invalid_service_secret")
    return issuer.service_token(service)


async def current_user(session: AsyncSession, principal: Principal) -> User:
    if principal.is_service:
        raise Problem(403, "auth.not_a_user", "非用户凭证", "服务凭证没有对应的用户。")
    user = await directory.get_user(session, uuid.UUID(principal.subject))
    if user is None or not user.is_active:
        raise unauthorized("账号已停用，请联系改革办。", "auth.account_disabled")
    return user


async def change_own_password(session: AsyncSession, principal: Principal, old: str, new: str) -> None:
    user = await current_user(session, principal)
    if not await verify_password(user.password_hash, old):
        raise Problem(422, "auth.wrong_password", "原密码错误", "原密码不正确，请重新输入。",
                      errors=[{"field": "old_password", "code": "wrong_password", "message": "原密码不正确"}])
    check_password_policy(new, user.username)
    user.password_hash = await hash_password(new)
    user.password_changed_at = datetime.now(UTC)
    # Other sessions end; the caller logs in again with the new password.
    await tokens_repo.revoke_all_for_user(session, user.id, datetime.now(UTC))
    audit.record(session, AuditLog, action="user.change_password", entity_type="user", entity_id=user.id,
                 actor=principal)
