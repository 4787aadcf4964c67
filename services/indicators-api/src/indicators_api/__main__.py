"""``python -m indicators_api migrate | downgrade | load-catalog | seed-demo``."""

import argparse
from pathlib import Path

from reform_common.cli import in_session, main

from indicators_api import demo, reference
from indicators_api.settings import Settings


async def _load_catalog(_: argparse.Namespace, url: str) -> str:
    counts = await in_session(url, reference.load)
    return f"评价体系 {counts['frameworks']} 个、指标 {counts['indicators']} 项、地区 {counts['regions']} 个已同步"


async def _seed_demo(_: argparse.Namespace, url: str) -> str:
    counts = await in_session(url, demo.load)
    return f"演示指标：评价体系与指标已同步，新增示例数据 {counts['observations']} 条"


main(Path(__file__).parent, Settings, {
    "load-catalog": ("同步评价体系、指标树与地区（生产环境首次部署时运行）", _load_catalog),
    "seed-demo": ("载入示例（合成）指标数据（仅演示环境）", _seed_demo),
})
