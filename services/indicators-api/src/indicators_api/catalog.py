"""The four evaluation frameworks the reform office benchmarks against, their
indicator trees, rank targets and the regions they rank — as plain data.

- 世界银行 B-READY: 10 topics × 3 pillars (监管框架 / 公共服务 / 办事效率),
  each scored 0–100; a topic is the equal-weight mean of its pillars. B-READY
  publishes no overall score, so there is no overall node. Benchmark: 上海.
- 国评: the 18 first-level indicators of the national evaluation (codes
  GP-01…GP-18 are shared with the demo tasks) under the overall score GP-00.
  Target 保五争四冲三; every indicator in the top ten, the four advantage
  indicators first in the country.
- 省晾晒: Zhejiang's five league-table indicators; three to lead the province,
  two to reach its top three.
- 市指标: the city's own indicator system. The real system has 政务 61, 法治
  128, 市场 85, 经济生态 130 and 人文 42 indicators; this catalog carries a
  representative subset per environment with the targets the city published.

The service loads this catalog into its tables; codes are stable identifiers
(tasks reference them), names and targets may be edited there afterwards."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Environment = Literal["gov_service", "rule_of_law", "market", "economic_ecology", "humanistic"]
IndicatorKind = Literal["leaf", "composite", "computed"]


@dataclass(frozen=True)
class FrameworkSpec:
    code: str
    name: str
    description: str
    kind: Literal["international", "national", "provincial", "city"]


@dataclass(frozen=True, kw_only=True)
class IndicatorSpec:
    """``kind``: a leaf holds observations; a composite is the weighted mean of its
    children; a computed indicator is fed by another service's metrics (for the
    served region only). ``target`` is a value target in ``unit``; rank targets are
    per framework (:data:`RANK_TARGETS`). ``links`` name related indicators in other
    frameworks, always in both directions."""

    code: str
    framework: str
    name: str
    parent: str | None = None
    kind: IndicatorKind = "leaf"
    higher_is_better: bool = True
    unit: str = "分"
    decimals: int = 2
    lead_unit: str | None = None
    environment: Environment | None = None
    weight: float = 1.0
    target: float | None = None
    advantage: bool = False
    links: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class RankTarget:
    """Rank tiers: hold ``floor``, strive for ``target``, push for ``stretch`` (保五争四冲三)."""

    framework: str
    floor: int
    target: int
    stretch: int


@dataclass(frozen=True)
class RegionSpec:
    code: str  # GB/T 2260
    name: str
    province: str


_CITY_SYSTEM_NOTE = (
    "杭州市营商环境优化提升“一号改革工程”指标体系：政务环境61项、法治环境128项、市场环境85项、"
    "经济生态环境130项、人文环境42项。本目录按环境收录其中有代表性的指标及市里公布的目标值。"
)

FRAMEWORKS: tuple[FrameworkSpec, ...] = (
    FrameworkSpec(
        "bready",
        "世界银行营商环境成熟度评估（B-READY）",
        "10个议题，每个议题分监管框架、公共服务、办事效率三个支柱，各按0–100分计，议题得分为三个支柱的等权平均。"
        "以上海为标杆，对标评估“争创一流”。",
        "international",
    ),
    FrameworkSpec(
        "national",
        "中国营商环境评价（国评）",
        "18个一级指标，0–100分，总体得分为18项等权平均。目标“保五争四冲三”，18项指标力争全部进入全国前十，"
        "获得用水用气、劳动力市场监管、政府采购、市场监管4项优势指标力争全国第一。",
        "national",
    ),
    FrameworkSpec(
        "provincial",
        "浙江省营商环境晾晒",
        "全省11个设区市按季度晾晒。对标“全省第一、示范领跑”：无感监测营商指数、“大综合一体化”行政执法改革指数、"
        "依申请政务服务事项办件高质量“一网通办”率力争全省首位，跨部门联合双随机监管率、"
        "营商环境事项一次性化解率力争全省前三。",
        "provincial",
    ),
    FrameworkSpec("city", "杭州市营商环境指标体系", _CITY_SYSTEM_NOTE, "city"),
)

RANK_TARGETS: tuple[RankTarget, ...] = (
    RankTarget("national", floor=5, target=4, stretch=3),
    RankTarget("provincial", floor=3, target=2, stretch=1),
)


# ---------------------------------------------------------------- B-READY

PILLARS = ("监管框架", "公共服务", "办事效率")
# code suffix, name, English name, lead unit, environment, related indicators
_BREADY_TOPICS: tuple[tuple[str, str, str, str, Environment, tuple[str, ...]], ...] = (
    ("01", "开办企业", "Business Entry", "scjg", "gov_service", ("GP-01", "CS-ZW-01")),
    ("02", "获取经营场所", "Business Location", "ghzy", "gov_service", ("GP-03", "GP-08", "CS-ZW-04")),
    ("03", "公用事业服务", "Utility Services", "fgw", "gov_service", ("GP-06", "GP-07", "CS-ZW-05")),
    ("04", "劳动力", "Labor", "rsj", "market", ("GP-02",)),
    ("05", "金融服务", "Financial Services", "jrb", "economic_ecology", ("GP-09", "CS-JJ-06")),
    ("06", "国际贸易", "International Trade", "swj", "gov_service", ("GP-12",)),
    ("07", "税收", "Taxation", "tax", "gov_service", ("GP-13",)),
    ("08", "争端解决", "Dispute Resolution", "zy", "rule_of_law", ("GP-14", "CS-FZ-05")),
    ("09", "市场竞争", "Market Competition", "scjg", "market", ("GP-04", "GP-05", "GP-16", "CS-SC-01")),
    ("10", "企业破产", "Business Insolvency", "zy", "rule_of_law", ("GP-15",)),
)


def _bready() -> list[IndicatorSpec]:
    specs: list[IndicatorSpec] = []
    for number, name, english, lead, environment, links in _BREADY_TOPICS:
        topic = f"BR-{number}"
        specs.append(
            IndicatorSpec(
                code=topic,
                framework="bready",
                name=name,
                kind="composite",
                decimals=1,
                lead_unit=lead,
                environment=environment,
                links=links,
                description=f"{english}：三个支柱得分的等权平均，对标上海。",
            )
        )
        specs += [
            IndicatorSpec(
                code=f"{topic}-{n}",
                framework="bready",
                # Pillar names repeat across topics; the topic prefix keeps names unique for imports.
                name=f"{name}·{pillar}",
                parent=topic,
                decimals=1,
                lead_unit=lead,
                environment=environment,
                description=f"{english} — Pillar {'I' * n}",
            )
            for n, pillar in enumerate(PILLARS, start=1)
        ]
    return specs


# ---------------------------------------------------------------- 国评

# name, lead unit, environment, advantage
_NATIONAL: tuple[tuple[str, str, Environment, bool], ...] = (
    ("开办企业", "scjg", "gov_service", False),
    ("劳动力市场监管", "rsj", "market", True),
    ("办理建筑许可", "jw", "gov_service", False),
    ("政府采购", "czj", "market", True),
    ("招标投标", "fgw", "market", False),
    ("获得电力", "fgw", "gov_service", False),
    ("获得用水用气", "cgj", "gov_service", True),
    ("登记财产", "ghzy", "gov_service", False),
    ("获得信贷", "jrb", "economic_ecology", False),
    ("保护中小投资者", "zy", "rule_of_law", False),
    ("知识产权创造保护和运用", "scjg", "rule_of_law", False),
    ("跨境贸易", "swj", "gov_service", False),
    ("纳税", "tax", "gov_service", False),
    ("执行合同", "zy", "rule_of_law", False),
    ("办理破产", "zy", "rule_of_law", False),
    ("市场监管", "scjg", "market", True),
    ("政务服务", "zwb", "gov_service", False),
    ("包容普惠创新", "fgw", "economic_ecology", False),
)
NATIONAL_NAMES = tuple(name for name, *_ in _NATIONAL)


def _national() -> list[IndicatorSpec]:
    specs = [
        IndicatorSpec(
            code="GP-00",
            framework="national",
            name="总体得分",
            kind="composite",
            lead_unit="fgw",
            description="18个一级指标得分的等权平均；全国排名目标“保五争四冲三”。",
        )
    ]
    for number, (name, lead, environment, advantage) in enumerate(_NATIONAL, start=1):
        goal = "优势指标，力争全国第一。" if advantage else "力争进入全国前十。"
        specs.append(
            IndicatorSpec(
                code=f"GP-{number:02d}",
                framework="national",
                name=name,
                parent="GP-00",
                lead_unit=lead,
                environment=environment,
                advantage=advantage,
                description=f"国评一级指标，0–100分。{goal}",
            )
        )
    return specs


# ---------------------------------------------------------------- 省晾晒

_FIRST = "力争位列全省首位。"
_TOP_THREE = "力争进入全省前三。"
_PROVINCIAL = (
    IndicatorSpec(
        code="SL-01",
        framework="provincial",
        name="无感监测营商指数",
        lead_unit="fgw",
        environment="gov_service",
        links=("GP-00",),
        description="以企业无感监测数据合成的营商环境指数。" + _FIRST,
    ),
    IndicatorSpec(
        code="SL-02",
        framework="provincial",
        name="“大综合一体化”行政执法改革指数",
        lead_unit="sfj",
        environment="rule_of_law",
        links=("CS-FZ-03",),
        description="综合行政执法改革推进成效指数。" + _FIRST,
    ),
    IndicatorSpec(
        code="SL-03",
        framework="provincial",
        name="依申请政务服务事项办件高质量“一网通办”率",
        unit="%",
        lead_unit="sjzy",
        environment="gov_service",
        links=("GP-17",),
        description="依申请政务服务事项中全程网办且高质量办结的办件占比。" + _FIRST,
    ),
    IndicatorSpec(
        code="SL-04",
        framework="provincial",
        name="跨部门联合双随机监管率",
        unit="%",
        lead_unit="scjg",
        environment="market",
        links=("GP-16", "CS-SC-06"),
        description="跨部门联合“双随机、一公开”抽查占全部双随机抽查的比例。" + _TOP_THREE,
    ),
    IndicatorSpec(
        code="SL-05",
        framework="provincial",
        name="营商环境事项一次性化解率",
        kind="computed",
        unit="%",
        lead_unit="qyfw",
        environment="gov_service",
        links=("CS-RW-06",),
        description="办结的营商环境诉求中一次办结、未重办且30日内未重复诉求的占比；"
        "本市数值由诉求服务（feedback-api）按月计算。" + _TOP_THREE,
    ),
)


# ---------------------------------------------------------------- 市指标

# code, name, unit, decimals, higher is better, target, lead unit, links, description
_CityRow = tuple[str, str, str, int, bool, float | None, str, tuple[str, ...], str]
_CITY: dict[Environment, tuple[_CityRow, ...]] = {
    "gov_service": (
        ("CS-ZW-01", "企业开办全流程办理时间", "工作日", 1, False, 0.5, "scjg", ("GP-01",), ""),
        ("CS-ZW-02", "“一件事”集成服务事项数", "个", 0, True, 60, "zwb", ("GP-17",), ""),
        ("CS-ZW-03", "政务服务事项“掌上办”覆盖率", "%", 1, True, 95, "sjzy", ("SL-03",), ""),
        ("CS-ZW-04", "社会投资简易低风险项目审批全流程时间", "工作日", 0, False, 15, "jw", ("GP-03",), ""),
        ("CS-ZW-05", "水电气网联合报装平均办理时间", "工作日", 1, False, 3, "cgj", ("GP-06", "GP-07"), ""),
        ("CS-ZW-06", "惠企政策“免申即享”兑现率", "%", 1, True, 60, "czj", (), ""),
        ("CS-ZW-07", "为市场主体减负金额", "亿元", 0, True, 500, "fgw", (), "年度累计。"),
        ("CS-ZW-08", "政务服务“好差评”满意率", "%", 2, True, 99.5, "zwb", ("GP-17",), ""),
    ),
    "rule_of_law": (
        ("CS-FZ-01", "公共法律服务满意率", "%", 1, True, 96, "sfj", (), "不低于96%。"),
        ("CS-FZ-02", "知识产权行政裁决案件年度结案率", "%", 1, True, 95, "scjg", ("GP-11",), "达95%以上。"),
        ("CS-FZ-03", "简案快办时长", "工作日", 1, False, 3, "sfj", ("SL-02",), "轻微违法案件，压缩到3个工作日以内。"),
        ("CS-FZ-04", "未发放案款同比下降率", "%", 1, True, 20, "zy", ("GP-14",), "深化执行“一件事”改革。"),
        ("CS-FZ-05", "商事纠纷诉前调解成功率", "%", 1, True, 40, "zy", ("GP-14",), ""),
        ("CS-FZ-06", "修改废止营商环境相关规章数", "件", 0, True, 4, "sfj", (), "年度累计，4件以上。"),
        ("CS-FZ-07", "行政机关负责人出庭应诉率", "%", 1, True, 98, "sfj", (), ""),
    ),
    "market": (
        ("CS-SC-01", "公平竞争社会满意率", "%", 1, True, 93.5, "scjg", ("GP-16",), "达93.5%以上。"),
        ("CS-SC-02", "市场经营主体总量", "万户", 1, True, 178, "scjg", ("GP-01",), "178万户以上。"),
        ("CS-SC-03", "网络交易平台总数", "家", 0, True, 140, "scjg", (), ""),
        ("CS-SC-04", "企业信用报告（无违法违规证明）应用领域数", "个", 0, True, 30, "fgw", (), "30个以上领域。"),
        ("CS-SC-05", "公平竞争审查合规率", "%", 1, True, 98, "scjg", ("GP-16",), ""),
        ("CS-SC-06", "跨部门“双随机、一公开”联合抽查占比", "%", 1, True, 35, "scjg", ("SL-04",), ""),
        ("CS-SC-07", "预付式消费投诉按期办结率", "%", 1, True, 95, "scjg", (), ""),
    ),
    "economic_ecology": (
        ("CS-JJ-01", "发明专利产业化数量", "项", 0, True, 100, "kjj", ("GP-11", "GP-18"), "年度累计。"),
        ("CS-JJ-02", "技术交易总额", "亿元", 0, True, 1500, "kjj", ("GP-18",), "年度累计。"),
        ("CS-JJ-03", "新增国内外顶尖人才、领军人才", "名", 0, True, 100, "rsj", ("GP-18",), "年度累计。"),
        ("CS-JJ-04", "新引进海内外高层次人才项目", "个", 0, True, 100, "kjj", (), "年度累计。"),
        ("CS-JJ-05", "经营性用地、工业用地做地面积", "万亩", 1, True, 3.3, "ghzy", ("GP-08",), "年度累计。"),
        ("CS-JJ-06", "新增制造业中长期贷款", "亿元", 0, True, 800, "jrb", ("GP-09",), "年度累计。"),
    ),
    "humanistic": (
        ("CS-RW-01", "清廉标杆民营企业数", "家", 0, True, 150, "gsl", (), ""),
        ("CS-RW-02", "“万家民营企业评营商环境”全国排名", "名", 0, False, 1, "gsl", ("GP-00",), "保持全国第一。"),
        ("CS-RW-03", "企业家营商环境获得感指数", "分", 1, True, 90, "fgw", (), "第三方问卷调查，0–100分。"),
        ("CS-RW-04", "城镇新增就业人数", "万人", 1, True, 30, "rsj", ("GP-02",), "年度累计。"),
        ("CS-RW-05", "义务教育阶段随迁子女在公办学校就读比例", "%", 1, True, 92, "jyj", (), ""),
        ("CS-RW-06", "“营商环境我来评”服务满意率", "%", 1, True, 99, "zwb", ("SL-05",), ""),
    ),
}


def _city() -> list[IndicatorSpec]:
    specs = [
        IndicatorSpec(
            code="CS-ZH-01",
            framework="city",
            name="改革任务按期完成率",
            kind="computed",
            unit="%",
            decimals=1,
            lead_unit="gaib",
            target=95,
            description="年度改革任务中按期完成的占比，由改革任务台账（tasks-api）计算。",
        )
    ]
    for environment, rows in _CITY.items():
        for code, name, unit, decimals, higher, target, lead, links, description in rows:
            specs.append(
                IndicatorSpec(
                    code=code,
                    framework="city",
                    name=name,
                    higher_is_better=higher,
                    unit=unit,
                    decimals=decimals,
                    lead_unit=lead,
                    environment=environment,
                    target=target,
                    links=links,
                    description=description,
                )
            )
    return specs


def _with_backlinks(specs: list[IndicatorSpec]) -> tuple[IndicatorSpec, ...]:
    """Links are declared once, on the side that names them; both ends list each other."""
    links = {spec.code: list(spec.links) for spec in specs}
    for spec in specs:
        for other in spec.links:
            if spec.code not in links[other]:
                links[other].append(spec.code)
    return tuple(replace(spec, links=tuple(links[spec.code])) for spec in specs)


INDICATORS: tuple[IndicatorSpec, ...] = _with_backlinks(_bready() + _national() + list(_PROVINCIAL) + _city())
INDICATORS_BY_CODE: dict[str, IndicatorSpec] = {spec.code: spec for spec in INDICATORS}


def indicators_of(framework: str) -> list[IndicatorSpec]:
    """A framework's indicators in catalog order (a parent before its children)."""
    return [spec for spec in INDICATORS if spec.framework == framework]


