from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from feedback_api.cases.schemas import Time


class OneTimeResolution(BaseModel):
    period: str
    closed: int = Field(description="期内办结（最后一次办结在期内）的诉求数")
    closed_once: int = Field(description="其中一次办结：从未重办，且办结后 30 日内无重复诉求（疑似未排除或已确认）")
    value: float | None = Field(description="一次性化解率 %，期内无办结时为 null")


class Rate(BaseModel):
    numerator: int
    denominator: int
    value: float | None = Field(description="%，两位小数；分母为 0 时为 null")


class MetricSet(BaseModel):
    one_time_resolution: Rate = Field(description="一次性化解率：一次办结数 / 期内办结数")
    satisfaction: Rate = Field(description="满意率：（满意 + 基本满意）/ 期内评价数")
    on_time_closure: Rate = Field(description="按期办结率：期内办结且在办理时限内答复的 / 期内办结数")


class DistrictMetrics(MetricSet):
    code: str
    name: str


class UnitMetrics(MetricSet):
    unit_id: uuid.UUID
    code: str | None
    name: str


class DistrictFilter(BaseModel):
    code: str
    name: str


class UnitFilter(BaseModel):
    unit_id: uuid.UUID
    code: str | None
    name: str


class MetricsSummary(MetricSet):
    period: str
    start: Time
    end: Time
    district: DistrictFilter | None
    unit: UnitFilter | None
    by_district: list[DistrictMetrics] = Field(description="各区县（按诉求所在区县）")
    by_unit: list[UnitMetrics] = Field(description="各承办单位（按主办单位；评价归于被评价答复的单位）")


class MonthMetrics(MetricSet):
    month: str = Field(description="YYYY-MM（上海时间）")
    received: int = Field(description="当月受理的诉求数")
    closed: int = Field(description="当月办结（最后一次办结在当月）的诉求数")


class MetricsTrend(MetricSet):
    """A year month by month; the totals (received, closed, the three rates) are the year's."""

    year: int
    received: int = Field(description="全年（至今）受理的诉求数")
    closed: int = Field(description="全年（至今）办结的诉求数")
    district: DistrictFilter | None
    unit: UnitFilter | None
    months: list[MonthMetrics] = Field(description="逐月，1 月起至本月（往年为全年 12 个月；未来年份为空）")
