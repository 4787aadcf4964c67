"""``python -m feedback_api migrate | downgrade | seed-demo | train-dispatch``."""

import argparse
from datetime import UTC, datetime
from pathlib import Path

from reform_common.cli import in_session, main

from feedback_api import demo
from feedback_api.clusters import demo as cluster_demo
from feedback_api.dispatch import service as dispatch
from feedback_api.knowledge import demo as knowledge_demo
from feedback_api.settings import Settings


async def _seed_demo(_: argparse.Namespace, url: str) -> str:
    counts = await in_session(url, lambda session: demo.load(session, Settings()))
    extras = await in_session(url, lambda session: demo.load_extras(session, Settings()))
    # 举一反三: a few more similar cases, then one suggestion run (feedback_api/clusters/demo.py).
    clusters = await in_session(url, lambda session: cluster_demo.load(session, Settings()))
    knowledge = await in_session(url, knowledge_demo.load)
    return (f"演示诉求：新增 {counts['cases']} 件；营商环境我来评：新增评价 {extras['ratings']} 条"
            f"（转为诉求 {extras['rating_cases']} 件）；举一反三：新增类似诉求 {clusters['cases']} 件，"
            f"建议类案 {clusters['clusters']} 个；知识库：新增已发布条目 {knowledge} 条")


async def _train_dispatch(_: argparse.Namespace, url: str) -> str:
    # For a cron where the in-process schedule is off (docs/dispatch-suggestions.md).
    row = await in_session(url, lambda session: dispatch.train(session, Settings(), "schedule", "system",
                                                               datetime.now(UTC)))
    return f"分派模型第 {row.version} 版：{row.status}，训练诉求 {row.case_count} 件" + (f"（{row.note}）" if row.note else "")


main(Path(__file__).parent, Settings, {"seed-demo": ("载入演示企业诉求（仅演示环境）", _seed_demo),
                                      "train-dispatch": ("立即训练分派建议模型", _train_dispatch)})
