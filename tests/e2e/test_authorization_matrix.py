"""Issue 9, point 2: the authorization matrix (tests/e2e/authz_matrix.py) walked
against the real platform: every endpoint of the four services × every role,
on objects owned by another unit than the caller's."""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx
import pytest
from reform_common.demo import DEMO_PASSWORD

sys.path.insert(0, str(Path(__file__).parent))
from authz_matrix import MATRIX, Row, render_doc  # noqa: E402
from authz_world import ROLES, World, build, hotline_headers  # noqa: E402

DOC = Path(__file__).resolve().parents[2] / "docs" / "authorization.md"
PREFIXES = ("auth", "tasks", "indicators", "feedback")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
PUBLIC_PREFIXES = ("/api/feedback/v1/public/", "/api/feedback/open311/")
PUBLIC_EXACT = {"/.well-known/jwks.json", "/api/auth/v1/login", "/api/auth/v1/refresh", "/api/auth/v1/logout",
                "/api/auth/v1/service-token", *(f"/api/{p}/healthz" for p in PREFIXES),
                *(f"/api/{p}/readyz" for p in PREFIXES)}


@pytest.fixture(scope="module")
def world(gateway_url: str) -> Iterator[World]:
    w = build(gateway_url, DEMO_PASSWORD)
    yield w
    w.close()


_counter = itertools.count(1)


def _fill(value, world: World, role: str):
    """Substitutes {name} placeholders with the seeded ids (a whole-string placeholder may stand for any value)."""
    if isinstance(value, dict):
        return {k: _fill(v, world, role) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, world, role) for v in value]
    if isinstance(value, tuple):
        return tuple(_fill(v, world, role) for v in value)
    if not isinstance(value, str) or "{" not in value:
        return value
    whole = re.fullmatch(r"\{(\w+)\}", value)
    if whole and whole.group(1) in world.values:
        return world.value(whole.group(1))
    return re.sub(r"\{(\w+)\}", lambda m: str(_scalar(m.group(1), world, role)), value)


def _scalar(name: str, world: World, role: str):
    if name == "role":
        return ROLES.index(role)
    if name == "n":
        return next(_counter)
    if name == "today":
        return date.today().isoformat()
    return world.value(name)


def call(world: World, row: Row, role: str) -> httpx.Response:
    params = {k: world.ids.get(v, v) for k, v in row.params.items()}
    path = row.path.format(**params)
    body = _fill(row.json, world, role) if row.json is not None else None
    files = _fill(row.files, world, role) if row.files else None
    data = _fill(row.data, world, role) if row.data else None
    query = _fill(row.query, world, role) if row.query else None
    client = world.clients[role]
    if row.signed and role == "hotline":
        # The 12345 system signs the raw body; its user token is blanked to show the signature alone lets it in.
        raw = httpx.Request(row.method, "http://x", json=body).content if body is not None else b""
        headers = {**hotline_headers(raw), "Authorization": ""}
        return client.request(row.method, path, content=raw, headers=headers, params=query)
    return client.request(row.method, path, json=body, files=files, data=data, params=query)


def matches(expected: str, status: int) -> bool:
    return 200 <= status < 300 if expected == "ok" else str(status) == expected


def walk(world: World, rows: list[Row]) -> list[str]:
    """In table order. Consecutive reads run all their cells at once; a write runs its refused cells first (at
    once: a refused call must change nothing), then its allowed ones in column order, on the seeded state."""
    failures: list[str] = []

    def check(row: Row, results: dict[str, httpx.Response]) -> None:
        for role, resp in results.items():
            if not matches(row.expected[role], resp.status_code):
                failures.append(f"{row.method} {row.path} as {role}: expected {row.expected[role]}, "
                                f"got {resp.status_code} {resp.text[:160]}")

    with ThreadPoolExecutor(max_workers=6) as pool:
        for is_read, group in itertools.groupby(rows, key=lambda r: r.method == "GET"):
            if is_read:
                cells = [(row, role) for row in group for role in ROLES]
                responses = pool.map(lambda cell: call(world, *cell), cells)
                for (row, role), resp in zip(cells, responses, strict=True):
                    check(row, {role: resp})
                continue
            for row in group:
                refused = [r for r in ROLES if row.expected[r] != "ok"]
                check(row, dict(zip(refused, pool.map(lambda r, row=row: call(world, row, r), refused), strict=True)))
                check(row, {role: call(world, row, role) for role in ROLES if row.expected[role] == "ok"})
    return failures


