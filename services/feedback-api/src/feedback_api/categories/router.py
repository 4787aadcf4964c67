"""``/api/feedback/v1/categories``: the configurable category tree."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from reform_common.auth import REFORM_OFFICE, CurrentPrincipal, Principal, require_roles
from reform_common.db import SessionDep

from feedback_api.categories import service
from feedback_api.categories.schemas import CategoryCreate, CategoryNode, CategoryUpdate

router = APIRouter(prefix="/api/feedback/v1/categories", tags=["诉求分类"])
Office = Annotated[Principal, require_roles(REFORM_OFFICE)]


@router.get("", response_model=list[CategoryNode], summary="诉求分类树（含已停用）")
async def get_tree(session: SessionDep, _: CurrentPrincipal) -> list[CategoryNode]:
    return await service.tree(session)


@router.post("", response_model=list[CategoryNode], status_code=201, summary="新增分类（改革办；最多两级）")
async def create(session: SessionDep, actor: Office, body: CategoryCreate) -> list[CategoryNode]:
    await service.create(session, actor, body)
    return await service.tree(session)


@router.patch("/{code}", response_model=list[CategoryNode], summary="修改分类名称、顺序或停用（改革办）")
async def update(session: SessionDep, actor: Office, code: Annotated[str, Path(max_length=40)],
                 body: CategoryUpdate) -> list[CategoryNode]:
    await service.update(session, actor, code, body)
    return await service.tree(session)
