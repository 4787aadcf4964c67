"""Serves the built SPA: real files as they are, ``/report`` and ``/track``
to the light complaint-form entry, every other page path to ``index.html`` (client-side
routing). Unknown ``/api/...`` paths stay a problem+json 404."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from reform_common.errors import problem_response

router = APIRouter(include_in_schema=False)

_NOT_BUILT = (
    "<!doctype html><meta charset='utf-8'><title>营商环境改革推进平台</title>"
    "<p>前端尚未构建：请运行 <code>make run</code>（或 <code>cd frontend && npm run build</code>）。</p>"
)


@router.get("/{path:path}")
async def spa(request: Request, path: str) -> Response:
    if path.startswith("api/") or path == "api":
        return problem_response(404, "not_found", "资源不存在", "请求的地址不存在。", instance=request.url.path)
    root = Path(request.app.state.settings.spa_dir).resolve()
    candidate = (root / path).resolve()
    # resolve() + the parent check keeps ../ out of the SPA folder.
    if path and candidate.is_file() and root in candidate.parents:
        immutable = path.startswith("assets/")
        headers = {"Cache-Control": "public, max-age=31536000, immutable" if immutable else "no-cache"}
        return FileResponse(candidate, headers=headers)
    entry = "report.html" if path in ("report", "track") or path.startswith("report/") else "index.html"
    page = root / entry
    if not page.is_file():
        return Response(_NOT_BUILT, status_code=503, media_type="text/html; charset=utf-8")
    return FileResponse(page, headers={"Cache-Control": "no-cache"})
