"""Excel round trip through the API: the office's own messy workbook in,
preview with per-row errors, all-or-nothing commit, re-import by code,
export → import with no change; and the demo plan."""

import io
from datetime import datetime
from pathlib import Path

import openpyxl
from sqlalchemy import text

from tasks_api.demo import load as load_demo
from tasks_api.imports.schemas import ImportPreview

API = "/api/tasks/v1"
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "2026年营商环境优化提升重点任务清单.xlsx"


def messy_workbook(unknown_unit: bool = True) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点任务清单"
    ws["A1"] = "2026年营商环境优化提升重点任务清单"
    ws.merge_cells("A1:L1")
    ws["A2"] = None
    ws.append(["序号", "改革任务", "主要举措", "环境领域", "任务类别", "牵头部门", "配合单位", "时间节点",
               "一季度", "二季度", "三季度", "四季度"])
    ws.append([1, "企业开办一日办结", "推行企业开办“一网通办”", "政务环境", "重点事项", "市发改委",
               "市市场监管局、西湖区", "2026年6月底前", "制定方案", "全面推行（2026-05-15）", None, None])
    ws.append([2, "水电气网联合报装", "推进联合报装“一件事”", "政务环境", "长板优势", None,
               "市市场监管局；市建委\n滨江区", datetime(2026, 9, 30), None, "完成系统改造", "上线运行", None])
    ws.append([None] * 12)
    ws.append([3, "公平竞争审查提质", "开展公平竞争审查抽查", "市场环境", "短板弱项",
               "市经信委" if unknown_unit else "市经信局", "市司法局", "长期坚持", None, None, None, "年度评估"])
    ws.append([4, None, "缺少任务名称的一行", "法治环境", "特色事项", "市司法局", None, "12月", None, None, None,
               None])
    # 牵头单位 merged over rows 4–5: the second task is led by 市发改委 too.
    ws.merge_cells("F4:F5")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


async def upload(client, headers, data: bytes, year: int = 2026, name: str = "任务清单.xlsx"):
    return await client.post(f"{API}/imports", headers=headers, data={"year": str(year)},
                             files={"file": (name, data, "application/vnd.openxmlformats-officedocument."
                                                         "spreadsheetml.sheet")})


async def test_preview_shows_every_problem_and_commit_refuses(client, as_user, db_connection):
    office = as_user("office")
    resp = await upload(client, office, messy_workbook())
    assert resp.status_code == 201, resp.text
    preview = resp.json()
    rows = {r["row_number"]: r for r in preview["rows"]}
    assert sorted(rows) == [4, 5, 7, 8]
    first = rows[4]
    assert (first["action"], first["lead_unit"]["name"], first["deadline"]) == ("create", "市发展和改革委员会",
                                                                                "2026-06-30")
    assert [u["short_name"] for u in first["responsible_units"]] == ["市市场监管局", "西湖区"]
    assert [(m["title"], m["due_date"]) for m in first["milestones"]] == [("制定方案", "2026-03-31"),
                                                                          ("全面推行", "2026-05-15")]
    second = rows[5]
    assert second["lead_unit"]["short_name"] == "市发改委"  # from the merged cell
    assert [u["short_name"] for u in second["responsible_units"]] == ["市市场监管局", "市建委", "滨江区"]
    assert second["deadline"] == "2026-09-30"
    third = rows[7]
    assert third["action"] == "invalid" and third["continuous"] is True
    unit_error = third["errors"][0]
    assert (unit_error["row"], unit_error["column"]) == (7, "牵头部门")  # the file's own header
    assert "市经信委" in unit_error["message"] and "市经济和信息化局" in unit_error["message"]
    assert any(e["column"] == "改革任务" for e in rows[8]["errors"])
    assert preview["summary"] == {"rows": 4, "valid": 2, "invalid": 2, "create": 2, "update": 0, "unchanged": 0}
    refused = await client.post(f"{API}/imports/{preview['id']}/commit", headers=office)
    assert refused.status_code == 422 and refused.json()["code"] == "imports.has_errors"
    assert await db_connection.scalar(text("SELECT count(*) FROM tasks")) == 0


