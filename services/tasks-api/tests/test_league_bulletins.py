"""The league table (晾晒) with exact numbers, ties and the minimum-count rule;
bulletins (通报) frozen at issue, as .docx and .xlsx; every unit's inbox."""

from io import BytesIO

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import load_workbook
from reform_common.demo import all_units
from sqlalchemy import text

API = "/api/tasks/v1"
AS_OF = "2026-09-30"
OFFICE_NAME = "市委全面深化改革委员会办公室"
Q3_TITLE = "关于2026年第三季度营商环境优化提升重点任务推进情况的通报"
NAMES = {code: name for code, name, *_ in all_units()}
ON_TIME = "((period_end + 1)::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai'"


@pytest.fixture
def scenario(client, as_user, make_plan, make_task, units, db_connection):
    """Q3 2026, as of 30 September, one task per unit (lead only), monthly reports.

    unit   milestones due in Q3 (done)           reports Jun/Jul/Aug   other
    fgw    31 Jul (20 Jul), 15 Sep (10 Sep)      on time ×3
    scjg   the same as fgw                        on time ×3
    gaj    31 Jul (31 Jul), 15 Sep (30 Sep late)  on time ×3            evaluation 90
    sjzy   31 Jul (20 Jul), 15 Sep (20 Sep late)  on time ×2, late ×1
    jxj    31 Jul (31 Jul), 30 Sep (open: yellow) none
    sfj    31 Jul (5 Aug late), 15 Sep (open: red) none                  one open rectification
    xihu   31 Aug (20 Aug): task completed        none expected (1 item: below the minimum of 3)
    """

    async def build() -> dict:
        await make_plan()
        office = as_user("office")
        plan = {
            "fgw": (["2026-07-31", "2026-09-15", "2026-12-31"], ["2026-07-20", "2026-09-10"]),
            "scjg": (["2026-07-31", "2026-09-15", "2026-12-31"], ["2026-07-20", "2026-09-10"]),
            "gaj": (["2026-07-31", "2026-09-15", "2026-12-31"], ["2026-07-31", "2026-09-30"]),
            "sjzy": (["2026-07-31", "2026-09-15", "2026-12-31"], ["2026-07-20", "2026-09-20"]),
            "jxj": (["2026-07-31", "2026-09-30", "2026-12-31"], ["2026-07-31"]),
            "sfj": (["2026-07-31", "2026-09-15", "2026-12-31"], ["2026-08-05"]),
            "xihu": (["2026-08-31"], ["2026-08-20"]),
        }
        tasks = {}
        for unit, (dues, done) in plan.items():
            task = await make_task(title=f"{NAMES[unit]}牵头的改革任务", lead_unit_id=str(units[unit]),
                                   responsible_unit_ids=[], deadline=dues[-1],
                                   milestones=[{"title": f"节点{i + 1}", "due_date": d} for i, d in enumerate(dues)])
            for milestone, day in zip(task["milestones"], done):
                resp = await client.post(f"{API}/milestones/{milestone['id']}/complete", headers=office,
                                         params={"as_of": AS_OF}, json={"done_date": day, "evidence": "会议纪要"})
                assert resp.status_code == 200, resp.text
            tasks[unit] = task
        reports = {}
        for unit in ("fgw", "scjg", "gaj", "sjzy"):
            for month in (6, 7, 8):
                resp = await client.post(f"{API}/tasks/{tasks[unit]['code']}/reports", headers=as_user(unit),
                                         params={"as_of": AS_OF},
                                         json={"content": f"{month}月进展情况", "progress": 30,
                                               "period_start": f"2026-{month:02d}-15"})
                assert resp.status_code == 201, resp.text
                reports[(unit, month)] = resp.json()["id"]
        await db_connection.execute(text(f"UPDATE progress_reports SET submitted_at = {ON_TIME}"))
        await db_connection.execute(
            text("UPDATE progress_reports SET submitted_at = submitted_at + interval '20 days' WHERE id = :id"),
            {"id": reports[("sjzy", 8)]})
        evaluation = await client.post(f"{API}/evaluations", headers=office, params={"as_of": AS_OF}, json={
            "task_code": tasks["gaj"]["code"], "period": "2026-Q3", "kind": "office_on_lead",
            "item_scores": {"progress": 36, "effect": 36, "reporting": 18}})
        assert evaluation.status_code == 201, evaluation.text
        inspection = await client.post(f"{API}/inspections", headers=office, params={"as_of": AS_OF}, json={
            "kind": "on_site", "task_code": tasks["sfj"]["code"], "inspected_on": "2026-09-10",
            "method": "查阅资料、现场走访", "inspectors": ["督察组"],
            "findings": [{"description": "配套制度未出台", "requires_rectification": True,
                          "rectification": {"deadline_days": 10}}]})
        assert inspection.status_code == 201, inspection.text
        return {"tasks": tasks, "reports": reports}

    return build


