"""Loads the demo cases (feedback_api.demo_cases) through the real workflow —
intake, assignment, acceptance, replies, follow-ups, returns, extensions and
reopening — at their historical times, so timelines, deadlines and the
one-time resolution rate look as they would on 20 November 2026.
Idempotent: nothing happens if demo cases exist."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta

from reform_common.auth import DISTRICT, REFORM_OFFICE, UNIT, Principal
from reform_common.demo import all_units, unit_uuid
from reform_common.units import UnitDirectory, UnitInfo
from reform_common.workdays import SHANGHAI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases import service
from feedback_api.cases.context import CaseContext
from feedback_api.cases.events import ENTERPRISE_ACTOR, Actor
from feedback_api.cases.models import Case
from feedback_api.cases.schemas import AssignIn, CaseFields
from feedback_api.demo_cases import CASES, DemoCase
from feedback_api.hotline.service import receipt
from feedback_api.identifiers import USCC_ALPHABET, uscc_check_char
from feedback_api.privacy import PiiVault
from feedback_api.settings import Settings
from feedback_api.workcal.repository import load_calendar

DEMO_MARK = "demo"
DISTRICT_CODES = {"西湖区": "330106", "上城区": "330102", "拱墅区": "330105", "滨江区": "330108", "萧山区": "330109",
                  "余杭区": "330110", "富阳区": "330111", "临安区": "330112", "临平区": "330113", "钱塘区": "330114",
                  "桐庐县": "330122", "淳安县": "330127", "建德市": "330182"}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙朱马胡郭"
STATES = ("closed", "repeat_source", "repeat", "reopened_closed", "replied", "in_progress", "in_progress_ext",
          "accepted", "assigned", "assigned_late", "returned", "reopened", "received")


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


def credit_code(enterprise: str, district: str) -> str:
    """A synthetic code with a valid check character: 91 + the district + a derived body."""
    body = "".join(USCC_ALPHABET[b % 31] for b in _digest(enterprise)[:9])
    first17 = f"91{DISTRICT_CODES[district]}{body}"
    return first17 + uscc_check_char(first17)


def phone(enterprise: str) -> str:
    digits = int.from_bytes(_digest(f"phone:{enterprise}")[:6], "big") % 10**8
    return f"13{5 + digits % 5}{digits:08d}"


def contact_name(enterprise: str) -> str:
    b = _digest(f"name:{enterprise}")
    return SURNAMES[b[0] % len(SURNAMES)] + ("先生" if b[1] % 2 else "女士")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


class _Clock:
    """The demo case's own time line: each step on a later working day."""

    def __init__(self, ctx: CaseContext, start: datetime) -> None:
        self.ctx, self.now = ctx, start

    def later(self, working_days: int = 0, hour: int = 10, minutes: int = 0) -> datetime:
        day = self.now.astimezone(SHANGHAI).date()
        if working_days:
            day = self.ctx.calendar.add_working_days(day, working_days)
        moment = _at(day, hour, minutes)
        self.now = moment if moment > self.now else self.now + timedelta(hours=1)
        self.ctx.now = self.now
        return self.now


def _principal(code: str) -> Principal:
    unit = next(u for u in all_units() if u[0] == code)
    roles = {"reform_office": {REFORM_OFFICE}, "district": {DISTRICT}}.get(unit[4], {UNIT})
    username = "office" if code == "gaib" else code
    return Principal(subject=f"demo-{code}", username=username, display_name=unit[2], roles=frozenset(roles),
                     unit_id=unit_uuid(code), unit_code=code, unit_name=unit[1], unit_kind=unit[4])


def _directory() -> UnitDirectory:
    return UnitDirectory([UnitInfo(unit_uuid(code), code, name, short, tuple(aliases), kind)
                          for code, name, short, aliases, kind in all_units()])


async def _intake(session: AsyncSession, ctx: CaseContext, demo: DemoCase, seq: int, office: Principal) -> Case:
    received = datetime.strptime(demo.received, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)
    ctx.now = received
    anonymous = demo.enterprise is None
    fields = CaseFields(
        type=demo.type, category_code=demo.category, title=demo.title, description=demo.description,
        enterprise_name=demo.enterprise, anonymous=anonymous,
        credit_code=None if anonymous or "某" in demo.enterprise else credit_code(demo.enterprise, demo.district),
        contact_name=None if anonymous else contact_name(demo.enterprise),
        contact_phone=None if anonymous else phone(demo.enterprise), district=demo.district,
        address=None if anonymous else f"{demo.district}{demo.enterprise[2:4]}路 {10 + seq} 号",
    )
    if demo.channel == "hotline_12345":
        how = service.Intake(channel=demo.channel, received_at=received, created_by=DEMO_MARK,
                             external_id=f"GD{received:%Y%m%d}{seq:05d}")
        actor = Actor("12345:demo-12345", "hotline")
    elif demo.channel == "public_form":
        how = service.Intake(channel=demo.channel, received_at=received, created_by=DEMO_MARK)
        actor = ENTERPRISE_ACTOR
    else:
        sources = {"experience_officer": "营商环境体验官走访", "salon": "政企恳谈会", "media": "媒体报道",
                   "inspection": "营商环境专项督察"}
        how = service.Intake(channel=demo.channel, received_at=received, created_by=DEMO_MARK,
                             created_by_unit_id=office.unit_id, source_detail=sources[demo.channel],
                             require_contact=False)
        actor = Actor.staff(office)
    case = await service.intake(session, ctx, fields, how, actor)
    if demo.channel == "hotline_12345":
        case.intake_response = receipt(case)
    return case


