"""营商环境我来评 rules. Never commits.

- The catalogue: the reform office adds and edits services (unit from the
  unit directory, category from the category tree); a service is
  deactivated, never deleted.
- A public rating passes the public form's spam guard (form token, honeypot,
  per-address daily limit) plus ``FEEDBACK_RATING_DAILY_PER_SERVICE_ADDRESS``
  ratings of one service per address a day.
- 1–2 stars with a comment become a case through the same intake as every
  channel (channel ``rating``; complaint when a phone is given, else a
  suggestion; the service's category; unassigned, so the dispatcher sees it),
  linked from the rating; such a submission also counts as a case filing
  for the per-phone limit.
- Summaries: count, average, distribution, satisfaction (≥ 3 stars) and the
  monthly trend, per service and per unit; units see their own services."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from reform_common import audit
from reform_common.auth import DISTRICT, LEAD_UNIT, UNIT, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.audit.models import AuditLog
from feedback_api.cases import service as cases
from feedback_api.cases.context import CaseContext
from feedback_api.cases.events import ENTERPRISE_ACTOR, Actor
from feedback_api.cases.models import Case
from feedback_api.cases.schemas import CaseFields
from feedback_api.categories.models import Category
from feedback_api.identifiers import mask_phone
from feedback_api.metrics.periods import months, period_bounds
from feedback_api.metrics.service import rate, resolve_unit
from feedback_api.public import spam
from feedback_api.ratings import repository as repo
from feedback_api.ratings.models import RatedService, ServiceRating
from feedback_api.ratings.repository import RatingFilters
from feedback_api.ratings.schemas import (
    PublicRatingCreated,
    PublicRatingIn,
    PublicService,
    RatedServiceCreate,
    RatedServiceRead,
    RatedServiceUpdate,
    RatingList,
    RatingRead,
    RatingSummary,
    ServiceStats,
    Stats,
    TrendPoint,
    UnitRef,
    UnitStats,
)

CASE_MAX_STARS = 2
SATISFIED_MIN_STARS = 3
ASSIGNABLE_KINDS = cases.ASSIGNABLE_KINDS
FALLBACK_CATEGORY = "other"


def _field_problem(field: str, message: str, code: str) -> Problem:
    return Problem(422, "validation_failed", "提交的内容有误", message,
                   errors=[{"field": field, "code": code, "message": message}])


def _unit_by_code(ctx: CaseContext, code: str):
    return next((u for u in ctx.units.values() if u.code == code), None)


def unit_name(ctx: CaseContext, code: str, short: bool = False) -> str:
    unit = _unit_by_code(ctx, code)
    if unit is None:
        return "（未知单位）"
    return unit.short_name if short else unit.name


def present_service(s: RatedService, ctx: CaseContext) -> RatedServiceRead:
    return RatedServiceRead(code=s.code, name=s.name, unit_code=s.unit_code, unit_name=unit_name(ctx, s.unit_code),
                            category_code=s.category_code, description=s.description, position=s.position,
                            active=s.active)


# ---- the catalogue ------------------------------------------------------------------------------

async def catalogue(session: AsyncSession, ctx: CaseContext) -> list[RatedServiceRead]:
    return [present_service(s, ctx) for s in await repo.services(session)]


async def public_catalogue(session: AsyncSession, ctx: CaseContext) -> list[PublicService]:
    stats = await repo.all_time_stats(session)
    out = []
    for s in await repo.services(session, active_only=True):
        count, average = stats.get(s.code, (0, None))
        out.append(PublicService(code=s.code, name=s.name, unit_name=unit_name(ctx, s.unit_code, short=True),
                                 description=s.description, rating_count=count,
                                 average_stars=round(average, 2) if average is not None else None))
    return out


async def _check_refs(session: AsyncSession, ctx: CaseContext, unit_code: str | None,
                      category_code: str | None) -> None:
    errors = []
    if unit_code is not None:
        unit = _unit_by_code(ctx, unit_code)
        if unit is None or unit.kind not in ASSIGNABLE_KINDS:
            errors.append({"field": "unit_code", "code": "unknown_unit", "message": "承办单位不存在或不能承办诉求"})
    if category_code is not None:
        category = await session.get(Category, category_code)
        if category is None or not category.active:
            errors.append({"field": "category_code", "code": "unknown_category", "message": "诉求分类不存在或已停用"})
    if errors:
        raise Problem(422, "validation_failed", "提交的内容有误", "请按提示修改标注的字段后重试。", errors=errors)


async def create_service(session: AsyncSession, principal: Principal, data: RatedServiceCreate,
                         ctx: CaseContext) -> RatedServiceRead:
    await _check_refs(session, ctx, data.unit_code, data.category_code)
    if await repo.service(session, data.code) is not None:
        raise conflict("ratings.service_exists", f"事项代码 {data.code} 已存在。")
    if await repo.name_taken(session, data.name):
        raise conflict("ratings.service_name_taken", f"事项「{data.name}」已存在。")
    row = RatedService(code=data.code, name=data.name, unit_code=data.unit_code, category_code=data.category_code,
                       description=data.description, position=data.position, active=True)
    session.add(row)
    await session.flush()
    audit.record(session, AuditLog, action="rated_service.create", entity_type="rated_service", entity_id=data.code,
                 actor=principal, detail=data.model_dump())
    await session.refresh(row)
    return present_service(row, ctx)


async def update_service(session: AsyncSession, principal: Principal, code: str, data: RatedServiceUpdate,
                         ctx: CaseContext) -> RatedServiceRead:
    row = await repo.service(session, code, for_update=True)
    if row is None:
        raise not_found("事项")
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    await _check_refs(session, ctx, changes.get("unit_code"), changes.get("category_code"))
    if "name" in changes and await repo.name_taken(session, changes["name"], other_than=code):
        raise conflict("ratings.service_name_taken", f"事项「{changes['name']}」已存在。")
    for name, value in changes.items():
        setattr(row, name, value)
    await session.flush()
    audit.record(session, AuditLog, action="rated_service.update", entity_type="rated_service", entity_id=code,
                 actor=principal, detail=changes)
    await session.refresh(row)
    return present_service(row, ctx)


# ---- rating -------------------------------------------------------------------------------------

@dataclass
class Rated:
    rating: ServiceRating
    service: RatedService
    case: Case | None


async def record(session: AsyncSession, ctx: CaseContext, service: RatedService, stars: int, comment: str | None,
                 enterprise_name: str | None, phone: str | None, address_hash: str | None,
                 actor: Actor = ENTERPRISE_ACTOR, created_by: str = "enterprise") -> Rated:
    """Stores a rating at ``ctx.now``; 1–2 stars with a comment also file a case (same intake as every channel)."""
    comment = (comment or "").strip() or None
    enterprise_name = (enterprise_name or "").strip() or None
    rating = ServiceRating(service_code=service.code, unit_code=service.unit_code, stars=stars, comment=comment,
                           enterprise_name=enterprise_name, address_hash=address_hash, created_at=ctx.now)
    if phone:
        rating.contact_phone_enc = ctx.vault.encrypt(phone, "contact_phone")
        rating.contact_phone_index = ctx.vault.blind_index(phone, "phone")
        rating.contact_phone_masked = mask_phone(phone)
    case = None
    if stars <= CASE_MAX_STARS and comment:
        case = await _file_case(session, ctx, service, stars, comment, enterprise_name, phone, actor, created_by)
        rating.case_id = case.id
    session.add(rating)
    await session.flush()
    return Rated(rating, service, case)


async def _file_case(session: AsyncSession, ctx: CaseContext, service: RatedService, stars: int, comment: str,
                     enterprise_name: str | None, phone: str | None, actor: Actor, created_by: str) -> Case:
    category = await session.get(Category, service.category_code)
    category_code = service.category_code if category is not None and category.active else FALLBACK_CATEGORY
    unit = unit_name(ctx, service.unit_code)
    snippet = comment if len(comment) <= 60 else comment[:59] + "…"
    fields = CaseFields(
        type="complaint" if phone else "suggestion", category_code=category_code,
        title=f"「{service.name}」{stars} 星评价：{snippet}",
        description=f"营商环境我来评：企业对「{service.name}」（{unit}）评价 {stars} 星。\n评价意见：{comment}",
        enterprise_name=enterprise_name, contact_phone=phone,
        anonymous=phone is None and enterprise_name is None,
    )
    how = cases.Intake(channel="rating", received_at=ctx.now, created_by=created_by,
                       source_detail=f"营商环境我来评：{service.name}"[:200], require_contact=False)
    return await cases.intake(session, ctx, fields, how, actor)


async def submit(session: AsyncSession, ctx: CaseContext, data: PublicRatingIn, address: str) -> PublicRatingCreated:
    spam.check_honeypot(data.website)
    nonce = spam.check_token(ctx.vault, ctx.settings, data.form_token, ctx.now)
    service = await repo.service(session, data.service_code)
    if service is None or not service.active:
        raise _field_problem("service_code", "评价的事项不存在或已停用", "unknown_service")
    address_hash = ctx.vault.address_hash(address)
    becomes_case = data.stars <= CASE_MAX_STARS and bool((data.comment or "").strip())
    phone_index = ctx.vault.blind_index(data.contact_phone, "phone") if data.contact_phone and becomes_case else None
    await spam.check_limits(session, ctx.settings, address_hash, phone_index, ctx.now)
    limit = ctx.settings.feedback_rating_daily_per_service_address
    if await repo.recent_from_address(session, service.code, address_hash, ctx.now - timedelta(days=1)) >= limit:
        raise Problem(429, "ratings.service_limit", "评价次数已达上限",
                      f"当前网络 24 小时内对「{service.name}」的评价已达 {limit} 次，请明天再评。",
                      headers={"Retry-After": "3600"})
    await spam.remember(session, "create" if becomes_case else "rate", address_hash, ctx.now, nonce=nonce,
                        phone_index=phone_index)
    rated = await record(session, ctx, service, data.stars, data.comment, data.enterprise_name, data.contact_phone,
                         address_hash)
    case = rated.case
    if case is not None:
        message = (f"感谢评价。您的意见已转为诉求 {case.case_no}，将交承办单位办理；"
                   f"请保存查询码 {cases.format_tracking_code(case.tracking_code)} 查询进度。")
    else:
        message = "感谢评价，您的意见将用于改进服务。"
    return PublicRatingCreated(
        id=rated.rating.id, service_code=service.code, service_name=service.name, stars=data.stars,
        created_at=rated.rating.created_at, case_no=case.case_no if case else None,
        tracking_code=cases.format_tracking_code(case.tracking_code) if case else None, message=message,
    )


# ---- staff views --------------------------------------------------------------------------------

def own_unit_code(principal: Principal, ctx: CaseContext, requested: str | None) -> str | None:
    """The unit code the caller's view is limited to (None: every unit); 403 for roles without a view."""
    if principal.sees_everything:
        return resolve_unit(ctx, requested).code if requested else None
    if not principal.has_any(UNIT, DISTRICT, LEAD_UNIT) or principal.unit_id is None:
        raise forbidden("只有改革办、市领导和承办单位可以查看事项评价。")
    unit = ctx.units.get(principal.unit_id)
    if unit is None:
        raise forbidden("未找到您所在的单位。")
    if requested and resolve_unit(ctx, requested).code != unit.code:
        raise forbidden("只能查看本单位承办事项的评价。")
    return unit.code


