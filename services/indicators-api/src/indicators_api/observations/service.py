"""Data entry and approval. A lead unit enters its own indicators' values
(submitted), a special group those of its environment, the office any; the
office approves or returns them. Only approved data feed calculations, and
a value with quality flags is approved only with a comment on it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from reform_common import audit, uploads
from reform_common.auth import GROUP_LEAD, LEAD_UNIT, REFORM_OFFICE, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api import calc
from indicators_api.audit.models import AuditLog
from indicators_api.catalogs import repository as catalog
from indicators_api.catalogs.models import Indicator
from indicators_api.observation_io import parse_observations
from indicators_api.observations import repository as repo
from indicators_api.observations.models import Observation, ObservationImport
from indicators_api.observations.schemas import (
    Flag,
    ImportCommitted,
    ImportRowRead,
    ObservationImportPreview,
    ObservationIn,
    ObservationRead,
    ReviewIn,
)


def may_enter(principal: Principal, indicator: Indicator) -> bool:
    if principal.has_any(REFORM_OFFICE):
        return True
    if principal.has_any(GROUP_LEAD) and principal.environment and principal.environment == indicator.environment:
        return True
    return principal.has_any(LEAD_UNIT) and indicator.lead_unit_code is not None \
        and indicator.lead_unit_code == principal.unit_code


def present(o: Observation, indicators: dict[str, Indicator], names: dict[str, str]) -> ObservationRead:
    return ObservationRead(
        id=o.id, indicator=o.indicator_code, indicator_name=indicators[o.indicator_code].name,
        region=o.region_code, region_name=names.get(o.region_code, o.region_code), period=o.period, value=o.value,
        source=o.source, method=o.method, status=o.status, flags=[Flag(**f) for f in o.flags],
        submitted_by=o.submitted_by, submitted_at=o.submitted_at, reviewed_by=o.reviewed_by,
        reviewed_at=o.reviewed_at, review_comment=o.review_comment,
    )


async def lookups(session: AsyncSession) -> tuple[dict[str, Indicator], dict[str, str]]:
    indicators = {i.code: i for i in await catalog.indicators(session)}
    names = {c: r.name for c, r in (await catalog.regions(session)).items()}
    return indicators, names


async def _flags(session: AsyncSession, indicator: Indicator, item: ObservationIn) -> list[dict[str, str]]:
    peers = await repo.approved_values(session, indicator.code, item.period)
    peer_values = [v for region, v in peers.items() if region != item.region]
    return [{"code": f.code, "message": f.message}
            for f in calc.quality_flags(item.value, indicator.unit, peer_values)]


async def submit(session: AsyncSession, actor: Principal, items: list[ObservationIn]) -> list[ObservationRead]:
    indicators, names = await lookups(session)
    errors: list[dict[str, Any]] = []
    for n, item in enumerate(items):
        indicator = indicators.get(item.indicator)
        if indicator is None:
            errors.append({"field": f"{n}.indicator", "code": "unknown", "message": f"指标 {item.indicator} 不存在"})
        elif indicator.kind == "composite":
            errors.append({"field": f"{n}.indicator", "code": "composite",
                           "message": f"{indicator.name}是合成指标，由下级指标计算，不能直接录入"})
        if item.region not in names:
            errors.append({"field": f"{n}.region", "code": "unknown", "message": f"地区代码 {item.region} 不存在"})
    if errors:
        raise Problem(422, "observations.invalid", "录入的数据有误", "请按提示修改后重新提交；本次未保存任何数据。",
                      errors=errors)
    denied = sorted({i.indicator for i in items if not may_enter(actor, indicators[i.indicator])})
    if denied:
        raise forbidden(f"只能录入本单位牵头的指标，以下指标无权录入：{'、'.join(denied)}。")
    created = []
    for item in items:
        observation = Observation(
            indicator_code=item.indicator, region_code=item.region, period=item.period, value=item.value,
            source=item.source, method=item.method, status="submitted",
            flags=await _flags(session, indicators[item.indicator], item), submitted_by=actor.username,
            submitted_unit_id=actor.unit_id,
        )
        session.add(observation)
        created.append(observation)
    await session.flush()
    audit.record(session, AuditLog, action="observations.submit", entity_type="observation", actor=actor,
                 detail={"count": len(created), "indicators": sorted({i.indicator for i in items})})
    return [present(o, indicators, names) for o in created]


async def review(session: AsyncSession, actor: Principal, body: ReviewIn) -> list[ObservationRead]:
    if not actor.has_any(REFORM_OFFICE):
        raise forbidden("指标数据由改革办审核。")
    rows = await repo.by_ids(session, actor, body.ids)
    found = {o.id for o in rows}
    missing = [str(i) for i in body.ids if i not in found]
    if missing:
        raise not_found("指标数据")
    reviewed = [o for o in rows if o.status != "submitted"]
    if reviewed:
        raise conflict("observations.reviewed", f"有 {len(reviewed)} 条数据已审核，请刷新后重试。")
    if body.decision == "return" and not body.comment:
        raise Problem(422, "observations.comment_required", "请填写退回意见", "退回数据时须说明原因。",
                      errors=[{"field": "comment", "code": "required", "message": "退回须填写意见"}])
    flagged = [o for o in rows if o.flags]
    if body.decision == "approve" and flagged and not body.comment:
        raise Problem(422, "observations.flags_need_comment", "数据存在质量提示",
                      f"有 {len(flagged)} 条数据存在质量提示（如超出合理范围、明显偏离其他城市），"
                      "请核实并填写审核意见后再通过。",
                      errors=[{"field": str(o.id), "code": f["code"], "message": f["message"]}
                              for o in flagged for f in o.flags])
    now = datetime.now(UTC)
    for o in rows:
        o.status = "approved" if body.decision == "approve" else "returned"
        o.reviewed_by, o.reviewed_at, o.review_comment = actor.username, now, body.comment
    audit.record(session, AuditLog, action=f"observations.{body.decision}", entity_type="observation", actor=actor,
                 detail={"ids": [str(i) for i in body.ids], "comment": body.comment})
    indicators, names = await lookups(session)
    return [present(o, indicators, names) for o in rows]


async def preview_import(
    session: AsyncSession, actor: Principal, data: bytes, filename: str | None, period: str | None, max_bytes: int
) -> ObservationImportPreview:
    # A preview is stored: a write, so only the roles that may enter data (never leaders or the 12345 client).
    if not actor.has_any(REFORM_OFFICE, GROUP_LEAD, LEAD_UNIT):
        raise forbidden("只有改革办、专项小组和牵头单位可以上传指标数据。")
    # By content, before openpyxl opens it: a zip bomb named .xlsx is refused without being expanded,
    # and so is text named .xlsx.
    await uploads.accept(data, uploads.UploadPolicy("imports.", (uploads.XLSX, uploads.CSV), max_bytes,
                                                    noun="指标数据文件", name_must_match=True), filename)
    filename = uploads.safe_filename(filename, "指标数据.xlsx")
    indicators, _ = await lookups(session)
    regions = await catalog.regions(session)
    parsed = parse_observations(data, filename, indicators=indicators, regions=regions, period=period)
    rows = []
    for row in parsed.rows:
        errors = [e.message for e in row.errors]
        indicator = indicators.get(row.indicator) if row.indicator else None
        if indicator is not None and not errors:
            if indicator.kind == "composite":
                errors.append(f"第{row.row_number}行：{indicator.name}是合成指标，不能直接录入")
            elif not may_enter(actor, indicator):
                errors.append(f"第{row.row_number}行：无权录入指标 {indicator.code}（非本单位牵头）")
        rows.append({"row_number": row.row_number, "column": row.column, "indicator": row.indicator,
                     "region": row.region, "period": row.period, "value": row.value,
                     "source": row.source, "errors": errors})
    batch = ObservationImport(filename=filename[:255], layout=parsed.layout or "long", uploaded_by=actor.username,
                              rows=rows, errors=[e.message for e in parsed.errors])
    session.add(batch)
    await session.flush()
    return present_import(batch)


def present_import(batch: ObservationImport) -> ObservationImportPreview:
    invalid = sum(1 for r in batch.rows if r["errors"])
    return ObservationImportPreview(
        id=batch.id, filename=batch.filename, layout=batch.layout, status=batch.status,
        rows=[ImportRowRead(**{k: r[k] for k in ImportRowRead.model_fields}) for r in batch.rows],
        errors=batch.errors, valid=len(batch.rows) - invalid, invalid=invalid,
    )


async def commit_import(session: AsyncSession, actor: Principal, import_id: uuid.UUID) -> ImportCommitted:
    batch = await session.get(ObservationImport, import_id, with_for_update=True)
    if batch is None or batch.uploaded_by != actor.username:
        raise not_found("导入记录")
    if batch.status == "committed":
        raise conflict("imports.already_committed", "该文件已导入，请勿重复提交。")
    invalid = sum(1 for r in batch.rows if r["errors"])
    if batch.errors or invalid or not batch.rows:
        raise Problem(422, "imports.has_errors", "导入文件有错误",
                      f"有 {invalid} 行存在错误，请修改后重新上传；本次未导入任何数据。")
    items = [ObservationIn(indicator=r["indicator"], region=r["region"], period=r["period"], value=r["value"],
                           source=r.get("source") or batch.filename) for r in batch.rows]
    created = await submit(session, actor, items)
    batch.status = "committed"
    return ImportCommitted(id=batch.id, submitted=len(created))

