"""``python -m gateway migrate | downgrade | seed-demo | create-admin``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reform_common.cli import in_session, main

from gateway import demo
from gateway.bootstrap import create_admin
from gateway.settings import GatewaySettings


async def _seed_demo(_: argparse.Namespace, url: str) -> str:
    counts = await in_session(url, demo.load)
    return f"演示数据：新增单位 {counts['units']} 个，新增用户 {counts['users']} 个"


async def _create_admin(args: argparse.Namespace, url: str) -> str:
    password = os.environ.get("ADMIN_PASSWORD")
    if not password:
        sys.exit("请通过环境变量 ADMIN_PASSWORD 提供管理员密码")
    return await in_session(url, lambda s: create_admin(s, args.username, args.display_name, args.unit_name, password))


def _configure(_: argparse.ArgumentParser, parsers: dict[str, argparse.ArgumentParser]) -> None:
    admin = parsers["create-admin"]
    admin.add_argument("--username", required=True)
    admin.add_argument("--display-name", default="改革办管理员")
    admin.add_argument("--unit-name", default="市委全面深化改革委员会办公室")


main(
    Path(__file__).parent,
    GatewaySettings,
    {
        "seed-demo": ("载入演示单位和演示账号（仅演示环境）", _seed_demo),
        "create-admin": ("创建首个改革办管理员（密码取自 ADMIN_PASSWORD）", _create_admin),
    },
    _configure,
)
