"""Demo data for supervision and evaluation (督查考评), loaded after the demo
plan (tasks_api.demo) so `make run` shows a living system on the demo date:
the "12+N" special actions, quarterly battle-map baselines with slippage,
inspections and rectifications, 2026-Q3 evaluations with the rank rule,
lifecycle moves with best practices and their replications, pilots, and a
published monthly plus a draft quarterly bulletin.

Everything goes through the packages' own service functions, as the units
and the reform office would through the API, so codes, audit rows, guards
and deadlines follow the same rules. The wording comes from the seeds
(杭州“一号改革工程”、“12+N”专项行动、“四不两直”督察、优生差生通报、基层创新试点、
最佳实践案例). Idempotent: each section loads only while its kind of record
does not exist yet for the demo year, so a second run adds nothing."""

from __future__ import annotations

import dataclasses
import io
import random
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from reform_common.auth import DISTRICT, LEAD_UNIT, REFORM_OFFICE, UNIT, Principal
from reform_common.demo import all_units, unit_uuid
from reform_common.units import UnitDirectory, UnitInfo
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.actions import repository as actions_repo
from tasks_api.actions import service as actions
from tasks_api.actions.schemas import NodeComplete, NodeIn, SpecialActionCreate
from tasks_api.battlemap import repository as battlemap_repo
from tasks_api.battlemap import service as battlemap
from tasks_api.bulletins import repository as bulletins_repo
from tasks_api.bulletins import service as bulletins
from tasks_api.bulletins.schemas import BulletinCreate, BulletinPublish
from tasks_api.evaluations import repository as evaluations_repo
from tasks_api.evaluations import service as evaluations
from tasks_api.evaluations.ranks import IndicatorRanks
from tasks_api.evaluations.schemas import EvaluationCreate, IndicatorRankIn, RankRuleRun
from tasks_api.inbox import repository as inbox_repo
from tasks_api.inspections import repository as inspections_repo
from tasks_api.inspections import service as inspections
from tasks_api.inspections.schemas import (
    FindingCreate,
    InspectionCreate,
    RectificationDecision,
    RectificationIn,
    RectificationSubmit,
)
from tasks_api.ledger import repository as ledger_repo
from tasks_api.ledger import service as ledger
from tasks_api.ledger.context import LedgerContext, build_context
from tasks_api.ledger.models import Task
from tasks_api.ledger.repository import TaskFilters
from tasks_api.ledger.schemas import MilestoneUpdate
from tasks_api.lifecycle import service as lifecycle
from tasks_api.lifecycle.schemas import LifecycleMove
from tasks_api.pilots import repository as pilots_repo
from tasks_api.pilots import service as pilots
from tasks_api.pilots.schemas import DecisionCreate, FeedbackCreate, PilotCreate
from tasks_api.plans import service as plans
from tasks_api.plans.models import Plan
from tasks_api.practices import service as practices
from tasks_api.practices.schemas import BestPracticeCreate, ReplicationCreate
from tasks_api.reports import repository as reports_repo
from tasks_api.reports import service as reports
from tasks_api.reports.periods import period_of
from tasks_api.reports.schemas import ReportCreate, ReportReview
from tasks_api.settings import Settings

YEAR = 2026
DEMO_AS_OF = date(YEAR, 11, 23)
# The actor recorded on every demo change, as tasks_api.demo records its reports.
DEMO_ACTOR = "demo"
ENVIRONMENTS = ("gov_service", "rule_of_law", "market", "economic_ecology", "humanistic")
EVALUATION_PERIOD = f"{YEAR}-Q3"


def demo_units() -> UnitDirectory:
    """The demo city's units (reform_common.demo), the ones the gateway's demo creates."""
    return UnitDirectory([UnitInfo(unit_uuid(code), code, name, short, tuple(aliases), kind)
                          for code, name, short, aliases, kind in all_units()])


def _day(text: str) -> date:
    month, day = (int(p) for p in text.split("-"))
    return date(YEAR, month, day)


# ---- who acts ------------------------------------------------------------------------------------

class _Actors:
    def __init__(self, ctx: LedgerContext) -> None:
        self.by_code = {u.code: u for u in ctx.units.values()}
        self.office = self._principal(self.by_code["gaib"], REFORM_OFFICE)

    def _principal(self, unit: UnitInfo, *roles: str) -> Principal:
        return Principal(subject=f"demo:{unit.code}", username=DEMO_ACTOR, display_name="演示数据",
                         roles=frozenset(roles), unit_id=unit.id, unit_code=unit.code, unit_name=unit.name,
                         unit_kind=unit.kind)

    def unit(self, unit_id: uuid.UUID) -> Principal:
        """A unit's liaison: a district reports as a district, others as lead and responsible unit."""
        unit = next(u for u in self.by_code.values() if u.id == unit_id)
        return self._principal(unit, *((DISTRICT,) if unit.kind == "district" else (LEAD_UNIT, UNIT)))

    def unit_id(self, code: str) -> uuid.UUID:
        return self.by_code[code].id


def _on(ctx: LedgerContext, day: date) -> LedgerContext:
    """The same context on another business date (submission and decision dates)."""
    return dataclasses.replace(ctx, as_of=day)


def _matching(tasks: list[Task], topics: Iterable[str], limit: int) -> list[Task]:
    """Tasks whose title names one of the topics, taking each topic in turn, in code order."""
    queues = [[t for t in tasks if topic in t.title] for topic in topics]
    picked: list[Task] = []
    while len(picked) < limit and any(queues):
        for queue in queues:
            while queue and queue[0] in picked:
                queue.pop(0)
            if queue and len(picked) < limit:
                picked.append(queue.pop(0))
    return picked


