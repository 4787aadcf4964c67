"""Checks on files the code depends on: the committed OpenAPI documents the
SPA's client is generated from, and the production compose file."""

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_committed_openapi_documents_match_the_code():
    spec = importlib.util.spec_from_file_location("export_openapi", REPO / "scripts" / "export_openapi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, doc in module.documents().items():
        committed = (REPO / "frontend" / "openapi" / f"{name}.json").read_text(encoding="utf-8")
        assert committed == module.render(doc), f"frontend/openapi/{name}.json is stale: run make openapi"


@pytest.mark.skipif(shutil.which("docker") is None, reason="docker CLI not installed on this machine")
def test_docker_compose_file_is_valid():
    result = subprocess.run(["docker", "compose", "config", "-q"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
