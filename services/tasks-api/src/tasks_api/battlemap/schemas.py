from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from tasks_api.ledger.schemas import Environment, UnitRef

ItemKind = Literal["milestone", "action_node"]
ItemState = Literal["done", "done_late", "overdue", "open"]
SlipReason = Literal["moved", "done_late", "open_past_plan"]

STATE_RULE = ("状态（按 as_of）：done 按期完成；done_late 逾期完成；overdue 计划日期早于 as_of 仍未完成；"
              "open 未到期未完成。")
SLIP_RULE = ("偏差判定：现计划日期晚于基线日期（moved）、完成日期晚于基线日期（done_late）、"
             "as_of 已过基线日期仍未完成（open_past_plan），任一成立即为 slipped；"
             "基线后被删除的节点记为 removed。")


class MapItem(BaseModel):
    kind: ItemKind = Field(description="milestone：台账任务节点；action_node：专项行动时间节点")
    id: uuid.UUID = Field(description="节点 id")
    title: str
    task_code: str | None
    task_title: str | None
    action_code: str | None
    action_name: str | None
    environment: Environment | None
    lead_unit_id: uuid.UUID
    lead_unit: UnitRef | None
    due_date: date
    done_date: date | None
    state: ItemState = Field(description=STATE_RULE)


class StateCounts(BaseModel):
    total: int
    done: int
    done_late: int
    overdue: int
    open: int


class TimelineMonth(BaseModel):
    month: int = Field(ge=1, le=12)
    items: list[MapItem]
    counts: StateCounts


class Timeline(BaseModel):
    year: int
    as_of: date
    environment: Environment | None
    special_action: str | None
    months: list[TimelineMonth] = Field(description="1–12 月，按计划日期所在月份归入")
    outside_year: list[MapItem] = Field(description="属于本年度计划或行动、但计划日期不在本年度的节点")
    counts: StateCounts = Field(description="全年（含 outside_year）")
    calendar_notices: list[str]


class UnitDispatch(BaseModel):
    unit_id: uuid.UUID
    unit: UnitRef | None
    due: int = Field(description="本月到期节点数")
    done: int = Field(description="其中已完成（含逾期完成）")
    done_late: int
    overdue: int
    open: int
    slipped: int = Field(description="本月到期节点中逾期未完成或逾期完成的数量")
    carried_over: int = Field(description="以前月份到期、至今未完成的节点数")


class Dispatch(BaseModel):
    month: str
    as_of: date
    environment: Environment | None
    special_action: str | None
    items: list[MapItem] = Field(description="本月到期的全部节点，各带状态")
    carried_over: list[MapItem] = Field(description="本月之前到期、截至 as_of 仍未完成的节点")
    counts: dict[str, int] = Field(description="due、done（含逾期完成）、done_on_time、done_late、overdue、open、"
                                               "slipped（overdue + done_late）、carried_over")
    by_unit: list[UnitDispatch] = Field(description="按牵头单位统计，偏差多的在前")
    calendar_notices: list[str]


class BaselineCreate(BaseModel):
    year: int = Field(ge=2000, le=2100, description="年度")
    quarter: int = Field(ge=1, le=4, description="季度 1–4；每个年度每季度一份基线")


class BaselineRead(BaseModel):
    id: uuid.UUID
    year: int
    quarter: int
    taken_at: datetime
    taken_by: str
    item_count: int = Field(description="冻结的节点数")


class ComparisonItem(BaseModel):
    kind: ItemKind
    item_id: uuid.UUID
    title: str
    task_code: str | None
    task_title: str | None
    action_code: str | None
    action_name: str | None
    environment: Environment | None
    lead_unit_id: uuid.UUID
    lead_unit: UnitRef | None = Field(description="基线时的牵头单位")
    planned_due: date = Field(description="基线冻结的计划日期")
    current_due: date | None = Field(description="现计划日期；节点已删除时为 null")
    done_date: date | None
    state: ItemState | Literal["removed"] = Field(description="按现计划日期的状态；" + STATE_RULE)
    moved_days: int | None = Field(description="现计划日期比基线推迟的天数（提前为负）")
    slip_reasons: list[SlipReason] = Field(description=SLIP_RULE)
    slipped: bool
    removed: bool
    note: str


class UnitSlippage(BaseModel):
    unit_id: uuid.UUID
    unit: UnitRef | None
    planned: int = Field(description="基线中该单位牵头的节点数")
    slipped: int
    moved: int
    done_late: int
    open_past_plan: int
    removed: int


class Comparison(BaseModel):
    baseline: BaselineRead
    as_of: date
    environment: Environment | None
    counts: dict[str, int] = Field(description="planned、on_plan、slipped、moved、done_late、open_past_plan、"
                                               "removed、added（基线之后新增的节点）")
    items: list[ComparisonItem] = Field(description="偏差的在前，其余按基线日期；" + SLIP_RULE)
    by_unit: list[UnitSlippage]
    added: list[MapItem] = Field(description="基线之后新增的节点（不计入偏差）")
    calendar_notices: list[str]
