"""Demo data on top of the demo cases (called from :func:`feedback_api.demo.load_extras`):

- 营商环境我来评: about 300 ratings of the 40 catalogue services from January
  to 19 November 2026, mostly 5 and 4 stars, a few services weaker in the
  first half and improving; six low ratings, five with a comment — those
  became cases through the real intake (two handled and closed in March and
  June, one being handled and two with the dispatcher in November);
- repeat flags: the demo's water repeat is confirmed by the office; a
  November rating case from 杭州闲林精密铸造 repeats its reopened inspection
  case and waits in the dispatcher's queue (suggested); one from 杭州萧山汽车零部件
  was flagged against its subsidy case and dismissed (a different matter).

None of this moves the one-time resolution rate of 2026-Q3 or Q4 (docs/feedback.md):
the confirmed repeat was already counted, the pending one points at a case
already reopened, the dismissed one does not count. Idempotent."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from reform_common.workdays import SHANGHAI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api import demo
from feedback_api.cases import service as cases
from feedback_api.cases.context import CaseContext
from feedback_api.cases.models import Case
from feedback_api.cases.schemas import AssignIn
from feedback_api.privacy import PiiVault
from feedback_api.ratings import repository as ratings_repo
from feedback_api.ratings import service as ratings
from feedback_api.ratings.models import ServiceRating
from feedback_api.repeats import service as repeats
from feedback_api.settings import Settings
from feedback_api.workcal.repository import load_calendar

SEED = 2026
FIRST_DAY, LAST_DAY = date(2026, 1, 5), date(2026, 11, 19)
TOTAL = 300
# Services rated less well in the first half of the year (average lifts in the second half).
WEAKER = {"water", "construction_permit", "completion_acceptance", "subsidy", "gov_procurement", "inspection_once",
          "property_registration", "fire_acceptance"}
# The most used services get more ratings.
BUSIER = {"company_setup": 4, "tax_filing": 4, "invoice": 3, "social_insurance": 3, "property_registration": 3,
          "electricity": 2, "water": 2, "online_service": 3, "housing_fund": 2, "customs": 2}
PRAISE = ["线上一次办好，不用跑窗口", "窗口工作人员很耐心", "材料一次告知，清楚明白", "比承诺时限提前办结", "帮办代办很贴心",
          "全程网办，进度短信提醒很实用", "办事指南写得清楚", "预约后不用排队", "“一件事”联办省了很多时间"]
FAIR = ["整体还行，高峰期排队较久", "线上系统偶尔卡顿", "部分材料要求还可以再精简", "电话咨询不太好打通"]
ENTERPRISES = ["杭州云栖数智科技有限公司", "杭州未来智造装备有限公司", "杭州滨盛精密制造有限公司", "杭州钱塘生物制药有限公司",
               "杭州西湖龙井茶业有限公司", "杭州半山国际物流有限公司", "杭州紫金港生命科技有限公司", "桐庐分水制笔有限公司",
               "杭州高新视觉算法有限公司", "杭州临平美妆供应链有限公司"]


@dataclass(frozen=True)
class LowRating:
    at: str  # YYYY-MM-DD HH:MM, Shanghai
    service: str
    stars: int
    comment: str | None
    enterprise: str | None
    with_phone: bool
    handled: str | None = None  # closed: handled by the service's unit and closed; in_progress; None: untouched


LOW_RATINGS = [
    LowRating("2026-03-18 15:20", "water", 1, "新厂区用水报装提交三周没人联系，电话也打不通", "杭州余杭绿源食品有限公司", True,
              "closed"),
    LowRating("2026-06-10 10:05", "construction_permit", 2, "施工许可要求补交的材料与一次性告知单不一致，来回跑了两趟",
              "杭州钱塘新材料科技有限公司", True, "closed"),
    LowRating("2026-08-21 16:40", "customs", 2, None, None, False),
    LowRating("2026-11-12 09:50", "inspection_once", 1,
              "上个月环保、安全检查同一天分两次来，这个月又是分开检查，“综合查一次”没有落实，企业停产配合两次。",
              "杭州闲林精密铸造有限公司", True, "in_progress"),
    LowRating("2026-11-16 14:30", "subsidy", 1, "技改补助拨付后，今年新申报的技改项目补助在系统里无法上传附件，申报卡住。",
              "杭州萧山汽车零部件有限公司", True),
    LowRating("2026-11-19 11:15", "company_setup", 2, "银行开户预约要等一周，建议把银行纳入“一件事”联办", None, False),
]
WATER_REPEAT_TITLE = "用水增容办结后管网接入又被要求重新申请"


def _at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


def _moments(rng: random.Random, count: int) -> list[datetime]:
    """``count`` moments from January to 19 November, more of them later in the year (the mini
    program grew), on weekdays mostly, in office and evening hours."""
    span = (LAST_DAY - FIRST_DAY).days
    out = []
    while len(out) < count:
        day = FIRST_DAY + timedelta(days=int(span * rng.random() ** 0.75))
        if day.weekday() >= 5 and rng.random() < 0.7:
            continue
        moment = time(rng.randint(8, 20), rng.choice((0, 10, 20, 30, 40, 50)))
        out.append(datetime.combine(day, moment, tzinfo=SHANGHAI))
    return sorted(out)


def _stars(rng: random.Random, service: str, moment: datetime) -> int:
    weak = service in WEAKER and moment.month <= 6
    roll = rng.random()
    if weak:
        return 5 if roll < 0.45 else 4 if roll < 0.82 else 3
    return 5 if roll < 0.74 else 4 if roll < 0.95 else 3


async def _context(session: AsyncSession, settings: Settings) -> CaseContext:
    directory = demo._directory()
    return CaseContext(now=datetime.now(SHANGHAI), calendar=await load_calendar(session), directory=directory,
                       settings=settings, vault=PiiVault(settings.feedback_pii_key, settings.feedback_pii_old_keys),
                       units={u.id: u for u in await directory.all()})


async def _handle(session: AsyncSession, ctx: CaseContext, case: Case, unit_code: str, until: str) -> None:
    office, unit = demo._principal("gaib"), demo._principal(unit_code)
    clock = demo._Clock(ctx, case.received_at)
    clock.later(0, 16)
    await cases.assign(session, office, case.case_no, AssignIn(unit_id=unit.unit_id, comment="评价转办，请联系企业核实"),
                       ctx)
    clock.later(1, 9, 30)
    await cases.simple(session, unit, case.case_no, "accept", None, ctx)
    clock.later(0, 10, 30)
    await cases.simple(session, unit, case.case_no, "start", "已电话联系企业", ctx)
    if until == "in_progress":
        return
    clock.later(2, 16)
    await cases.reply(session, unit, case.case_no, "已现场核实并协调办结，相关材料清单已统一更新。", None, ctx)
    clock.later(1, 10)
    await cases.follow_up(session, office, case.case_no, "satisfied", "电话回访", ctx)


async def _decide(session: AsyncSession, ctx: CaseContext, case_no: str, confirm: bool, comment: str,
                  at: datetime) -> None:
    ctx.now = at
    await repeats.decide(session, demo._principal("gaib"), case_no, confirm, comment, at)


async def load(session: AsyncSession, settings: Settings | None = None) -> dict[str, int]:
    settings = settings or Settings()
    if await session.scalar(select(func.count()).select_from(ServiceRating)):
        return {"ratings": 0, "rating_cases": 0}
    ctx = await _context(session, settings)
    rng = random.Random(SEED)
    services = {s.code: s for s in await ratings_repo.services(session, active_only=True)}
    pool = [code for code in services for _ in range(BUSIER.get(code, 1))]
    count = 0
    for moment in _moments(rng, TOTAL - len(LOW_RATINGS)):
        code = rng.choice(pool)
        stars = _stars(rng, code, moment)
        comment = None
        if rng.random() < 0.45:
            comment = rng.choice(PRAISE if stars >= 4 else FAIR)
        enterprise = rng.choice(ENTERPRISES) if rng.random() < 0.3 else None
        ctx.now = moment
        await ratings.record(session, ctx, services[code], stars, comment, enterprise, None, None,
                             created_by=demo.DEMO_MARK)
        count += 1
    made = {}
    for low in LOW_RATINGS:
        ctx.now = _at(low.at)
        phone = demo.phone(low.enterprise) if low.with_phone and low.enterprise else None
        rated = await ratings.record(session, ctx, services[low.service], low.stars, low.comment, low.enterprise,
                                     phone, None, created_by=demo.DEMO_MARK)
        count += 1
        if rated.case is not None:
            made[low.service] = rated.case
            if low.handled:
                await _handle(session, ctx, rated.case, services[low.service].unit_code, low.handled)
    # Repeat decisions.
    water = await session.scalar(select(Case).where(Case.title == WATER_REPEAT_TITLE,
                                                    Case.created_by == demo.DEMO_MARK))
    if water is not None and water.repeat_of_id is not None:
        await _decide(session, ctx, water.case_no, True, "核实为同一用水增容事项未真正解决",
                      water.received_at + timedelta(hours=22))
    subsidy = made.get("subsidy")
    if subsidy is not None and subsidy.repeat_of_id is not None:
        await _decide(session, ctx, subsidy.case_no, False,
                      "企业此次反映的是新年度技改项目申报系统问题，与原诉求（补助拨付）非同一事项",
                      subsidy.received_at + timedelta(hours=19))
    await session.flush()
    return {"ratings": count, "rating_cases": len(made)}