async def test_commit_creates_then_reimport_updates_by_code(client, as_user):
    office = as_user("office")
    data = messy_workbook(unknown_unit=False)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb.active.delete_rows(8)  # drop the row without a title
    buffer = io.BytesIO()
    wb.save(buffer)
    preview = (await upload(client, office, buffer.getvalue())).json()
    assert preview["summary"]["invalid"] == 0, preview["errors"]
    result = await client.post(f"{API}/imports/{preview['id']}/commit", headers=office)
    assert result.status_code == 200, result.text
    assert (result.json()["created"], result.json()["updated"]) == (3, 0)
    assert (await client.post(f"{API}/imports/{preview['id']}/commit", headers=office)).status_code == 409
    ledger = (await client.get(f"{API}/tasks", headers=office, params={"year": 2026})).json()
    assert [t["code"] for t in ledger["items"]] == ["2026-SC-001", "2026-ZW-001", "2026-ZW-002"]
    plan = (await client.get(f"{API}/plans/2026", headers=office)).json()
    assert (plan["status"], plan["task_count"]) == ("draft", 3)
    # Re-import the export with one changed deadline: updated by code, nothing created.
    exported = await client.get(f"{API}/tasks/export.xlsx", headers=office, params={"year": 2026})
    wb = openpyxl.load_workbook(io.BytesIO(exported.content))
    ws = wb.active
    header_row = next(r for r in range(1, 10) if ws.cell(r, 2).value == "任务编号")
    deadline_col = next(c for c in range(1, ws.max_column + 1) if ws.cell(header_row, c).value == "完成时限")
    code_col = 2
    for r in range(header_row + 1, ws.max_row + 1):
        if ws.cell(r, code_col).value == "2026-ZW-001":
            ws.cell(r, deadline_col).value = "2026年8月底前"
    buffer = io.BytesIO()
    wb.save(buffer)
    again = (await upload(client, office, buffer.getvalue())).json()
    assert again["summary"] == {"rows": 3, "valid": 3, "invalid": 0, "create": 0, "update": 1, "unchanged": 2}
    committed = (await client.post(f"{API}/imports/{again['id']}/commit", headers=office)).json()
    assert (committed["created"], committed["updated"], committed["unchanged"]) == (0, 1, 2)
    task = (await client.get(f"{API}/tasks/2026-ZW-001", headers=office)).json()
    assert task["deadline"] == "2026-08-31"
    history = (await client.get(f"{API}/tasks/2026-ZW-001/history", headers=office)).json()
    update = next(e for e in history["items"] if e["action"] == "task.import_update")
    assert update["detail"]["before"]["deadline"] == "2026-06-30"


async def test_only_the_office_imports_and_bad_files_are_4xx(client, as_user):
    assert (await upload(client, as_user("fgw"), messy_workbook())).status_code == 403
    not_excel = await upload(client, as_user("office"), b"this is not a workbook", name="清单.xlsx")
    # Judged by its bytes before any parser sees it: text named .xlsx is no workbook.
    assert (not_excel.status_code, not_excel.json()["code"]) == (415, "imports.type")
    missing_year = await client.post(f"{API}/imports", headers=as_user("office"),
                                     files={"file": ("a.xlsx", b"x", "application/octet-stream")})
    assert missing_year.status_code == 422