async def list_ratings(session: AsyncSession, principal: Principal, ctx: CaseContext, f: RatingFilters,
                       unit: str | None, page: int, page_size: int) -> RatingList:
    f.unit_code = own_unit_code(principal, ctx, unit)
    rows, total = await repo.page(session, f, (page - 1) * page_size, page_size)
    names = {s.code: s.name for s in await repo.services(session)}
    items = [RatingRead(id=r.id, service_code=r.service_code, service_name=names.get(r.service_code, r.service_code),
                        unit_code=r.unit_code, unit_name=unit_name(ctx, r.unit_code), stars=r.stars,
                        comment=r.comment, enterprise_name=r.enterprise_name, contact_phone=r.contact_phone_masked,
                        case_no=case_no, created_at=r.created_at) for r, case_no in rows]
    return RatingList(items=items, total=total, page=page, page_size=page_size)


class _Tally:
    def __init__(self, month_list: list[str]) -> None:
        self.dist = dict.fromkeys(range(1, 6), 0)
        self.monthly: dict[str, list[int]] = {m: [0, 0] for m in month_list}  # month → [count, star sum]

    def add(self, month: str, stars: int, n: int) -> None:
        self.dist[stars] += n
        slot = self.monthly.setdefault(month, [0, 0])
        slot[0] += n
        slot[1] += stars * n

    def stats(self) -> dict[str, Any]:
        count = sum(self.dist.values())
        total = sum(s * n for s, n in self.dist.items())
        satisfied = sum(n for s, n in self.dist.items() if s >= SATISFIED_MIN_STARS)
        return dict(count=count, average=round(total / count, 2) if count else None,
                    distribution={str(s): n for s, n in self.dist.items()}, satisfaction=rate((satisfied, count)),
                    trend=[TrendPoint(month=m, count=c, average=round(t / c, 2) if c else None)
                           for m, (c, t) in sorted(self.monthly.items())])