def _by_environment(tasks: Iterable[Task]) -> list[Task]:
    """Round robin over the environments, each in code order: a spread across the special groups."""
    groups: dict[str, list[Task]] = defaultdict(list)
    for task in tasks:
        groups[task.environment].append(task)
    out: list[Task] = []
    while any(groups.values()):
        for environment in ENVIRONMENTS:
            if groups[environment]:
                out.append(groups[environment].pop(0))
    return out


# ---- special actions ("12+N") -------------------------------------------------------------------

@dataclass(frozen=True)
class _Action:
    kind: str
    name: str
    environment: str | None
    lead: str
    team: tuple[str, ...]
    official: str
    goal: str
    measures: tuple[str, ...]
    nodes: tuple[tuple[str, str, str | None], ...]  # title, due MM-DD, done MM-DD
    topics: tuple[str, ...]  # the ledger tasks it links name one of these
    max_tasks: int = 6


ACTIONS = (
    _Action(
        "city", "知识产权纠纷快处专项行动", "rule_of_law", "scjg", ("zy", "sfj", "gaj", "jcy"), "分管市场监管工作的副市长",
        "全面承接省级知识产权纠纷快处专项行动，知识产权行政裁决案件年度结案率达到95%以上，纠纷调解成功率达到60%以上。",
        ("建设知识产权纠纷快处中心，实行“一站式受理、分类快处、限时办结”",
         "建立行政裁决、人民调解与司法确认衔接机制，推行简案快办",
         "组建知识产权调解员和技术调查官队伍",
         "开展重点产业知识产权快保护专项执法"),
        (("出台专项行动实施方案", "03-31", "03-27"), ("知识产权纠纷快处中心挂牌运行", "06-30", "06-24"),
         ("行政裁决与诉调对接机制全面运行", "09-30", "10-12"), ("开展年度成效评估", "12-31", None)),
        ("知识产权快保护", "知识产权纠纷快处"),
    ),
    _Action(
        "city", "全过程公正高效集成监管专项行动", "market", "scjg", ("sfj", "yjj", "sthj", "sjzy"), "常务副市长",
        "全面承接省级全过程公正高效集成监管专项行动，跨部门联合双随机监管率进入全省前三，涉企行政检查频次同比下降30%。",
        ("梳理跨部门联合抽查事项清单，推行“双随机、一公开”联合监管全覆盖",
         "推行信用风险分级分类监管，做到“无事不扰、无处不在”",
         "建设“互联网+监管”集成平台，归集执法检查数据",
         "对平台经济、新业态实行包容审慎监管"),
        (("制定年度跨部门联合抽查计划", "03-15", "03-13"), ("信用风险分类结果在重点领域应用", "06-30", "06-29"),
         ("完成三季度联合抽查任务", "09-30", "09-28"), ("开展监管效能评估", "12-15", None)),
        ("跨部门联合双随机监管", "信用分级分类监管", "平台经济常态化监管"),
    ),
    _Action(
        "city", "预付式消费综合监管专项行动", "market", "scjg", ("swj", "jyj", "wgl", "jrb"), "分管商务工作的副市长",
        "探索完善预付式消费综合监管机制，预付式消费投诉量同比下降20%。",
        ("出台预付式消费资金监管办法，推行资金存管和“先消费后付费”",
         "建立教育培训、美容美发、健身等重点行业经营者风险预警名单",
         "开通预付式消费投诉“绿色通道”，推行先行赔付",
         "开展预付式消费领域专项执法"),
        (("完成重点行业预付式消费风险排查", "04-30", "04-28"), ("上线预付式消费资金监管平台", "07-31", "08-14"),
         ("出台预付式消费资金监管办法", "10-31", None), ("开展专项执法和成效评估", "12-31", None)),
        ("预付式消费综合监管", "放心消费环境建设"),
    ),
    _Action(
        "city", "市政基础设施配套费优惠政策落地专项行动", "economic_ecology", "jw", ("czj", "fgw", "tax", "ghzy"),
        "常务副市长", "落实市政基础设施配套费优惠政策，全年为市场主体减负金额达到500亿元。",
        ("制定市政基础设施配套费减免实施细则，明确适用范围和办理流程",
         "配套费减免与工程建设项目审批系统联动，实现“免申即享”",
         "按季度统计减负金额并向社会公开",
         "开展政策执行情况专项督查"),
        (("出台配套费优惠政策实施细则", "03-31", "03-30"), ("减免办理接入工程建设项目审批系统", "06-30", "06-18"),
         ("完成前三季度减负金额统计", "10-15", "10-14"), ("开展政策实施成效评估", "12-31", None)),
        ("市政基础设施配套费优惠政策", "企业综合成本降低"),
    ),
    _Action(
        "city", "“数智营商”集成改革专项行动", "gov_service", "sjzy", ("fgw", "zwb", "jxj", "scjg"), "分管数字化改革工作的副市长",
        "持续优化“一图管理、一网通办、一站直达、一键授信、一码通服、一体监管”等“六个一”体系功能，全面上线运行。",
        ("上线“政策智慧超市”，实现惠企政策一站查询、精准推送",
         "推进“一码通服”，企业码集成高频涉企服务",
         "打通“一键授信”数据通道，支持金融机构线上授信",
         "建设营商环境无感监测驾驶舱"),
        (("完成“六个一”体系建设方案", "03-31", "03-31"), ("“政策智慧超市”上线运行", "06-30", "07-08"),
         ("“一码通服”覆盖高频涉企服务", "09-30", "09-25"), ("“六个一”体系全面上线运行", "12-31", None)),
        ("“数智营商”集成改革", "电子证照共享应用"),
    ),
    _Action(
        "city", "企业全生命周期便利化专项行动", "gov_service", "scjg", ("zwb", "tax", "rsj", "gaj"), "分管市场监管工作的副市长",
        "企业开办全流程0.5个工作日内办结，简易注销办理时间压缩至20天以内。",
        ("企业开办“一网通办”全程网办，营业执照、印章、发票、社保登记一次办结",
         "推行企业注销“一网服务”，税务、社保、海关注销信息共享",
         "开展经营主体“准入准营”一件事改革",
         "建设企业开办“零成本”服务专区"),
        (("企业开办“一网通办”系统迭代上线", "04-30", "04-27"), ("简易注销“一网服务”全市推行", "07-31", "07-30"),
         ("开展企业开办满意度评估", "10-31", "10-29"), ("形成年度改革成效报告", "12-20", None)),
        ("企业开办“一网通办”", "企业注销“一网服务”"),
    ),
    _Action(
        "city", "工程建设项目审批提速专项行动", "gov_service", "jw", ("ghzy", "zwb", "sthj", "cgj"), "分管城乡建设工作的副市长",
        "社会投资一般项目审批全流程不超过40个工作日，水电气网报装“一表申请、一窗受理”。",
        ("深化多规合一、多审合一、多评合一、多测合一集成改革",
         "推行社会投资简易低风险项目“拿地即开工”",
         "水电气网联合报装“一表申请、一窗受理、一次踏勘”",
         "建立重大项目审批“专班+代办”服务机制"),
        (("出台工程审批提速年度方案", "03-31", "03-26"), ("水电气网联合报装全市推行", "06-30", "06-30"),
         ("“拿地即开工”覆盖全部区县", "09-30", "09-22"), ("完成审批时间第三方评估", "11-27", None)),
        ("工程建设项目审批制度", "水电气网联合报装"),
    ),
    _Action(
        "city", "政务服务增值化改革专项行动", "gov_service", "zwb", ("qyfw", "fgw", "jxj", "sjzy"), "市政府秘书长",
        "涉企增值服务事项达到100项以上，涉企问题受理办结率达到98%以上。",
        ("建强企业综合服务中心，设立政策、法律、金融、人才等增值服务专区",
         "推行惠企政策“免申即享”“即申即享”",
         "构建“主动发现、高效处置、举一反三、晾晒评价”涉企问题闭环机制",
         "打造“7×24小时”全天候政务服务示范中心"),
        (("企业综合服务中心增值服务专区投运", "03-31", "04-03"), ("发布“免申即享”政策清单", "05-31", "05-29"),
         ("涉企问题闭环机制全市运行", "08-31", "08-28"), ("增值服务事项达到100项", "12-31", None)),
        ("政务服务增值化改革", "企业综合服务中心建设", "惠企政策“免申即享”"),
    ),
    _Action(
        "city", "“大综合一体化”行政执法改革专项行动", "rule_of_law", "sfj", ("cgj", "scjg", "sthj", "yjj"),
        "分管司法行政工作的副市长",
        "“大综合一体化”行政执法改革指数位列全省首位，涉企行政检查“综合查一次”全覆盖。",
        ("推进执法事项划转和执法队伍整合",
         "推行涉企行政检查“综合查一次”和“扫码入企”",
         "完善涉企轻罚免罚清单，实施包容审慎柔性执法",
         "建设行政执法监督数字化应用"),
        (("公布年度执法事项统筹目录", "03-31", "03-20"), ("“综合查一次”覆盖重点行业", "06-30", "06-28"),
         ("轻罚免罚清单扩展至26个领域", "09-30", "09-30"), ("开展改革指数年度自评", "12-15", None)),
        ("“大综合一体化”行政执法改革", "涉企行政检查“综合查一次”", "包容审慎柔性执法"),
    ),
    _Action(
        "city", "破产审判和执行“一件事”专项行动", "rule_of_law", "zy", ("sfj", "tax", "ghzy", "gaj"), "市委常委、政法委书记",
        "破产案件平均审理周期缩短20%，未发放案款同比下降20%。",
        ("健全破产府院联动机制，解决破产企业涉税、不动产处置和信用修复难题",
         "深化执行“一件事”改革，执行案款“一案一账号”",
         "推行破产预重整和简易破产程序",
         "建设执行联动数字化平台"),
        (("出台府院联动工作规程", "03-31", "03-31"), ("执行“一件事”平台上线", "06-30", "06-22"),
         ("完成简易破产案件审理周期评估", "09-30", "09-29"), ("开展年度执行案款清理", "12-31", None)),
        ("破产府院联动", "执行“一件事”改革"),
    ),
    _Action(
        "city", "融资畅通和科创金融专项行动", "economic_ecology", "jrb", ("jxj", "czj", "kjj", "fgw"), "分管金融工作的副市长",
        "新增制造业中长期贷款800亿元，科技企业贷款余额增长20%以上。",
        ("迭代融资畅通工程，开展“首贷户”拓展行动",
         "推进国家级科创金融改革试验区建设，推广知识产权质押融资",
         "推行政府采购合同融资线上办理",
         "建立小微企业融资需求清单和银企对接机制"),
        (("发布年度融资畅通工作清单", "02-28", "02-27"), ("上半年首贷户拓展任务完成过半", "06-30", "06-30"),
         ("发布科创金融产品目录", "09-30", "10-10"), ("完成年度新增贷款目标", "12-31", None)),
        ("融资畅通工程", "科创金融改革试验区", "小微企业融资服务", "获得信贷"),
    ),
    _Action(
        "city", "指标体系对标提升专项行动", None, "fgw", ("zwb", "scjg", "sfj", "jrb", "tax"), "常务副市长",
        "国评整体排名“保五争四冲三”，18项指标全部进入全国前十；省晾晒5项指标争先进位、示范领跑。",
        ("以上海为标杆，逐项梳理国评指标差距清单，形成“一指标一方案”",
         "对省晾晒5项指标明确主体责任、属地责任，按月晾晒",
         "做好世行营商环境评估企业问卷等迎评准备",
         "建立指标监测和第三方评估机制"),
        (("形成“一指标一方案”", "03-31", "03-31"), ("完成上半年指标监测评估", "07-15", "07-14"),
         ("完成迎评材料准备", "10-31", "10-30"), ("形成年度对标提升报告", "12-31", None)),
        ("对标提升",), max_tasks=8,
    ),
    _Action(
        "extra", "12345涉企诉求“一次性化解”专项行动", "gov_service", "zwb", ("qyfw", "zfdc", "sjzy"), "市政府秘书长",
        "营商环境事项一次性化解率达到90%以上，高频共性诉求“举一反三”转化为改革任务。",
        ("设立12345涉企诉求专席，实行“接诉即办”闭环管理",
         "推行涉企诉求“一次性化解”考核和回访",
         "对高频共性诉求“举一反三”形成改革任务",
         "每月晾晒各单位诉求办理质效"),
        (("设立12345涉企诉求专席", "05-31", "05-30"), ("上线诉求闭环办理数字化应用", "08-31", "08-27"),
         ("开展一次性化解率专项评估", "11-15", "11-13"), ("形成“举一反三”改革任务清单", "12-31", None)),
        ("12345涉企诉求闭环办理",),
    ),
    _Action(
        "extra", "“亲清暖企”政商关系专项行动", "humanistic", "gsl", ("gaib", "fgw", "qyfw"), "市委常委、统战部部长",
        "树立清廉标杆民营企业150家，营商环境体验官反馈问题办结率达到100%。",
        ("健全政商交往正面、负面和倡导清单",
         "开展“营商环境体验官”常态化体验和问题交办",
         "举办“亲清直通车”政企恳谈会",
         "建立尽职免责和容错纠错典型案例发布机制"),
        (("发布政商交往“三张清单”", "04-30", "04-29"), ("聘任第二批营商环境体验官", "07-31", "07-31"),
         ("举办年度政企恳谈会", "10-31", "11-03"), ("发布清廉标杆民营企业名单", "12-31", None)),
        ("“亲清暖企”政商关系", "“两个健康”集成改革", "营商环境体验官"),
    ),
)


