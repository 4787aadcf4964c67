"""The SPA: bytes each first screen loads and the cockpit's largest contentful paint.

- Bundle budgets: ``frontend/scripts/check-bundle.mjs --json`` (the same check ``make test`` runs) sizes the
  gzipped JavaScript of the public ``/report`` entry and of the staff app's login page and landing routes.
  Bytes are deterministic: absolute targets, no baseline.
- Cockpit LCP: ``bench/lcp.mjs`` opens ``/cockpit`` signed in as the leader in headless Chromium, served by the
  gateway on the bench data set (10M cases at full scale), 5 fresh contexts, median. Baseline in the same run:
  the login page's LCP (a static page, same gateway and browser), with the ratio."""

from __future__ import annotations

import json
import os
import subprocess

import httpx
from reform_common.demo import DEMO_PASSWORD

from bench.harness import BenchContext, Figure

SUITE = "spa"
LCP_RUNS = 5
LCP_TARGET_MS = 1500
COCKPIT_USER = "leader"  # lands on the cockpit (src/nav/menu.ts)


def _build_if_stale(ctx: BenchContext) -> None:
    """Sizes what the sources build to now: rebuilds when a source is newer than the last build's manifest."""
    frontend = ctx.repo_root / "frontend"
    manifest = frontend / "dist" / ".vite" / "manifest.json"
    sources = [*(frontend / "src").rglob("*"), frontend / "index.html", frontend / "report.html",
               frontend / "vite.config.ts", frontend / "package-lock.json"]
    built = [p for p in sources if p.is_file() and ".test." not in p.name]
    if manifest.exists() and max(p.stat().st_mtime for p in built) <= manifest.stat().st_mtime:
        return
    subprocess.run(["npm", "run", "build"], cwd=frontend, check=True, capture_output=True)


def bundle_figures(ctx: BenchContext) -> list[Figure]:
    _build_if_stale(ctx)
    out = subprocess.run(["node", "scripts/check-bundle.mjs", "--json"], cwd=ctx.repo_root / "frontend",
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):  # 1: over budget, still a table to report
        raise RuntimeError(f"check-bundle.mjs failed: {out.stderr.strip()}")
    figures = []
    for row in json.loads(out.stdout):
        figures.append(Figure(
            suite=SUITE, name=f"gzipped JS, {row['name']}", value=round(row["bytes"] / 1000, 1), unit="KB",
            target=f"≤ {row['budget'] // 1000} KB", met=row["ok"],
            note=f"{len(row['files'])} chunks (entry + static imports)",
        ))
    return figures


def _lcp(ctx: BenchContext, base_url: str, path: str, ready: str, tokens: dict[str, str] | None) -> dict:
    cmd = ["node", str(ctx.repo_root / "bench" / "lcp.mjs"), base_url, path, "--ready", ready, "--runs", str(LCP_RUNS)]
    env = dict(os.environ)
    if tokens:
        env.update(LCP_ACCESS=tokens["access_token"], LCP_REFRESH=tokens["refresh_token"])
    out = subprocess.run(cmd, cwd=ctx.repo_root, env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"lcp.mjs {path} failed: {out.stderr.strip()[-2000:]}")
    result = json.loads(out.stdout)
    if result["median_ms"] is None:
        raise RuntimeError(f"{path}: no largest-contentful-paint entry")
    return result


def _lcp_note(result: dict) -> str:
    runs = result["runs"]
    values = sorted(round(r["ms"]) for r in runs if r and r.get("ms") is not None)
    elements = sorted({r["element"] or "(removed)" for r in runs if r})
    data = sorted(round(r["data_ms"]) for r in runs if r and r.get("data_ms"))
    note = f"runs {values} ms; LCP element {', '.join(elements)}"
    if data:
        note += f"; last API answer at median {data[len(data) // 2]} ms"
    return note


def lcp_figures(ctx: BenchContext) -> list[Figure]:
    from bench.stack import running_stack

    cases = "10M" if ctx.scale == "full" else "100k"
    with running_stack(ctx) as stack:
        login = httpx.post(f"{stack.gateway}/api/auth/v1/login",
                           json={"username": COCKPIT_USER, "password": DEMO_PASSWORD}, timeout=30)
        login.raise_for_status()
        baseline = _lcp(ctx, stack.gateway, "/login", ".login-title", None)
        cockpit = _lcp(ctx, stack.gateway, "/cockpit", ".cockpit-page", login.json())
    if any(r and r.get("path") != "/cockpit" for r in cockpit["runs"]):
        raise RuntimeError("the cockpit run did not stay on /cockpit (signed out?)")
    base_name = "LCP of the login page (static, same gateway)"
    base_ms, value = baseline["median_ms"], cockpit["median_ms"]
    return [
        Figure(suite=SUITE, name=base_name, value=round(base_ms), unit="ms", target="baseline", met=None,
               note=_lcp_note(baseline)),
        Figure(suite=SUITE, name=f"cockpit LCP, leader, {cases} cases", value=round(value), unit="ms",
               target=f"≤ {LCP_TARGET_MS} ms", met=value <= LCP_TARGET_MS, baseline=base_name,
               baseline_value=round(base_ms), ratio=round(value / base_ms, 2),
               note=f"median of {LCP_RUNS} fresh contexts; " + _lcp_note(cockpit)),
    ]


def run(ctx: BenchContext) -> list[Figure]:
    return bundle_figures(ctx) + lcp_figures(ctx)