def test_the_matrix_lists_every_endpoint_of_every_service(http):
    served = set()
    for prefix in PREFIXES:
        spec = http.get(f"/api/{prefix}/openapi.json").json()
        served |= {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops
                   if m in ("get", "post", "put", "patch", "delete")}
    listed = [row.key for row in MATRIX]
    assert len(listed) == len(set(listed)), "an endpoint is listed twice"
    assert sorted(served - set(listed)) == [], "endpoints missing from tests/e2e/authz_matrix.py"
    assert sorted(set(listed) - served) == [], "the matrix lists endpoints no service serves"


B_OWNED = {"task_b", "milestone_b", "milestone_b2", "report_b", "adjustment_b", "evaluation_b", "inspection_b",
           "rectification_b", "action_b", "node_b", "node_b2", "pilot_b", "notice_b", "case_b", "case_b2",
           "attachment_b", "bulletin_draft", "bulletin_draft2", "import_b", "obs_import", "task_b_bare", "case_new",
           "case_b3"}
UNIT_A_ROLES = ("group_lead", "lead_unit", "unit", "district")
READ_ONLY_ROLES = ("leader", "auditor")
SELF_SERVICE = {("POST", "/api/auth/v1/me/password")}
ABOUT_ME = {"/api/auth/v1/me", *(f"/api/{p}/v1/whoami" for p in PREFIXES)}


def test_the_matrix_follows_the_access_rules():
    """The table itself keeps the rules of issue 9: anonymous callers reach only the public endpoints, leaders and
    auditors never write, the 12345 client reaches only its signed endpoints and an auditor only the audit logs
    (besides who they are), and unit A's roles never pass on unit B's objects (not visible: 404; or not their role
    at all: 403)."""
    for row in MATRIX:
        cells = row.expected
        public = row.path in PUBLIC_EXACT or row.path.startswith(PUBLIC_PREFIXES)
        if not public:
            assert cells["anonymous"] == "401", row.key
        if row.method in WRITES and not public and row.key not in SELF_SERVICE:
            for role in (*READ_ONLY_ROLES, "hotline"):
                assert cells[role] != "ok" or (role == "hotline" and row.signed), (row.key, role)
        if not public and cells["hotline"] == "ok":
            assert row.signed or row.path in ABOUT_ME, row.key
        if not public and cells["auditor"] == "ok":
            assert row.path.endswith("/audit-log") or row.path in ABOUT_ME, row.key
        if row.signed:
            assert [c for r, c in cells.items() if r != "hotline"] == ["401"] * (len(ROLES) - 1), row.key
            assert cells["hotline"] == "ok", row.key
        if B_OWNED & set(row.params.values()):
            for role in UNIT_A_ROLES:
                assert cells[role] in ("404", "403"), (row.key, role)
            assert cells["reform_office"] not in ("404", "403") or row.note, row.key


def test_every_cell_of_the_matrix_holds(world):
    failures = walk(world, MATRIX)
    assert not failures, "\n".join(failures)


def test_unit_a_still_sees_its_own_objects(world):
    """The 404s above are scoping, not broken accounts: the same users read unit A's own task."""
    for role in ("lead_unit", "unit", "group_lead"):
        resp = world.clients[role].get(f"/api/tasks/v1/tasks/{world.own['task_a']}")
        assert resp.status_code == 200, (role, resp.text)


def test_docs_authorization_md_is_rendered_from_the_matrix():
    assert DOC.read_text(encoding="utf-8") == render_doc(), (
        "docs/authorization.md is stale: run `.venv/bin/python tests/e2e/authz_matrix.py > docs/authorization.md`")