async def _special_actions(session: AsyncSession, a: _Actors, ctx: LedgerContext, tasks: list[Task]) -> dict[str, int]:
    counts = {"special_actions": 0, "action_nodes": 0, "action_nodes_done": 0, "action_task_links": 0}
    for number, spec in enumerate(ACTIONS, start=1):
        code = f"ZX-{YEAR}-{number:02d}"
        if await actions_repo.code_exists(session, code):
            continue
        linked = _matching(tasks, spec.topics, spec.max_tasks)
        await actions.create(session, a.office, SpecialActionCreate(
            year=YEAR, code=code, kind=spec.kind, name=spec.name, goal=spec.goal, leading_official=spec.official,
            lead_unit_id=a.unit_id(spec.lead), team_unit_ids=[a.unit_id(c) for c in spec.team],
            environment=spec.environment,
            measures=list(spec.measures), nodes=[NodeIn(title=t, due_date=_day(due)) for t, due, _ in spec.nodes],
            task_codes=[t.code for t in linked],
        ), ctx)
        action = await actions.require_action(session, a.office, code)
        done = {title: _day(on) for title, _, on in spec.nodes if on}
        # The lead unit ticks its own nodes, as it would on the action's page.
        lead = a.unit(action.lead_unit_id)
        for node in sorted(action.nodes, key=lambda n: n.seq):
            if node.title in done:
                await actions.complete_node(session, lead, code, node.id, NodeComplete(
                    done_date=done[node.title], evidence=f"{node.title}：相关文件及工作台账已上传"), ctx)
        counts["special_actions"] += 1
        counts["action_nodes"] += len(spec.nodes)
        counts["action_nodes_done"] += len(done)
        counts["action_task_links"] += len(linked)
    return counts


