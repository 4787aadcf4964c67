from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from reform_common.pagination import Page


class InboxMessageRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    unit_id: uuid.UUID
    kind: str = Field(description="消息类型，如 bulletin（通报）")
    source_id: str = Field(description="消息所指对象的编号，如通报 id")
    title: str
    summary: str | None
    link: str = Field(description="前端查看地址")
    created_at: datetime
    read_at: datetime | None
    read_by: str | None


class InboxPage(Page[InboxMessageRead]):
    unread: int = Field(description="本单位未读消息数")
