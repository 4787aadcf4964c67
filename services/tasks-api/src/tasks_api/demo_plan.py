"""The demo year's task list (任务清单) and its progress as of the demo date.

Built from the seeds' wording (重点事项66项、长板优势48项、短板弱项22项、
the rest 特色事项; 政务/法治/市场/经济生态/人文 环境; A/B/C 对标 against
上海 or 深圳; quarterly 节点) and the demo units of ``reform_common.demo``,
named the way office files name them (short names such as 市发改委).
Deterministic for a year, so every run of the demo shows the same ledger.

``python -m tasks_api.demo_plan --write-example PATH`` writes the plan as
the office's template workbook."""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tasks_api.ledger_excel.columns import ENVIRONMENT_LABELS, Milestone, TaskRow
from tasks_api.ledger_excel.deadlines import quarter_end
from tasks_api.ledger_excel.writer import write_template

CATEGORY_COUNTS = {"key": 66, "strength": 48, "weakness": 22, "signature": 166}
# Tasks per environment, in proportion to the seeds' 56/79/69/74/29 measures.
ENVIRONMENT_COUNTS = {"gov_service": 55, "rule_of_law": 78, "market": 68, "economic_ecology": 73, "humanistic": 28}
ENVIRONMENT_CODES = {
    "gov_service": "ZW",
    "rule_of_law": "FZ",
    "market": "SC",
    "economic_ecology": "JJ",
    "humanistic": "RW",
}
RED_SHARE = YELLOW_SHARE = 0.08
CONTINUOUS_SHARE = 0.10
BENCHMARK_SHARE = 0.45


def demo_date(year: int) -> date:
    """The day the demo data describes (a Sunday in 2026)."""
    return date(year, 11, 22)


def plan_title(year: int) -> str:
    return f"{year}年营商环境优化提升重点任务清单"


@dataclass(frozen=True)
class _Topic:
    name: str
    lead: str
    partners: tuple[str, ...]
    goal: str


def _topics(*rows: tuple[str, str, str, str]) -> list[_Topic]:
    return [_Topic(name, lead, tuple(partners.split("、")), goal) for name, lead, partners, goal in rows]