# ---- battle map baselines ----------------------------------------------------------------------

MOVED_TO = date(YEAR, 12, 15)
MOVED_MILESTONES = 5


async def _baselines(session: AsyncSession, a: _Actors, tasks: list[Task]) -> dict[str, int]:
    """Q3 is frozen first; then lead units move a few open Q3/October nodes to mid-December
    (PATCH /milestones), so the Q3 comparison shows them slipped; Q4 is frozen after the moves."""
    counts = {"baselines": 0, "moved_milestones": 0}
    if await battlemap_repo.baseline_for(session, YEAR, 3) is None:
        await battlemap.create_baseline(session, a.office, YEAR, 3)
        counts["baselines"] += 1
        open_steps = sorted(((t, m) for t in tasks for m in t.milestones
                             if m.done_date is None and date(YEAR, 7, 1) <= m.due_date <= date(YEAR, 10, 31)),
                            key=lambda tm: (tm[0].code, tm[1].due_date))
        for task, milestone in open_steps[:MOVED_MILESTONES]:
            await ledger.update_milestone(session, a.unit(task.lead_unit_id), milestone.id,
                                          MilestoneUpdate(due_date=MOVED_TO))
            counts["moved_milestones"] += 1
    if await battlemap_repo.baseline_for(session, YEAR, 4) is None:
        await battlemap.create_baseline(session, a.office, YEAR, 4)
        counts["baselines"] += 1
    return counts


