from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel

from tasks_api.ledger.schemas import UnitRef


class RowError(BaseModel):
    row: int | None
    column: str | None
    field: str | None
    message: str


class PreviewMilestone(BaseModel):
    quarter: int
    title: str
    due_date: date


class PreviewRow(BaseModel):
    row_number: int
    action: Literal["create", "update", "unchanged", "invalid"]
    code: str | None
    title: str | None
    environment: str | None
    category: str | None
    lead_unit: UnitRef | None
    responsible_units: list[UnitRef]
    deadline: date | None
    continuous: bool
    milestones: list[PreviewMilestone]
    errors: list[RowError]


class ImportSummary(BaseModel):
    rows: int
    valid: int
    invalid: int
    create: int
    update: int
    unchanged: int


class ImportPreview(BaseModel):
    id: uuid.UUID
    year: int
    filename: str
    status: Literal["preview", "committed"]
    rows: list[PreviewRow]
    errors: list[RowError]
    summary: ImportSummary


class ImportCommitResult(BaseModel):
    id: uuid.UUID
    year: int
    created: int
    updated: int
    unchanged: int
