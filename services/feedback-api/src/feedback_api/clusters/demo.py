"""举一反三 in the demo: a few more enterprise cases in October–November 2026
that raise the same matters as demo cases already do (投标保证金退还, 重复检查,
临时用电转正式, 发票额度, 医疗器械备案), loaded through the real workflow
like the other demo cases (``feedback_api.demo``), then one suggestion run
for 2026-Q3 and 2026-Q4 as the reform office. The added cases are never
closed and come from enterprises of their own, so the one-time resolution
rate of the demo is unchanged. Idempotent."""

from __future__ import annotations

from datetime import datetime

from reform_common.workdays import SHANGHAI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api import demo
from feedback_api.cases.context import CaseContext
from feedback_api.cases.models import Case
from feedback_api.clusters import service
from feedback_api.clusters.schemas import SuggestIn
from feedback_api.demo_cases import DemoCase
from feedback_api.privacy import PiiVault
from feedback_api.settings import Settings
from feedback_api.workcal.repository import load_calendar

DEMO_MARK = "demo-clusters"
PERIODS = ("2026-Q3", "2026-Q4")

CASES: list[DemoCase] = [
    # 投标保证金退还不及时 (with the demo's 10-12 inspection finding)
    DemoCase("2026-10-20 10:10", "hotline_12345", "complaint", "fees.deposit", "余杭区", "jw",
             "杭州良渚市政园林有限公司", "投标保证金中标后一个多月未退还",
             "企业参加区里一个道路工程招标，已签订合同一个多月，投标保证金 30 万元仍未退还，询问招标代理只说在走流程。",
             "in_progress"),
    DemoCase("2026-10-29 14:30", "public_form", "complaint", "fees.deposit", "临平区", "jw",
             "杭州临平安装工程有限公司", "未中标项目投标保证金迟迟不退",
             "公司参与政府投资项目投标未中标，按规定投标保证金应在 5 日内退还，现已超过一个月仍未退回。",
             "accepted"),
    DemoCase("2026-11-09 09:40", "salon", "complaint", "fees.deposit", "钱塘区", None,
             "杭州钱塘智慧建设有限公司", "多个招标项目投标保证金退还超期",
             "政企恳谈会上企业反映，今年参加的三个项目投标保证金合计 45 万元均超期未退，占用流动资金。",
             "received"),
    # 多头检查、重复检查 (with the demo's 11-10 case)
    DemoCase("2026-10-22 15:20", "hotline_12345", "complaint", "enforcement.multiple", "萧山区", "scjg",
             "杭州瓜沥五金制品有限公司", "一周内三个部门上门检查内容重复",
             "一周内市场监管、应急管理、消防先后上门检查，检查内容都是安全台账和消防通道，企业每次都要停工陪同。",
             "replied"),
    DemoCase("2026-11-03 10:00", "experience_officer", "complaint", "enforcement.multiple", "余杭区", "scjg",
             "杭州仁和塑业有限公司", "不同部门重复检查同样内容",
             "体验官走访时企业反映，本月已接待四批检查，不同部门查的都是危化品存放，希望实行“综合查一次”。",
             "in_progress"),
    DemoCase("2026-11-16 11:30", "public_form", "complaint", "enforcement.multiple", "临平区", None,
             "杭州临平精密模具有限公司", "区和街道两级重复检查",
             "区执法队刚检查完消防通道，街道又来检查一遍，检查内容完全相同，影响正常生产。",
             "received"),
    # 临时用电转正式用电 (with the demo's 11-12 case)
    DemoCase("2026-10-27 09:15", "hotline_12345", "help", "utilities.power", "钱塘区", "fgw",
             "杭州钱塘新材料科技有限公司", "施工临时用电转正式用电要重新报装",
             "厂房建成后申请把施工临时用电转为正式生产用电，供电公司要求销户后按新装重新报装，耗时很长。",
             "accepted"),
    DemoCase("2026-11-17 16:05", "public_form", "help", "utilities.power", "富阳区", None,
             "杭州富阳新能源装备有限公司", "临电转正式用电流程能否简化",
             "企业临时用电即将到期，申请转为正式用电，被要求重新提交全部资料并重新勘查，希望直接变更。",
             "received"),
    # 发票额度调整慢 (with the demo's 11-18 case)
    DemoCase("2026-11-11 10:45", "hotline_12345", "complaint", "gov_service.tax", "西湖区", "tax",
             "杭州文新商贸有限公司", "数电发票开票额度调增审批慢",
             "月底集中开票时数电发票额度用完，申请临时调增开票额度等了四天还没批下来，客户催票。",
             "in_progress"),
    DemoCase("2026-11-19 14:20", "public_form", "complaint", "gov_service.tax", "滨江区", None,
             "杭州滨江云启软件有限公司", "发票额度太低且调整申请迟迟不处理",
             "新办企业发票额度很低，接到大订单后申请提高开票额度，三个工作日没有处理，影响业务开展。",
             "received"),
    # 医疗器械经营备案现场核查排期长 (with the demo's 11-13 case)
    DemoCase("2026-11-18 09:50", "hotline_12345", "complaint", "market.access", "上城区", "scjg",
             "杭州望江医疗科技有限公司", "二类医疗器械经营备案现场核查等待时间长",
             "提交第二类医疗器械经营备案后一直显示待现场核查，排期一个月，拿不到备案凭证无法参加医院采购。",
             "accepted"),
]


async def load(session: AsyncSession, settings: Settings | None = None) -> dict[str, int]:
    """The cases above (once), then the suggestion for each demo period."""
    settings = settings or Settings()
    directory = demo._directory()
    ctx = CaseContext(now=datetime.now(SHANGHAI), calendar=await load_calendar(session), directory=directory,
                      settings=settings, vault=PiiVault(settings.feedback_pii_key, settings.feedback_pii_old_keys),
                      units={u.id: u for u in await directory.all()})
    office = demo._principal("gaib")
    added = 0
    if not await session.scalar(select(func.count()).select_from(Case).where(Case.created_by == DEMO_MARK)):
        for seq, item in sorted(enumerate(CASES, start=501), key=lambda pair: pair[1].received):
            case = await demo._intake(session, ctx, item, seq, office)
            case.created_by = DEMO_MARK
            await demo._play(session, ctx, case, item, office)
            added += 1
        await session.flush()
    ctx.now = datetime.now(SHANGHAI)
    suggested = 0
    for period in PERIODS:
        result = await service.suggest(session, office, SuggestIn(period=period), ctx)
        suggested += len(result.created)
    return {"cases": added, "clusters": suggested}