# ---- inspections and rectifications ------------------------------------------------------------

@dataclass(frozen=True)
class _Finding:
    description: str
    severity: str = "general"
    deadline_days: int | None = None  # set: a rectification is required
    # What happens next: ("submit" | "verify" | "return", MM-DD, text), in order.
    steps: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class _Inspection:
    kind: str
    inspected_on: str
    target: str  # a task topic (the first task naming it) or "unit:<code>"
    method: str
    inspectors: tuple[str, ...]
    summary: str
    findings: tuple[_Finding, ...] = field(default_factory=tuple)


FOUR_NOS = "采取“四不两直”方式（不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场）"
INSPECTIONS = (
    _Inspection(
        "on_site", "09-10", "企业开办“一网通办”",
        "查阅工作台账，召开部门座谈会，实地走访市民中心企业开办专区并随机回访5家新开办企业",
        ("王建华", "李敏", "周晓峰"),
        "企业开办全程网办率达到98%，0.5个工作日办结目标基本实现；银行开户等个别环节仍需企业重复填报。",
        (_Finding("银行开户预约与营业执照信息未完全共享，企业需重复填报联系人等信息。", "serious", 10,
                  (("submit", "09-22", "已打通银行开户预约与营业执照数据共享接口，企业开办时联系人信息自动带入，无需重复填报。"),
                   ("verify", "09-25", "经回访5家新开办企业核实，已无需重复填报，整改到位。"))),
         _Finding("企业开办专区导办人员配置不足，高峰时段等候超过30分钟。")),
    ),
    _Inspection(
        "spot_check", "09-24", "unit:xihu",
        f"{FOUR_NOS}，暗访区行政服务中心“一件事”综合窗口并模拟办件",
        ("陈立新", "赵婷"),
        "暗访发现综合窗口业务熟练度和一次性告知执行不到位。",
        (_Finding("综合窗口人员对“开办餐饮店一件事”办理流程不熟悉，告知材料与网上清单不一致，群众需二次补件。",
                  "serious", 10),
         _Finding("自助服务区2台设备故障未及时报修。")),
    ),
    _Inspection(
        "on_site", "10-20", "工程建设项目审批制度",
        "调阅工程建设项目审批系统数据，抽查20个在建项目审批档案，召开企业座谈会",
        ("王建华", "孙佳"),
        "审批提速成效明显，社会投资一般项目平均审批用时38个工作日，达到年度目标。",
        (_Finding("个别项目施工图审查意见多次退回，未做到一次性告知。"),),
    ),
    _Inspection(
        "on_site", "11-05", "12345涉企诉求闭环办理",
        "抽查10月办结的50件涉企诉求工单，电话回访提出诉求的企业",
        ("李敏", "郑凯"),
        "涉企诉求按时办结率较高，但存在“先办结、后协调”现象，企业满意度有待提升。",
        (_Finding("8件工单存在“先办结、后协调”现象，企业对答复不满意。", "serious", 20,
                  (("submit", "11-20", "已对8件工单逐件重新办理并回访企业，修订涉企诉求办结标准，未经企业确认不得办结。"),)),
         _Finding("部分承办单位答复内容格式化，针对性不强。")),
    ),
    _Inspection(
        "spot_check", "11-09", "unit:binjiang",
        f"{FOUR_NOS}，暗访区市场监管所和两家企业，体验“扫码入企”检查",
        ("陈立新", "郑凯"),
        "“扫码入企”已在区内推开，但检查登记执行不够严格。",
        (_Finding("部分涉企检查未通过“扫码入企”登记，检查记录不完整。", "serious", 20,
                  (("submit", "11-16", "已要求执法人员入企检查一律扫码登记，并补录10月以来的检查记录。"),
                   ("return", "11-18", "整改报告未附补录后的检查记录台账，请补充后重新报送。"))),),
    ),
    _Inspection(
        "spot_check", "11-12", "破产府院联动",
        f"{FOUR_NOS}，抽查近三个月办结的破产案件及破产企业信用修复申请",
        ("孙佳", "赵婷"),
        "府院联动机制运行顺畅，破产企业信用修复办理时限仍需压缩。",
        (_Finding("破产企业信用修复申请平均用时超过规定时限。", "serious", 10),
         _Finding("破产案件信息与不动产登记系统尚未实时共享。")),
    ),
)


async def _inspections(session: AsyncSession, a: _Actors, ctx: LedgerContext, tasks: list[Task]) -> dict[str, int]:
    counts = {"inspections": 0, "findings": 0, "rectifications": 0}
    if await inspections_repo.max_seq(session, YEAR):
        return counts
    for spec in INSPECTIONS:
        task_code = unit_id = None
        if spec.target.startswith("unit:"):
            unit_id = a.unit_id(spec.target.removeprefix("unit:"))
        else:
            task_code = _matching(tasks, [spec.target], 1)[0].code
        code = await inspections.create(session, a.office, InspectionCreate(
            kind=spec.kind, task_code=task_code, unit_id=unit_id, inspected_on=_day(spec.inspected_on),
            method=spec.method, inspectors=list(spec.inspectors), summary=spec.summary,
            findings=[FindingCreate(description=f.description, severity=f.severity,
                                    requires_rectification=f.deadline_days is not None,
                                    rectification=None if f.deadline_days is None
                                    else RectificationIn(deadline_days=f.deadline_days))
                      for f in spec.findings],
        ), ctx)
        counts["inspections"] += 1
        counts["findings"] += len(spec.findings)
        read = await inspections.detail(session, a.office, code, ctx)
        for finding, data in zip(read.findings, spec.findings, strict=True):
            if finding.rectification is None:
                continue
            counts["rectifications"] += 1
            rectification = finding.rectification
            assert rectification.owner_unit is not None
            owner = a.unit(rectification.owner_unit.id)
            for step, on, text in data.steps:
                day_ctx = _on(ctx, _day(on))
                if step == "submit":
                    await inspections.submit(session, owner, rectification.id, RectificationSubmit(evidence=text),
                                             day_ctx)
                else:
                    await inspections.decide(session, a.office, rectification.id,
                                             RectificationDecision(decision=step, comment=text), day_ctx)
    return counts


