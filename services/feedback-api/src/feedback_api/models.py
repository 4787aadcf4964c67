"""The feedback-api declarative base; importing this module registers every model
so Alembic sees the whole schema."""

from feedback_api.audit.models import AuditLog  # noqa: F401
from feedback_api.base import Base  # noqa: F401
from feedback_api.cases.models import Case, CaseAttachment, CaseEvent, CaseExtension, CaseUnit  # noqa: F401
from feedback_api.categories.models import Category  # noqa: F401
from feedback_api.clusters.models import CaseCluster, ClusterCase  # noqa: F401
from feedback_api.dispatch.models import DispatchDecision, DispatchModel  # noqa: F401
from feedback_api.knowledge.models import KnowledgeEntry  # noqa: F401
from feedback_api.league.models import LeagueSettings  # noqa: F401
from feedback_api.open311.models import Open311Request  # noqa: F401
from feedback_api.outbox.models import HotlineCallback  # noqa: F401
from feedback_api.public.models import PublicSubmission  # noqa: F401
from feedback_api.ratings.models import RatedService, ServiceRating  # noqa: F401
from feedback_api.repeats.models import CaseRepeatFlag  # noqa: F401
from feedback_api.rollups.models import RollupConfig, RollupFact, RollupMonthly, RollupPending  # noqa: F401
from feedback_api.workcal.models import CalendarDay, CalendarYear  # noqa: F401
