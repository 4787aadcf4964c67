import json
from datetime import time
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import NoDecode
from reform_common.settings import ServiceSettings

# Working days allowed per case type (企业诉求办理时限); a 12345 order's own limit wins.
DEFAULT_TIME_LIMITS = {
    "consultation": 3, "help": 5, "complaint": 5, "report": 5, "suggestion": 15, "praise": 5,
}

# The served city's districts (GB/T 2260 code, name). The district unit that sees a
# case is the unit directory's district unit of the same name.
DEFAULT_DISTRICTS = [
    ("330102", "上城区"), ("330105", "拱墅区"), ("330106", "西湖区"), ("330108", "滨江区"),
    ("330109", "萧山区"), ("330110", "余杭区"), ("330111", "富阳区"), ("330112", "临安区"),
    ("330113", "临平区"), ("330114", "钱塘区"), ("330122", "桐庐县"), ("330127", "淳安县"),
    ("330182", "建德市"),
]


class Settings(ServiceSettings):
    service_name: str = "feedback"
    database_name: str = "reform_feedback"
    database_env: str = "FEEDBACK_DATABASE_URL"

    # Attachments (a mounted volume in production).
    feedback_storage_dir: str = "var/uploads/feedback"
    feedback_max_attachment_bytes: int = 10 * 1024 * 1024
    feedback_max_attachments: int = 10

    # Deadlines, in working days on the official calendar.
    feedback_time_limits: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_TIME_LIMITS))
    feedback_accept_working_days: int = 1
    feedback_approaching_working_days: int = 1
    feedback_max_extension_working_days: int = 15
    feedback_repeat_window_days: int = 30
    # Repeat detection (docs/feedback-league.md): "the same matter" is the same category and at least
    # this cosine similarity of the two cases' character bigrams (title + description).
    feedback_repeat_min_similarity: float = Field(default=0.2, ge=0, le=1)
    # 营商环境我来评: ratings of one service from one address in 24 hours.
    feedback_rating_daily_per_service_address: int = 3

    feedback_districts: list[tuple[str, str]] = Field(default_factory=lambda: list(DEFAULT_DISTRICTS))

    # 12345: key id → shared secret (FEEDBACK_HOTLINE_KEYS='{"demo-12345": "demo-12345-secret"}').
    feedback_hotline_keys: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict)
    feedback_hotline_window_seconds: int = 300

    # Personal data: the key material for AES-GCM and the blind index (any long random
    # string; a secret in production). Old keys still decrypt after a rotation.
    feedback_pii_key: str = "dev-feedback-pii-key-change-me"
    feedback_pii_old_keys: list[str] = Field(default_factory=list)

    # Public form spam guard.
    feedback_public_min_fill_seconds: int = 3
    feedback_public_token_ttl_seconds: int = 2 * 3600
    feedback_public_daily_per_phone: int = 5
    feedback_public_daily_per_address: int = 30
    feedback_public_hourly_failed_lookups: int = 20
    feedback_public_daily_info_per_case: int = 10

    # 12345 callbacks (docs/integrations/12345.md, "Callbacks"): every status change of a 12345
    # order is queued in the outbox in the same transaction and POSTed, signed, to this URL.
    # Unset: no callbacks, and no outbox rows are written.
    hotline_callback_url: str | None = None
    # The key id and secret the platform signs callbacks with (X-Hotline-Key / X-Hotline-Signature).
    hotline_callback_key: str = "reform-platform"
    hotline_callback_secret: str = ""
    # Retries: base * 2^(attempt-1) seconds after a failed attempt, at most cap; never given up.
    hotline_callback_backoff_base_seconds: float = 5.0
    hotline_callback_backoff_cap_seconds: float = 900.0
    hotline_callback_timeout_seconds: float = 10.0
    # How often the dispatcher looks for due rows when nothing woke it (a commit wakes it at once).
    hotline_callback_poll_seconds: float = 5.0
    hotline_callback_batch_size: int = 20
    # false: rows are still written, but this process does not deliver them (another replica does).
    hotline_callback_dispatcher: bool = True

    # Open311 GeoReport v2 (docs/integrations/open311.md): api_key → client name. Also accepted:
    # a JSON list or a comma-separated list of keys.
    feedback_open311_api_keys: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict)
    # Checked when a client sends jurisdiction_id (this endpoint serves one jurisdiction).
    feedback_open311_jurisdiction_id: str = "hangzhou.gov.cn"
    # The public base URL named in the discovery document; unset: from the request (X-Forwarded-*).
    feedback_open311_base_url: str | None = None
    feedback_open311_contact: str = "市委改革办（营商环境优化提升专班）"
    feedback_open311_key_service: str = "api_key 由市委改革办发放，申请方式见 docs/integrations/open311.md"

    # 举一反三 (docs/feedback-clusters.md): cases whose similarity (0–1) reaches the threshold are
    # suggested together; a suggestion run refuses a category with more cases than the maximum.
    feedback_cluster_threshold: float = Field(default=0.20, gt=0, lt=1)
    feedback_cluster_max_cases_per_category: int = 20000
    # How long to wait for tasks-api when creating a cluster's task or reading its status.
    feedback_cluster_tasks_timeout_seconds: float = 10.0

    # Dispatch suggestions (docs/dispatch-suggestions.md): below this many closed cases (or with a
    # single handling unit) no model is trained and the category tree's keyword rules answer.
    feedback_dispatch_min_cases: int = Field(default=50, ge=10, le=100000)
    # The newest share of closed cases held out to evaluate each version (time-ordered split).
    feedback_dispatch_test_share: float = Field(default=0.2, gt=0, lt=0.5)
    # Training reads at most this many of the newest closed cases (and the keyword rules' usual units
    # as many recently assigned ones): fitting ~10 s and the model ~25 MB at 20,000 on 2 cores.
    feedback_dispatch_max_cases: int = Field(default=20000, ge=100, le=1000000)
    # Retrained every day at this Shanghai time, in process; off: only on demand.
    feedback_dispatch_train_time: time = time(3, 0)
    feedback_dispatch_schedule_enabled: bool = True

    @field_validator("feedback_hotline_keys", mode="before")
    @classmethod
    def _hotline_keys(cls, value: Any) -> Any:
        # An empty variable (compose's ${FEEDBACK_HOTLINE_KEYS:-}) means no keys.
        if isinstance(value, str):
            return json.loads(value) if value.strip() else {}
        return value

    @field_validator("feedback_open311_api_keys", mode="before")
    @classmethod
    def _api_keys(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if not text:
                return {}
            value = json.loads(text) if text[0] in "[{" else [k for k in text.split(",") if k.strip()]
        if isinstance(value, list | tuple):
            return {str(k).strip(): f"client-{i + 1}" for i, k in enumerate(value)}
        return value
