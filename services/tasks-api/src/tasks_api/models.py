"""The tasks-api declarative base; importing this module registers every model
so Alembic sees the whole schema."""

from tasks_api.base import Base  # noqa: F401
from tasks_api.audit.models import AuditLog  # noqa: F401