TOPICS: dict[str, list[_Topic]] = {
    "gov_service": _topics(
        (
            "企业开办“一网通办”",
            "市市场监管局",
            "市政务办、市税务局、市人力社保局、市公安局",
            "企业开办全流程0.5个工作日内办结",
        ),
        (
            "水电气网联合报装",
            "市建委",
            "市政务办、市城管局、市林水局、市经信局",
            "水电气网报装“一表申请、一窗受理”，办理时间压减30%",
        ),
        (
            "工程建设项目审批制度",
            "市建委",
            "市规划资源局、市政务办、市生态环境局",
            "社会投资一般项目审批全流程不超过40个工作日",
        ),
        ("“一件事”集成服务", "市政务办", "市数据资源局、市人力社保局、市公安局", "新增“一件事”主题集成服务20项以上"),
        ("政务服务增值化改革", "市政务办", "市企服中心、市发改委、市经信局", "涉企增值服务事项达到100项以上"),
        ("惠企政策“免申即享”", "市发改委", "市财政局、市经信局、市数据资源局", "“免申即享”政策兑付占比达到50%以上"),
        ("不动产登记便利化", "市规划资源局", "市税务局、市住保房管局", "一般不动产登记1个工作日内办结"),
        ("政务服务“跨省通办”", "市政务办", "市数据资源局、市公安局", "高频事项“跨省通办”全覆盖"),
        ("电子证照共享应用", "市数据资源局", "市政务办、市公安局", "常用电子证照应用率达到90%以上"),
        ("12345涉企诉求闭环办理", "市政务办", "市企服中心、市督查室", "营商环境事项一次性化解率达到90%以上"),
        ("税费服务便利化", "市税务局", "市财政局、市人力社保局、市医保局", "办税缴费“非接触式”办理率达到95%以上"),
        ("中介服务网上超市", "市政务办", "市发改委、市财政局", "中介服务平均节约率保持20%以上"),
        ("“7×24小时”自助服务", "市政务办", "市数据资源局", "打造“7×24小时”全天候示范中心10个以上"),
        ("企业综合服务中心建设", "市企服中心", "市政务办、市经信局", "涉企问题受理办结率达到98%以上"),
        ("投资项目审批“多评合一”", "市发改委", "市生态环境局、市规划资源局、市应急局", "投资项目评估评审时间压减40%"),
        ("政务服务“好差评”", "市政务办", "市数据资源局", "政务服务好评率保持99%以上"),
        ("出口退税办理", "市税务局", "杭州海关、市商务局", "正常出口退税平均办理时间压缩至3个工作日以内"),
        ("“数智营商”集成改革", "市数据资源局", "市发改委、市政务办", "“六个一”体系功能全面上线运行"),
        ("企业注销“一网服务”", "市市场监管局", "市税务局、市人力社保局、杭州海关", "简易注销办理时间压缩至20天以内"),
    ),
    "rule_of_law": _topics(
        (
            "“大综合一体化”行政执法改革",
            "市司法局",
            "市城管局、市市场监管局、市生态环境局",
            "“大综合一体化”行政执法改革指数位列全省首位",
        ),
        ("涉企轻罚免罚清单", "市司法局", "市市场监管局、市城管局、市应急局", "轻罚免罚清单覆盖26个以上执法领域"),
        ("轻微违法告知承诺制", "市司法局", "市市场监管局、市交通局", "简案快办时长压缩到3个工作日以内"),
        ("知识产权快保护", "市市场监管局", "市中院、市公安局、市检察院", "知识产权行政裁决案件年度结案率达到95%以上"),
        ("知识产权纠纷快处", "市市场监管局", "市中院、市司法局", "知识产权纠纷调解成功率达到60%以上"),
        ("破产府院联动", "市中院", "市司法局、市税务局、市规划资源局", "破产案件平均审理周期缩短20%"),
        ("执行“一件事”改革", "市中院", "市公安局、市规划资源局、市金融办", "未发放案款同比下降20%"),
        ("商事纠纷多元化解", "市中院", "市司法局、市工商联", "商事纠纷诉前调解成功率达到40%以上"),
        ("涉企公共法律服务", "市司法局", "市工商联、市企服中心", "公共法律服务满意率不低于96%"),
        ("涉企法规规章“立改废释”", "市司法局", "市发改委、市政府办公厅", "修改废止营商环境相关规章4件以上"),
        ("规范性文件合法性审查", "市司法局", "市政府办公厅", "涉企规范性文件合法性审查率达到100%"),
        ("包容审慎柔性执法", "市司法局", "市市场监管局、市城管局", "首违不罚、轻微免罚案件全部公开"),
        ("涉企行政检查“综合查一次”", "市司法局", "市市场监管局、市应急局、市生态环境局", "涉企行政检查频次同比下降30%"),
        ("仲裁服务优化", "市司法局", "市中院", "商事仲裁案件平均审理期限缩短至60天"),
        ("涉案企业合规改革", "市检察院", "市司法局、市工商联", "涉案企业合规第三方监督评估全覆盖"),
        ("一站式诉讼服务", "市中院", "市司法局", "网上立案率达到90%以上"),
        ("行政复议体制改革", "市司法局", "市政府办公厅", "行政复议案件纠错率保持合理区间"),
        ("政务诚信建设", "市发改委", "市司法局、市中院", "政府机构失信案件动态清零"),
        ("优化营商环境条例实施", "市司法局", "市发改委", "条例配套制度全部出台"),
        ("民营企业产权保护", "市中院", "市公安局、市检察院、市工商联", "涉企产权案件依法甄别纠正机制常态运行"),
        ("涉企执法监督", "市司法局", "市督查室", "涉企执法投诉处理率达到100%"),
        ("公证服务便利化", "市司法局", "市数据资源局", "涉企公证事项“最多跑一次”全覆盖"),
        ("劳动争议调解仲裁", "市人力社保局", "市中院、市司法局、市工商联", "劳动人事争议调解成功率达到70%以上"),
        ("涉外法律服务", "市司法局", "市商务局", "涉外法律服务机构达到30家以上"),
        ("招标投标领域执法监督", "市发改委", "市建委、市交通局、市林水局", "招投标违法违规问题查处率达到100%"),
        ("行政执法“三项制度”落实", "市司法局", "市城管局、市市场监管局", "执法全过程记录覆盖率达到100%"),
    ),
    "market": _topics(
        (
            "跨部门联合双随机监管",
            "市市场监管局",
            "市司法局、市应急局、市生态环境局",
            "跨部门联合双随机监管率进入全省前三",
        ),
        ("公平竞争审查", "市市场监管局", "市司法局、市发改委", "公平竞争环境社会满意率达到93.5%以上"),
        ("政府采购全流程电子化", "市财政局", "市数据资源局、市政务办", "政府采购项目全流程电子化率达到100%"),
        ("获得信贷", "市金融办", "市发改委、市经信局", "普惠小微贷款增速高于各项贷款增速"),
        ("市场准入负面清单", "市发改委", "市商务局、市市场监管局", "“非禁即入”全面落实，准入壁垒动态清零"),
        ("预付式消费综合监管", "市市场监管局", "市商务局、市教育局、市文广旅游局", "预付式消费投诉量同比下降20%"),
        ("企业信用修复“一件事”", "市发改委", "市市场监管局、市税务局", "信用修复申请1个工作日内办结"),
        ("“信用杭州”体系建设", "市发改委", "市数据资源局、市市场监管局", "城市信用监测排名保持全国前列"),
        ("招标投标制度改革", "市发改委", "市建委、市交通局、市林水局", "招标投标全流程电子化率达到100%"),
        ("企业信用报告应用", "市发改委", "市司法局、市市场监管局", "信用报告替代无违法违规证明拓展至30个以上领域"),
        ("平台经济常态化监管", "市市场监管局", "市商务局、市经信局", "网络交易平台总数达到140家"),
        ("个体工商户分型分类培育", "市市场监管局", "市财政局、市税务局", "市场主体总量达到178万户以上"),
        ("小微企业融资服务", "市金融办", "市经信局、市财政局", "新增小微企业首贷户5000户以上"),
        ("劳动力市场监管", "市人力社保局", "市市场监管局", "劳动力市场监管指标保持全国第一"),
        ("政府采购合同融资", "市财政局", "市金融办", "政府采购合同融资放款金额同比增长20%"),
        ("质量基础设施“一站式”服务", "市市场监管局", "市经信局", "建成质量基础设施服务站30个以上"),
        ("企业住所登记改革", "市市场监管局", "市规划资源局", "住所申报承诺制全市推行"),
        ("涉企收费清理规范", "市发改委", "市财政局、市市场监管局", "涉企违规收费问题动态清零"),
        ("放心消费环境建设", "市市场监管局", "市商务局、市文广旅游局", "放心消费单位达到2万家以上"),
        ("信用分级分类监管", "市市场监管局", "市发改委、市税务局", "信用风险分类结果在重点领域全面应用"),
        ("外资企业服务保障", "市商务局", "市发改委、市市场监管局", "外资企业诉求办结率达到100%"),
        ("优质企业梯度培育", "市市场监管局", "市经信局、市科技局", "新增国家级专精特新“小巨人”企业50家"),
        ("涉企违规收费整治", "市市场监管局", "市发改委、市财政局", "涉企收费投诉办结率达到100%"),
    ),
    "economic_ecology": _topics(
        ("数字经济“1248”计划", "市经信局", "市发改委、市科技局", "数字经济核心产业增加值增长8%以上"),
        ("产业链治理现代化", "市经信局", "市发改委、市商务局", "建立重点产业链“链长+链主”协同机制"),
        ("现代物流体系建设", "市发改委", "市交通局、市商务局", "社会物流总费用占GDP比重持续下降"),
        ("服务业扩大开放试点", "市商务局", "市发改委、市市场监管局", "服务业扩大开放试点任务完成率达到100%"),
        ("科技成果转移转化", "市科技局", "市教育局、市市场监管局", "技术交易总额达到1500亿元"),
        ("职务科技成果赋权改革", "市科技局", "市财政局、市教育局", "发明专利产业化数量达到100项"),
        ("人才发展体制机制改革", "市人力社保局", "市科技局、市教育局", "新增国内外顶尖人才、领军人才100名"),
        ("“土地码”迭代升级", "市规划资源局", "市发改委、市经信局", "完成经营性用地、工业用地做地3.3万亩"),
        ("工业用地“标准地”出让", "市规划资源局", "市经信局、市发改委", "新增工业用地“标准地”出让率达到100%"),
        ("科创金融改革试验区", "市金融办", "市科技局、市发改委", "科技企业贷款余额增长20%以上"),
        ("融资畅通工程", "市金融办", "市经信局、市财政局", "新增制造业中长期贷款800亿元"),
        ("数据要素市场化配置", "市数据资源局", "市发改委、市经信局", "公共数据授权运营场景达到20个"),
        ("国际贸易“单一窗口”", "杭州海关", "市商务局", "主要申报业务“单一窗口”应用率达到100%"),
        ("跨境贸易便利化", "杭州海关", "市商务局、市交通局", "进出口整体通关时间压缩10%"),
        ("要素市场化配置综合改革", "市发改委", "市规划资源局、市数据资源局", "国家要素市场化配置综合改革试点任务落地"),
        ("新型实验室体系建设", "市科技局", "市发改委、市财政局", "新增省级以上重点实验室10家"),
        ("研发费用加计扣除政策落实", "市科技局", "市税务局、市财政局", "研发费用加计扣除政策应享尽享"),
        ("专精特新企业培育", "市经信局", "市科技局、市市场监管局", "新增省级专精特新中小企业500家"),
        ("用能要素保障", "市发改委", "市经信局、市生态环境局", "重大项目用能需求保障率达到100%"),
        ("政府产业基金改革", "市财政局", "市国资委、市金融办", "产业基金撬动社会资本比例达到1:4"),
        ("高新技术企业培育", "市科技局", "市税务局、市财政局", "新增高新技术企业1500家"),
        ("市政基础设施配套费优惠政策", "市建委", "市财政局、市发改委", "为市场主体减负金额达到500亿元"),
        ("企业综合成本降低", "市发改委", "市经信局、市财政局、市税务局", "企业综合成本同比下降5%"),
        ("国有企业服务民营经济", "市国资委", "市财政局、市工商联", "国有企业支付民营企业账款动态清零"),
        ("绿色金融改革", "市金融办", "市生态环境局、市发改委", "绿色贷款余额增长25%以上"),
    ),
    "humanistic": _topics(
        ("“亲清暖企”政商关系", "市工商联", "市发改委、市企服中心", "树立清廉标杆民营企业150家"),
        ("“两个健康”集成改革", "市工商联", "市发改委、市经信局", "“两个健康”评价指标保持全省前列"),
        ("营商环境尽职免责和容错纠错", "市委改革办", "市司法局、市督查室", "容错纠错典型案例发布10个以上"),
        ("营商环境体验官", "市委改革办", "市企服中心、市工商联", "体验官反馈问题办结率达到100%"),
        ("企业家精神弘扬", "市工商联", "市委改革办、市经信局", "高质量办好世界杭商大会"),
        ("浙商回归杭商回家", "市商务局", "市工商联、市发改委", "回归项目到位资金增长10%"),
        ("就业服务质量提升", "市人力社保局", "市教育局、市工商联", "城镇新增就业25万人以上"),
        ("外籍人才工作生活便利", "市科技局", "市公安局、市人力社保局", "外国人来华工作许可5个工作日内办结"),
        ("人才安居保障", "市住保房管局", "市人力社保局、市规划资源局", "筹集保障性租赁住房5万套"),
        ("营商环境宣传推介", "市委改革办", "市文广旅游局、市发改委", "推出营商环境最佳实践案例20个"),
    ),
}