REPLIES = {
    "closed": "经核查，问题已协调解决，相关做法已纳入常态化机制。",
    "replied": "已会同相关单位研究，具体安排已电话告知企业，请企业留意后续通知。",
}


async def _play(session: AsyncSession, ctx: CaseContext, case: Case, demo: DemoCase, office: Principal) -> None:
    clock = _Clock(ctx, ctx.now)
    unit = _principal(demo.unit) if demo.unit else None
    no = case.case_no
    limit = case.time_limit_working_days

    async def assign() -> None:
        clock.later(0, 15)
        assert unit is not None
        await service.assign(session, office, no, AssignIn(unit_id=unit.unit_id, comment="请按时限办理并答复企业"), ctx)

    async def accept_and_reply(reply_text: str, start: bool = True) -> None:
        clock.later(1, 9, 30)
        await service.simple(session, unit, no, "accept", None, ctx)
        if start:
            clock.later(0, 10, 30)
            await service.simple(session, unit, no, "start", "已联系企业了解情况", ctx)
        clock.later(max(1, limit - 2), 16)
        await service.reply(session, unit, no, reply_text, None, ctx)

    async def follow_up(satisfaction: str) -> None:
        clock.later(1, 10)
        await service.follow_up(session, office, no, satisfaction, "电话回访", ctx)

    state = demo.state
    if state == "received":
        return
    await assign()
    if state in ("assigned", "assigned_late"):
        return
    if state == "returned":
        clock.later(0, 17)
        await service.return_case(session, unit, no, "经核，该事项属市财政局政府采购监管职责，非本单位职责。", ctx)
        return
    if state in ("accepted", "in_progress", "in_progress_ext"):
        clock.later(1, 9, 30)
        await service.simple(session, unit, no, "accept", None, ctx)
        if state == "accepted":
            return
        clock.later(0, 10, 30)
        await service.simple(session, unit, no, "start", "已联系企业了解情况", ctx)
        if state == "in_progress_ext":
            clock.later(1, 11)
            await service.request_extension(session, unit, no, 5, "需会同银行和担保机构联合研究", ctx)
            clock.later(0, 16)
            await service.decide_extension(session, office, no, True, "同意延期 5 个工作日", ctx)
        return
    if state == "replied":
        await accept_and_reply(REPLIES["replied"])
        return
    await accept_and_reply(REPLIES["closed"], start=demo.type not in ("consultation", "praise"))
    if state == "reopened":
        await follow_up("dissatisfied")
        return
    if state == "reopened_closed":
        await follow_up("dissatisfied")
        clock.later(0, 14)
        await service.assign(session, office, no, AssignIn(unit_id=unit.unit_id, comment="企业不满意，请重新核查"), ctx)
        await accept_and_reply("已与生态环境部门建立联合检查计划，今后同类检查合并进行。")
    await follow_up(demo.outcome)


async def load(session: AsyncSession, settings: Settings | None = None) -> dict[str, int]:
    settings = settings or Settings()
    existing = await session.scalar(select(func.count()).select_from(Case).where(Case.created_by == DEMO_MARK))
    if existing:
        return {"cases": 0}
    directory = _directory()
    ctx = CaseContext(now=datetime.now(SHANGHAI), calendar=await load_calendar(session), directory=directory,
                      settings=settings, vault=PiiVault(settings.feedback_pii_key, settings.feedback_pii_old_keys),
                      units={u.id: u for u in await directory.all()})
    office = _principal("gaib")
    cases = sorted(enumerate(CASES, start=1), key=lambda pair: pair[1].received)
    for seq, demo in cases:
        case = await _intake(session, ctx, demo, seq, office)
        await _play(session, ctx, case, demo, office)
    await session.flush()
    return {"cases": len(CASES)}


async def load_extras(session: AsyncSession, settings: Settings | None = None) -> dict[str, int]:
    """营商环境我来评 ratings and repeat-flag decisions on top of the demo cases (feedback_api.demo_ratings)."""
    from feedback_api import demo_ratings  # it builds on this module

    return await demo_ratings.load(session, settings or Settings())
