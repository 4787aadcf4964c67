"""``python -m tasks_api migrate | downgrade | seed-demo``."""

import argparse
from pathlib import Path

from reform_common.cli import in_session, main

from tasks_api import demo
from tasks_api.settings import Settings


async def _seed_demo(_: argparse.Namespace, url: str) -> str:
    counts = await in_session(url, demo.load)
    return f"演示台账：新增任务 {counts['tasks']} 项，进展报送 {counts['reports']} 份"


main(Path(__file__).parent, Settings, {"seed-demo": ("载入演示年度任务清单（仅演示环境）", _seed_demo)})
