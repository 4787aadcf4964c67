"""A dozen published knowledge-base entries for the demo (``seed-demo``) and
the tests: the questions enterprises ask most, with the reply the reform
office would give. Loaded once (by title)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.knowledge.models import KnowledgeEntry

DEMO_AUTHOR = "gaib"


class DemoEntry(NamedTuple):
    title: str
    question: str
    answer: str
    kind: str
    category_code: str
    keywords: tuple[str, ...]


ENTRIES: tuple[DemoEntry, ...] = (
    DemoEntry("新办企业如何申领发票", "公司刚领到营业执照，第一次开票需要去哪里办、要带什么材料？",
              "新办纳税人可在浙江省电子税务局「新办纳税人套餐」一次办理税务登记信息确认、票种核定和数电发票开票"
              "额度，无需到大厅；需法定代表人和办税人员完成实名认证。确需现场办理的，可到所在区政务服务中心税务窗口。",
              "procedure", "gov_service.tax", ("发票", "新办纳税人", "票种核定", "数电发票")),
    DemoEntry("企业开办一件事：执照、刻章、开户一次办", "注册新公司要跑几个部门？营业执照、公章和银行开户能不能一起办？",
              "通过浙江政务服务网「企业开办一件事」一次提交，营业执照、公章刻制、银行预约开户、社保和公积金单位登记"
              "同步办理，材料齐全的 1 个工作日内办结，公章费用由政府承担。",
              "procedure", "gov_service.startup", ("企业开办", "营业执照", "刻章", "银行开户")),
    DemoEntry("企业简易注销的条件和流程", "公司没有经营了想注销，听说有简易注销，要满足什么条件、多久能办完？",
              "未发生债权债务或已清偿完毕、未开业或无未结清清偿费用的企业，可在政务服务网申请简易注销，"
              "公示期 20 日，期满无异议即可办结；税务无欠税的同步出具清税信息。",
              "procedure", "gov_service.startup", ("注销", "简易注销", "公示")),
    DemoEntry("低压小微企业用电报装办理时限", "新租的厂房要接电，低压报装一般多久能通电？需要企业出外线工程费用吗？",
              "160 千瓦及以下的小微企业低压用电报装实行「三零」服务：零上门、零审批、零投资，"
              "供电公司负责红线外工程，无外线工程的 5 个工作日内接电。可在「网上国网」App 或 95598 申请，"
              "超时未接电的可向 12345 反映。",
              "policy", "utilities.power", ("用电报装", "接电", "三零服务", "外线工程")),
    DemoEntry("用水报装在哪里申请", "新厂房要装自来水，用水报装去哪里申请、要多久？",
              "在浙江政务服务网或「浙里办」搜索「用水报装」在线申请，水务公司上门勘查后出具方案，"
              "无外线工程的 5 个工作日内通水；与用电、用气报装可在工程建设项目「水电气网联合报装」一次申请。",
              "where_to_go", "utilities.water", ("用水报装", "通水", "联合报装")),
    DemoEntry("惠企政策资金兑付进度查询", "去年申报的技改补助什么时候到账？在哪里查兑付进度？",
              "惠企政策资金在「亲清在线」平台申报和兑付，登录后在「我的申报」查看审核和拨付进度；"
              "审核通过的资金一般在 15 个工作日内拨付，逾期未到账的可在平台留言或向 12345 反映，由主管部门答复。",
              "policy", "policy.subsidy", ("亲清在线", "补助", "兑付", "到账")),
    DemoEntry("小微企业贷款续贷和无还本续贷", "公司流动资金贷款快到期了，能不能不先还本金直接续贷？",
              "符合条件的小微企业可向贷款银行申请「无还本续贷」，到期前 1 个月提出，银行审核通过的直接续期，"
              "无需先还后贷；也可通过市融资担保公司增信，担保费率不超过 1%。遇到银行抽贷断贷可向 12345 反映。",
              "policy", "financing.loan", ("续贷", "无还本续贷", "贷款", "融资担保")),
    DemoEntry("政务服务中心（市民中心）办事地点和时间", "市级的政务服务大厅在哪里？周末能不能办事？",
              "市民之家（市政务服务中心）工作日 9:00–17:00 办理，周六上午提供延时和预约服务；"
              "大部分事项可在浙江政务服务网或「浙里办」全程网办，需现场办理的可先在网上预约取号。",
              "where_to_go", "gov_service.online", ("政务服务中心", "市民之家", "办事大厅", "预约")),
    DemoEntry("专利申请和商标注册在哪里办理", "公司想申请发明专利和注册商标，本地有没有受理窗口？",
              "专利可在国家知识产权局专利业务办理系统网上申请，商标在中国商标网网上申请；"
              "市知识产权保护中心提供预审和快速审查通道，市场监管部门的知识产权窗口可现场咨询和代办指导。",
              "where_to_go", "ip.application", ("专利", "商标", "知识产权保护中心")),
    DemoEntry("企业被多部门重复检查怎么办", "一个月内好几个部门来查差不多的内容，影响生产，可以反映吗？",
              "本市推行「综合查一次」和涉企检查计划备案，同一企业同一时期的检查应合并进行，"
              "未列入年度检查计划、无扫码登记的入企检查，企业可拒绝并通过 12345 或本平台反映，由改革办督办。",
              "policy", "enforcement.multiple", ("综合查一次", "重复检查", "扫码入企")),
    DemoEntry("食品经营许可申请材料和办理时限", "开一家小餐馆，食品经营许可证要准备什么材料，多久能拿到？",
              "在浙江政务服务网申请食品经营许可，材料为申请书、经营场所平面图和设备布局、食品安全管理制度；"
              "实行告知承诺的仅售预包装食品的当场办结，其他一般 10 个工作日内核查发证。",
              "procedure", "market.access", ("食品经营许可", "餐饮", "告知承诺")),
    DemoEntry("工程建设项目施工许可办理流程", "厂房扩建项目，施工许可证在哪办、前置条件有哪些？",
              "通过浙江省工程建设项目审批管理系统在线申请，用地、规划许可取得后即可申请施工许可；"
              "社会投资简易低风险项目实行「拿地即开工」，施工许可 1 个工作日内办结。",
              "procedure", "gov_service.construction", ("施工许可", "工程建设", "拿地即开工")),
)


async def load(session: AsyncSession) -> int:
    """Adds the entries not there yet (by title), published; returns how many were added."""
    have = set(await session.scalars(select(KnowledgeEntry.title)))
    now = datetime.now(UTC)
    added = 0
    for item in ENTRIES:
        if item.title in have:
            continue
        session.add(KnowledgeEntry(
            title=item.title, question=item.question, answer=item.answer, kind=item.kind,
            category_code=item.category_code, keywords=list(item.keywords), status="published",
            created_by=DEMO_AUTHOR, created_at=now, updated_by=DEMO_AUTHOR, updated_at=now, published_at=now,
        ))
        added += 1
    await session.flush()
    return added
