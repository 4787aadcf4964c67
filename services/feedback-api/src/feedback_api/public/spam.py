"""The public form's spam guard, without any outside service:

- a signed form token (``POST /public/form-token``) carrying its issue time
  and a nonce: a submission needs a valid token at least
  ``min_fill_seconds`` old (bots post at once) and younger than its TTL, and
  each token is good for one submission (the nonce is stored);
- a honeypot field (``website``) that people never see and bots fill in;
- per-phone and per-address daily limits counted in the database (hashes,
  never the number or address), and an hourly cap on failed tracking
  lookups per address against guessing.

The gateway also rate-limits ``POST /api/feedback/v1/public/*`` per address."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta

from fastapi import Request
from reform_common.errors import Problem
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.privacy import PiiVault
from feedback_api.public.models import PublicSubmission
from feedback_api.settings import Settings


def issue_token(vault: PiiVault, now: datetime) -> str:
    payload = f"{int(now.timestamp())}.{secrets.token_hex(8)}"
    return f"{payload}.{vault.sign_form(payload)}"


def _rejected(code: str, detail: str) -> Problem:
    return Problem(422, code, "提交未通过校验", detail)


def check_token(vault: PiiVault, settings: Settings, token: str | None, now: datetime) -> str:
    """The token's nonce if it may be used now."""
    parts = (token or "").split(".")
    if len(parts) != 3 or not parts[0].isdigit():
        raise _rejected("public.form_token_invalid", "表单校验信息无效，请刷新页面后重新提交。")
    issued, nonce, signature = parts
    if not hmac.compare_digest(vault.sign_form(f"{issued}.{nonce}"), signature):
        raise _rejected("public.form_token_invalid", "表单校验信息无效，请刷新页面后重新提交。")
    age = now.timestamp() - int(issued)
    if age > settings.feedback_public_token_ttl_seconds:
        raise _rejected("public.form_token_expired", "表单已打开太久，请刷新页面后重新提交（已填写的内容请先复制保存）。")
    if age < settings.feedback_public_min_fill_seconds:
        raise _rejected("public.too_fast", "提交过快，请核对填写的内容后再提交。")
    return nonce


def check_honeypot(value: str | None) -> None:
    if value:
        raise _rejected("public.rejected", "提交未通过校验，请刷新页面后重新填写。")


def client_address(request: Request) -> str:
    """The gateway appends the address it saw to X-Forwarded-For; services are
    reachable only through it, so the last entry is the client."""
    forwarded = request.headers.get("x-forwarded-for")
    if forwarded:
        return forwarded.split(",")[-1].strip()
    return request.client.host if request.client else "unknown"


async def _count(session: AsyncSession, *conditions) -> int:
    return int(await session.scalar(select(func.count()).select_from(PublicSubmission).where(*conditions)) or 0)


async def check_limits(session: AsyncSession, settings: Settings, address_hash: str, phone_index: str | None,
                       now: datetime) -> None:
    day_ago = now - timedelta(days=1)
    if phone_index and await _count(session, PublicSubmission.kind == "create",
                                    PublicSubmission.phone_index == phone_index,
                                    PublicSubmission.created_at >= day_ago) >= settings.feedback_public_daily_per_phone:
        raise Problem(429, "public.phone_limit", "提交次数已达上限",
                      "该手机号 24 小时内提交的诉求已达上限；如有补充，请凭查询码在原诉求中补充材料。",
                      headers={"Retry-After": "3600"})
    if await _count(session, PublicSubmission.address_hash == address_hash, PublicSubmission.kind != "lookup_failed",
                    PublicSubmission.created_at >= day_ago) >= settings.feedback_public_daily_per_address:
        raise Problem(429, "public.address_limit", "提交次数已达上限", "当前网络 24 小时内的提交已达上限，请明天再试或拨打 12345。",
                      headers={"Retry-After": "3600"})


async def check_lookups(session: AsyncSession, settings: Settings, address_hash: str, now: datetime) -> None:
    failed = await _count(session, PublicSubmission.kind == "lookup_failed",
                          PublicSubmission.address_hash == address_hash,
                          PublicSubmission.created_at >= now - timedelta(hours=1))
    if failed >= settings.feedback_public_hourly_failed_lookups:
        raise Problem(429, "public.lookup_limit", "查询过于频繁", "查询失败次数过多，请 1 小时后再试。",
                      headers={"Retry-After": "3600"})


async def remember(session: AsyncSession, kind: str, address_hash: str, now: datetime, *, nonce: str | None = None,
                   phone_index: str | None = None, case_no: str | None = None) -> None:
    try:
        async with session.begin_nested():
            session.add(PublicSubmission(kind=kind, nonce=nonce, address_hash=address_hash, phone_index=phone_index,
                                         case_no=case_no, created_at=now))
            await session.flush()
    except IntegrityError as exc:  # the nonce was used already
        raise _rejected("public.form_token_used", "该表单已提交过，请勿重复提交；如需再次反映请刷新页面。") from exc
