"""Endpoints every service has besides health: who the service thinks the
caller is, and the service's audit log for the reform office, auditors and leaders."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict

from . import audit
from .audit import AuditMixin
from .auth import AUDITOR, LEADER, REFORM_OFFICE, AnyPrincipal, Principal, require_roles
from .db import SessionDep
from .pagination import Page, PageDep


class WhoAmI(BaseModel):
    subject: str
    username: str
    display_name: str
    roles: list[str]
    unit_id: uuid.UUID | None
    unit_name: str | None
    unit_kind: str | None
    token_type: str


class AuditEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    occurred_at: datetime
    actor: str
    actor_unit_id: uuid.UUID | None
    action: str
    entity_type: str
    entity_id: str | None
    detail: dict[str, Any]
    request_id: str | None


def _in_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:  # 0001-01-01 at +08:00 has no UTC instant
        raise ValueError("时间超出范围") from exc


# Naive times are refused (422) rather than guessed; the driver compares in UTC.
Instant = Annotated[AwareDatetime, AfterValidator(_in_utc)]

Reader = Annotated[Principal, require_roles(REFORM_OFFICE, AUDITOR, LEADER)]


def make_router(service_name: str, audit_model: type[AuditMixin]) -> APIRouter:
    router = APIRouter(prefix=f"/api/{service_name}/v1", tags=["系统"])

    @router.get("/whoami", response_model=WhoAmI, summary="本服务校验后的调用者身份")
    async def whoami(principal: AnyPrincipal) -> WhoAmI:
        return WhoAmI(
            subject=principal.subject,
            username=principal.username,
            display_name=principal.display_name,
            roles=sorted(principal.roles),
            unit_id=principal.unit_id,
            unit_name=principal.unit_name,
            unit_kind=principal.unit_kind,
            token_type=principal.token_type,
        )

    @router.get("/audit-log", response_model=Page[AuditEntry], summary="审计日志（改革办、审计员、市领导）",
                description="按操作人、操作、对象类型与编号、请求编号、时间范围检索，新记录在前。"
                            "精确匹配；以 `*` 结尾的值按前缀匹配（如 `action=case.*`）。")
    async def audit_log(
        session: SessionDep,
        _: Reader,
        page: PageDep,
        actor: Annotated[str | None, Query(max_length=128, description="操作人（用户名）")] = None,
        action: Annotated[str | None, Query(max_length=64, description="操作，如 auth.login、export")] = None,
        entity_type: Annotated[str | None, Query(max_length=64, description="对象类型")] = None,
        entity_id: Annotated[str | None, Query(max_length=64, description="对象编号")] = None,
        request_id: Annotated[str | None, Query(max_length=128, description="请求编号（X-Request-ID）")] = None,
        occurred_from: Annotated[Instant | None, Query(description="起（含），ISO 8601 带时区")] = None,
        occurred_to: Annotated[Instant | None, Query(description="止（不含），ISO 8601 带时区")] = None,
    ) -> Page[AuditEntry]:
        rows, total = await audit.list_entries(
            session, audit_model,
            {"actor": actor, "action": action, "entity_type": entity_type, "entity_id": entity_id,
             "request_id": request_id},
            offset=page.offset, limit=page.page_size, occurred_from=occurred_from, occurred_to=occurred_to,
        )
        return Page(items=[AuditEntry.model_validate(r) for r in rows], total=total,
                    page=page.page, page_size=page.page_size)

    return router