# ---------------------------------------------------------------- regions

_ZJ = "浙江省"
REGIONS: dict[str, RegionSpec] = {
    region.code: region
    for region in (
        RegionSpec("110000", "北京市", "北京市"),
        RegionSpec("120000", "天津市", "天津市"),
        RegionSpec("310000", "上海市", "上海市"),
        RegionSpec("500000", "重庆市", "重庆市"),
        RegionSpec("440100", "广州市", "广东省"),
        RegionSpec("440300", "深圳市", "广东省"),
        RegionSpec("320100", "南京市", "江苏省"),
        RegionSpec("320500", "苏州市", "江苏省"),
        RegionSpec("350200", "厦门市", "福建省"),
        RegionSpec("370200", "青岛市", "山东省"),
        RegionSpec("420100", "武汉市", "湖北省"),
        RegionSpec("430100", "长沙市", "湖南省"),
        RegionSpec("510100", "成都市", "四川省"),
        RegionSpec("610100", "西安市", "陕西省"),
        RegionSpec("330100", "杭州市", _ZJ),
        RegionSpec("330200", "宁波市", _ZJ),
        RegionSpec("330300", "温州市", _ZJ),
        RegionSpec("330400", "嘉兴市", _ZJ),
        RegionSpec("330500", "湖州市", _ZJ),
        RegionSpec("330600", "绍兴市", _ZJ),
        RegionSpec("330700", "金华市", _ZJ),
        RegionSpec("330800", "衢州市", _ZJ),
        RegionSpec("330900", "舟山市", _ZJ),
        RegionSpec("331000", "台州市", _ZJ),
        RegionSpec("331100", "丽水市", _ZJ),
    )
}
# Peer cities of the national evaluation that the platform tracks (not the full evaluated list).
_NATIONAL_PEERS = ("110000", "120000", "310000", "500000", "440100", "440300", "320100", "320500",
                   "330100", "330200", "350200", "370200", "420100", "430100", "510100", "610100")  # fmt: skip
REGION_SETS: dict[str, tuple[str, ...]] = {
    "zhejiang": tuple(code for code, region in REGIONS.items() if region.province == _ZJ),
    "national": _NATIONAL_PEERS,
    "tier1": ("110000", "310000", "440300", "440100"),
}
SERVED_REGION_DEFAULT = "330100"
# The set each framework ranks; the city system is tracked for the served region only.
FRAMEWORK_REGION_SETS: dict[str, str | None] = {
    "bready": "national",
    "national": "national",
    "provincial": "zhejiang",
    "city": None,
}
# 对标城市; the provincial league table is led against the whole province, not one city.
BENCHMARK_REGIONS: dict[str, str | None] = {
    "bready": "310000",
    "national": "310000",
    "provincial": None,
    "city": "440300",
}