# ---- evaluations (2026-Q3) ---------------------------------------------------------------------

LEAD_SCORED_TASKS = 30
OFFICE_SCORED_TASKS = 20
# Hand-entered 国评 / 省晾晒 ranks (as indicators-api's demo has them): 获得用水用气 first and 纳税 third
# nationally take the rank rule's full marks; 获得信贷 (12th) and the provincial 跨部门联合双随机监管率
# (2nd; the rule asks for 1st) do not.
RANKS = (("GP-07", "national", "2025", 1, 16), ("GP-13", "national", "2025", 3, 16),
         ("GP-09", "national", "2025", 12, 16), ("SL-04", "provincial", f"{YEAR}-Q3", 2, 11))
COMMENTS = (
    (90, "节点任务按期完成，改革成效明显，报送及时规范。"),
    (80, "推进有力，成效较好，个别节点略有滞后。"),
    (70, "进度基本符合要求，报送材料需进一步量化成效。"),
    (0, "节点滞后较多，配合不够主动，请加强协同、加快推进。"),
)


def _scores(task: Task, plan: Plan, ctx: LedgerContext, seed: str) -> tuple[dict[str, float], str]:
    """Item scores for the default rubric (40/40/20), from the task's standing plus some spread."""
    rng = random.Random(seed)
    warning = ctx.evaluate(task, plan).warning
    low, high = (90, 98) if task.status == "completed" else {"none": (80, 92), "yellow": (70, 84),
                                                             "red": (60, 72)}[warning]
    total = rng.randint(low, high)
    progress = min(40, max(0, round(0.4 * total + rng.uniform(-2, 2))))
    reporting = min(20, max(0, round(0.2 * total + rng.uniform(-1.5, 1.5))))
    effect = min(40, total - progress - reporting)
    comment = next(text for floor, text in COMMENTS if progress + effect + reporting >= floor)
    return {"progress": progress, "effect": effect, "reporting": reporting}, comment