def _row(table: dict, unit: str) -> dict:
    return next(r for r in table["rows"] if r["unit"]["name"] == NAMES[unit])


async def _league(client, who_headers, **params) -> dict:
    resp = await client.get(f"{API}/league-table", headers=who_headers, params={"period": "2026-Q3", "as_of": AS_OF,
                                                                                 **params})
    assert resp.status_code == 200, resp.text
    return resp.json()


async def test_league_table_exact_numbers_ties_and_minimum(client, as_user, scenario):
    await scenario()
    # Published to every working role, units included.
    table = await _league(client, as_user("scjg"))
    assert (table["period_label"], table["period_start"], table["window_end"]) == ("2026年第三季度", "2026-07-01",
                                                                                  "2026-09-30")
    order = [(r["unit"]["name"], r["rank"], r["score"], r["honour"]) for r in table["rows"]]
    assert order == [
        (NAMES["fgw"], 1, 100.0, "best"),
        (NAMES["scjg"], 1, 100.0, "best"),
        (NAMES["gaj"], 3, 77.0, "best"),        # (20 + 20 + 27 + 10) / 100
        (NAMES["sjzy"], 4, 61.9, "worst"),      # (20 + 13.33 + 10) / 70
        (NAMES["jxj"], 5, 41.43, "worst"),      # (20 + 0 + 9) / 70: one yellow
        (NAMES["sfj"], 6, 8.57, "worst"),       # (0 + 0 + 6) / 70: one red, one open rectification
        (NAMES["xihu"], None, 100.0, None),     # one item only: listed, not ranked
    ]
    sjzy = _row(table, "sjzy")
    assert {k: sjzy[k] for k in ("tasks", "milestones_due", "milestones_on_time", "on_time_rate", "red", "yellow",
                                 "reports_expected", "reports_on_time", "report_rate", "evaluation_average",
                                 "open_rectifications", "items", "ranked")} == {
        "tasks": 1, "milestones_due": 2, "milestones_on_time": 1, "on_time_rate": 50.0, "red": 0, "yellow": 0,
        "reports_expected": 3, "reports_on_time": 2, "report_rate": 66.7, "evaluation_average": None,
        "open_rectifications": 0, "items": 5, "ranked": True}
    gaj, sfj, jxj = _row(table, "gaj"), _row(table, "sfj"), _row(table, "jxj")
    assert (gaj["evaluation_average"], gaj["evaluation_count"], gaj["items"]) == (90.0, 1, 6)
    assert (sfj["red"], sfj["open_rectifications"], sfj["milestones_on_time"]) == (1, 1, 0)
    assert (jxj["yellow"], jxj["reports_expected"], jxj["reports_on_time"]) == (1, 3, 0)
    xihu = _row(table, "xihu")
    assert (xihu["items"], xihu["ranked"], xihu["reports_expected"]) == (1, False, 0)
    assert [u["name"] for u in table["best"]] == [NAMES["fgw"], NAMES["scjg"], NAMES["gaj"]]
    assert [u["name"] for u in table["worst"]] == [NAMES["sfj"], NAMES["jxj"], NAMES["sjzy"]]

    # The office lowers the minimum: the completed task's unit joins the first place (1, 1, 1, 4).
    office = as_user("office")
    settings = await client.put(f"{API}/league-table/settings", headers=office, params={"year": 2026},
                                json={"min_items": 1})
    assert settings.status_code == 200 and settings.json()["customized"] is True
    table = await _league(client, as_user("leader"))
    assert [(r["unit"]["name"], r["rank"]) for r in table["rows"]] == [
        (NAMES["fgw"], 1), (NAMES["scjg"], 1), (NAMES["xihu"], 1), (NAMES["gaj"], 4), (NAMES["sjzy"], 5),
        (NAMES["jxj"], 6), (NAMES["sfj"], 7)]
    assert [u["name"] for u in table["best"]] == [NAMES["fgw"], NAMES["scjg"], NAMES["xihu"]]

    # PUT replaces every setting (min_items back to 3). Only the on-time rate counts: the three 50 % units tie
    # at 3rd; ties at the border are all 优生, and a unit is never both, so only 市司法局 is 差生.
    await client.put(f"{API}/league-table/settings", headers=office, params={"year": 2026}, json={
        "on_time_weight": 100, "report_weight": 0, "evaluation_weight": 0, "discipline_weight": 0})
    table = await _league(client, office)
    assert [(r["unit"]["short_name"], r["rank"], r["score"], r["honour"]) for r in table["rows"]] == [
        ("市发改委", 1, 100.0, "best"), ("市市场监管局", 1, 100.0, "best"), ("市数据资源局", 3, 50.0, "best"),
        ("市经信局", 3, 50.0, "best"), ("市公安局", 3, 50.0, "best"), ("市司法局", 6, 0.0, "worst"),
        ("西湖区", None, 100.0, None)]
    assert [u["short_name"] for u in table["worst"]] == ["市司法局"]


