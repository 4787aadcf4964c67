"""The commit of an import inserts new tasks from the stored preview rows in the database
(INSERT … SELECT): a file mixing an update by code with new rows, as the ledger keeps tasks."""

import io

import openpyxl
from sqlalchemy import text

API = "/api/tasks/v1"
HEADER = ["序号", "任务编号", "改革任务", "环境领域", "任务类别", "牵头单位", "责任单位", "完成时限", "一季度", "四季度",
          "标签"]


def workbook(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


async def upload(client, headers, data: bytes, year: int = 2026):
    resp = await client.post(f"{API}/imports", headers=headers, data={"year": str(year)},
                             files={"file": ("任务清单.xlsx", data, "application/octet-stream")})
    assert resp.status_code == 201, resp.text
    return resp.json()


async def test_commit_mixes_an_update_with_new_tasks(client, as_user, make_plan, make_task, units, db_connection):
    office = as_user("office")
    await make_plan()
    existing = await make_task(title="企业开办全程网办")
    data = workbook([
        [None, existing["code"], "企业开办全程网办（提质）", "政务环境", "重点事项", "市发改委", "市市场监管局",
         "2026年6月底前", None, None, None],
        # The lead unit listed as responsible too, and one unit twice under two of its names.
        [None, None, "水电气网联合报装", "政务环境", "长板优势", "市发改委", "市发改委、市市场监管局、杭州市市场监管局、西湖区",
         "2026年9月底前", "制定方案", "总结评估\n上线运行（2026-12-15）", "联合报装、一件事"],
        [9, None, "公平竞争审查", "市场环境", "短板弱项", "市经信局", None, "长期坚持", None, "年度评估", None],
    ])
    preview = await upload(client, office, data)
    assert preview["summary"] == {"rows": 3, "valid": 3, "invalid": 0, "create": 2, "update": 1, "unchanged": 0}
    committed = await client.post(f"{API}/imports/{preview['id']}/commit", headers=office)
    assert committed.status_code == 200, committed.text
    assert {k: committed.json()[k] for k in ("created", "updated", "unchanged")} == {
        "created": 2, "updated": 1, "unchanged": 0}

    updated = (await client.get(f"{API}/tasks/{existing['code']}", headers=office)).json()
    assert updated["title"] == "企业开办全程网办（提质）"
    # Codes follow the ledger's own (ZW-001 is taken); seq follows the plan's, or the file's own.
    joint = (await client.get(f"{API}/tasks/2026-ZW-002", headers=office)).json()
    assert (joint["title"], joint["seq"], joint["deadline"], joint["continuous"]) == (
        "水电气网联合报装", existing["seq"] + 1, "2026-09-30", False)
    assert (joint["status"], joint["progress"], joint["tags"]) == ("not_started", 0, ["联合报装", "一件事"])
    assert joint["lead_unit"]["short_name"] == "市发改委"
    assert [u["short_name"] for u in joint["responsible_units"]] == ["市市场监管局", "西湖区"]
    assert sorted((m["title"], m["due_date"], m["quarter"]) for m in joint["milestones"]) == sorted([
        ("制定方案", "2026-03-31", 1), ("上线运行", "2026-12-15", 4), ("总结评估", "2026-12-31", 4)])
    positions = (await db_connection.execute(text(
        "SELECT u.position FROM task_units u JOIN tasks t ON t.id = u.task_id WHERE t.code = '2026-ZW-002'"
        " ORDER BY u.position"))).scalars().all()
    assert positions == [0, 1]
    seqs = (await db_connection.execute(text(
        "SELECT m.title, m.seq FROM milestones m JOIN tasks t ON t.id = m.task_id WHERE t.code = '2026-ZW-002'"
        " ORDER BY m.seq"))).all()
    assert [tuple(r) for r in seqs] == [("制定方案", 0), ("总结评估", 1), ("上线运行", 2)]  # the file's order
    schedule = await db_connection.scalar(text(
        "SELECT s.due_dates FROM task_schedules s JOIN tasks t ON t.id = s.task_id WHERE t.code = '2026-ZW-002'"))
    assert [d.isoformat() for d in schedule] == ["2026-03-31", "2026-12-15", "2026-12-31"]

    fair = (await client.get(f"{API}/tasks/2026-SC-001", headers=office)).json()
    assert (fair["seq"], fair["deadline"], fair["continuous"], fair["status"]) == (9, None, True, "ongoing")
    assert fair["responsible_units"] == []

    audit = (await db_connection.execute(text(
        "SELECT a.actor, a.actor_unit_id, a.detail, a.request_id FROM audit_log a WHERE a.action = 'task.import_create'"
        " ORDER BY a.id"))).all()
    assert len(audit) == 2
    assert {(r.actor, r.actor_unit_id) for r in audit} == {("office", units["gaib"])}
    assert all(r.detail == {"import_id": preview["id"]} and r.request_id for r in audit)
    created_ids = set((await db_connection.execute(text(
        "SELECT a.entity_id FROM audit_log a WHERE a.action = 'task.import_create'"))).scalars())
    task_ids = set((await db_connection.execute(text(
        "SELECT CAST(id AS varchar) FROM tasks WHERE code IN ('2026-ZW-002', '2026-SC-001')"))).scalars())
    assert created_ids == task_ids


async def test_a_preview_is_stored_uncompressed(client, as_user, make_plan, units, db_connection):
    """Migration 0015: the preview document is stored out of line without compression, so neither the
    upload compresses it nor the commit's reads decompress it."""
    await make_plan()
    rows = [[None, None, f"营商环境改革任务第{i}项：推进政务服务事项全程网办", "政务环境", "重点事项", "市发改委",
             "市市场监管局", "2026年9月底前", "制定方案", "总结评估", None] for i in range(60)]
    preview = await upload(client, as_user("office"), workbook(rows))
    assert preview["summary"]["create"] == 60
    stored = (await db_connection.execute(text(
        "SELECT pg_column_size(rows), octet_length(rows::text), pg_column_compression(rows) FROM imports "
        "WHERE id = :id"), {"id": preview["id"]})).one()
    # Large enough that the default storage would have compressed it; stored at its full size, uncompressed.
    assert stored[1] > 8000 and stored[0] >= stored[1] * 0.8 and stored[2] is None
