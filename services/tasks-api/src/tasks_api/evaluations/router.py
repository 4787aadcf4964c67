"""``/api/tasks/v1/evaluations``: 考评（评分细则、评分、排名满分规则、手工录入名次）。"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from reform_common.auth import CurrentPrincipal
from reform_common.db import SessionDep
from reform_common.pagination import Page, PageDep

from tasks_api.evaluations import service
from tasks_api.evaluations.periods import PERIOD_PATTERN
from tasks_api.evaluations.ranks import IndicatorRanks
from tasks_api.evaluations.repository import EvaluationFilters
from tasks_api.evaluations.schemas import (
    EvaluationCreate,
    EvaluationKind,
    EvaluationRead,
    EvaluationUpdate,
    IndicatorRankIn,
    IndicatorRankRead,
    RankFramework,
    RankRuleResult,
    RankRuleRun,
    RubricRead,
    RubricUpdate,
)
from tasks_api.ledger.context import ContextDep

router = APIRouter(prefix="/api/tasks/v1/evaluations", tags=["考评"])
YearQuery = Annotated[int, Query(ge=2000, le=2100, description="年度计划")]


async def _ranks(request: Request) -> IndicatorRanks:
    return request.app.state.indicator_ranks


RanksDep = Annotated[IndicatorRanks, Depends(_ranks)]


async def evaluation_filters(
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    period: Annotated[str | None, Query(pattern=PERIOD_PATTERN, description="2026、2026-Q3 或 2026-10")] = None,
    task_code: Annotated[str | None, Query(max_length=32)] = None,
    kind: EvaluationKind | None = None,
    evaluated_unit_id: uuid.UUID | None = None,
    evaluator_unit_id: uuid.UUID | None = None,
    auto: Annotated[bool | None, Query(description="只看（或排除）排名满分规则给出的考评")] = None,
) -> EvaluationFilters:
    return EvaluationFilters(year, period, task_code, kind, evaluated_unit_id, evaluator_unit_id, auto)


@router.get("/rubric", response_model=RubricRead, summary="年度评分细则及排名满分规则")
async def get_rubric(session: SessionDep, _: CurrentPrincipal, year: YearQuery) -> RubricRead:
    return await service.get_rubric(session, year)


@router.put("/rubric", response_model=RubricRead, summary="设置年度评分细则及排名满分规则（改革办）")
async def put_rubric(
    session: SessionDep, principal: CurrentPrincipal, year: YearQuery, body: RubricUpdate
) -> RubricRead:
    return await service.put_rubric(session, principal, year, body)


@router.get("/indicator-ranks", response_model=Page[IndicatorRankRead],
            summary="手工录入的指标名次（指标库暂无名次时使用；改革办、市领导）")
async def list_ranks(
    session: SessionDep, principal: CurrentPrincipal, page: PageDep,
    indicator_code: Annotated[str | None, Query(max_length=64)] = None, framework: RankFramework | None = None,
) -> Page[IndicatorRankRead]:
    items, total = await service.list_ranks(session, principal, indicator_code, framework, page.offset,
                                            page.page_size)
    return Page(items=items, total=total, page=page.page, page_size=page.page_size)


@router.post("/indicator-ranks", response_model=IndicatorRankRead, status_code=201,
             responses={200: {"description": "已更正同一指标、体系、期间的名次"}},
             summary="录入（或更正）指标在国评、省晾晒中的名次（改革办）")
async def enter_rank(
    session: SessionDep, principal: CurrentPrincipal, body: IndicatorRankIn, response: Response
) -> IndicatorRankRead:
    rank, created = await service.enter_rank(session, principal, body)
    if not created:
        response.status_code = 200
    return rank


@router.post("/apply-rank-rule", response_model=RankRuleResult,
             summary="按排名满分规则为关联指标名次达标的任务的牵头单位生成或刷新满分考评（改革办）")
async def apply_rank_rule(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, ranks: RanksDep, body: RankRuleRun
) -> RankRuleResult:
    return await service.apply_rank_rule(session, principal, body, ctx, ranks)


@router.get("", response_model=Page[EvaluationRead], summary="考评记录（可筛选、分页）")
async def list_evaluations(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, page: PageDep,
    f: Annotated[EvaluationFilters, Depends(evaluation_filters)],
) -> Page[EvaluationRead]:
    items, total = await service.list_evaluations(session, principal, f, page.offset, page.page_size, ctx)
    return Page(items=items, total=total, page=page.page, page_size=page.page_size)


@router.post("", response_model=EvaluationRead, status_code=201,
             summary="评分：牵头单位评责任单位，改革办评牵头单位（按评分细则逐项打分）")
async def create_evaluation(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, ranks: RanksDep, body: EvaluationCreate
) -> EvaluationRead:
    evaluation = await service.create(session, principal, body, ctx, ranks)
    return await service.detail(session, principal, evaluation.id, ctx)


@router.get("/{evaluation_id}", response_model=EvaluationRead, summary="考评详情")
async def get_evaluation(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, evaluation_id: uuid.UUID
) -> EvaluationRead:
    return await service.detail(session, principal, evaluation_id, ctx)


@router.patch("/{evaluation_id}", response_model=EvaluationRead, summary="更正考评（评分单位）")
async def update_evaluation(
    session: SessionDep, principal: CurrentPrincipal, ctx: ContextDep, ranks: RanksDep, evaluation_id: uuid.UUID,
    body: EvaluationUpdate,
) -> EvaluationRead:
    return await service.update(session, principal, evaluation_id, body, ctx, ranks)