def _docx(content: bytes) -> tuple[list, list[list[str]]]:
    doc = Document(BytesIO(content))
    return doc.paragraphs, [[c.text for c in row.cells] for row in doc.tables[0].rows]


def _sheets(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(BytesIO(content))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}


async def test_bulletin_is_frozen_and_renders_as_an_official_notice(client, as_user, scenario):
    data = await scenario()
    office = as_user("office")
    created = await client.post(f"{API}/bulletins", headers=office,
                                json={"kind": "quarterly", "period": "2026-Q3", "as_of": AS_OF})
    assert created.status_code == 201, created.text
    bulletin = created.json()
    assert (bulletin["status"], bulletin["number"], bulletin["title"]) == ("draft", None, Q3_TITLE)
    content = bulletin["content"]
    assert content["league"]["rows"] == (await _league(client, office))["rows"]
    assert content["summary"] == {
        "tasks": 7, "completed": 1, "in_progress": 6, "not_started": 0, "ongoing": 0, "red": 1, "yellow": 1,
        "milestones_due": 13, "milestones_on_time": 8, "on_time_rate": 61.5, "milestones_done": 11,
        "reports_expected": 18, "reports_on_time": 11, "report_rate": 61.1, "open_rectifications": 1,
        "units_listed": 7, "units_ranked": 6}
    codes = {unit: task["code"] for unit, task in data["tasks"].items()}
    assert [(g["unit"]["short_name"], [(i["task_code"], i["role"]) for i in g["items"]])
            for g in content["overdue"]] == [("市司法局", [(codes["sfj"], "lead")])]
    progress = content["progress"]
    assert [(p["task_code"], p["progress_before"], p["progress_after"]) for p in progress["completed_tasks"]] == [
        (codes["xihu"], 0, 100)]
    assert [(p["task_code"], p["gain"]) for p in progress["top_gains"]] == [
        (codes["xihu"], 100), (codes["fgw"], 67), (codes["scjg"], 67), (codes["gaj"], 67), (codes["sjzy"], 67)]
    # A draft is the office's (and leaders'); units see only what is published.
    scjg = as_user("scjg")
    assert (await client.get(f"{API}/bulletins/{bulletin['id']}", headers=scjg)).status_code == 404
    assert (await client.get(f"{API}/bulletins/{bulletin['id']}", headers=as_user("leader"))).status_code == 200
    assert (await client.post(f"{API}/bulletins", headers=as_user("leader"),
                              json={"kind": "quarterly", "period": "2026-Q3"})).status_code == 403

    published = await client.post(f"{API}/bulletins/{bulletin['id']}/publish", headers=office,
                                  json={"issued_on": "2026-10-10"})
    assert published.status_code == 200, published.text
    assert (published.json()["number"], published.json()["issued_on"]) == ("杭营商改〔2026〕1号", "2026-10-10")
    docx_before = await client.get(f"{API}/bulletins/{bulletin['id']}.docx", headers=scjg)
    xlsx_before = await client.get(f"{API}/bulletins/{bulletin['id']}.xlsx", headers=scjg)
    assert docx_before.status_code == 200 and xlsx_before.status_code == 200
    assert docx_before.headers["content-disposition"] == (
        "attachment; filename=\"bulletin-2026-1.docx\"; filename*=UTF-8''"
        "%E6%9D%AD%E8%90%A5%E5%95%86%E6%94%B9%E3%80%942026%E3%80%951%E5%8F%B7"
        "%E5%85%B3%E4%BA%8E2026%E5%B9%B4%E7%AC%AC%E4%B8%89%E5%AD%A3%E5%BA%A6"
        "%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83%E4%BC%98%E5%8C%96%E6%8F%90%E5%8D%87"
        "%E9%87%8D%E7%82%B9%E4%BB%BB%E5%8A%A1%E6%8E%A8%E8%BF%9B%E6%83%85%E5%86%B5"
        "%E7%9A%84%E9%80%9A%E6%8A%A5.docx")

    # The ledger moves on: 市司法局 finishes its overdue milestone, 市发改委's June report is returned.
    done = await client.post(f"{API}/milestones/{data['tasks']['sfj']['milestones'][1]['id']}/complete",
                             headers=office, params={"as_of": AS_OF},
                             json={"done_date": "2026-09-30", "evidence": "制度已印发"})
    assert done.status_code == 200, done.text
    returned = await client.post(f"{API}/reports/{data['reports'][('fgw', 6)]}/review", headers=office,
                                 json={"decision": "return", "comment": "请补充量化数据"})
    assert returned.status_code == 200, returned.text
    live = await _league(client, office)
    assert (_row(live, "sfj")["red"], _row(live, "fgw")["reports_on_time"]) == (0, 2)
    assert _row(live, "fgw")["score"] == 90.48  # (40 + 13.33 + 10) / 70

    # The bulletin does not move: same JSON, same documents.
    again = (await client.get(f"{API}/bulletins/{bulletin['id']}", headers=scjg)).json()
    assert again["content"] == content
    docx_after = await client.get(f"{API}/bulletins/{bulletin['id']}.docx", headers=scjg)
    xlsx_after = await client.get(f"{API}/bulletins/{bulletin['id']}.xlsx", headers=scjg)
    paragraphs, table = _docx(docx_after.content)
    before_paragraphs, before_table = _docx(docx_before.content)
    assert [p.text for p in paragraphs] == [p.text for p in before_paragraphs] and table == before_table
    assert _sheets(xlsx_after.content) == _sheets(xlsx_before.content)

    # Official layout: red issuing unit, 文号, title, closing unit and date at the bottom right.
    texts = [p.text for p in paragraphs]
    assert texts[:3] == [OFFICE_NAME, "杭营商改〔2026〕1号", ""]
    assert texts[3] == Q3_TITLE and texts[4].endswith("：")
    header_run = paragraphs[0].runs[0]
    assert str(header_run.font.color.rgb) == "FF0000"
    assert header_run._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "方正小标宋简体"
    assert f"优生：{NAMES['fgw']}、{NAMES['scjg']}、{NAMES['gaj']}。" in texts
    assert f"差生：{NAMES['sfj']}、{NAMES['jxj']}、{NAMES['sjzy']}。" in texts
    assert texts[-2:] == [OFFICE_NAME, "2026年10月10日"]
    assert paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table[0] == ["名次", "单位", "综合得分", "节点按时率(%)", "红牌", "黄牌", "报送及时率(%)", "考评均分",
                        "未完成整改", "备注"]
    assert table[1] == ["1", NAMES["fgw"], "100", "100", "0", "0", "100", "—", "0", "优生"]
    assert table[3] == ["3", NAMES["gaj"], "77", "50", "0", "0", "100", "90", "0", "优生"]
    assert table[6] == ["6", NAMES["sfj"], "8.57", "0", "1", "0", "0", "—", "1", "差生"]
    assert table[7] == ["—", NAMES["xihu"], "100", "100", "0", "0", "—", "—", "0", "事项不足，不排名"]
    assert len(table) == 8

    sheets = _sheets(xlsx_after.content)
    assert list(sheets) == ["概况", "晾晒排名", "逾期事项", "进展亮点"]
    overview = {label: value for label, value in sheets["概况"][1:]}
    assert (overview["文号"], overview["发文单位"], overview["发文日期"].date().isoformat()) == (
        "杭营商改〔2026〕1号", OFFICE_NAME, "2026-10-10")
    assert (overview["任务总数"], overview["红牌"], overview["节点按时完成率(%)"]) == (7, 1, 61.5)
    assert overview["优生"] == f"{NAMES['fgw']}、{NAMES['scjg']}、{NAMES['gaj']}"
    assert sheets["晾晒排名"][1] == (1, NAMES["fgw"], 100, 2, 2, 100, 0, 0, 3, 3, 100, None, 0, 0, 5, "优生")
    assert sheets["晾晒排名"][4] == (4, NAMES["sjzy"], 61.9, 2, 1, 50, 0, 0, 3, 2, 66.7, None, 0, 0, 5, "差生")
    assert [row[:3] for row in sheets["逾期事项"][1:]] == [(NAMES["sfj"], "牵头", codes["sfj"])]
    highlights = sheets["进展亮点"][1:]
    assert highlights[0] == ("完成任务", codes["xihu"], f"{NAMES['xihu']}牵头的改革任务", NAMES["xihu"],
                             "进度 0% → 100%")
    assert sum(1 for row in highlights if row[0] == "完成节点") == 11

    # Published means final.
    for method, path in (("post", f"{API}/bulletins/{bulletin['id']}/regenerate"),
                         ("delete", f"{API}/bulletins/{bulletin['id']}")):
        resp = await client.request(method.upper(), path, headers=office)
        assert resp.status_code == 409 and resp.json()["code"] == "bulletins.published"


