from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from feedback_api.cases.schemas import CategoryRef, Time

Kind = Literal["policy", "procedure", "where_to_go"]
EntryStatus = Literal["draft", "published", "archived"]
KIND_LABELS = {"policy": "政策解答", "procedure": "办事流程", "where_to_go": "办事地点"}
STATUS_LABELS = {"draft": "草稿", "published": "已发布", "archived": "已归档"}

Keyword = Annotated[str, Field(min_length=1, max_length=50)]


class EntryFields(BaseModel):
    title: str = Field(min_length=2, max_length=200, description="标题，如「新办企业如何申领发票」")
    question: str = Field(min_length=2, max_length=5000, description="企业通常怎么问（不含个人信息）")
    answer: str = Field(min_length=2, max_length=5000, description="答复口径（可直接答复企业）")
    kind: Kind = Field(description="policy 政策解答 / procedure 办事流程 / where_to_go 办事地点")
    category_code: str | None = Field(default=None, max_length=40, description="诉求分类代码")
    keywords: list[Keyword] = Field(default_factory=list, max_length=20, description="关键词（检索加权）")


class EntryCreate(EntryFields):
    pass


class EntryUpdate(BaseModel):
    """Only the fields sent change."""

    title: str | None = Field(default=None, min_length=2, max_length=200)
    question: str | None = Field(default=None, min_length=2, max_length=5000)
    answer: str | None = Field(default=None, min_length=2, max_length=5000)
    kind: Kind | None = None
    category_code: str | None = Field(default=None, max_length=40, description="传 null 取消分类；不传则不变")
    keywords: list[Keyword] | None = Field(default=None, max_length=20)


class EntryRead(BaseModel):
    id: uuid.UUID
    title: str
    question: str
    answer: str
    kind: Kind
    kind_label: str
    category: CategoryRef | None
    keywords: list[str]
    source_case_no: str | None = Field(description="由该诉求的答复生成")
    status: EntryStatus
    status_label: str
    created_by: str
    created_at: Time
    updated_by: str
    updated_at: Time
    published_at: Time | None


class EntryHit(BaseModel):
    entry: EntryRead
    score: float | None = Field(description="与检索词的相似度 0–1；无检索词时为空")
    matched: list[str] = Field(description="检索词中与条目相同的词语（解释排序）")


class EntryList(BaseModel):
    items: list[EntryHit]
    total: int
    page: int
    page_size: int


class KnowledgeSuggestion(BaseModel):
    entry: EntryRead
    score: float = Field(description="与诉求内容的相似度 0–1（同一分类另加 0.1，最高 1）")
    matched: list[str] = Field(description="诉求与条目共有的词语")
    same_category: bool


class KnowledgeSuggestions(BaseModel):
    case_no: str
    type: str
    direct_answer_possible: bool = Field(description="咨询类且当前状态可直接答复")
    notice: str | None = Field(description="不能直接答复时的说明（如需交办）")
    items: list[KnowledgeSuggestion]


class DirectAnswerIn(BaseModel):
    entry_id: uuid.UUID = Field(description="所用的已发布知识库条目")
    reply: str | None = Field(default=None, min_length=2, max_length=5000,
                              description="答复企业的内容；默认取条目的答复口径")
    comment: str | None = Field(default=None, max_length=2000, description="内部说明")