async def _evaluations(
    session: AsyncSession, a: _Actors, ctx: LedgerContext, tasks: list[Task], plan: Plan
) -> dict[str, int]:
    counts = {"lead_evaluations": 0, "office_evaluations": 0, "indicator_ranks": 0, "rank_rule_full_marks": 0}
    if await evaluations_repo.plan_has_evaluations(session, plan.id):
        return counts
    # Lead units score their responsible units: the six lead units with the most tasks, five tasks each.
    by_lead: dict[uuid.UUID, list[Task]] = defaultdict(list)
    for task in tasks:
        if task.responsible_units:
            by_lead[task.lead_unit_id].append(task)
    leads = sorted(by_lead, key=lambda u: (-len(by_lead[u]), str(u)))[:LEAD_SCORED_TASKS // 5]
    lead_scored = [t for unit in leads for t in by_lead[unit][:5]]
    for task in lead_scored:
        lead = a.unit(task.lead_unit_id)
        for tu in task.responsible_units:
            scores, comment = _scores(task, plan, ctx, f"{task.code}:{tu.unit_id}")
            await evaluations.create(session, lead, EvaluationCreate(
                task_code=task.code, period=EVALUATION_PERIOD, kind="lead_on_responsible",
                evaluated_unit_id=tu.unit_id, item_scores=scores, comment=comment), ctx, IndicatorRanks())
            counts["lead_evaluations"] += 1
    # The office scores lead units on twenty tasks across the five environments.
    for task in _by_environment(tasks)[:OFFICE_SCORED_TASKS]:
        scores, comment = _scores(task, plan, ctx, f"{task.code}:office")
        await evaluations.create(session, a.office, EvaluationCreate(
            task_code=task.code, period=EVALUATION_PERIOD, kind="office_on_lead", item_scores=scores,
            comment=comment), ctx, IndicatorRanks())
        counts["office_evaluations"] += 1
    # Then the year's ranks arrive; no indicators-api here, so the hand-entered ones decide.
    for code, framework, period, rank, of in RANKS:
        await evaluations.enter_rank(session, a.office, IndicatorRankIn(
            indicator_code=code, framework=framework, period=period, rank=rank, of=of))
        counts["indicator_ranks"] += 1
    result = await evaluations.apply_rank_rule(session, a.office, RankRuleRun(year=YEAR, period=EVALUATION_PERIOD),
                                               ctx, IndicatorRanks())
    counts["rank_rule_full_marks"] = result.counts["created"] + result.counts["refreshed"]
    return counts


# ---- lifecycle, evidence, best practices, replications -----------------------------------------

TO_EVALUATION = 10
TO_CONSOLIDATION = 4
TO_REPLICATION = 2
# (district, adopted on, note) per best practice, in order.
REPLICATIONS = (
    (("shangcheng", "10-20", "结合本区实际制定实施细则，已在区政务服务中心落地。"),
     ("gongshu", "11-03", "纳入本区年度改革任务，试运行一个月，企业反响良好。"),
     ("linping", "11-16", "已完成系统对接和人员培训，全面推行。")),
    (("fuyang", "10-28", "参照案例做法优化办理流程，办理时间压缩一半。"),
     ("tonglu", "11-10", "在县行政服务中心先行推行，下一步覆盖各乡镇。")),
)


def _evidence_file(task: Task, unit: str) -> bytes:
    """A small real Word file: the 成果评估报告 a unit attaches to its final report."""
    doc = Document()
    doc.add_heading(f"{task.title}成果评估报告", level=1)
    doc.add_paragraph(f"任务编号：{task.code}　　报送单位：{unit}")
    doc.add_paragraph(f"工作目标：{task.goal or '—'}")
    doc.add_paragraph(f"主要举措：{task.measures or '—'}")
    doc.add_paragraph("完成情况：各时间节点均已完成，年度目标全面实现，相关制度文件已印发实施。")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


async def _final_report(
    session: AsyncSession, a: _Actors, ctx: LedgerContext, task: Task, plan: Plan, storage_dir: Path
) -> bool:
    """A 100 % report with its evidence file, approved by the office; False when every unit of the
    task has already reported this period (one report per unit and period)."""
    start, _ = period_of(ctx.as_of, plan.report_cycle)
    for unit_id in [task.lead_unit_id, *(tu.unit_id for tu in task.responsible_units)]:
        if await reports_repo.active_in_period(session, task.id, unit_id, start) is None:
            break
    else:
        return False
    unit = a.unit(unit_id)
    report = await reports.submit(session, unit, task.code, ReportCreate(
        content="年度目标任务已全部完成，各时间节点均按期完成，现报送成果评估报告。", progress=100), ctx)
    await reports.add_attachment(session, unit, report.id, f"{task.code}成果评估报告.docx",
                                 _evidence_file(task, unit.unit_name or ""), storage_dir, ctx)
    await reports.review(session, a.office, report.id, ReportReview(decision="approve",
                                                                    comment="成果佐证材料齐全，同意。"), ctx)
    return True


async def _lifecycle(
    session: AsyncSession, a: _Actors, ctx: LedgerContext, tasks: list[Task], plan: Plan, storage_dir: Path
) -> dict[str, int]:
    counts = {"stage_changes": 0, "evidence_reports": 0, "best_practices": 0, "replications": 0}
    if any(t.lifecycle_stage not in ("demand_analysis", "project_generation", "progress_tracking") for t in tasks):
        return counts

    async def move(task: Task, stage: str, comment: str) -> None:
        await lifecycle.move(session, a.office, task.code, LifecycleMove(to_stage=stage, comment=comment), ctx)
        counts["stage_changes"] += 1

    completed = _by_environment(t for t in tasks if t.status == "completed")
    for task in completed[:TO_EVALUATION + 1]:
        await move(task, "evaluation", "任务已完成全部节点，转入督察考评。")
    # Supervision found one not really done: back to tracking, with the reason on record.
    await move(completed[TO_EVALUATION], "progress_tracking", "督察发现部分区县尚未落地见效，退回进度跟踪继续推进。")
    consolidated: list[Task] = []
    for task in completed[:TO_EVALUATION]:
        if len(consolidated) == TO_CONSOLIDATION:
            break
        if await _final_report(session, a, ctx, task, plan, storage_dir):
            counts["evidence_reports"] += 1
            await move(task, "consolidation", "经督察考评，成果佐证齐全，转入成果固化。")
            consolidated.append(task)
    for task, adopters in zip(consolidated[:TO_REPLICATION], REPLICATIONS, strict=True):
        lead = ctx.unit_ref(task.lead_unit_id)
        practice = await practices.create(session, a.office, BestPracticeCreate(
            task_code=task.code, title=f"{task.title}的杭州实践",
            summary=f"{lead.name if lead else '牵头单位'}{task.measures or ''}",
            evidence=f"{task.goal or '年度目标'}，目标全面实现；成果评估报告已经审核通过。"), ctx)
        counts["best_practices"] += 1
        await move(task, "replication", f"已形成最佳实践案例 {practice.code}，进入复制推广。")
        for district, on, note in adopters:
            await practices.replicate(session, a.unit(a.unit_id(district)), practice.code,
                                      ReplicationCreate(adopted_on=_day(on), note=note), ctx)
            counts["replications"] += 1
    return counts


# ---- pilots (基层创新试点) ---------------------------------------------------------------------

@dataclass(frozen=True)
class _Pilot:
    title: str
    description: str
    goal: str
    unit: str
    environment: str
    start: str
    end: str
    feedback: tuple[tuple[str, str, str | None], ...]  # date, content, progress note
    decision: DecisionCreate | None = None


PILOTS = (
    _Pilot(
        "涉企行政检查“扫码入企”试点",
        "在滨江区先行推行涉企行政检查“扫码入企”：执法人员入企前扫码亮证、登记检查事项，企业在线评价；"
        "同一企业同一年度多部门检查合并为“综合查一次”。",
        "涉企行政检查频次同比下降30%，入企检查扫码率达到100%。", "binjiang", "rule_of_law", "04-01", "12-31",
        (("06-30", "已在区市场监管、应急管理、生态环境3个部门上线“扫码入企”，累计扫码检查1260次，企业评价满意率98.6%。",
          "覆盖3个执法部门"),
         ("09-30", "“扫码入企”扩展至8个执法部门，联合检查占比提升至41%，涉企检查频次同比下降27%。", "覆盖8个执法部门"),
         ("11-10", "已梳理形成“扫码入企”操作指引和数据标准，拟向全市提出推广建议。", None)),
    ),
    _Pilot(
        "工业用地“标准地+承诺制”拿地即开工试点",
        "在萧山区对新出让工业用地推行“标准地+承诺制”，带方案出让、拿地即发证，企业承诺后即可开工。",
        "新出让工业项目实现“拿地即开工”，开工前审批时间压缩至30天以内。", "xiaoshan", "economic_ecology",
        "03-01", "09-30",
        (("05-20", "首批4宗“标准地”完成出让，其中2个项目实现拿地当天取得施工许可。", "首批4宗地"),
         ("08-25", "施工图审查与用地审批衔接仍有堵点，个别项目开工前审批用时42天。", None)),
        DecisionCreate(decision="adjust", comment="试点反馈显示施工许可与用地审批衔接仍有堵点，延长试点期并扩大到已出让未开工地块。",
                       description="在萧山区对新出让及已出让未开工的工业用地推行“标准地+承诺制”，带方案出让、拿地即发证，"
                                   "施工图审查与用地审批并联办理，企业承诺后即可开工。",
                       end_date=date(YEAR, 12, 31)),
    ),
    _Pilot(
        "12345涉企诉求“一站式”兜底办理试点",
        "借鉴缙云县“营商台账”兜底服务做法，在西湖区设立涉企诉求兜底办理专窗：职责不清、多部门交叉的涉企诉求"
        "由区企业综合服务中心统一兜底、限时办结、回访评价。",
        "涉企诉求一次性化解率达到90%以上。", "xihu", "gov_service", "02-16", "08-31",
        (("05-15", "兜底专窗受理多部门交叉诉求86件，已办结81件，一次性化解率91%。", "办结率94%"),
         ("08-20", "形成兜底办理工作规程和部门职责清单，试点期间企业满意率97.5%。", None)),
        DecisionCreate(decision="roll_out", comment="试点形成可复制的兜底办理机制，在上城区、拱墅区、余杭区全面推开。",
                       district_unit_ids=[unit_uuid("shangcheng"), unit_uuid("gongshu"), unit_uuid("yuhang")],
                       deadline=date(YEAR, 12, 31), category="signature"),
    ),
)


async def _pilots(session: AsyncSession, a: _Actors, ctx: LedgerContext) -> dict[str, int]:
    counts = {"pilots": 0, "pilot_feedback": 0, "pilot_decisions": 0, "pilot_tasks": 0}
    if await pilots_repo.codes_with_prefix(session, f"SD-{YEAR}-"):
        return counts
    for spec in PILOTS:
        unit_id = a.unit_id(spec.unit)
        pilot = await pilots.create(session, a.office, PilotCreate(
            title=spec.title, description=spec.description, goal=spec.goal, unit_id=unit_id,
            environment=spec.environment, start_date=_day(spec.start), end_date=_day(spec.end)), ctx)
        counts["pilots"] += 1
        for on, content, note in spec.feedback:
            await pilots.add_feedback(session, a.unit(unit_id), pilot.code, FeedbackCreate(
                content=content, progress_note=note, reported_on=_day(on)), ctx)
            counts["pilot_feedback"] += 1
        if spec.decision is not None:
            decided = await pilots.decide(session, a.office, pilot.code, spec.decision, ctx)
            counts["pilot_decisions"] += 1
            counts["pilot_tasks"] += len(decided.tasks)
    return counts


# ---- bulletins ---------------------------------------------------------------------------------

async def _bulletins(session: AsyncSession, a: _Actors, directory: UnitDirectory) -> dict[str, int]:
    counts = {"bulletins": 0, "bulletins_published": 0, "inbox_messages": 0}
    _, existing = await bulletins_repo.listing(session, a.office, year=YEAR, kind=None, status=None, offset=0, limit=1)
    if existing:
        return counts
    monthly = await bulletins.create(session, a.office, directory, BulletinCreate(
        kind="monthly", period=f"{YEAR}-09", as_of=date(YEAR, 9, 30)))
    await bulletins.publish(session, a.office, directory, monthly.id, BulletinPublish(issued_on=date(YEAR, 10, 12)))
    await bulletins.create(session, a.office, directory, BulletinCreate(
        kind="quarterly", period=f"{YEAR}-Q3", as_of=date(YEAR, 9, 30)))
    counts["bulletins"] = 2
    counts["bulletins_published"] = 1
    counts["inbox_messages"] = (await inbox_repo.delivery(session, bulletins.INBOX_KIND, str(monthly.id)))[0]
    return counts


# ---- the whole -----------------------------------------------------------------------------------

async def load(
    session: AsyncSession, units: UnitDirectory, as_of: date = DEMO_AS_OF, *, storage_dir: Path | None = None
) -> dict[str, int]:
    """Loads every section still empty for the demo year; returns what was added (all 0 the second time).
    Needs the demo plan (tasks_api.demo) loaded first; report attachments go to ``storage_dir``
    (default: the service's ``tasks_storage_dir``)."""
    plan = await plans.require(session, YEAR)
    storage = storage_dir or Path(Settings().tasks_storage_dir)
    ctx = await build_context(session, units, as_of)
    a = _Actors(ctx)

    async def plan_tasks() -> list[Task]:
        return [t for t, _ in await ledger_repo.list_tasks(session, a.office, TaskFilters(year=YEAR))]

    counts: dict[str, int] = {}
    counts |= await _special_actions(session, a, ctx, await plan_tasks())
    counts |= await _baselines(session, a, await plan_tasks())
    counts |= await _inspections(session, a, ctx, await plan_tasks())
    counts |= await _evaluations(session, a, ctx, await plan_tasks(), plan)
    counts |= await _lifecycle(session, a, ctx, await plan_tasks(), plan, storage)
    counts |= await _pilots(session, a, ctx)
    # Last: the bulletins freeze the league table over everything above.
    counts |= await _bulletins(session, a, units)
    await session.flush()
    return counts
