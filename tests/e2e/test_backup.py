"""``make backup`` / ``make restore`` (reform_common.backup): the running platform's databases and attachment
stores are backed up, restored into a fresh embedded PostgreSQL, and found the same there."""

import asyncio
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image
from reform_common.backup import summaries_of
from reform_common.devstack import SERVICES
from reform_common.pg import start_embedded, stop_embedded
from reform_common.settings import database_url_for

REPO = Path(__file__).resolve().parents[2]
STORE_VARIABLES = ("TASKS_STORAGE_DIR", "FEEDBACK_STORAGE_DIR")


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reform_common.backup", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def _files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_backup_and_restore_into_a_fresh_postgresql(stack, http, bearer, tmp_path):
    office = bearer("office")
    case = http.post("/api/feedback/v1/cases", headers=office, json={
        "channel": "inspection", "type": "complaint", "category_code": "enforcement.multiple",
        "title": "备份演练：同一企业一月内被重复检查", "description": "企业反映本月先后接受三次内容相近的检查。",
        "enterprise_name": "杭州备份演练有限公司", "contact_name": "钱经理", "contact_phone": "13712345678",
        "district": "西湖区",
    })
    assert case.status_code == 201, case.text
    case_no = case.json()["case_no"]
    upload = http.post(f"/api/feedback/v1/cases/{case_no}/attachments", headers=office,
                       files={"file": ("现场.png", _png(), "image/png")})
    assert upload.status_code == 201, upload.text
    # The tasks store gets a nested file too (its uploads need a whole reporting workflow).
    tasks_store = stack.storage_dir / "tasks"
    (tasks_store / "reports" / "r1").mkdir(parents=True, exist_ok=True)
    (tasks_store / "reports" / "r1" / "进展.pdf").write_bytes(b"%PDF-1.4 backup drill")

    source_env = {k: v for k, v in stack.env().items() if k != "DATABASE_URL"}
    made = _cli("--var-dir", str(tmp_path / "var"), "backup", "--root", str(tmp_path / "backups"), env=source_env)
    assert made.returncode == 0, made.stderr
    (folder,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["databases"]) == {s.package for s in SERVICES}
    assert manifest["tools"]["pg_dump"].startswith("pg_dump (PostgreSQL) 18")
    feedback = manifest["databases"]["feedback_api"]
    assert feedback["database"] == "e2e_reform_feedback" and feedback["alembic_revisions"]
    assert feedback["tables"]["public.case_attachments"]["rows"] >= 1
    assert set(manifest["checksums"]) == {p.name for p in folder.iterdir()} - {"manifest.json", "SHA256SUMS"}
    # The manifest describes the databases as they are (nothing wrote since).
    for spec in SERVICES:
        live = asyncio.run(summaries_of(stack.database_url(spec)))
        assert live == manifest["databases"][spec.package]["tables"], spec.package

    fresh_var = tmp_path / "fresh"
    fresh_env = {k: v for k, v in os.environ.items()
                 if k != "DATABASE_URL" and not k.endswith("_DATABASE_URL") and k not in STORE_VARIABLES}
    restored = _cli("--var-dir", str(fresh_var), "restore", str(folder), env=fresh_env)
    assert restored.returncode == 0, restored.stderr
    assert not (fresh_var / "pg" / "postmaster.pid").exists()  # the embedded server it started is stopped again

    server = start_embedded(fresh_var / "pg")
    try:
        for spec in SERVICES:
            tables = asyncio.run(summaries_of(database_url_for(spec.database, server)))
            assert tables == manifest["databases"][spec.package]["tables"], spec.package
    finally:
        stop_embedded(fresh_var / "pg")
    for service in ("tasks", "feedback"):
        original = _files(stack.storage_dir / service)
        assert original and _files(fresh_var / "uploads" / service) == original, service

    # A second restore onto what is now there is refused, and changes nothing.
    again = _cli("--var-dir", str(fresh_var), "restore", str(folder), env=fresh_env)
    assert again.returncode == 1 and "FORCE=1" in again.stderr
    assert "reform_feedback" in again.stderr and str(fresh_var / "uploads" / "feedback") in again.stderr
    # A damaged backup is refused before anything is touched, FORCE or not.
    tar = folder / "attachments-feedback_api.tar"
    tar.write_bytes(tar.read_bytes()[:-1] + b"x")
    damaged = _cli("--var-dir", str(fresh_var), "restore", "--force", str(folder), env=fresh_env)
    assert damaged.returncode == 1 and "attachments-feedback_api.tar" in damaged.stderr
