"""Stable ids for demo data shared across services.

Services never read each other's tables, yet demo tasks must name the demo
units the gateway created: both derive the same UUID from the unit code."""

from __future__ import annotations

import uuid

DEMO_NAMESPACE = uuid.UUID("6f1c7d1e-2b7a-4f4e-9a53-2f7c1c0d2026")
DEMO_PASSWORD = "Demo@2026!"


def unit_uuid(code: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, f"unit:{code}")


def user_uuid(username: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, f"user:{username}")
