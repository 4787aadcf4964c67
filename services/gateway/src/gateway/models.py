"""The gateway's declarative base; importing this module registers every
model so Alembic sees the whole schema."""

from gateway.base import Base  # noqa: F401
from gateway.audit.models import AuditLog  # noqa: F401
from gateway.auth.models import RefreshToken  # noqa: F401
from gateway.directory.models import Unit, User  # noqa: F401