async def test_demo_plan_export_imports_back_with_no_change(client, as_user, app, db_connection):
    async with app.state.db.sessionmaker() as session:
        counts = await load_demo(session)
        await session.commit()
    assert counts["tasks"] > 290 and counts["reports"] > 0
    office = as_user("office")
    listed = (await client.get(f"{API}/tasks", headers=office, params={"year": 2026, "as_of": "2026-11-22",
                                                                       "page_size": 1})).json()
    assert listed["total"] == counts["tasks"]
    assert listed["counts"]["red"] > 10 and listed["counts"]["yellow"] > 10
    exported = await client.get(f"{API}/tasks/export.xlsx", headers=office,
                                params={"year": 2026, "as_of": "2026-11-22"})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("application/vnd.openxmlformats")
    # The export's warning column agrees with the list for the same as_of.
    ws = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    header_row = next(r for r in range(1, 10) if ws.cell(r, 2).value == "任务编号")
    headers = {ws.cell(header_row, c).value: c for c in range(1, ws.max_column + 1)}
    reds = sum(1 for r in range(header_row + 1, ws.max_row + 1) if ws.cell(r, headers["预警"]).value == "红牌")
    assert reds == listed["counts"]["red"]
    preview = (await upload(client, office, exported.content)).json()
    assert preview["summary"]["unchanged"] == counts["tasks"], [r for r in preview["rows"] if r["action"] != "unchanged"][:3]
    # The example workbook in the repository is the same plan.
    example = (await upload(client, office, EXAMPLE.read_bytes())).json()
    assert example["summary"]["invalid"] == 0 and example["summary"]["unchanged"] == counts["tasks"]
    # Loading again changes nothing.
    async with app.state.db.sessionmaker() as session:
        assert (await load_demo(session))["tasks"] == 0


async def test_preview_answer_matches_its_schema_and_commit_writes_units_milestones_and_audit(client, as_user):
    """The preview JSON is written from the stored rows, and new tasks go in as plain rows: both must
    still be what the schema and the ledger say."""
    office = as_user("office")
    wb = openpyxl.load_workbook(io.BytesIO(messy_workbook(unknown_unit=False)))
    wb.active.delete_rows(8)
    buffer = io.BytesIO()
    wb.save(buffer)
    resp = await upload(client, office, buffer.getvalue())
    assert resp.status_code == 201 and resp.headers["content-type"] == "application/json"
    preview = ImportPreview.model_validate_json(resp.content)
    assert preview.model_dump(mode="json") == resp.json()
    again = await client.get(f"{API}/imports/{preview.id}", headers=office)
    assert again.status_code == 200 and again.json() == resp.json()
    committed = await client.post(f"{API}/imports/{preview.id}/commit", headers=office)
    assert committed.json()["created"] == 3
    task = (await client.get(f"{API}/tasks/2026-ZW-001", headers=office)).json()
    assert [u["short_name"] for u in task["responsible_units"]] == ["市市场监管局", "西湖区"]
    assert [(m["title"], m["due_date"], m["quarter"]) for m in task["milestones"]] == [
        ("制定方案", "2026-03-31", 1), ("全面推行", "2026-05-15", 2)]
    assert (task["status"], task["progress"]) == ("not_started", 0)
    history = (await client.get(f"{API}/tasks/2026-ZW-001/history", headers=office)).json()
    created = [e for e in history["items"] if e["action"] == "task.import_create"]
    assert len(created) == 1 and created[0]["detail"] == {"import_id": str(preview.id)}
    assert created[0]["actor"] == "office"


async def test_a_whole_plan_created_by_import_exports_back_unchanged(client, as_user):
    """Every field of a new task (arrays, dates, units, milestones) survives the bulk insert of the commit."""
    office = as_user("office")
    preview = (await upload(client, office, EXAMPLE.read_bytes())).json()
    assert preview["summary"]["invalid"] == 0 and preview["summary"]["create"] > 290
    committed = (await client.post(f"{API}/imports/{preview['id']}/commit", headers=office)).json()
    assert committed["created"] == preview["summary"]["create"]
    exported = await client.get(f"{API}/tasks/export.xlsx", headers=office, params={"year": 2026})
    again = (await upload(client, office, exported.content)).json()
    assert again["summary"]["unchanged"] == committed["created"], [r for r in again["rows"]
                                                                   if r["action"] != "unchanged"][:3]
    tasks = (await client.get(f"{API}/tasks", headers=office, params={"year": 2026, "page_size": 100})).json()
    assert any(t["tags"] for t in tasks["items"]) or any(t.get("indicator_codes") for t in tasks["items"])