# (title template, measures template, goal template); {t} topic, {g} topic goal, {city} benchmark.
ANGLES: tuple[tuple[str, str, str, str | None], ...] = (
    (
        "深化{t}改革",
        "聚焦{t}中的堵点难点，再造业务流程，推动跨部门数据共享、材料互认和业务协同，实现“减环节、减材料、减时间”。",
        "{g}",
        None,
    ),
    (
        "迭代升级{t}数字化应用",
        "依托一体化智能化公共数据平台，迭代{t}线上应用场景，推动“掌上办、网上办、一次办”，同步完善线下帮办代办服务。",
        "线上办理率达到90%以上，{g}",
        "数字化改革",
    ),
    (
        "开展{t}对标提升行动",
        "对标{city}最佳实践，逐项梳理差距清单，一对一制定对标措施，形成“一指标一方案”并按月晾晒。",
        "主要指标达到或优于对标城市水平，{g}",
        "对标提升",
    ),
    (
        "推进{t}区县试点扩面",
        "选取西湖区、滨江区等区县先行先试，建立“试点探索、反馈情况、调整完善、全面推开”闭环，分批在全市复制推广。",
        "在6个以上区县落地见效，形成可复制推广经验",
        "基层创新试点",
    ),
    (
        "健全{t}协同推进机制",
        "组建工作专班，实行牵头单位统筹、责任单位协同，清单化管理、双周调度、问题交办，重大问题提请领衔领导协调。",
        "形成常态化协同推进机制，{g}",
        None,
    ),
    (
        "制定{t}服务标准规范",
        "编制服务规范和操作指引，统一办理标准、办理时限和服务流程，推动同一事项无差别受理、同标准办理。",
        "出台标准规范1项以上，{g}",
        None,
    ),
    (
        "强化{t}政策宣传和涉企服务",
        "依托企业综合服务中心、政策直通车等渠道开展政策解读和精准推送，收集企业意见建议并闭环办理。",
        "惠及企业1万家以上，企业满意率达到95%以上",
        "增值化改革",
    ),
    (
        "完善{t}评价监测",
        "建立指标监测和第三方评估机制，对照国评、省晾晒指标查找短板，按月通报进展，动态调整改革举措。",
        "形成月度监测报告，{g}",
        "指标晾晒",
    ),
)
# Quarterly 节点 wording in the order they happen within a quarter; "{t}" the topic.
MILESTONE_TITLES = {
    1: ("完成{t}现状调研和问题梳理", "制定{t}年度工作方案", "召开{t}专题推进会部署落实"),
    2: ("出台{t}配套政策文件", "完成{t}系统功能开发并试运行", "开展{t}半年评估"),
    3: ("推动{t}在试点区县落地运行", "开展{t}中期评估", "组织{t}专项督察"),
    4: ("形成{t}改革成效评估报告", "完成{t}年度目标任务", "总结{t}经验做法并复制推广"),
}
DISTRICTS = ("西湖区", "上城区", "拱墅区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "富阳区", "临安区")
LEADING_OFFICIALS = ("分管副市长", "分管副市长", "分管副市长", "常务副市长", "市委常委、秘书长", "市政府秘书长")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余叶程魏苏吕丁沈姚"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建辉鹏飞斌波宇浩凯健俊帆帅旭宁琳晨蕾倩颖佳欣怡婷雪梅"
# 国评 (18 indicators) for the first three environments, 省晾晒 (5) for the others.
INDICATORS = {
    "gov_service": ("GP", 18),
    "rule_of_law": ("GP", 18),
    "market": ("GP", 18),
    "economic_ecology": ("SL", 5),
    "humanistic": ("SL", 5),
}
REPORT_PERIOD_ENDS = ((6, 30), (7, 31), (8, 31), (9, 30), (10, 15), (10, 31), (11, 15))


@dataclass
class DemoTask:
    """A ledger row and its state on the demo date: ``milestone_done[i]`` is the day
    ``row.milestones[i]`` was done (None: not yet), ``reported_progress`` the latest approved
    report's figure, ``progress_reports`` the units' reports (``unit_name``, ``period_end``,
    ``content``, ``progress``, ``status``), ``completed_on`` the day the whole task was done."""

    row: TaskRow
    milestone_done: list[date | None] = field(default_factory=list)
    reported_progress: int | None = None
    progress_reports: list[dict[str, Any]] = field(default_factory=list)
    completed_on: date | None = None


class _Builder:
    def __init__(self, year: int) -> None:
        self.year = year
        self.rng = random.Random(year)
        self.today = demo_date(year)
        # Weekdays of the next eight days: for 2026-11-22, a Sunday, the five working days
        # 23–27 and Monday 30 (the month end), the window a yellow card looks at.
        self.soon = [d for n in range(1, 9) if (d := self.today + timedelta(days=n)).weekday() < 5]
        self.contacts: dict[str, tuple[str, str]] = {}

    def plan(self) -> list[DemoTask]:
        total = sum(ENVIRONMENT_COUNTS.values())
        categories = [c for c, n in CATEGORY_COUNTS.items() for _ in range(n)]
        self.rng.shuffle(categories)
        states = ["red"] * round(total * RED_SHARE) + ["yellow"] * round(total * YELLOW_SHARE)
        states += ["green"] * (total - len(states))
        self.rng.shuffle(states)
        order = list(CATEGORY_COUNTS)
        tasks: list[DemoTask] = []
        for environment, count in ENVIRONMENT_COUNTS.items():
            picks = self._picks(environment, count)
            drawn = sorted((categories.pop() for _ in range(count)), key=order.index)
            for number, ((topic, angle), category) in enumerate(zip(picks, drawn, strict=True), start=1):
                task = self._task(
                    seq=len(tasks) + 1,
                    code=f"{self.year}-{ENVIRONMENT_CODES[environment]}-{number:03d}",
                    environment=environment,
                    category=category,
                    topic=topic,
                    angle=angle,
                    state=states.pop(),
                )
                tasks.append(task)
        return tasks

    def _picks(self, environment: str, count: int) -> list[tuple[_Topic, int]]:
        """Round-robin over the topics, each time with an angle the topic has not used: unique titles."""
        topics = TOPICS[environment]
        angles = {t.name: self.rng.sample(range(len(ANGLES)), len(ANGLES)) for t in topics}
        return [(topics[i % len(topics)], angles[topics[i % len(topics)].name][i // len(topics)]) for i in range(count)]

    def _contact(self, unit: str) -> tuple[str, str]:
        """One liaison per lead unit, as in a real list."""
        if unit not in self.contacts:
            name = self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2))))
            phone = "1" + self.rng.choice("35789") + "".join(self.rng.choices("0123456789", k=9))
            self.contacts[unit] = (name, phone)
        return self.contacts[unit]

    def _responsible(self, topic: _Topic) -> list[str]:
        units = self.rng.sample(topic.partners, k=min(len(topic.partners), self.rng.choice((1, 1, 2, 2, 3))))
        if len(units) < 3 and self.rng.random() < 0.45:
            units.append("西湖区" if self.rng.random() < 0.5 else self.rng.choice(DISTRICTS))
        return units

    def _benchmark(self, category: str) -> tuple[str | None, str | None]:
        if self.rng.random() >= BENCHMARK_SHARE:
            return None, None
        weights = {"weakness": (8, 1, 1), "strength": (1, 8, 1), "key": (5, 4, 1), "signature": (3, 5, 2)}[category]
        benchmark_class = self.rng.choices(("A", "B", "C"), weights=weights)[0]
        return benchmark_class, self.rng.choice(("上海", "上海", "深圳"))

    def _task(
        self, *, seq: int, code: str, environment: str, category: str, topic: _Topic, angle: int, state: str
    ) -> DemoTask:
        title, measures, goal, tag = ANGLES[angle]
        benchmark_class, city = self._benchmark(category)
        contact_name, contact_phone = self._contact(topic.lead)
        deadline, continuous, milestones, done = self._schedule(topic, state)
        indicators = []
        if self.rng.random() < 0.35:
            prefix, count = INDICATORS[environment]
            numbers = sorted(self.rng.sample(range(1, count + 1), self.rng.choice((1, 2))))
            indicators = [f"{prefix}-{n:02d}" for n in numbers]
        tags = [tag] if tag else []
        if category == "signature" and self.rng.random() < 0.3:
            tags.append("杭州辨识度")
        row = TaskRow(
            code=code,
            seq=seq,
            title=title.format(t=topic.name),
            measures=measures.format(t=topic.name, city=f"{city}等先进城市" if city else "国内先进城市"),
            goal=goal.format(g=topic.goal),
            environment=environment,
            special_group=f"{ENVIRONMENT_LABELS[environment]}专项小组",
            category=category,
            benchmark_class=benchmark_class,
            benchmark_city=city,
            lead_unit=topic.lead,
            responsible_units=self._responsible(topic),
            leading_official=self.rng.choice(LEADING_OFFICIALS),
            contact_name=contact_name,
            contact_phone=contact_phone,
            deadline=deadline,
            continuous=continuous,
            milestones=milestones,
            indicator_codes=indicators,
            tags=tags,
        )
        completed = not continuous and deadline is not None and all(done) and deadline <= self.soon[-1]
        task = DemoTask(row=row, milestone_done=done, completed_on=max(d for d in done if d) if completed else None)
        self._reports(task, topic)
        return task

    def _deadline(self, state: str, variant: str) -> date:
        year = self.year
        if state == "red" and variant == "deadline":
            return self.rng.choice((date(year, 9, 30), date(year, 10, 31), date(year, 11, 13)))
        if state == "yellow":
            return self.rng.choice(self.soon) if variant == "deadline" else date(year, 12, self.rng.choice((15, 31)))
        return date(year, *self.rng.choice(((6, 30), (9, 30), (10, 31), (12, 15)) + ((12, 31),) * 6))

    def _schedule(self, topic: _Topic, state: str) -> tuple[date | None, bool, list[Milestone], list[date | None]]:
        """Deadline, milestones and their done dates that make the task red, yellow or green today.

        Red: the deadline or a node passed undone. Yellow: a node or the deadline falls in
        ``soon``, undone. Green: everything due by the end of ``soon`` done."""
        rng, year = self.rng, self.year
        continuous = rng.random() < CONTINUOUS_SHARE
        variant = "milestone" if continuous else rng.choice(("deadline", "milestone"))
        deadline = None if continuous else self._deadline(state, variant)
        last_quarter = (deadline.month - 1) // 3 + 1 if deadline else 4
        required: set[tuple[int, date]] = set()
        if deadline and state in ("red", "yellow") and variant == "deadline":
            required.add((last_quarter, deadline))
        elif state == "yellow":
            required.add((4, rng.choice(self.soon)))
        # At most four nodes in all, the required one included.
        quarters = set(rng.sample(range(1, last_quarter + 1), k=min(last_quarter, rng.randint(1, 4 - len(required)))))
        if state == "red" and quarters == {4}:
            quarters.add(3)  # red needs a node already due
        dues = set(required)
        planned = len(quarters) + len(required)
        for quarter in sorted(quarters):
            due = quarter_end(year, quarter) if rng.random() < 0.7 else self._inside(quarter)
            due = min(due, deadline) if deadline else due
            dues.add((quarter, due))
            if planned < 4 and rng.random() < 0.15:
                dues.add((quarter, self._inside(quarter, before=due)))
                planned += 1
        milestones: list[Milestone] = []
        for quarter in sorted({q for q, _ in dues}):
            in_quarter = sorted(d for q, d in dues if q == quarter)
            titles = sorted(rng.sample(range(len(MILESTONE_TITLES[quarter])), len(in_quarter)))
            milestones += [
                Milestone(quarter=quarter, title=MILESTONE_TITLES[quarter][t].format(t=topic.name), due_date=due)
                for t, due in zip(titles, in_quarter, strict=True)
            ]
        return deadline, continuous, milestones, self._done(milestones, state)

    def _inside(self, quarter: int, before: date | None = None) -> date:
        """A due date inside the quarter other than its end (a 15th or a month end), before ``before``."""
        first = quarter * 3 - 2
        days = [date(self.year, month, 15) for month in range(first, first + 3)]
        days += [date(self.year, month + 1, 1) - timedelta(days=1) for month in (first, first + 1)]
        return self.rng.choice([d for d in days if before is None or d < before] or [date(self.year, first, 10)])

    def _done(self, milestones: list[Milestone], state: str) -> list[date | None]:
        today, horizon = self.today, self.soon[-1]
        past = [i for i, m in enumerate(milestones) if m.due_date < today]
        first_undone = len(milestones)
        if state == "red":
            first_undone = past[-1]
        elif state == "yellow":
            first_undone = next(i for i, m in enumerate(milestones) if today <= m.due_date <= horizon)
        done: list[date | None] = []
        for index, milestone in enumerate(milestones):
            if index >= first_undone or milestone.due_date > horizon:
                done.append(None)
                continue
            day = milestone.due_date - timedelta(days=self.rng.randint(0, 12))
            done.append(day if day < today else today - timedelta(days=self.rng.randint(1, 5)))
        return done

    def _reports(self, task: DemoTask, topic: _Topic) -> None:
        rng, row = self.rng, task.row
        done_count = sum(d is not None for d in task.milestone_done)
        if task.completed_on:
            progress = 100
        else:
            share = done_count / len(row.milestones)
            progress = max(5, min(95, round(share * 90 + rng.randint(-5, 10))))
        count = rng.choices((0, 1, 2, 3), weights=(1, 3, 3, 3))[0] or (1 if task.completed_on else 0)
        periods = [date(self.year, m, d) for m, d in REPORT_PERIOD_ENDS][len(REPORT_PERIOD_ENDS) - count :]
        values = [progress][:count]
        while len(values) < count:
            values.insert(0, max(0, values[0] - rng.randint(5, 25)))
        for number, (period_end, value) in enumerate(zip(periods, values, strict=True), start=1):
            last = number == len(periods)
            status = "approved"
            if last and not task.completed_on:
                status = rng.choices(("approved", "submitted", "returned"), weights=(7, 2, 1))[0]
            unit = rng.choice([row.lead_unit, *row.responsible_units])
            task.progress_reports.append(
                {
                    "unit_name": unit,
                    "period_end": period_end,
                    "content": self._report_text(task, period_end, status, topic),
                    "progress": value,
                    "status": status,
                }
            )
        approved = [r["progress"] for r in task.progress_reports if r["status"] == "approved"]
        task.reported_progress = approved[-1] if approved else None

    def _report_text(self, task: DemoTask, period_end: date, status: str, topic: _Topic) -> str:
        if status == "returned":
            return "按计划推进中。"  # too thin: the lead unit sent it back
        done = [m.title for m, d in zip(task.row.milestones, task.milestone_done, strict=True) if d and d <= period_end]
        todo = [
            m.title for m, d in zip(task.row.milestones, task.milestone_done, strict=True) if not d or d > period_end
        ]
        parts = [f"截至{period_end.month}月{period_end.day}日，"]
        parts.append(f"已{done[-1]}；" if done else f"已召开{topic.name}专题推进会，明确责任分工；")
        parts.append(f"下一步抓紧{todo[0]}。" if todo else "年度任务已全部完成，正在总结提炼经验做法。")
        return "".join(parts)


def generate_plan(year: int = 2026) -> list[DemoTask]:
    return _Builder(year).plan()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tasks_api.demo_plan", description="演示年度任务清单")
    parser.add_argument("--write-example", type=Path, metavar="PATH", required=True, help="写出任务清单模板工作簿")
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args(argv)
    rows = [task.row for task in generate_plan(args.year)]
    args.write_example.parent.mkdir(parents=True, exist_ok=True)
    args.write_example.write_bytes(write_template(rows, args.year, plan_title(args.year)))
    print(f"已写出 {len(rows)} 项任务：{args.write_example}")


if __name__ == "__main__":
    main()
