"""Loads the demo directory (reform_common.demo: the reform office, city
departments, the 13 districts and counties, the 12345 hotline) and one demo
account per role. Loaded by ``make run``; never in production. Idempotent:
existing units and users are left as they are."""

from __future__ import annotations

from reform_common.demo import DEMO_PASSWORD, DEMO_USERS, all_units, unit_uuid, user_uuid
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.auth.passwords import hash_password
from gateway.directory import repository as repo
from gateway.directory.models import Unit, User


async def load(session: AsyncSession) -> dict[str, int]:
    created_units = created_users = 0
    for order, (code, name, short, aliases, kind) in enumerate(all_units()):
        if await repo.unit_by_code(session, code) is None:
            session.add(Unit(id=unit_uuid(code), code=code, name=name, short_name=short,
                             aliases=aliases, kind=kind, sort_order=order))
            created_units += 1
    await session.flush()
    for username, display, unit_code, roles in DEMO_USERS:
        if await repo.user_by_username(session, username) is None:
            session.add(User(id=user_uuid(username), username=username, display_name=display,
                             password_hash=await hash_password(DEMO_PASSWORD),
                             unit_id=unit_uuid(unit_code), roles=roles))
            created_users += 1
    await session.flush()
    return {"units": created_units, "users": created_users}
