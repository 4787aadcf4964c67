"""The indicators-api declarative base; importing this module registers every model
so Alembic sees the whole schema."""

from indicators_api.base import Base  # noqa: F401
from indicators_api.audit.models import AuditLog  # noqa: F401
