"""Importing this module registers every model so Alembic sees the whole schema."""

from indicators_api.audit.models import AuditLog  # noqa: F401
from indicators_api.base import Base  # noqa: F401
from indicators_api.catalogs.models import Framework, Indicator, Region, RegionSetMember  # noqa: F401
from indicators_api.observations.models import Observation, ObservationImport  # noqa: F401
from indicators_api.results.models import CalculationRun, OfficialResult  # noqa: F401
