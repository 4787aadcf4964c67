"""Metrics other services compute indicators from (indicators-api pulls them
with its service token): the one-time resolution rate (一次性化解率, SL-05)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from reform_common.auth import LEADER, REFORM_OFFICE, SERVICE, Principal, require_roles
from reform_common.db import SessionDep
from reform_common.workdays import SHANGHAI

from feedback_api.cases import repository as cases_repo

router = APIRouter(prefix="/api/feedback/v1/metrics", tags=["指标口径"])
PERIOD = r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"


class OneTimeResolution(BaseModel):
    period: str
    closed: int = Field(description="期内办结（最后一次办结在期内）的诉求数")
    closed_once: int = Field(description="其中一次办结：从未重办，且办结后 30 日内无重复诉求")
    value: float | None = Field(description="一次性化解率 %，期内无办结时为 null")


def period_bounds(period: str) -> tuple[datetime, datetime]:
    """[start, end) in Shanghai time for 2026, 2026-Q4 or 2026-10."""
    year = int(period[:4])
    if len(period) == 4:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    elif period[5] == "Q":
        q = int(period[6])
        start = date(year, 3 * q - 2, 1)
        end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    else:
        m = int(period[5:])
        start = date(year, m, 1)
        end = date(year + 1, 1, 1) if m == 12 else date(year, m + 1, 1)
    return (datetime.combine(start, time(), tzinfo=SHANGHAI), datetime.combine(end, time(), tzinfo=SHANGHAI))


@router.get("/one-time-resolution", response_model=OneTimeResolution,
            summary="营商环境事项一次性化解率：期内办结的诉求中，未重办且 30 日内无重复诉求的比例")
async def one_time_resolution(
    request: Request,
    session: SessionDep,
    _: Annotated[Principal, require_roles(REFORM_OFFICE, LEADER, SERVICE)],
    period: Annotated[str, Query(pattern=PERIOD, description="2026、2026-Q4 或 2026-10（上海时间）")],
) -> OneTimeResolution:
    start, end = period_bounds(period)
    window = timedelta(days=request.app.state.settings.feedback_repeat_window_days)
    closed, once = await cases_repo.one_time_resolution(session, start, end, window)
    value = round(100 * once / closed, 2) if closed else None
    return OneTimeResolution(period=period, closed=closed, closed_once=once, value=value)
