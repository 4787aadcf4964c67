"""The demo city (杭州) shared by every service's demo data.

Services never read each other's tables, yet demo tasks must name the demo
units the gateway created: both take the units from here and derive the
same UUID from the unit code. Department names follow the seeds and
Hangzhou's government; only demo data uses this module."""

from __future__ import annotations

import uuid

DEMO_NAMESPACE = uuid.UUID("6f1c7d1e-2b7a-4f4e-9a53-2f7c1c0d2026")
DEMO_PASSWORD = "Demo@2026!"


def unit_uuid(code: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, f"unit:{code}")


def user_uuid(username: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, f"user:{username}")


# (code, full name, short name, aliases)
REFORM_OFFICE = ("gaib", "市委全面深化改革委员会办公室", "市委改革办", ["市委深改办", "改革办"])
DEPARTMENTS = [
    ("fgw", "市发展和改革委员会", "市发改委", ["市发展改革委", "发改委"]),
    ("scjg", "市市场监督管理局", "市市场监管局", ["市场监管局"]),
    ("sjzy", "市数据资源管理局", "市数据资源局", ["市大数据局", "市数据局"]),
    ("zwb", "市政务服务管理办公室", "市政务办", ["市行政审批局", "市政务服务中心"]),
    ("zfb", "市人民政府办公厅", "市政府办公厅", ["市府办"]),
    ("sfj", "市司法局", "市司法局", []),
    ("jxj", "市经济和信息化局", "市经信局", []),
    ("swj", "市商务局", "市商务局", []),
    ("czj", "市财政局", "市财政局", []),
    ("rsj", "市人力资源和社会保障局", "市人力社保局", ["市人社局"]),
    ("ghzy", "市规划和自然资源局", "市规划资源局", ["市规资局"]),
    ("jw", "市城乡建设委员会", "市建委", ["市住建委"]),
    ("jtj", "市交通运输局", "市交通局", []),
    ("lsj", "市林业水利局", "市林水局", ["市水利局"]),
    ("zbfg", "市住房保障和房产管理局", "市住保房管局", ["市房管局"]),
    ("kjj", "市科学技术局", "市科技局", []),
    ("gaj", "市公安局", "市公安局", []),
    ("tax", "国家税务总局杭州市税务局", "市税务局", ["杭州市税务局"]),
    ("hg", "杭州海关", "杭州海关", []),
    ("jrb", "市委金融办", "市金融办", ["市地方金融监管局"]),
    ("ybj", "市医疗保障局", "市医保局", []),
    ("wjw", "市卫生健康委员会", "市卫健委", []),
    ("jyj", "市教育局", "市教育局", []),
    ("wgl", "市文化广电旅游局", "市文广旅游局", ["市文旅局"]),
    ("cgj", "市城市管理局", "市城管局", []),
    ("yjj", "市应急管理局", "市应急局", []),
    ("sthj", "市生态环境局", "市生态环境局", ["市环保局"]),
    ("tjj", "市统计局", "市统计局", []),
    ("gzw", "市人民政府国有资产监督管理委员会", "市国资委", []),
    ("gsl", "市工商业联合会", "市工商联", []),
    ("qyfw", "市企业综合服务中心", "市企服中心", []),
    ("zfdc", "市政府督查室", "市督查室", []),
]
COURTS = [
    ("zy", "市中级人民法院", "市中院", ["杭州中院"]),
    ("jcy", "市人民检察院", "市检察院", []),
]
DISTRICTS = [
    ("shangcheng", "上城区", "上城区", []),
    ("gongshu", "拱墅区", "拱墅区", []),
    ("xihu", "西湖区", "西湖区", []),
    ("binjiang", "滨江区", "滨江区", ["高新区（滨江）"]),
    ("xiaoshan", "萧山区", "萧山区", []),
    ("yuhang", "余杭区", "余杭区", []),
    ("linping", "临平区", "临平区", []),
    ("qiantang", "钱塘区", "钱塘区", []),
    ("fuyang", "富阳区", "富阳区", []),
    ("linan", "临安区", "临安区", []),
    ("tonglu", "桐庐县", "桐庐县", []),
    ("chunan", "淳安县", "淳安县", []),
    ("jiande", "建德市", "建德市", []),
]
HOTLINE = ("hotline12345", "市12345政务服务便民热线", "12345热线", ["12345", "市长热线"])

# username, display name, unit code, roles
DEMO_USERS = [
    ("office", "改革办综合组", "gaib", ["reform_office"]),
    ("fgw", "市发改委联络员", "fgw", ["lead_unit", "unit"]),
    ("scjg", "市市场监管局联络员", "scjg", ["unit"]),
    ("xihu", "西湖区联络员", "xihu", ["district"]),
    ("leader", "市领导", "zfb", ["leader"]),
    ("hotline", "12345 对接账号", "hotline12345", ["hotline"]),
    ("auditor", "改革办安全审计员", "gaib", ["auditor"]),
]


def all_units() -> list[tuple[str, str, str, list[str], str]]:
    """(code, name, short name, aliases, kind) of every demo unit, in display order."""
    rows = [(*REFORM_OFFICE, "reform_office")]
    rows += [(*d, "department") for d in DEPARTMENTS]
    rows += [(*c, "court_other") for c in COURTS]
    rows += [(*d, "district") for d in DISTRICTS]
    rows.append((*HOTLINE, "hotline"))
    return rows
