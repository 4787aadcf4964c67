"""First start in production: the reform office unit and its first admin."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.auth.passwords import hash_password
from gateway.directory import repository as repo
from gateway.directory.models import Unit, User
from gateway.directory.service import check_password_policy


async def create_admin(session: AsyncSession, username: str, display_name: str, unit_name: str, password: str) -> str:
    check_password_policy(password, username)
    if await repo.user_by_username(session, username):
        return f"用户 {username} 已存在，未作改动"
    unit = await repo.unit_by_name(session, unit_name)
    if unit is None:
        unit = Unit(code="reform-office", name=unit_name, short_name="市委改革办", kind="reform_office")
        session.add(unit)
        await session.flush()
    session.add(User(username=username, display_name=display_name, password_hash=await hash_password(password),
                     unit_id=unit.id, roles=["reform_office"]))
    return f"已创建改革办管理员 {username}（单位：{unit.name}）"
