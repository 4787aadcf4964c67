"""A synthetic, time-ordered corpus of closed enterprise cases for the dispatch model's tests.

Realistic on purpose, so the held-out figures mean something:
- several matters per category and per unit, and units shared across categories (the unit is
  not a function of the category);
- each matter has paraphrase templates with synonym slots; the last template of every matter
  appears only in the newest third of the period, so the held-out cases use wordings the
  training cases never saw;
- noise: 6 % vague texts (one word of the matter), typos (a character replaced by a
  look-alike or dropped), filler sentences, varying length, enterprise and person names,
  phone and ID numbers in the text (which must never reach the features or the shown
  examples);
- 5 % mislabelled (handled by a unit that does not usually handle the matter) and 12 %
  first sent to a plausible wrong unit, returned (退回) and reassigned.
Deterministic for a seed. Unit values are demo unit codes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

# (category, unit, co-units, [templates]); {a}/{b}/{c} are filled from the matter's synonyms.
MATTERS = [
    ("gov_service.startup", "scjg", (), {
        "a": ["营业执照", "执照", "企业登记"], "b": ["名称申报", "名称核准", "起名"], "c": ["驳回", "退回", "不通过"]},
     ["{b}多次被系统{c}，办理{a}受阻", "申请{a}时{b}总是{c}，不知道原因", "公司{b}提交后被{c}三次，{a}一直办不下来",
      "新设公司在{a}环节卡住，{b}屡屡{c}"]),
    ("gov_service.startup", "zwb", (), {
        "a": ["窗口", "政务服务中心", "办事大厅"], "b": ["排队", "等候", "取号"], "c": ["两小时", "一上午", "半天"]},
     ["在{a}办理注销{b}要{c}，效率太低", "注销业务到{a}{b}时间长达{c}", "{a}办事{b}{c}还没轮到",
      "公司注销跑{a}，光{b}就花了{c}"]),
    ("gov_service.tax", "tax", (), {
        "a": ["发票", "增值税发票", "专票"], "b": ["领用", "申领", "开具"], "c": ["额度", "数量", "限额"]},
     ["{a}{b}{c}不够用，影响正常经营", "申请提高{a}{c}迟迟没有回复", "{a}{b}受限，{c}太低",
      "业务增长后{a}{c}跟不上，{b}困难"]),
    ("gov_service.tax", "tax", ("czj",), {
        "a": ["留抵退税", "退税", "增值税留抵"], "b": ["审核", "办理", "到账"], "c": ["慢", "拖延", "没有进展"]},
     ["{a}{b}太{c}，资金周转困难", "申请{a}两个月{b}仍{c}", "{a}迟迟不{b}，{c}",
      "企业{a}进度{c}，希望加快{b}"]),
    ("utilities.power", "fgw", ("jw",), {
        "a": ["用电报装", "电力接入", "接电"], "b": ["外线工程", "电缆敷设", "配电施工"], "c": ["迟迟未完成", "一拖再拖", "进展缓慢"]},
     ["新厂房{a}申请后{b}{c}", "{a}的{b}{c}，影响投产", "厂区{a}{c}，{b}没人管",
      "我们等{a}三个月，{b}{c}"]),
    ("utilities.water", "lsj", (), {
        "a": ["用水报装", "供水接入", "自来水接入"], "b": ["水压不足", "管网未通", "水表未装"], "c": ["无法生产", "停工", "影响经营"]},
     ["{a}后{b}，{c}", "园区{b}，{a}申请没有下文，{c}", "{a}办了很久仍{b}", "因{b}企业{c}，{a}卡住"]),
    ("utilities.network", "sjzy", (), {
        "a": ["宽带", "光纤", "5G信号"], "b": ["入园", "覆盖", "接入"], "c": ["运营商推诿", "无人受理", "迟迟不装"]},
     ["园区{a}{b}问题{c}", "企业需要{a}{b}，{c}", "{a}无法{b}，{c}", "厂区内{a}没有{b}，{c}"]),
    ("enforcement.multiple", "sfj", ("scjg", "yjj"), {
        "a": ["检查", "执法检查", "上门检查"], "b": ["多个部门", "三个部门", "不同科室"], "c": ["重复", "内容相近", "轮番"]},
     ["一个月内{b}{c}{a}，影响生产", "{b}先后来{c}{a}", "企业被{b}{c}{a}，不堪其扰",
      "同样的{a}事项{b}{c}来查"]),
    ("enforcement.penalty", "scjg", ("sfj",), {
        "a": ["罚款", "行政处罚", "处罚"], "b": ["过重", "畸高", "不合理"], "c": ["首次轻微违法", "初次违规", "轻微问题"]},
     ["{c}却被{a}，金额{b}", "对{c}作出{a}{b}", "{a}{b}，{c}应免罚", "企业因{c}受到{a}，认为{b}"]),
    ("fees.deposit", "jw", ("czj",), {
        "a": ["保证金", "质量保证金", "履约保证金"], "b": ["退还", "返还", "清退"], "c": ["项目完工", "工程验收", "竣工"]},
     ["{c}一年多{a}仍未{b}", "{a}迟迟不{b}，{c}已久", "申请{b}{a}没有回音，{c}后已过期限",
      "{c}后建设单位不{b}{a}"]),
    ("fees.arrears", "czj", ("gzw",), {
        "a": ["工程款", "货款", "服务费"], "b": ["拖欠", "欠付", "迟迟不付"], "c": ["国企", "政府部门", "街道"]},
     ["{c}{b}我司{a}两年", "{a}被{c}{b}，影响发工资", "{c}采购后{b}{a}", "催讨{c}{b}的{a}无果"]),
    ("financing.loan", "jrb", (), {
        "a": ["贷款", "续贷", "授信"], "b": ["抽贷", "压贷", "断贷"], "c": ["银行", "农商行", "支行"]},
     ["{c}突然{b}，{a}到期无法周转", "{a}到期{c}要求先还后贷，担心{b}", "{c}{b}导致资金链紧张，{a}难",
      "申请{a}被{c}拒绝，存在{b}"]),
    ("policy.subsidy", "jxj", ("czj",), {
        "a": ["补贴", "奖励资金", "扶持资金"], "b": ["兑现", "拨付", "发放"], "c": ["技改", "数字化改造", "研发"]},
     ["{c}{a}申报通过但迟迟未{b}", "{c}项目的{a}一年多未{b}", "{a}公示后没有{b}，{c}投入压力大",
      "承诺的{c}{a}至今不{b}"]),
    ("policy.subsidy", "rsj", (), {
        "a": ["稳岗补贴", "社保补贴", "就业补贴"], "b": ["申领", "领取", "到账"], "c": ["系统", "平台", "网上"]},
     ["{a}{c}{b}不了", "{c}上{b}{a}一直报错", "{a}迟迟未{b}，{c}查不到进度", "招用员工后{a}{b}困难"]),
    ("land.plant", "ghzy", ("jxj",), {
        "a": ["标准地", "工业用地", "厂房用地"], "b": ["出让", "供地", "交地"], "c": ["延期", "推迟", "没有时间表"]},
     ["{a}{b}一再{c}", "签约后{a}{b}{c}，项目无法开工", "{a}迟迟不{b}，{c}", "企业扩产需要{a}，{b}{c}"]),
    ("ip.protection", "scjg", ("gaj",), {
        "a": ["商标", "专利", "外观设计"], "b": ["侵权", "仿冒", "假冒"], "c": ["电商平台", "线下市场", "同行"]},
     ["{c}大量{b}我司{a}", "发现{c}{b}{a}，维权困难", "{a}被{c}{b}，请求查处", "{c}销售{b}{a}产品"]),
]
VAGUE = ["一直没解决", "反映多次无果", "办了很久", "没人回复"]
CONSULT = ["请问", "咨询一下", "想了解", ""]
FILLERS = ["企业反映情况如下。", "此事已持续较长时间。", "多次联系无果。", "对企业经营造成较大影响。",
           "希望有关部门重视。", "之前也反映过类似问题。", "员工意见很大。", "涉及订单交付。"]
ENTERPRISES = ["杭州云栖数智科技有限公司", "杭州滨盛精密制造有限公司", "杭州之江新材料有限公司",
               "杭州钱塘生物医药有限公司", "杭州萧然纺织有限公司", "杭州临平电子有限公司"]
SURNAMES = "王李张刘陈杨赵黄周吴"
# Look-alike or same-sound replacements a hurried typist makes.
TYPOS = {"报": "抱", "装": "妆", "款": "欵", "贷": "货", "罚": "伐", "检": "捡", "查": "察", "补": "朴",
         "贴": "帖", "税": "锐", "证": "正", "电": "点", "执": "热", "照": "招"}
WRONG_UNITS = {"scjg": "zwb", "zwb": "scjg", "tax": "czj", "fgw": "jw", "jw": "fgw", "lsj": "cgj", "sjzy": "jxj",
               "sfj": "scjg", "czj": "tax", "jrb": "czj", "jxj": "kjj", "rsj": "jxj", "ghzy": "jw"}
REPLIES = ["经核查，已协调{unit}办理，问题已解决。", "已约谈相关单位，{unit}将于两周内办结。",
           "已向企业解释政策，{unit}安排专人跟进，联系电话 0571-87001234。"]


def _typo(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(chars))
        if chars[i] in TYPOS:
            chars[i] = TYPOS[chars[i]]
        elif rng.random() < 0.5:
            del chars[i]
    return "".join(chars)


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


def _id_number(rng: random.Random) -> str:
    return f"3301061990{rng.randrange(10**7):07d}X"


def generate(n: int = 600, seed: int = 7, start: datetime = datetime(2025, 11, 1, tzinfo=UTC),
             days: int = 360) -> list[dict]:
    rng = random.Random(seed)
    times = sorted(start + timedelta(minutes=rng.randrange(days * 24 * 60)) for _ in range(n))
    cases = []
    for i, received_at in enumerate(times):
        late = i >= n * 2 // 3
        category, unit, co_units, slots, templates = rng.choice(MATTERS)
        # The newest wording appears only late: the held-out cases are partly phrased anew.
        template = templates[-1] if late and rng.random() < 0.5 else rng.choice(templates[:-1])
        sentence = template.format(**{k: rng.choice(v) for k, v in slots.items()})
        if rng.random() < 0.3:
            sentence = _typo(rng, sentence)
        if rng.random() < 0.06:  # vague: one word of the matter and a complaint about delay
            sentence = f"{rng.choice(rng.choice(list(slots.values())))}的事情{rng.choice(VAGUE)}"
        person = rng.choice(SURNAMES) + rng.choice(["先生", "女士", "经理"])
        enterprise = rng.choice(ENTERPRISES)
        parts = [f"{rng.choice(CONSULT)}{enterprise}的{person}来电：", sentence + "。"]
        parts += rng.sample(FILLERS, rng.randint(0, 3))
        if rng.random() < 0.4:
            parts.append(f"联系电话{_phone(rng)}。")
        if rng.random() < 0.15:
            parts.append(f"身份证号{_id_number(rng)}。")
        title = sentence if len(sentence) <= 30 else sentence[:30]
        final = unit
        if rng.random() < 0.05:  # mislabelled: handled by a unit that does not usually take the matter
            final = rng.choice([u for u in WRONG_UNITS if u != unit])
        returned = rng.random() < 0.12
        first = WRONG_UNITS.get(final, "zwb") if returned else final
        cases.append({
            "case_no": f"FK{received_at:%Y%m%d}-{900000 + i}", "received_at": received_at,
            "title": title, "description": "".join(parts), "category": category, "unit": final,
            "co_units": tuple(co_units) if final == unit else (), "first_unit": first, "returns": int(returned),
            "reopens": int(rng.random() < 0.08), "satisfaction": rng.choice(["satisfied", "basically_satisfied"]),
            "reply": rng.choice(REPLIES).format(unit=final), "contact_name": person[0] + "某某",
            "enterprise_name": enterprise,
        })
    return cases
