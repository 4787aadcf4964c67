from __future__ import annotations

from pydantic import BaseModel, Field


class CategoryNode(BaseModel):
    code: str
    name: str
    parent_code: str | None
    position: int
    active: bool
    children: list[CategoryNode] = Field(default_factory=list)


class CategoryCreate(BaseModel):
    code: str = Field(min_length=2, max_length=40, pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$",
                      description="如 utilities.heating（下级分类以上级代码加点开头）")
    name: str = Field(min_length=1, max_length=50)
    parent_code: str | None = Field(default=None, max_length=40)
    position: int = Field(default=0, ge=0, le=10000)


class CategoryUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=50)
    position: int | None = Field(default=None, ge=0, le=10000)
    active: bool | None = None
