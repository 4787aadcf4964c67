"""Writes each service's OpenAPI document to frontend/openapi/<name>.json,
from which the SPA's typed client is generated (`npm run gen:api`).
A test fails when the committed documents differ from the code."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

OUT = Path(__file__).resolve().parent.parent / "frontend" / "openapi"


def documents() -> dict[str, dict]:
    # The gateway needs a signing key to build its app; any key will do here.
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    from feedback_api.main import create_app as feedback
    from gateway.main import create_app as gateway
    from gateway.settings import GatewaySettings
    from indicators_api.main import create_app as indicators
    from tasks_api.main import create_app as tasks

    return {
        "auth": gateway(GatewaySettings(jwt_private_key=pem)).openapi(),
        "tasks": tasks().openapi(),
        "indicators": indicators().openapi(),
        "feedback": feedback().openapi(),
    }


def render(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, doc in documents().items():
        (OUT / f"{name}.json").write_text(render(doc), encoding="utf-8")
        print(f"wrote {OUT / f'{name}.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
