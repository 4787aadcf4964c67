"""The feedback-api declarative base; importing this module registers every model
so Alembic sees the whole schema."""

from feedback_api.base import Base  # noqa: F401
from feedback_api.audit.models import AuditLog  # noqa: F401