async def summary(session: AsyncSession, principal: Principal, ctx: CaseContext, period: str,
                  unit: str | None) -> RatingSummary:
    unit_code = own_unit_code(principal, ctx, unit)
    start, end = period_bounds(period)
    month_list = months(period)
    rows = await repo.counts(session, RatingFilters(start=start, end=end, unit_code=unit_code))
    total = _Tally(month_list)
    per_service: dict[str, _Tally] = defaultdict(lambda: _Tally(month_list))
    per_unit: dict[str, _Tally] = defaultdict(lambda: _Tally(month_list))
    for service_code, rated_unit, month, stars, n in rows:
        for tally in (total, per_service[service_code], per_unit[rated_unit]):
            tally.add(month, stars, n)
    catalogue = {s.code: s for s in await repo.services(session)}
    by_service = []
    for s in catalogue.values():
        if (s.active and (unit_code is None or s.unit_code == unit_code)) or s.code in per_service:
            by_service.append(ServiceStats(code=s.code, name=s.name, unit_code=s.unit_code,
                                           unit_name=unit_name(ctx, s.unit_code), active=s.active,
                                           **per_service[s.code].stats()))
    unit_codes = {s.unit_code for s in catalogue.values() if s.active and unit_code in (None, s.unit_code)}
    unit_codes |= set(per_unit)
    order = {u.code: i for i, u in enumerate(ctx.units.values())}
    by_unit = [UnitStats(code=code, name=unit_name(ctx, code), **per_unit[code].stats())
               for code in sorted(unit_codes, key=lambda c: (order.get(c, len(order)), c))]
    return RatingSummary(period=period, unit=UnitRef(code=unit_code, name=unit_name(ctx, unit_code))
                         if unit_code else None, total=Stats(**total.stats()), by_service=by_service, by_unit=by_unit)
