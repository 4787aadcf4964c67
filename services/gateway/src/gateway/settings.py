from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import NoDecode
from reform_common.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    service_name: str = "auth"
    database_name: str = "reform_gateway"
    database_env: str = "GATEWAY_DATABASE_URL"

    # EC P-256 signing key: PEM text (a secret in production) or a file,
    # generated on first start when neither exists (development).
    jwt_private_key: str | None = None
    jwt_private_key_file: str = "var/keys/jwt-signing.pem"
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 14 * 24 * 3600
    service_token_ttl_seconds: int = 300

    tasks_url: str = "http://127.0.0.1:8001"
    indicators_url: str = "http://127.0.0.1:8002"
    feedback_url: str = "http://127.0.0.1:8003"
    proxy_timeout_seconds: float = 30.0
    proxy_connect_timeout_seconds: float = 3.0

    spa_dir: str = "frontend/dist"
    login_rate_limit_per_minute: int = 20
    # Per client address and minute (each gateway process on its own).
    public_rate_limit_per_minute: int = 60  # POST /api/feedback/v1/public/* (filing, tracking, rating)
    public_read_rate_limit_per_minute: int = 120  # GET /api/feedback/v1/public/* (form options)
    hotline_rate_limit_per_minute: int = 600  # the 12345 system: one address, many orders
    open311_rate_limit_per_minute: int = 120  # Open311 reads (services, requests, tokens, discovery)
    open311_post_rate_limit_per_minute: int = 10  # Open311 POST requests: each files a case

    lockout_threshold: int = 5
    lockout_minutes: int = 15

    # Browser origins other than the gateway's own that may call the API (CORS), e.g.
    # CORS_ALLOW_ORIGINS=https://reform.example.gov.cn (comma-separated or a JSON list). Empty: same origin only.
    cors_allow_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Request bodies over these are refused with 413 before they are read; the upload paths
    # (main.UPLOAD_PATHS) get the larger one, which matches nginx's client_max_body_size.
    max_request_bytes: int = 4 * 1024 * 1024
    max_upload_request_bytes: int = 20 * 1024 * 1024

    @field_validator("cors_allow_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            return json.loads(text) if text.startswith("[") else [o.strip() for o in text.split(",") if o.strip()]
        return value

    def upstreams(self) -> dict[str, str]:
        return {"tasks": self.tasks_url, "indicators": self.indicators_url, "feedback": self.feedback_url}
