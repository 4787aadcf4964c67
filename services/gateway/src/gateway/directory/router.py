"""Units and users admin: ``/api/auth/v1/units`` and ``/api/auth/v1/users``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response
from reform_common.auth import LEADER, REFORM_OFFICE, SERVICE, CurrentPrincipal, Principal, require_roles
from reform_common.db import SessionDep
from reform_common.errors import not_found
from reform_common.pagination import Page, PageDep

from gateway.directory import repository as repo
from gateway.directory import service
from gateway.directory.schemas import (
    PasswordReset,
    UnitCreate,
    UnitKind,
    UnitRead,
    UnitUpdate,
    UserCreate,
    UserRead,
    UserUpdate,
)

router = APIRouter(prefix="/api/auth/v1", tags=["单位与用户"])
OfficeOnly = Annotated[Principal, require_roles(REFORM_OFFICE)]
DirectoryReader = Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, SERVICE)]


@router.get("/units", response_model=Page[UnitRead], summary="单位列表（任何登录用户可查，供选择单位）")
async def list_units(
    session: SessionDep,
    _: CurrentPrincipal,
    page: PageDep,
    kind: UnitKind | None = None,
    q: Annotated[str | None, Query(max_length=64, description="按名称、简称、别名、编码搜索")] = None,
    include_inactive: bool = False,
) -> Page[UnitRead]:
    items, total = await repo.list_units(
        session, kind=kind, q=q, include_inactive=include_inactive, offset=page.offset, limit=page.page_size
    )
    return Page(items=[UnitRead.model_validate(u) for u in items], total=total, page=page.page,
                page_size=page.page_size)


@router.get("/units/{unit_id}", response_model=UnitRead, summary="单位详情")
async def get_unit(session: SessionDep, _: CurrentPrincipal, unit_id: uuid.UUID) -> UnitRead:
    unit = await repo.get_unit(session, unit_id)
    if unit is None:
        raise not_found("单位")
    return UnitRead.model_validate(unit)


@router.post("/units", response_model=UnitRead, status_code=201, summary="新建单位（改革办）")
async def create_unit(session: SessionDep, actor: OfficeOnly, data: UnitCreate) -> UnitRead:
    return UnitRead.model_validate(await service.create_unit(session, actor, data))


@router.patch("/units/{unit_id}", response_model=UnitRead, summary="修改单位（改革办）")
async def update_unit(session: SessionDep, actor: OfficeOnly, unit_id: uuid.UUID, data: UnitUpdate) -> UnitRead:
    return UnitRead.model_validate(await service.update_unit(session, actor, unit_id, data))


@router.get("/users", response_model=Page[UserRead], summary="用户列表（改革办、市领导）")
async def list_users(
    session: SessionDep,
    _: DirectoryReader,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=64, description="按用户名或姓名搜索")] = None,
    unit_id: uuid.UUID | None = None,
) -> Page[UserRead]:
    items, total = await repo.list_users(session, q=q, unit_id=unit_id, offset=page.offset, limit=page.page_size)
    return Page(items=[UserRead.model_validate(u) for u in items], total=total, page=page.page,
                page_size=page.page_size)


@router.get("/users/{user_id}", response_model=UserRead, summary="用户详情（改革办、市领导）")
async def get_user(session: SessionDep, _: DirectoryReader, user_id: uuid.UUID) -> UserRead:
    user = await repo.get_user(session, user_id)
    if user is None:
        raise not_found("用户")
    return UserRead.model_validate(user)


@router.post("/users", response_model=UserRead, status_code=201, summary="新建用户（改革办）")
async def create_user(session: SessionDep, actor: OfficeOnly, data: UserCreate) -> UserRead:
    return UserRead.model_validate(await service.create_user(session, actor, data))


@router.patch("/users/{user_id}", response_model=UserRead, summary="修改用户、停用用户（改革办）")
async def update_user(session: SessionDep, actor: OfficeOnly, user_id: uuid.UUID, data: UserUpdate) -> UserRead:
    return UserRead.model_validate(await service.update_user(session, actor, user_id, data))


@router.post("/users/{user_id}/password", status_code=204, summary="重置用户密码（改革办）")
async def reset_password(session: SessionDep, actor: OfficeOnly, user_id: uuid.UUID, data: PasswordReset) -> Response:
    await service.reset_password(session, actor, user_id, data.password)
    return Response(status_code=204)


@router.post("/users/{user_id}/revoke-sessions", status_code=204,
             summary="注销用户的全部会话（改革办）：其刷新令牌全部失效，访问令牌至多再用到过期（15 分钟）")
async def revoke_sessions(session: SessionDep, actor: OfficeOnly, user_id: uuid.UUID) -> Response:
    await service.revoke_sessions(session, actor, user_id)
    return Response(status_code=204)


@router.post("/users/{user_id}/unlock", response_model=UserRead, summary="解除登录锁定（改革办）")
async def unlock_user(session: SessionDep, actor: OfficeOnly, user_id: uuid.UUID) -> UserRead:
    return UserRead.model_validate(await service.unlock_user(session, actor, user_id))
