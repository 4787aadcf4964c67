"""``/api/tasks/v1/bulletins``: generate, regenerate, publish, list and download bulletins."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from reform_common import audit
from reform_common.auth import DISTRICT, GROUP_LEAD, LEAD_UNIT, LEADER, REFORM_OFFICE, UNIT, Principal, require_roles
from reform_common.db import SessionDep
from reform_common.pagination import Page, PageDep

from tasks_api.bulletins import render_docx, render_xlsx, service
from tasks_api.bulletins import repository as repo
from tasks_api.bulletins.models import Bulletin
from tasks_api.bulletins.schemas import (
    BulletinCreate,
    BulletinPublish,
    BulletinRead,
    BulletinRegenerate,
    BulletinSummary,
    Kind,
)

router = APIRouter(prefix="/api/tasks/v1/bulletins", tags=["晾晒与通报"])
Reader = Annotated[Principal, require_roles(REFORM_OFFICE, GROUP_LEAD, LEAD_UNIT, UNIT, DISTRICT, LEADER)]
Office = Annotated[Principal, require_roles(REFORM_OFFICE)]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(data: bytes, media_type: str, bulletin: Bulletin, suffix: str) -> Response:
    name = f"{bulletin.number}{bulletin.title}" if bulletin.number else f"（草稿）{bulletin.title}"
    ascii_name = f"bulletin-{bulletin.year}-{bulletin.seq or 'draft'}.{suffix}"
    return Response(data, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(f'{name}.{suffix}')}"})


@router.post("", response_model=BulletinRead, status_code=201, summary="生成通报草稿（冻结当前数据；改革办）")
async def create_bulletin(request: Request, session: SessionDep, actor: Office, body: BulletinCreate) -> BulletinRead:
    bulletin = await service.create(session, actor, request.app.state.units, body)
    return await service.present(session, bulletin)


@router.get("", response_model=Page[BulletinSummary], summary="历次通报（草稿仅改革办、市领导可见）")
async def list_bulletins(
    session: SessionDep, principal: Reader, page: PageDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None, kind: Kind | None = None,
    status: Literal["draft", "published"] | None = None,
) -> Page[BulletinSummary]:
    rows, total = await repo.listing(session, principal, year=year, kind=kind, status=status, offset=page.offset,
                                     limit=page.page_size)
    return Page(items=[BulletinSummary.model_validate(b) for b in rows], total=total, page=page.page,
                page_size=page.page_size)


# Declared before /{bulletin_id}, which would otherwise take "<id>.docx" as an id.
@router.get("/{bulletin_id}.docx", summary="下载通报（公文格式 Word）", response_class=Response,
            dependencies=[audit.EXPORT],
            responses={200: {"content": {DOCX: {}}}})
async def download_docx(session: SessionDep, principal: Reader, bulletin_id: uuid.UUID) -> Response:
    bulletin = await service.require(session, principal, bulletin_id)
    return _download(render_docx.render(bulletin, service.content_of(bulletin)), DOCX, bulletin, "docx")


@router.get("/{bulletin_id}.xlsx", summary="下载通报数据（Excel）", response_class=Response,
            dependencies=[audit.EXPORT],
            responses={200: {"content": {XLSX: {}}}})
async def download_xlsx(session: SessionDep, principal: Reader, bulletin_id: uuid.UUID) -> Response:
    bulletin = await service.require(session, principal, bulletin_id)
    return _download(render_xlsx.render(bulletin, service.content_of(bulletin)), XLSX, bulletin, "xlsx")


@router.get("/{bulletin_id}", response_model=BulletinRead, summary="通报详情（冻结的数据）")
async def get_bulletin(session: SessionDep, principal: Reader, bulletin_id: uuid.UUID) -> BulletinRead:
    return await service.present(session, await service.require(session, principal, bulletin_id))


@router.post("/{bulletin_id}/regenerate", response_model=BulletinRead,
             summary="按最新数据重新生成草稿（已发布的不能；改革办）")
async def regenerate_bulletin(
    request: Request, session: SessionDep, actor: Office, bulletin_id: uuid.UUID,
    body: BulletinRegenerate | None = None,
) -> BulletinRead:
    bulletin = await service.regenerate(session, actor, request.app.state.units, bulletin_id,
                                        body or BulletinRegenerate())
    return await service.present(session, bulletin)


@router.post("/{bulletin_id}/publish", response_model=BulletinRead,
             summary="发布通报：编文号、送达各单位收件箱（重复发布只补发未送达的单位；改革办）")
async def publish_bulletin(
    request: Request, session: SessionDep, actor: Office, bulletin_id: uuid.UUID, body: BulletinPublish | None = None,
) -> BulletinRead:
    bulletin = await service.publish(session, actor, request.app.state.units, bulletin_id, body or BulletinPublish())
    return await service.present(session, bulletin)


@router.delete("/{bulletin_id}", status_code=204, summary="删除通报草稿（已发布的不能；改革办）")
async def delete_bulletin(session: SessionDep, actor: Office, bulletin_id: uuid.UUID) -> Response:
    await service.delete(session, actor, bulletin_id)
    return Response(status_code=204)
