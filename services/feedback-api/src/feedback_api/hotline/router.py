"""``/api/feedback/v1/integrations/12345``: signed work-order pushes and reads
(docs/integrations/12345.md). Authentication is the HMAC signature, not a
user token; it is checked before anything else is looked at."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from reform_common.db import SessionDep

from feedback_api.cases.context import ContextDep
from feedback_api.hotline import service
from feedback_api.hotline.schemas import HotlineOrder, HotlineReceipt, HotlineStatus, inline_schema
from feedback_api.hotline.signing import HotlineKey

router = APIRouter(prefix="/api/feedback/v1/integrations/12345", tags=["12345 对接"])
SIGNED = {401: {"description": "签名缺失、密钥未登记、时间戳超出 300 秒或签名不正确"}}


@router.post(
    "/orders", response_model=HotlineReceipt, status_code=201,
    summary="推送工单（首次 201；同一工单同样内容重推 200 且不新建；内容不同 409）",
    responses={**SIGNED, 200: {"model": HotlineReceipt, "description": "同一工单重复推送：返回首次的结果"},
               409: {"description": "同一工单号、不同内容"}},
    openapi_extra={"requestBody": {"required": True,
                                   "content": {"application/json": {"schema": inline_schema(HotlineOrder)}}}},
)
async def push_order(key_id: HotlineKey, request: Request, response: Response, session: SessionDep,
                     ctx: ContextDep) -> HotlineReceipt:
    created, answer = await service.push(session, ctx, key_id, await request.body())
    if not created:
        response.status_code = 200
    return HotlineReceipt.model_validate(answer)


@router.get("/orders/{order_no}", response_model=HotlineStatus, responses=SIGNED,
            summary="查询工单办理情况（状态、时限、承办单位、答复、办结时间、满意度；对空请求体签名）")
async def order_status(key_id: HotlineKey, session: SessionDep, ctx: ContextDep,
                       order_no: Annotated[str, Path(max_length=64)]) -> HotlineStatus:
    return await service.status(session, ctx, order_no)
