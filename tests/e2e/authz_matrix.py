"""The authorization matrix: every endpoint of the four services × every role,
with the outcome expected when a user of unit A (or district A) calls it on
objects owned by unit B. tests/e2e/test_authorization_matrix.py walks it
against the running platform; docs/authorization.md is rendered from it
(`python tests/e2e/authz_matrix.py > docs/authorization.md`, checked by a test).

A cell is one of:
  ok   2xx: allowed, and the minimal body really succeeds
  401  not authenticated (anonymous; or a user token on a signature-only endpoint)
  403  authenticated but the role may not do this
  404  the object is not visible to the caller (cross-unit reads and writes)
  409 / 422  allowed past authorization, refused by the workflow or the body: used only
       where the row's note says why a real success is impractical in this walk
Columns: reform_office, group_lead (environment gov_service), lead_unit and unit (unit A),
district (district A), leader, hotline (12345 client: its HMAC signature on the
integration endpoints, its user token elsewhere), auditor, anonymous (no token)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from authz_world import PNG, ROLES


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    cells: str
    params: dict[str, str] = field(default_factory=dict)  # path parameter → key in World.ids (or a literal)
    query: dict[str, str] | None = None
    json: Any = None
    files: dict[str, Any] | None = None
    data: dict[str, str] | None = None
    signed: bool = False  # the hotline column signs the request (12345 integration)
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.method, self.path

    @property
    def expected(self) -> dict[str, str]:
        cells = self.cells.split()
        assert len(cells) == len(ROLES), (self.key, cells)
        return dict(zip(ROLES, cells, strict=True))


def R(endpoint: str, cells: str, **kw: Any) -> Row:  # noqa: N802 (reads as a table)
    method, path = endpoint.split(" ", 1)
    return Row(method, path, cells, **kw)


Y = "{year}"
TASK_B = {"code": "task_b"}
CASE_B = {"case_no": "case_b"}
TRACK = {"tracking_code": "{tracking_code}", "phone": "{tracking_phone}"}

MATRIX: list[Row] = [
    # ── gateway: login, tokens, directory ───────────────────────────────────────────────────────────
    R("GET /.well-known/jwks.json", "ok ok ok ok ok ok ok ok ok"),
    R("GET /api/auth/healthz", "ok ok ok ok ok ok ok ok ok"),
    R("GET /api/auth/readyz", "ok ok ok ok ok ok ok ok ok"),
    R("POST /api/auth/v1/login", "401 401 401 401 401 401 401 401 401",
      json={"username": "nobody", "password": "wrong"},
      note="public; wrong credentials on purpose (the seeding logs every role in)"),
    R("POST /api/auth/v1/refresh", "401 401 401 401 401 401 401 401 401", json={"refresh_token": "not-a-token"},
      note="public; a bad refresh token on purpose (rotation is tested in services/gateway/tests)"),
    R("POST /api/auth/v1/logout", "ok ok ok ok ok ok ok ok ok", json={"refresh_token": "not-a-token"}),
    R("POST /api/auth/v1/service-token", "401 401 401 401 401 401 401 401 401",
      json={"service": "tasks-api", "secret": "wrong"},
      note="public; a wrong secret on purpose"),
    R("GET /api/auth/v1/me", "ok ok ok ok ok ok ok ok 401"),
    R("POST /api/auth/v1/me/password", "422 422 422 422 422 422 422 422 401",
      json={"old_password": "wrong-old", "new_password": "Another#Pass2026"},
      note="a wrong old password on purpose (422): changing it would break the walk's logins"),
    R("GET /api/auth/v1/whoami", "ok ok ok ok ok ok ok ok 401"),
    R("GET /api/auth/v1/audit-log", "ok 403 403 403 403 ok 403 ok 401"),
    R("GET /api/auth/v1/units", "ok ok ok ok ok ok 403 403 401"),
    R("GET /api/auth/v1/units/{unit_id}", "ok ok ok ok ok ok 403 403 401", params={"unit_id": "unit_b"}),
    R("POST /api/auth/v1/units", "ok 403 403 403 403 403 403 403 401",
      json={"code": "authz-{tag}-{role}", "name": "矩阵新建单位{tag}{role}",
                                             "short_name": "矩阵{tag}{role}", "kind": "department"}),
    R("PATCH /api/auth/v1/units/{unit_id}", "ok 403 403 403 403 403 403 403 401",
      params={"unit_id": "unit_b"}, json={"sort_order": "{unit_b_sort_order}"}),
    R("GET /api/auth/v1/users", "ok 403 403 403 403 ok 403 403 401"),
    R("GET /api/auth/v1/users/{user_id}", "ok 403 403 403 403 ok 403 403 401", params={"user_id": "user_b"}),
    R("POST /api/auth/v1/users", "ok 403 403 403 403 403 403 403 401",
      json={"username": "authz_new_{tag}_{role}", "display_name": "矩阵新用户",
                                             "password": "Authz-New#2026", "unit_id": "{unit_b}", "roles": ["unit"]}),
    R("PATCH /api/auth/v1/users/{user_id}", "ok 403 403 403 403 403 403 403 401",
      params={"user_id": "user_b"}, json={"display_name": "矩阵B用户"}),
    R("POST /api/auth/v1/users/{user_id}/password", "ok 403 403 403 403 403 403 403 401", params={"user_id": "user_b"},
      json={"password": "Authz-Matrix#2026"}),
    R("POST /api/auth/v1/users/{user_id}/revoke-sessions", "ok 403 403 403 403 403 403 403 401",
      params={"user_id": "user_b"}),
    R("POST /api/auth/v1/users/{user_id}/unlock", "ok 403 403 403 403 403 403 403 401", params={"user_id": "user_b"}),
    # ── tasks-api ───────────────────────────────────────────────────────────────────────────────────
    R("GET /api/tasks/healthz", "ok ok ok ok ok ok ok ok ok"),
    R("GET /api/tasks/readyz", "ok ok ok ok ok ok ok ok ok"),
    R("GET /api/tasks/v1/whoami", "ok ok ok ok ok ok ok ok 401"),
    R("GET /api/tasks/v1/audit-log", "ok 403 403 403 403 ok 403 ok 401"),
    R("GET /api/tasks/v1/plans", "ok ok ok ok ok ok 403 403 401"),
    R("GET /api/tasks/v1/plans/{year}", "ok ok ok ok ok ok 403 403 401", params={"year": "year"}),
    R("POST /api/tasks/v1/plans", "ok 403 403 403 403 403 403 403 401",
      json={"year": "{spare_year}", "title": "矩阵测试计划"}),
    R("PATCH /api/tasks/v1/plans/{year}", "ok 403 403 403 403 403 403 403 401",
      params={"year": "year"}, json={"warning_days": 5}),
    R("GET /api/tasks/v1/calendar/{year}", "ok ok ok ok ok ok 403 403 401", params={"year": "year"}),
    R("PUT /api/tasks/v1/calendar/{year}", "ok 403 403 403 403 403 403 403 401",
      params={"year": "spare_year"}, json={"published": False}),
    R("GET /api/tasks/v1/tasks", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/tasks", "ok ok 403 403 403 403 403 403 401",
      json={"year": "{spare_year}", "title": "矩阵测试新任务", "environment": "gov_service", "category": "key",
            "lead_unit_id": "{unit_a}", "continuous": True}),
    R("POST /api/tasks/v1/plans/{year}/publish", "ok 403 403 403 403 403 403 403 401",
      params={"year": "spare_year"}),
    R("GET /api/tasks/v1/tasks/export.xlsx", "ok ok ok ok ok ok 403 403 401", query={"year": Y}),
    R("POST /api/tasks/v1/tasks/from-cluster", "ok 403 403 403 403 403 403 403 401", json={
        "cluster_code": "LA-2026-9{n}000", "year": Y, "title": "矩阵测试举一反三", "environment": "market",
        "lead_unit_id": "{unit_b}", "deadline": "{year}-12-31", "linked_cases": ["{case_b}"]}),
    R("GET /api/tasks/v1/tasks/{code}", "ok 404 404 404 404 ok 403 403 401", params=TASK_B),
    R("PATCH /api/tasks/v1/tasks/{code}", "ok 404 404 404 404 403 403 403 401", params=TASK_B, json={"tags": ["矩阵"]}),
    R("GET /api/tasks/v1/tasks/{code}/history", "ok 404 404 404 404 ok 403 403 401", params=TASK_B),
    R("POST /api/tasks/v1/tasks/{code}/milestones", "ok 404 404 404 404 403 403 403 401", params=TASK_B,
      json=[{"title": "矩阵节点", "due_date": "{year}-12-20"}]),
    R("POST /api/tasks/v1/tasks/{code}/milestones/quarterly", "ok 404 404 404 404 403 403 403 401",
      params={"code": "task_b_bare"}),
    R("PATCH /api/tasks/v1/milestones/{milestone_id}", "ok 404 404 404 404 403 403 403 401",
      params={"milestone_id": "milestone_b2"},
      json={"title": "矩阵节点改名"}),
    R("POST /api/tasks/v1/milestones/{milestone_id}/complete", "ok 404 404 404 404 403 403 403 401",
      params={"milestone_id": "milestone_b"},
      json={"done_date": "{today}", "evidence": "矩阵佐证"}),
    R("GET /api/tasks/v1/tasks/{code}/lifecycle", "ok 404 404 404 404 ok 403 403 401", params=TASK_B),
    R("POST /api/tasks/v1/tasks/{code}/lifecycle", "ok 404 404 404 404 403 403 403 401",
      params={"code": "task_b_bare"}, json={"to_stage": "project_generation"}),
    R("GET /api/tasks/v1/tasks/{code}/reports", "ok 404 404 404 404 ok 403 403 401", params=TASK_B),
    R("POST /api/tasks/v1/tasks/{code}/reports", "403 404 404 404 404 403 403 403 401",
      params=TASK_B, json={"content": "矩阵进展", "progress": 20},
      note="only the task's lead or responsible units report; the office reviews"),
    R("POST /api/tasks/v1/reports/{report_id}/attachments", "403 404 404 404 404 403 403 403 401",
      params={"report_id": "report_b"},
      files={"file": ("evidence.png", PNG, "image/png")},
      note="only the reporting unit adds attachments"),
    R("GET /api/tasks/v1/reports/{report_id}/attachments/{index}", "ok 404 404 404 404 ok 403 403 401",
      params={"report_id": "report_b", "index": "0"}),
    R("POST /api/tasks/v1/reports/{report_id}/review", "ok 404 404 404 404 403 403 403 401",
      params={"report_id": "report_b"},
      json={"decision": "approve"}),
    R("GET /api/tasks/v1/reporting-status", "ok ok ok ok ok ok 403 403 401", query={"year": Y}),
    R("GET /api/tasks/v1/tasks/{code}/adjustments", "ok 404 404 404 404 ok 403 403 401", params=TASK_B),
    R("POST /api/tasks/v1/tasks/{code}/adjustments", "ok 404 404 404 404 403 403 403 401", params=TASK_B,
      json={"reason": "矩阵调整", "changes": {"deadline": "{year}-12-29"}}),
    R("GET /api/tasks/v1/adjustments", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/adjustments/{adjustment_id}/decision", "ok 403 403 403 403 403 403 403 401",
      params={"adjustment_id": "adjustment_b"},
      json={"decision": "approve"}),
    R("POST /api/tasks/v1/imports", "ok 403 403 403 403 403 403 403 401",
      data={"year": Y}, files={"file": ("plan.xlsx", "{plan_xlsx}", None)}),
    R("GET /api/tasks/v1/imports/{import_id}", "ok 403 403 403 403 403 403 403 401", params={"import_id": "import_b"}),
    R("POST /api/tasks/v1/imports/{import_id}/commit", "ok 403 403 403 403 403 403 403 401",
      params={"import_id": "import_b"}),
    R("GET /api/tasks/v1/workbench", "ok ok ok ok ok ok 403 403 401"),
    R("GET /api/tasks/v1/inbox", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/inbox/{message_id}/read", "ok 404 404 404 404 403 403 403 401",
      params={"message_id": "message_office"}),
    R("GET /api/tasks/v1/reminder-notices", "ok ok ok ok ok ok 403 403 401"),
    R("GET /api/tasks/v1/reminder-notices/counts", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/reminder-notices/run", "ok 403 403 403 403 403 403 403 401"),
    R("GET /api/tasks/v1/reminder-notices/{notice_id}", "ok 404 404 404 404 ok 403 403 401",
      params={"notice_id": "notice_b"}),
    R("POST /api/tasks/v1/reminder-notices/{notice_id}/acknowledge", "403 404 404 404 404 403 403 403 401",
      params={"notice_id": "notice_b"},
      note="only the notified unit acknowledges"),
    R("POST /api/tasks/v1/reminder-notices/{notice_id}/reply", "403 404 404 404 404 403 403 403 401",
      params={"notice_id": "notice_b"},
      json={"reply": "矩阵回复"},
      note="only the notified unit replies"),
    R("GET /api/tasks/v1/evaluations", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/evaluations", "ok 403 404 403 403 403 403 403 401", json={
        "task_code": "{task_b}", "period": "{year}-Q2", "kind": "office_on_lead", "item_scores": "{scores}"}),
    R("GET /api/tasks/v1/evaluations/{evaluation_id}", "ok 404 404 404 404 ok 403 403 401",
      params={"evaluation_id": "evaluation_b"}),
    R("PATCH /api/tasks/v1/evaluations/{evaluation_id}", "ok 404 404 404 404 403 403 403 401",
      params={"evaluation_id": "evaluation_b"},
      json={"comment": "矩阵更正"}),
    R("GET /api/tasks/v1/evaluations/rubric", "ok ok ok ok ok ok 403 403 401", query={"year": Y}),
    R("PUT /api/tasks/v1/evaluations/rubric", "ok 403 403 403 403 403 403 403 401", query={"year": "{spare_year}"},
      json={"items": [{"key": "progress", "name": "进度完成", "max_points": 100}]}),
    R("GET /api/tasks/v1/evaluations/indicator-ranks", "ok 403 403 403 403 ok 403 403 401"),
    R("POST /api/tasks/v1/evaluations/indicator-ranks", "ok 403 403 403 403 403 403 403 401", json={
        "indicator_code": "{indicator}", "framework": "national", "period": "2015", "rank": 5}),
    R("POST /api/tasks/v1/evaluations/apply-rank-rule", "ok 403 403 403 403 403 403 403 401",
      json={"year": Y, "period": "{year}-Q1"}),
    R("GET /api/tasks/v1/inspections", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/inspections", "ok ok 403 403 403 403 403 403 401", json={
        "kind": "spot_check", "unit_id": "{unit_b}", "inspected_on": "{today}", "method": "暗访抽查",
        "inspectors": ["督察员"]}),
    R("GET /api/tasks/v1/inspections/{code}", "ok 404 404 404 404 ok 403 403 401", params={"code": "inspection_b"}),
    R("POST /api/tasks/v1/inspections/{code}/findings", "ok 404 403 403 403 403 403 403 401",
      params={"code": "inspection_b"},
      json={"findings": [{"description": "矩阵补充问题"}]}),
    R("GET /api/tasks/v1/rectifications", "ok ok ok ok ok ok 403 403 401"),
    R("GET /api/tasks/v1/rectifications/{rectification_id}", "ok 404 404 404 404 ok 403 403 401",
      params={"rectification_id": "rectification_b"}),
    R("POST /api/tasks/v1/rectifications/{rectification_id}/attachments", "403 404 404 404 404 403 403 403 401",
      params={"rectification_id": "rectification_b"}, files={"file": ("fix.png", PNG, "image/png")},
      note="only the rectifying unit uploads"),
    R("GET /api/tasks/v1/rectifications/{rectification_id}/attachments/{index}", "ok 404 404 404 404 ok 403 403 401",
      params={"rectification_id": "rectification_b", "index": "0"}),
    R("POST /api/tasks/v1/rectifications/{rectification_id}/submit", "403 404 404 404 404 403 403 403 401",
      params={"rectification_id": "rectification_b"}, json={"evidence": "矩阵整改"},
      note="only the rectifying unit submits"),
    R("POST /api/tasks/v1/rectifications/{rectification_id}/decision", "ok 403 403 403 403 403 403 403 401",
      params={"rectification_id": "rectification_b"}, json={"decision": "verify"}),
    R("GET /api/tasks/v1/special-actions", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/special-actions", "ok 403 403 403 403 403 403 403 401",
      json={"year": Y, "name": "矩阵新专项行动", "kind": "extra", "leading_official": "市领导",
            "lead_unit_id": "{unit_b}"}),
    R("GET /api/tasks/v1/special-actions/{code}", "ok 404 404 404 404 ok 403 403 401", params={"code": "action_b"}),
    R("PATCH /api/tasks/v1/special-actions/{code}", "ok 404 404 404 404 403 403 403 401",
      params={"code": "action_b"}, json={"team": ["矩阵成员"]}),
    R("GET /api/tasks/v1/special-actions/{code}/history", "ok 404 404 404 404 ok 403 403 401",
      params={"code": "action_b"}),
    R("POST /api/tasks/v1/special-actions/{code}/nodes", "ok 404 404 404 404 403 403 403 401",
      params={"code": "action_b"},
      json=[{"title": "矩阵节点", "due_date": "{year}-12-20"}]),
    R("PATCH /api/tasks/v1/special-actions/{code}/nodes/{node_id}", "ok 404 404 404 404 403 403 403 401",
      params={"code": "action_b", "node_id": "node_b"},
      json={"title": "矩阵节点改名"}),
    R("POST /api/tasks/v1/special-actions/{code}/nodes/{node_id}/complete", "ok 404 404 404 404 403 403 403 401",
      params={"code": "action_b", "node_id": "node_b"}, json={"done_date": "{today}", "evidence": "矩阵佐证"}),
    R("DELETE /api/tasks/v1/special-actions/{code}/nodes/{node_id}", "ok 404 404 404 404 403 403 403 401",
      params={"code": "action_b", "node_id": "node_b2"}),
    R("POST /api/tasks/v1/special-actions/{code}/tasks", "ok 404 404 404 404 403 403 403 401",
      params={"code": "action_b"},
      json={"task_codes": ["{task_a}"]}),
    R("DELETE /api/tasks/v1/special-actions/{code}/tasks/{task_code}", "ok 403 403 403 404 403 403 403 401",
      params={"code": "action_b", "task_code": "task_b"}),
    R("GET /api/tasks/v1/battle-map/timeline", "ok ok ok ok ok ok 403 403 401", query={"year": Y}),
    R("GET /api/tasks/v1/battle-map/dispatch", "ok ok ok ok ok ok 403 403 401", query={"month": "{year}-10"}),
    R("GET /api/tasks/v1/battle-map/baselines", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/battle-map/baselines", "ok 403 403 403 403 403 403 403 401",
      json={"year": "{spare_year}", "quarter": 1}),
    R("GET /api/tasks/v1/battle-map/baselines/{baseline_id}/comparison", "ok ok ok ok ok ok 403 403 401",
      params={"baseline_id": "baseline"}),
    R("GET /api/tasks/v1/pilots", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/pilots", "ok 403 403 403 403 403 403 403 401", json={
        "title": "矩阵新试点", "description": "矩阵试点内容", "unit_id": "{unit_b}", "environment": "market",
        "start_date": "{year}-01-01", "end_date": "{year}-12-31"}),
    R("GET /api/tasks/v1/pilots/{code}", "ok 404 404 404 404 ok 403 403 401", params={"code": "pilot_b"}),
    R("POST /api/tasks/v1/pilots/{code}/feedback", "ok 404 404 404 404 403 403 403 401",
      params={"code": "pilot_b"}, json={"content": "矩阵试点反馈"}),
    R("POST /api/tasks/v1/pilots/{code}/decisions", "ok 404 404 404 404 403 403 403 401", params={"code": "pilot_b"},
      json={"decision": "adjust", "comment": "矩阵调整试点"}),
    R("GET /api/tasks/v1/best-practices", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/best-practices", "409 404 404 404 404 403 403 403 401", json={
        "task_code": "{task_b}", "title": "矩阵案例", "summary": "矩阵经验", "evidence": "矩阵佐证"},
      note="task B is not in the consolidation stage (409)"),
    R("GET /api/tasks/v1/best-practices/{code}", "ok ok ok ok ok ok 403 403 401", params={"code": "practice"}),
    R("GET /api/tasks/v1/best-practices/{code}/attachments/{index}", "ok ok ok ok ok ok 403 403 401",
      params={"code": "practice", "index": "0"}),
    R("POST /api/tasks/v1/best-practices/{code}/replications", "ok 403 403 403 403 403 403 403 401",
      params={"code": "practice"},
      json={"adopted_on": "{today}", "unit_id": "{unit_b}"}),
    R("GET /api/tasks/v1/league-table", "ok ok ok ok ok ok 403 403 401", query={"period": Y}),
    R("GET /api/tasks/v1/league-table/settings", "ok ok ok ok ok ok 403 403 401", query={"year": Y}),
    R("PUT /api/tasks/v1/league-table/settings", "ok 403 403 403 403 403 403 403 401", query={"year": "{spare_year}"},
      json={}),
    R("GET /api/tasks/v1/metrics/on-time-completion", "ok ok ok ok ok ok 403 403 401", query={"year": Y}),
    R("GET /api/tasks/v1/bulletins", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/tasks/v1/bulletins", "ok 403 403 403 403 403 403 403 401",
      json={"kind": "monthly", "period": "{year}-03"}),
    R("GET /api/tasks/v1/bulletins/{bulletin_id}", "ok 404 404 404 404 ok 403 403 401",
      params={"bulletin_id": "bulletin_draft"}),
    R("GET /api/tasks/v1/bulletins/{bulletin_id}.docx", "ok 404 404 404 404 ok 403 403 401",
      params={"bulletin_id": "bulletin_draft"}),
    R("GET /api/tasks/v1/bulletins/{bulletin_id}.xlsx", "ok 404 404 404 404 ok 403 403 401",
      params={"bulletin_id": "bulletin_draft"}),
    R("POST /api/tasks/v1/bulletins/{bulletin_id}/regenerate", "ok 403 403 403 403 403 403 403 401",
      params={"bulletin_id": "bulletin_draft"}),
    R("POST /api/tasks/v1/bulletins/{bulletin_id}/publish", "ok 403 403 403 403 403 403 403 401",
      params={"bulletin_id": "bulletin_draft"}),
    R("DELETE /api/tasks/v1/bulletins/{bulletin_id}", "ok 403 403 403 403 403 403 403 401",
      params={"bulletin_id": "bulletin_draft2"}),
    # ── indicators-api ──────────────────────────────────────────────────────────────────────────────
    R("GET /api/indicators/healthz", "ok ok ok ok ok ok ok ok ok"),
    R("GET /api/indicators/readyz", "ok ok ok ok ok ok ok ok ok"),
    R("GET /api/indicators/v1/whoami", "ok ok ok ok ok ok ok ok 401"),
    R("GET /api/indicators/v1/audit-log", "ok 403 403 403 403 ok 403 ok 401"),
    R("GET /api/indicators/v1/frameworks", "ok ok ok ok ok ok 403 403 401"),
    R("PATCH /api/indicators/v1/frameworks/{code}", "ok 403 403 403 403 403 403 403 401",
      params={"code": "framework"}, json={"rank_target": "{rank_target}"}),
    R("GET /api/indicators/v1/frameworks/{code}/overview", "ok ok ok ok ok ok 403 403 401",
      params={"code": "framework"}, query={"period": "2025"}),
    R("GET /api/indicators/v1/frameworks/{code}/overview.xlsx", "ok ok ok ok ok ok 403 403 401",
      params={"code": "framework"},
      query={"period": "2025"}),
    R("GET /api/indicators/v1/indicators", "ok ok ok ok ok ok 403 403 401"),
    # A new root indicator reshapes its framework's overview: B-READY's, which no other end-to-end test reads.
    R("POST /api/indicators/v1/indicators", "ok 403 403 403 403 403 403 403 401", json={
        "code": "AZ-{n}", "framework_code": "bready", "name": "矩阵测试指标"}),
    R("GET /api/indicators/v1/indicators/{code}", "ok ok ok ok ok ok 403 403 401", params={"code": "indicator"}),
    R("GET /api/indicators/v1/indicators/{code}/class-suggestion", "ok ok ok ok ok ok 403 403 401",
      params={"code": "indicator"},
      query={"period": "2025"}),
    R("GET /api/indicators/v1/indicators/{code}/leaderboard", "ok ok ok ok ok ok 403 403 401",
      params={"code": "indicator"},
      query={"period": "2025"}),
    R("GET /api/indicators/v1/indicators/{code}/leaderboard.xlsx", "ok ok ok ok ok ok 403 403 401",
      params={"code": "indicator"},
      query={"period": "2025"}),
    R("GET /api/indicators/v1/indicators/{code}/tasks", "ok ok ok ok ok ok 403 403 401", params={"code": "indicator"}),
    R("GET /api/indicators/v1/indicators/{code}/trend", "ok ok ok ok ok ok 403 403 401", params={"code": "indicator"}),
    R("GET /api/indicators/v1/observations", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/indicators/v1/observations", "ok ok 403 403 403 403 403 403 401", json=[{
        "indicator": "{indicator}", "period": "2015", "region": "330100", "source": "矩阵测试", "value": 80}]),
    R("GET /api/indicators/v1/observations/export", "ok ok ok ok ok ok 403 403 401",
      query={"framework": "national", "period": "2025"}),
    R("POST /api/indicators/v1/observations/review", "ok 403 403 403 403 403 403 403 401",
      json={"ids": ["{observation}"], "decision": "approve"}),
    R("POST /api/indicators/v1/observations/imports", "ok ok ok 403 403 403 403 403 401",
      files={"file": ("obs.xlsx", "{obs_xlsx}", None)}),
    R("POST /api/indicators/v1/observations/imports/{import_id}/commit", "ok 404 404 404 404 404 403 403 401",
      params={"import_id": "obs_import"}),
    R("POST /api/indicators/v1/official-results", "ok 403 403 403 403 403 403 403 401", json={
        "indicator": "{indicator}", "period": "2015", "region": "330100", "source": "矩阵测试", "rank": 5}),
    R("POST /api/indicators/v1/computed/refresh", "ok 403 403 403 403 403 403 403 401", query={"period": "2015"}),
    R("GET /api/indicators/v1/region-sets", "ok ok ok ok ok ok 403 403 401"),
    R("GET /api/indicators/v1/regions", "ok ok ok ok ok ok 403 403 401"),
    # ── feedback-api ────────────────────────────────────────────────────────────────────────────────
    R("GET /api/feedback/healthz", "ok ok ok ok ok ok ok ok ok"),
    R("GET /api/feedback/readyz", "ok ok ok ok ok ok ok ok ok"),
    R("GET /api/feedback/v1/whoami", "ok ok ok ok ok ok ok ok 401"),
    R("GET /api/feedback/v1/audit-log", "ok 403 403 403 403 ok 403 ok 401"),
    R("GET /api/feedback/v1/calendar/{year}", "ok ok ok ok ok ok 403 403 401", params={"year": "year"}),
    R("PUT /api/feedback/v1/calendar/{year}", "ok 403 403 403 403 403 403 403 401",
      params={"year": "spare_year"}, json={"published": False}),
    R("GET /api/feedback/v1/cases", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/feedback/v1/cases", "ok 403 ok ok ok 403 403 403 401", json={
        "type": "consultation", "category_code": "gov_service.startup", "title": "矩阵新诉求",
        "description": "矩阵测试新诉求内容", "channel": "salon"}),
    R("GET /api/feedback/v1/cases/summary", "ok ok ok ok ok ok 403 403 401"),
    R("GET /api/feedback/v1/cases/{case_no}", "ok 404 404 404 404 ok 403 403 401", params=CASE_B),
    R("POST /api/feedback/v1/cases/{case_no}/assign", "ok 404 404 404 404 403 403 403 401",
      params={"case_no": "case_new"}, json={"unit_id": "{unit_b}"}),
    R("POST /api/feedback/v1/cases/{case_no}/accept", "403 404 404 404 404 403 403 403 401",
      params={"case_no": "case_b3"}, json={}, note="only the handling unit accepts"),
    R("POST /api/feedback/v1/cases/{case_no}/start", "403 404 404 404 404 403 403 403 401", params=CASE_B, json={},
      note="only the handling unit starts, replies, returns, asks for an extension"),
    R("POST /api/feedback/v1/cases/{case_no}/reply", "403 404 404 404 404 403 403 403 401",
      params=CASE_B, json={"reply": "矩阵答复"},
      note="only the handling unit"),
    R("POST /api/feedback/v1/cases/{case_no}/return", "403 404 404 404 404 403 403 403 401",
      params=CASE_B, json={"reason": "矩阵退回理由"},
      note="only the handling unit"),
    R("POST /api/feedback/v1/cases/{case_no}/extension", "403 404 404 404 404 403 403 403 401", params=CASE_B,
      json={"reason": "矩阵延期", "working_days": 2},
      note="only the handling unit"),
    R("POST /api/feedback/v1/cases/{case_no}/extension/decision", "ok 404 404 404 404 403 403 403 401",
      params=CASE_B, json={"approve": True}),
    R("POST /api/feedback/v1/cases/{case_no}/follow-up", "ok 404 404 404 404 403 403 403 401",
      params={"case_no": "case_b2"},
      json={"satisfaction": "satisfied"}),
    R("POST /api/feedback/v1/cases/{case_no}/reopen", "ok 404 404 404 404 403 403 403 401",
      params={"case_no": "case_b2"}, json={"reason": "矩阵重办"}),
    R("POST /api/feedback/v1/cases/{case_no}/notes", "ok 404 404 404 404 403 403 403 401",
      params=CASE_B, json={"content": "矩阵备注"}),
    R("POST /api/feedback/v1/cases/{case_no}/contact", "ok 404 404 404 404 403 403 403 401", params=CASE_B, json={}),
    R("POST /api/feedback/v1/cases/{case_no}/attachments", "ok 404 404 404 404 403 403 403 401", params=CASE_B,
      files={"file": ("photo.png", PNG, "image/png")}),
    R("GET /api/feedback/v1/cases/{case_no}/attachments/{attachment_id}", "ok 404 404 404 404 ok 403 403 401",
      params={"case_no": "case_b", "attachment_id": "attachment_b"}),
    R("GET /api/feedback/v1/cases/{case_no}/clusters", "ok 404 404 404 404 ok 403 403 401", params=CASE_B),
    R("GET /api/feedback/v1/cases/{case_no}/suggestions", "ok 403 403 403 403 403 403 403 401", params=CASE_B,
      note="dispatch suggestions: only whoever may assign (the reform office)"),
    R("GET /api/feedback/v1/dispatch/models", "ok 403 403 403 403 ok 403 403 401"),
    R("POST /api/feedback/v1/dispatch/models", "ok 403 403 403 403 403 403 403 401",
      note="trains a version now (a rules version while closed cases are too few)"),
    R("GET /api/feedback/v1/cases/{case_no}/knowledge-suggestions", "ok 404 404 404 404 ok 403 403 401",
      params=CASE_B),
    R("POST /api/feedback/v1/cases/{case_no}/direct-answer", "ok 404 404 404 404 403 403 403 401",
      params={"case_no": "case_consult"}, json={"entry_id": "{knowledge_b}"},
      note="a received consultation; only the dispatcher answers it from the knowledge base"),
    R("GET /api/feedback/v1/knowledge", "ok ok ok ok ok ok 403 403 401", query={"q": "矩阵 发票"}),
    R("POST /api/feedback/v1/knowledge", "ok 403 403 403 403 403 403 403 401", json={
        "title": "矩阵新条目", "question": "矩阵测试问题", "answer": "矩阵测试答复", "kind": "policy"}),
    R("GET /api/feedback/v1/knowledge/{entry_id}", "ok ok ok ok ok ok 403 403 401",
      params={"entry_id": "knowledge_b"}, note="published: every staff role reads it"),
    R("PATCH /api/feedback/v1/knowledge/{entry_id}", "ok 403 403 403 403 403 403 403 401",
      params={"entry_id": "knowledge_b"}, json={"keywords": ["矩阵", "发票"]}),
    R("POST /api/feedback/v1/knowledge/{entry_id}/publish", "ok 403 403 403 403 403 403 403 401",
      params={"entry_id": "knowledge_b"}),
    R("POST /api/feedback/v1/knowledge/{entry_id}/archive", "ok 403 403 403 403 403 403 403 401",
      params={"entry_id": "knowledge_archive"}),
    R("POST /api/feedback/v1/knowledge/from-case/{case_no}", "ok 403 403 403 403 403 403 403 401",
      params={"case_no": "case_replied"}, note="a case replied by unit B; a second click returns the same entry"),
    R("GET /api/feedback/v1/cases/{case_no}/repeat", "404 404 404 404 404 404 403 403 401", params=CASE_B,
      note="case B is not flagged as a repeat: 404 after authorization"),
    R("POST /api/feedback/v1/cases/{case_no}/repeat/confirm", "404 404 404 404 404 403 403 403 401",
      params=CASE_B, json={},
      note="case B is not flagged as a repeat (404)"),
    R("POST /api/feedback/v1/cases/{case_no}/repeat/dismiss", "404 404 404 404 404 403 403 403 401",
      params=CASE_B, json={"reason": "矩阵不是重复"},
      note="case B is not flagged as a repeat (404)"),
    R("GET /api/feedback/v1/repeats", "ok ok ok ok ok ok 403 403 401"),
    R("GET /api/feedback/v1/categories", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/feedback/v1/categories", "ok 403 403 403 403 403 403 403 401",
      json={"code": "authz{n}", "name": "矩阵分类{n}"}),
    R("PATCH /api/feedback/v1/categories/{code}", "ok 403 403 403 403 403 403 403 401",
      params={"code": "gov_service.startup"},
      json={"name": "企业开办与注销"}),
    R("GET /api/feedback/v1/clusters", "ok ok 403 403 403 ok 403 403 401"),
    R("GET /api/feedback/v1/clusters/{code}", "ok ok 403 403 403 ok 403 403 401", params={"code": "cluster0"}),
    R("PATCH /api/feedback/v1/clusters/{code}", "ok 403 403 403 403 403 403 403 401",
      params={"code": "cluster0"}, json={"title": "矩阵类案"}),
    R("POST /api/feedback/v1/clusters/{code}/cases", "ok 403 403 403 403 403 403 403 401", params={"code": "cluster0"},
      json={"case_nos": ["{cluster_case1}", "{cluster_case2}", "{cluster_case3}"]}),
    R("DELETE /api/feedback/v1/clusters/{code}/cases/{case_no}", "ok 403 403 403 403 403 403 403 401",
      params={"code": "cluster0", "case_no": "cluster_case3"}),
    R("POST /api/feedback/v1/clusters/{code}/split", "ok 403 403 403 403 403 403 403 401", params={"code": "cluster0"},
      json={"case_nos": ["{cluster_case1}", "{cluster_case2}"]}),
    R("POST /api/feedback/v1/clusters/{code}/merge", "ok 403 403 403 403 403 403 403 401", params={"code": "cluster0"},
      json={"other": "{split_cluster}"}),
    R("POST /api/feedback/v1/clusters/{code}/confirm", "ok 403 403 403 403 403 403 403 401",
      params={"code": "cluster0"}, json={}),
    R("POST /api/feedback/v1/clusters/{code}/task", "ok 403 403 403 403 403 403 403 401",
      params={"code": "cluster0"}, json={
        "deadline": "{year}-12-31", "environment": "market", "lead_unit_id": "{unit_b}"}),
    R("POST /api/feedback/v1/clusters/{code}/dismiss", "ok 403 403 403 403 403 403 403 401",
      params={"code": "cluster_dismissed"}, json={"reason": "矩阵驳回"}),
    R("POST /api/feedback/v1/clusters/suggest", "ok 403 403 403 403 403 403 403 401", json={"period": "2025-Q1"},
      note="a quarter without cases, so the demo's suggestions stay as other tests expect them"),
    R("GET /api/feedback/v1/league-table", "ok ok ok ok ok ok 403 403 401", query={"period": Y}),
    R("GET /api/feedback/v1/league-table/config", "ok ok ok ok ok ok 403 403 401"),
    R("PUT /api/feedback/v1/league-table/config", "ok 403 403 403 403 403 403 403 401", json="{league_config}"),
    R("GET /api/feedback/v1/metrics/one-time-resolution", "ok 403 403 403 403 ok 403 403 401", query={"period": Y}),
    R("GET /api/feedback/v1/metrics/summary", "ok ok ok ok ok ok 403 403 401", query={"period": Y}),
    R("GET /api/feedback/v1/metrics/trend", "ok ok ok ok ok ok 403 403 401", query={"year": Y}),
    R("GET /api/feedback/v1/outbox", "ok 403 403 403 403 403 403 403 401"),
    R("POST /api/feedback/v1/outbox/retry", "ok 403 403 403 403 403 403 403 401"),
    R("POST /api/feedback/v1/outbox/{callback_id}/retry", "404 403 403 403 403 403 403 403 401",
      params={"callback_id": "999999999"},
      note="callbacks are off in the e2e stack (no receiver): no callback exists (404)"),
    R("GET /api/feedback/v1/ratings", "ok 403 ok ok ok ok 403 403 401"),
    R("GET /api/feedback/v1/ratings/summary", "ok 403 ok ok ok ok 403 403 401", query={"period": Y}),
    R("GET /api/feedback/v1/ratings/services", "ok ok ok ok ok ok 403 403 401"),
    R("POST /api/feedback/v1/ratings/services", "ok 403 403 403 403 403 403 403 401", json={
        "code": "authz{n}", "name": "矩阵事项{n}", "unit_code": "tjj", "category_code": "gov_service.startup"}),
    R("PATCH /api/feedback/v1/ratings/services/{code}", "ok 403 403 403 403 403 403 403 401",
      params={"code": "company_setup"}, json={"position": 0}),
    R("POST /api/feedback/v1/integrations/12345/orders", "401 401 401 401 401 401 ok 401 401",
      signed=True, json="{hotline_order}"),
    R("GET /api/feedback/v1/integrations/12345/orders/{order_no}", "401 401 401 401 401 401 ok 401 401",
      signed=True, params={"order_no": "order_no"}),
    # public: the enterprise's form, tracking and ratings; Open311
    R("GET /api/feedback/v1/public/options", "ok ok ok ok ok ok ok ok ok"),
    R("GET /api/feedback/v1/public/services", "ok ok ok ok ok ok ok ok ok"),
    R("GET /api/feedback/v1/public/league-table", "ok ok ok ok ok ok ok ok ok", query={"period": Y}),
    R("POST /api/feedback/v1/public/form-token", "ok ok ok ok ok ok ok ok ok"),
    R("POST /api/feedback/v1/public/cases", "ok ok ok ok ok ok ok ok ok", json={
        "type": "consultation", "category_code": "gov_service.startup", "title": "矩阵公开诉求",
        "description": "矩阵测试公开诉求内容", "contact_name": "测试", "contact_phone": "{phone}",
        "enterprise_name": "矩阵测试企业",
        "form_token": "{form_token}"}),
    R("POST /api/feedback/v1/public/ratings", "ok ok ok ok ok ok ok ok ok", json={
        "service_code": "company_setup", "stars": 5, "form_token": "{form_token}"}),
    R("POST /api/feedback/v1/public/track", "ok ok ok ok ok ok ok ok ok", json=TRACK),
    R("POST /api/feedback/v1/public/track/info", "ok ok ok ok ok ok ok ok ok", json={**TRACK, "content": "矩阵补充"}),
    R("POST /api/feedback/v1/public/track/attachments", "ok ok ok ok ok ok ok ok ok",
      files={"file": ("more.png", PNG, "image/png")},
      data=TRACK),
    R("POST /api/feedback/v1/public/track/rating", "409 409 409 409 409 409 409 409 409",
      json={**TRACK, "satisfaction": "satisfied"},
      note="the tracked case is not yet replied (409); same for every caller"),
    R("GET /api/feedback/open311/discovery.{fmt}", "ok ok ok ok ok ok ok ok ok", params={"fmt": "json"}),
    R("GET /api/feedback/open311/v2/services.{fmt}", "ok ok ok ok ok ok ok ok ok", params={"fmt": "json"}),
    R("GET /api/feedback/open311/v2/services/{service_code}.{fmt}", "ok ok ok ok ok ok ok ok ok",
      params={"fmt": "json", "service_code": "service_code"}),
    R("GET /api/feedback/open311/v2/requests.{fmt}", "ok ok ok ok ok ok ok ok ok", params={"fmt": "json"}),
    R("POST /api/feedback/open311/v2/requests.{fmt}", "ok ok ok ok ok ok ok ok ok", params={"fmt": "json"}, data={
        "api_key": "{open311_key}", "service_code": "gov_service.startup", "description": "矩阵 Open311 诉求内容",
        "phone": "{phone}", "first_name": "测试", "address_string": "滨江区",
        "attribute[enterprise_name]": "矩阵测试企业"}),
    R("GET /api/feedback/open311/v2/requests/{service_request_id}.{fmt}", "ok ok ok ok ok ok ok ok ok",
      params={"fmt": "json", "service_request_id": "open311_request"}),
    R("GET /api/feedback/open311/v2/tokens/{token}.{fmt}", "ok ok ok ok ok ok ok ok ok",
      params={"fmt": "json", "token": "open311_token"}),
]

COLUMN_TITLES = ("改革办", "专项小组", "牵头单位", "责任单位", "区县", "市领导", "12345", "审计员", "匿名")


def render_doc() -> str:
    """docs/authorization.md: the rules, then the whole table, one section per service."""
    lines = [
        "# 授权矩阵 / Authorization matrix",
        "",
        "Generated from `tests/e2e/authz_matrix.py` by "
        "`.venv/bin/python tests/e2e/authz_matrix.py > docs/authorization.md`; do not edit by hand "
        "(`tests/e2e/test_authorization_matrix.py` fails when this file and the table differ, and when an "
        "endpoint of any service's OpenAPI document is missing from the table).",
        "",
        "The end-to-end test starts the gateway and the three services as real processes, creates through the "
        "APIs objects owned by unit B (市统计局, district 滨江区: a task with milestones, a progress report "
        "with an attachment, an adjustment, an evaluation, an inspection with a rectification, a special action, "
        "a pilot, reminder notices, feedback cases with an attachment, a 12345 work order) and one user per role "
        "in unit A (市工商联; the group lead of the 政务环境 group; a district user of 西湖区; the demo reform "
        "office, leader, 12345 and auditor accounts), then calls every endpoint as every role on unit B's objects "
        "and compares each status code with the cell below.",
        "",
        "Rules the table keeps (checked by a test of the table itself):",
        "",
        "- cross-unit reads are **404** (the object is not visible: scoping is in the repository query), "
        "cross-unit writes **404** or **403**;",
        "- the reform office sees and changes everything; a city leader reads everything and writes nothing "
        "(**403**);",
        "- the 12345 account reaches only its signed integration endpoints (its HMAC signature, not a user "
        "token: user tokens get **401** there), and an auditor only the four audit logs; with a user token "
        "both get **403** from every endpoint open to staff, except whoami and their own account;",
        "- anonymous callers get **401** everywhere except the public endpoints: health and readiness, JWKS, "
        "login/refresh/logout/service-token, the public complaint form and tracking, public ratings and "
        "league table, Open311.",
        "",
        "Cells: `ok` = 2xx, the minimal body really succeeds; `401` not authenticated; `403` the role may not; "
        "`404` not visible; `409`/`422` past authorization but refused by the workflow or the body, only where "
        "the note says why.",
        "",
    ]
    sections = [("网关 gateway (/api/auth, JWKS)", ("/.well-known", "/api/auth")), ("tasks-api", ("/api/tasks",)),
                ("indicators-api", ("/api/indicators",)), ("feedback-api", ("/api/feedback",))]
    for title, prefixes in sections:
        lines += [f"## {title}", "", "| endpoint | " + " | ".join(COLUMN_TITLES) + " | note |",
                  "|---|" + "---|" * len(COLUMN_TITLES) + "---|"]
        for row in MATRIX:
            if row.path.startswith(prefixes):
                cells = " | ".join(row.expected[r] for r in ROLES)
                lines.append(f"| `{row.method} {row.path}` | {cells} | {row.note} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_doc(), end="")
