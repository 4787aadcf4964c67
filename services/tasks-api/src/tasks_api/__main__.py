"""``python -m tasks_api migrate | downgrade | seed-demo``."""

import argparse
from pathlib import Path

from reform_common.cli import in_session, main

from tasks_api import demo, demo_supervision
from tasks_api.settings import Settings


async def _seed_demo(_: argparse.Namespace, url: str) -> str:
    counts = await in_session(url, demo.load)
    # Its own transaction: the plan stays loaded even if this part fails.
    extra = await in_session(url, lambda session: demo_supervision.load(session, demo_supervision.demo_units()))
    return (f"演示台账：新增任务 {counts['tasks']} 项，进展报送 {counts['reports']} 份；"
            f"督查考评：专项行动 {extra['special_actions']} 项，督察 {extra['inspections']} 次，"
            f"考评 {extra['lead_evaluations'] + extra['office_evaluations']} 条，试点 {extra['pilots']} 个，"
            f"通报 {extra['bulletins']} 期")


main(Path(__file__).parent, Settings, {"seed-demo": ("载入演示年度任务清单（仅演示环境）", _seed_demo)})
