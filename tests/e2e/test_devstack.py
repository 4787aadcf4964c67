"""`make run`'s runner: starts everything with the embedded PostgreSQL, keeps
data across restarts, loads demo data once (again only after a code change),
and on Ctrl-C stops every child, PostgreSQL included."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest
from reform_common.demo import DEMO_PASSWORD
from reform_common.testing import free_port_block

REPO = Path(__file__).resolve().parents[2]


def _start(var_dir: Path, port: int) -> tuple[subprocess.Popen, list[str], float]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reform_common.devstack", "--port", str(port), "--var-dir", str(var_dir)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.rstrip())
        if line.startswith("READY "):
            return proc, lines, time.monotonic() - started
    raise AssertionError("devstack exited before READY:\n" + "\n".join(lines))


def _postgres_for(data_dir: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmdline = proc.info.get("cmdline") or []
        if proc.info.get("name") == "postgres" and str(data_dir) in " ".join(cmdline):
            found.append(proc)
    return found


def _interrupt(proc: subprocess.Popen) -> list[str]:
    children = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(signal.SIGINT)
    rest, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, rest
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, f"children left running: {alive}"
    return rest.splitlines()


def test_run_restart_and_ctrl_c(tmp_path):
    var_dir = tmp_path / "var"
    port = free_port_block()
    proc, lines, first_start = _start(var_dir, port)
    try:
        output = "\n".join(lines)
        assert "新增单位 49 个，新增用户 7 个" in output
        assert "office" in output and DEMO_PASSWORD in output
        # The demo integration keys (docs/integrations/12345.md, open311.md) are printed for the people wiring them.
        assert "demo-12345-secret" in output and "demo-open311-key" in output
        login = httpx.post(f"http://127.0.0.1:{port}/api/auth/v1/login",
                           json={"username": "office", "password": DEMO_PASSWORD})
        assert login.status_code == 200
        assert _postgres_for(var_dir / "pg")
    finally:
        _interrupt(proc)
    assert not _postgres_for(var_dir / "pg"), "PostgreSQL still running after Ctrl-C"

    proc, lines, second_start = _start(var_dir, port)
    try:
        # Same data and code: seed-demo is not run again (var/demo-loaded.json), and the account still works.
        assert "演示数据已载入，代码未变，跳过" in "\n".join(lines)
        assert "新增单位" not in "\n".join(lines)
        login = httpx.post(f"http://127.0.0.1:{port}/api/auth/v1/login",
                           json={"username": "office", "password": DEMO_PASSWORD})
        assert login.status_code == 200
    finally:
        _interrupt(proc)
    assert not _postgres_for(var_dir / "pg")
    print(f"first start {first_start:.1f}s, second start {second_start:.1f}s")
    assert second_start < 60


class _FakeSeed:
    """Stands in for a `python -m <package> seed-demo` process."""

    def __init__(self, cmd, returncode):
        self.package, self.returncode = cmd[2], returncode

    def communicate(self):
        return f"seeded {self.package}\n", None


def test_demo_marker_reseeds_only_after_a_code_change_or_a_new_database(tmp_path, monkeypatch):
    from reform_common import devstack

    fingerprints = {spec.package: "v1" for spec in devstack.SERVICES}
    runs: list[str] = []
    failing: set[str] = set()

    def popen(cmd, **_):
        runs.append(cmd[2])
        return _FakeSeed(cmd, 1 if cmd[2] in failing else 0)

    monkeypatch.setattr(devstack, "demo_fingerprint", lambda package: fingerprints[package])
    monkeypatch.setattr(devstack.subprocess, "Popen", popen)
    stack = devstack.Stack(server_url="postgresql+asyncpg://postgres@/postgres?host=/tmp",
                           demo_marker=tmp_path / "demo-loaded.json")
    everything = [spec.package for spec in devstack.SERVICES]

    stack.seed_demo(fresh=set())
    assert runs == everything
    runs.clear()
    stack.seed_demo(fresh=set())
    assert runs == []

    fingerprints["tasks_api"] = "v2"
    stack.seed_demo(fresh=set())
    assert runs == ["tasks_api"]
    runs.clear()

    feedback = next(spec for spec in devstack.SERVICES if spec.package == "feedback_api")
    stack.seed_demo(fresh={stack._marker_key(feedback)})  # its database was just (re)created
    assert runs == ["feedback_api"]
    runs.clear()

    # A failed seed is not recorded: the next start tries it again.
    fingerprints["gateway"] = "v2"
    failing.add("gateway")
    with pytest.raises(RuntimeError, match="gateway"):
        stack.seed_demo(fresh=set())
    failing.clear()
    runs.clear()
    stack.seed_demo(fresh=set())
    assert runs == ["gateway"]
