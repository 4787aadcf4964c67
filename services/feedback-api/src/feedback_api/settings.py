from pydantic import Field
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

    feedback_districts: list[tuple[str, str]] = Field(default_factory=lambda: list(DEFAULT_DISTRICTS))

    # 12345: key id → shared secret (FEEDBACK_HOTLINE_KEYS='{"demo-12345": "demo-12345-secret"}').
    feedback_hotline_keys: dict[str, str] = Field(default_factory=dict)
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
