"""Indicators and tasks: the tasks that name an indicator (read from
tasks-api with this service's token, with their status and warning), and
the A/B class a task aimed at this indicator should get from the gap to the
benchmark city (C — needs legal authorization — is never suggested)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.errors import Problem

from indicators_api.observations.schemas import PERIOD_PATTERN
from indicators_api.results import service as results

router = APIRouter(prefix="/api/indicators/v1/indicators", tags=["指标与任务"])


class LinkedTask(BaseModel):
    code: str
    title: str
    status: str
    warning: str
    progress: int
    benchmark_class: str | None
    lead_unit: str | None


class ClassSuggestion(BaseModel):
    indicator: str
    period: str
    benchmark_region: str | None
    gap_to_benchmark: float | None
    suggested: Literal["A", "B"] | None
    reason: str


@router.get("/{code}/tasks", response_model=list[LinkedTask], summary="关联的改革任务（来自任务台账）")
async def linked_tasks(
    request: Request, _: CurrentPrincipal, code: Annotated[str, Path(max_length=32)],
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> list[LinkedTask]:
    params: dict[str, Any] = {"indicator": code, "page_size": 200}
    if year:
        params["year"] = year
    try:
        resp = await request.app.state.tasks_client.request("GET", "/api/tasks/v1/tasks", params=params)
    except Exception as exc:  # any transport failure: tasks-api is unavailable
        raise Problem(503, "tasks.unavailable", "任务台账暂不可用", "暂时无法读取关联任务，请稍后重试。") from exc
    if resp.status_code != 200:
        raise Problem(503, "tasks.unavailable", "任务台账暂不可用", "暂时无法读取关联任务，请稍后重试。")
    return [LinkedTask(code=t["code"], title=t["title"], status=t["status"], warning=t["warning"],
                       progress=t["progress"], benchmark_class=t["benchmark_class"],
                       lead_unit=(t.get("lead_unit") or {}).get("name"))
            for t in resp.json()["items"]]


@router.get("/{code}/class-suggestion", response_model=ClassSuggestion, summary="按与对标城市的差距建议任务的 A/B 类")
async def class_suggestion(
    request: Request, session: SessionDep, _: CurrentPrincipal, code: Annotated[str, Path(max_length=32)],
    period: Annotated[str, Query(pattern=PERIOD_PATTERN)],
) -> ClassSuggestion:
    board = await results.leaderboard(session, code, period, None, request.app.state.settings.served_region)
    gap = board.served.gap_to_benchmark
    if gap is None:
        suggested, reason = None, "缺少本市或对标城市的数据，无法建议；C 类（需法律授权）须人工判定。"
    elif gap > 0:
        suggested, reason = "A", f"低于对标城市（差距 {gap:g}{board.unit}），建议 A 类：补齐短板。"
    else:
        suggested, reason = "B", "达到或优于对标城市，建议 B 类：放大优势。"
    return ClassSuggestion(indicator=code, period=period, benchmark_region=board.served.benchmark_region,
                           gap_to_benchmark=gap, suggested=suggested, reason=reason)