async def test_publishing_fills_every_inbox_once(client, as_user, make_plan, make_task, db_connection):
    await make_plan()
    await make_task(milestones=[{"title": "方案出台", "due_date": "2026-09-15"}])
    office = as_user("office")
    bulletin = (await client.post(f"{API}/bulletins", headers=office,
                                  json={"kind": "monthly", "period": "2026-09", "as_of": AS_OF})).json()
    assert bulletin["title"] == "关于2026年9月营商环境优化提升重点任务推进情况的通报"
    recipients = sum(1 for *_, kind in all_units() if kind != "hotline")
    assert recipients == 48
    count = text("SELECT count(*), count(DISTINCT unit_id) FROM inbox_messages WHERE source_id = :id")
    for _ in range(2):  # publishing again is harmless: same number, no second message
        resp = await client.post(f"{API}/bulletins/{bulletin['id']}/publish", headers=office,
                                 json={"issued_on": "2026-10-09"})
        assert resp.status_code == 200, resp.text
        assert (resp.json()["number"], resp.json()["delivered"]) == ("杭营商改〔2026〕1号", 48)
        assert tuple((await db_connection.execute(count, {"id": bulletin["id"]})).one()) == (48, 48)

    scjg = as_user("scjg")
    inbox = (await client.get(f"{API}/inbox", headers=scjg)).json()
    assert (inbox["total"], inbox["unread"]) == (1, 1)
    message = inbox["items"][0]
    assert (message["kind"], message["title"], message["link"]) == ("bulletin", bulletin["title"],
                                                                   f"/bulletins/{bulletin['id']}")
    assert "杭营商改〔2026〕1号" in message["summary"]
    assert (await client.post(f"{API}/inbox/{message['id']}/read", headers=as_user("gaj"))).status_code == 404
    leader_message = (await client.get(f"{API}/inbox", headers=as_user("leader"))).json()["items"][0]
    assert (await client.post(f"{API}/inbox/{leader_message['id']}/read",
                              headers=as_user("leader"))).status_code == 403
    read = await client.post(f"{API}/inbox/{message['id']}/read", headers=scjg)
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert (await client.get(f"{API}/inbox", headers=scjg)).json()["unread"] == 0
    detail = (await client.get(f"{API}/bulletins/{bulletin['id']}", headers=office)).json()
    assert (detail["delivered"], detail["read"]) == (48, 1)

    # The next bulletin of the year takes the next number, in the office's own format.
    assert (await client.put(f"{API}/league-table/settings", headers=office, params={"year": 2026},
                             json={"number_format": "杭改办通〔{year}〕{n}号", "issuing_unit": "市营商环境优化提升工作专班"})
            ).status_code == 200
    second = (await client.post(f"{API}/bulletins", headers=office,
                                json={"kind": "monthly", "period": "2026-08", "as_of": "2026-08-31"})).json()
    assert second["content"]["issuing_unit"] == "市营商环境优化提升工作专班"
    published = (await client.post(f"{API}/bulletins/{second['id']}/publish", headers=office,
                                   json={"issued_on": "2026-10-12"})).json()
    assert published["number"] == "杭改办通〔2026〕2号"
    listing = (await client.get(f"{API}/bulletins", headers=scjg, params={"year": 2026})).json()
    assert [b["number"] for b in listing["items"]] == ["杭改办通〔2026〕2号", "杭营商改〔2026〕1号"]
    assert (await client.get(f"{API}/inbox", headers=scjg)).json()["unread"] == 1
    actions = (await client.get(f"{API}/audit-log", headers=office, params={"entity_type": "bulletin"})).json()
    assert [e["action"] for e in actions["items"]].count("bulletin.publish") == 2


