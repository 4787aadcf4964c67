"""Rules for managing units and users (the reform office's directory)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem, conflict, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit.models import AuditLog
from gateway.auth import repository as tokens
from gateway.auth.passwords import hash_password, policy_violations
from gateway.directory import repository as repo
from gateway.directory.models import Unit, User
from gateway.directory.schemas import UnitCreate, UnitUpdate, UserCreate, UserUpdate


def check_password_policy(password: str, username: str) -> None:
    problems = policy_violations(password, username)
    if problems:
        raise Problem(
            422,
            "auth.weak_password",
            "密码不符合安全要求",
            "；".join(problems) + "。",
            errors=[{"field": "password", "code": "weak_password", "message": p} for p in problems],
        )


def _check_environment(roles: list[str], environment: str | None) -> None:
    if "group_lead" in roles and not environment:
        raise Problem(
            422, "directory.environment_required", "缺少所属环境",
            "专项小组角色须指定所属环境（如 政务环境 gov_service）。",
            errors=[{"field": "environment", "code": "required", "message": "专项小组须指定环境"}],
        )


async def create_unit(session: AsyncSession, actor: Principal, data: UnitCreate) -> Unit:
    if await repo.unit_by_code(session, data.code):
        raise conflict("directory.unit_code_taken", f"单位编码 {data.code} 已存在。")
    if await repo.unit_by_name(session, data.name):
        raise conflict("directory.unit_name_taken", f"单位名称 {data.name} 已存在。")
    unit = Unit(**data.model_dump())
    session.add(unit)
    await session.flush()
    audit.record(session, AuditLog, action="unit.create", entity_type="unit", entity_id=unit.id,
                 actor=actor, detail=data.model_dump(mode="json"))
    return unit


async def update_unit(session: AsyncSession, actor: Principal, unit_id: uuid.UUID, data: UnitUpdate) -> Unit:
    unit = await repo.get_unit(session, unit_id)
    if unit is None:
        raise not_found("单位")
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes and changes["name"] != unit.name and await repo.unit_by_name(session, changes["name"]):
        raise conflict("directory.unit_name_taken", f"单位名称 {changes['name']} 已存在。")
    before = {k: getattr(unit, k) for k in changes}
    for key, value in changes.items():
        setattr(unit, key, value)
    await session.flush()
    audit.record(session, AuditLog, action="unit.update", entity_type="unit", entity_id=unit.id,
                 actor=actor, detail={"before": before, "after": changes})
    return unit


async def create_user(session: AsyncSession, actor: Principal, data: UserCreate) -> User:
    check_password_policy(data.password, data.username)
    _check_environment(data.roles, data.environment)
    if await repo.user_by_username(session, data.username):
        raise conflict("directory.username_taken", f"用户名 {data.username} 已被使用。")
    if await repo.get_unit(session, data.unit_id) is None:
        raise Problem(422, "directory.unit_unknown", "单位不存在", "所选单位不存在，请重新选择。",
                      errors=[{"field": "unit_id", "code": "unknown", "message": "单位不存在"}])
    user = User(
        username=data.username,
        display_name=data.display_name,
        password_hash=await hash_password(data.password),
        unit_id=data.unit_id,
        roles=sorted(set(data.roles)),
        environment=data.environment,
    )
    session.add(user)
    await session.flush()
    audit.record(session, AuditLog, action="user.create", entity_type="user", entity_id=user.id, actor=actor,
                 detail={"username": user.username, "unit_id": str(user.unit_id), "roles": user.roles})
    return await _reload(session, user.id)


async def update_user(session: AsyncSession, actor: Principal, user_id: uuid.UUID, data: UserUpdate) -> User:
    user = await repo.get_user(session, user_id)
    if user is None:
        raise not_found("用户")
    changes = data.model_dump(exclude_unset=True)
    if "unit_id" in changes and await repo.get_unit(session, changes["unit_id"]) is None:
        raise Problem(422, "directory.unit_unknown", "单位不存在", "所选单位不存在，请重新选择。",
                      errors=[{"field": "unit_id", "code": "unknown", "message": "单位不存在"}])
    if "roles" in changes:
        changes["roles"] = sorted(set(changes["roles"]))
    _check_environment(changes.get("roles", user.roles), changes.get("environment", user.environment))
    before = {k: getattr(user, k) for k in changes}
    for key, value in changes.items():
        setattr(user, key, value)
    if changes.get("is_active") is False:
        # A deactivated user's sessions end now, not when their tokens expire.
        await tokens.revoke_all_for_user(session, user.id, datetime.now(UTC))
    await session.flush()
    audit.record(session, AuditLog, action="user.update", entity_type="user", entity_id=user.id, actor=actor,
                 detail={"before": _jsonable(before), "after": _jsonable(changes)})
    return await _reload(session, user.id)


async def reset_password(session: AsyncSession, actor: Principal, user_id: uuid.UUID, password: str) -> None:
    user = await repo.get_user(session, user_id)
    if user is None:
        raise not_found("用户")
    check_password_policy(password, user.username)
    user.password_hash = await hash_password(password)
    user.password_changed_at = datetime.now(UTC)
    user.failed_login_count = 0
    user.locked_until = None
    await tokens.revoke_all_for_user(session, user.id, datetime.now(UTC))
    audit.record(session, AuditLog, action="user.reset_password", entity_type="user", entity_id=user.id,
                 actor=actor)


async def revoke_sessions(session: AsyncSession, actor: Principal, user_id: uuid.UUID) -> None:
    """Every refresh token of the user ends now (a lost phone, a suspected theft); the user logs in again."""
    user = await repo.get_user(session, user_id)
    if user is None:
        raise not_found("用户")
    await tokens.revoke_all_for_user(session, user.id, datetime.now(UTC))
    audit.record(session, AuditLog, action="user.revoke_sessions", entity_type="user", entity_id=user.id,
                 actor=actor)


async def unlock_user(session: AsyncSession, actor: Principal, user_id: uuid.UUID) -> User:
    user = await repo.get_user(session, user_id)
    if user is None:
        raise not_found("用户")
    user.failed_login_count = 0
    user.locked_until = None
    audit.record(session, AuditLog, action="user.unlock", entity_type="user", entity_id=user.id, actor=actor)
    await session.flush()
    return user


async def _reload(session: AsyncSession, user_id: uuid.UUID) -> User:
    session.expire_all()
    user = await repo.get_user(session, user_id)
    assert user is not None
    return user


def _jsonable(values: dict) -> dict:
    return {k: str(v) if isinstance(v, uuid.UUID) else v for k, v in values.items()}
