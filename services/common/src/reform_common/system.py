"""Endpoints every service has besides health: who the service thinks the
caller is, and the service's audit log for the reform office and leaders."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from . import audit
from .audit import AuditMixin
from .auth import LEADER, REFORM_OFFICE, CurrentPrincipal, Principal, require_roles
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


Reader = Annotated[Principal, require_roles(REFORM_OFFICE, LEADER)]


def make_router(service_name: str, audit_model: type[AuditMixin]) -> APIRouter:
    router = APIRouter(prefix=f"/api/{service_name}/v1", tags=["系统"])

    @router.get("/whoami", response_model=WhoAmI, summary="本服务校验后的调用者身份")
    async def whoami(principal: CurrentPrincipal) -> WhoAmI:
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

    @router.get("/audit-log", response_model=Page[AuditEntry], summary="审计日志（改革办、市领导）")
    async def audit_log(
        session: SessionDep,
        _: Reader,
        page: PageDep,
        action: Annotated[str | None, Query(max_length=64)] = None,
        entity_type: Annotated[str | None, Query(max_length=64)] = None,
        entity_id: Annotated[str | None, Query(max_length=64)] = None,
    ) -> Page[AuditEntry]:
        rows, total = await audit.list_entries(
            session, audit_model, {"action": action, "entity_type": entity_type, "entity_id": entity_id},
            offset=page.offset, limit=page.page_size,
        )
        return Page(items=[AuditEntry.model_validate(r) for r in rows], total=total,
                    page=page.page, page_size=page.page_size)

    return router
