"""``python -m feedback_api migrate | downgrade | seed-demo``."""

import argparse
from pathlib import Path

from reform_common.cli import in_session, main

from feedback_api import demo
from feedback_api.settings import Settings


async def _seed_demo(_: argparse.Namespace, url: str) -> str:
    counts = await in_session(url, lambda session: demo.load(session, Settings()))
    return f"演示诉求：新增 {counts['cases']} 件"


main(Path(__file__).parent, Settings, {"seed-demo": ("载入演示企业诉求（仅演示环境）", _seed_demo)})