async def test_bad_input_and_drafts(client, as_user, make_plan, make_task, tokens):
    await make_plan()
    task = await make_task(milestones=[{"title": "方案出台", "due_date": "2026-09-15"}])
    office, scjg = as_user("office"), as_user("scjg")

    async def problem(resp, status: int, code: str) -> None:
        assert resp.status_code == status, resp.text
        assert resp.json()["code"] == code and not resp.json()["detail"].isascii()

    for period in ("2026-13", "26-Q3", "2026-Q5", "abc"):
        await problem(await client.get(f"{API}/league-table", headers=office, params={"period": period}), 422,
                      "league.period_invalid")
    await problem(await client.get(f"{API}/league-table", headers=office,
                                   params={"period": "2026-Q4", "as_of": AS_OF}), 422, "league.as_of_before_period")
    await problem(await client.get(f"{API}/league-table", headers=office, params={"period": "2031"}), 404,
                  "not_found")
    default = (await client.get(f"{API}/league-table", headers=office, params={"period": "2026-Q3"})).json()
    assert (default["as_of"], default["rows"][0]["milestones_due"]) == ("2026-09-30", 1)
    hotline = tokens.headers(roles=["hotline"])
    assert (await client.get(f"{API}/league-table", headers=hotline, params={"period": "2026"})).status_code == 403

    await problem(await client.put(f"{API}/league-table/settings", headers=office, params={"year": 2026},
                                   json={"number_format": "〔{year}〕{x}号"}), 422, "validation_failed")
    await problem(await client.put(f"{API}/league-table/settings", headers=office, params={"year": 2026}, json={
        "on_time_weight": 0, "report_weight": 0, "evaluation_weight": 0, "discipline_weight": 0}), 422,
        "validation_failed")
    for who in ("leader", "scjg"):
        assert (await client.put(f"{API}/league-table/settings", headers=as_user(who), params={"year": 2026},
                                 json={})).status_code == 403
    defaults = (await client.get(f"{API}/league-table/settings", headers=scjg, params={"year": 2026})).json()
    assert (defaults["customized"], defaults["on_time_weight"], defaults["min_items"], defaults["number_format"]) == (
        False, 40, 3, "杭营商改〔{year}〕{n}号")

    await problem(await client.post(f"{API}/bulletins", headers=office, json={"kind": "monthly", "period": "2026-Q3"}),
                  422, "bulletins.period_kind_mismatch")
    draft = (await client.post(f"{API}/bulletins", headers=office,
                               json={"kind": "annual", "period": "2026", "as_of": AS_OF, "title": "年度通报"})).json()
    assert (draft["title"], draft["content"]["summary"]["milestones_on_time"]) == ("年度通报", 0)
    await problem(await client.post(f"{API}/bulletins/{draft['id']}/publish", headers=office,
                                    json={"issued_on": "2026-09-29"}), 422, "bulletins.issued_before_data")
    # A draft follows the ledger when regenerated.
    milestone = task["milestones"][0]["id"]
    assert (await client.post(f"{API}/milestones/{milestone}/complete", headers=office, params={"as_of": AS_OF},
                              json={"done_date": "2026-09-14", "evidence": "已印发"})).status_code == 200
    regenerated = (await client.post(f"{API}/bulletins/{draft['id']}/regenerate", headers=office)).json()
    assert (regenerated["as_of"], regenerated["content"]["summary"]["milestones_on_time"]) == (AS_OF, 1)
    assert (await client.get(f"{API}/bulletins", headers=scjg)).json()["total"] == 0
    assert (await client.get(f"{API}/bulletins/{draft['id']}.docx", headers=scjg)).status_code == 404
    draft_doc = await client.get(f"{API}/bulletins/{draft['id']}.docx", headers=office)
    assert [p.text for p in Document(BytesIO(draft_doc.content)).paragraphs][1] == "（发布时编号）"
    assert (await client.delete(f"{API}/bulletins/{draft['id']}", headers=scjg)).status_code == 403
    assert (await client.delete(f"{API}/bulletins/{draft['id']}", headers=office)).status_code == 204
    assert (await client.get(f"{API}/bulletins/{draft['id']}", headers=office)).status_code == 404
