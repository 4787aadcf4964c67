"""Metrics other services compute indicators from (indicators-api pulls
them with its service token): the on-time completion rate of tasks."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep

from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import ContextDep
from tasks_api.ledger.repository import TaskFilters

router = APIRouter(prefix="/api/tasks/v1/metrics", tags=["指标口径"])


class OnTimeCompletion(BaseModel):
    year: int
    as_of: date
    due: int = Field(description="完成时限不晚于 as_of 的任务数（不含持续推进）")
    completed_on_time: int = Field(description="其中在时限内完成的任务数")
    value: float | None = Field(description="改革任务按期完成率 %，无到期任务时为 null")


@router.get("/on-time-completion", response_model=OnTimeCompletion,
            summary="改革任务按期完成率：时限已到的任务中，最后一个节点在时限内完成的比例")
async def on_time_completion(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep,
    year: Annotated[int, Query(ge=2000, le=2100)],
) -> OnTimeCompletion:
    tasks = await ledger.evaluated(session, principal, TaskFilters(year=year), ctx)
    due = [t for t in tasks if t.deadline is not None and t.deadline <= ctx.as_of]
    on_time = 0
    for t in due:
        done_dates = [m.done_date for m in t.milestones]
        if t.status == "completed" and all(d is not None and d <= t.deadline for d in done_dates):
            on_time += 1
    value = round(100 * on_time / len(due), 2) if due else None
    return OnTimeCompletion(year=year, as_of=ctx.as_of, due=len(due), completed_on_time=on_time, value=value)
