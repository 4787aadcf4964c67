"""The category tree: read by everyone (the public form too), edited by the
reform office. A category is deactivated, never deleted: cases keep it."""

from __future__ import annotations

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem, conflict, not_found
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.audit.models import AuditLog
from feedback_api.categories.models import Category
from feedback_api.categories.schemas import CategoryCreate, CategoryNode, CategoryUpdate


async def tree(session: AsyncSession, *, active_only: bool = False) -> list[CategoryNode]:
    rows = list(await session.scalars(select(Category).order_by(Category.position, Category.code)))
    nodes = {c.code: CategoryNode(code=c.code, name=c.name, parent_code=c.parent_code, position=c.position,
                                  active=c.active) for c in rows if c.active or not active_only}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.parent_code) if node.parent_code else None
        if parent is not None:
            parent.children.append(node)
        elif node.parent_code is None:
            roots.append(node)
    return roots


async def create(session: AsyncSession, actor: Principal, data: CategoryCreate) -> None:
    if await session.get(Category, data.code) is not None:
        raise conflict("categories.exists", f"分类代码 {data.code} 已存在。")
    if data.parent_code is not None:
        parent = await session.get(Category, data.parent_code)
        if parent is None:
            raise Problem(422, "validation_failed", "提交的内容有误", "上级分类不存在。",
                          errors=[{"field": "parent_code", "code": "unknown_category", "message": "上级分类不存在"}])
        if parent.parent_code is not None:
            raise Problem(422, "validation_failed", "提交的内容有误", "分类最多两级。",
                          errors=[{"field": "parent_code", "code": "too_deep", "message": "分类最多两级"}])
        if not data.code.startswith(f"{data.parent_code}."):
            raise Problem(422, "validation_failed", "提交的内容有误", "下级分类的代码须以上级代码加点开头。",
                          errors=[{"field": "code", "code": "prefix", "message": f"应以 {data.parent_code}. 开头"}])
    elif "." in data.code:
        raise Problem(422, "validation_failed", "提交的内容有误", "一级分类的代码不能含点。",
                      errors=[{"field": "code", "code": "prefix", "message": "一级分类的代码不能含点"}])
    session.add(Category(code=data.code, name=data.name, parent_code=data.parent_code, position=data.position,
                         active=True))
    await session.flush()
    audit.record(session, AuditLog, action="category.create", entity_type="category", entity_id=data.code,
                 actor=actor, detail=data.model_dump())


async def update(session: AsyncSession, actor: Principal, code: str, data: CategoryUpdate) -> None:
    category = await session.get(Category, code)
    if category is None:
        raise not_found("分类")
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    for name, value in changes.items():
        setattr(category, name, value)
    await session.flush()
    audit.record(session, AuditLog, action="category.update", entity_type="category", entity_id=code,
                 actor=actor, detail=changes)
