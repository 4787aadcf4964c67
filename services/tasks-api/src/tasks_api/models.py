"""Importing this module registers every model so Alembic sees the whole schema."""

from tasks_api.actions.models import SpecialAction  # noqa: F401
from tasks_api.adjustments.models import TaskAdjustment  # noqa: F401
from tasks_api.audit.models import AuditLog  # noqa: F401
from tasks_api.base import Base  # noqa: F401
from tasks_api.battlemap.models import Baseline  # noqa: F401
from tasks_api.bulletins.models import Bulletin  # noqa: F401
from tasks_api.evaluations.models import Evaluation, EvaluationRubric, IndicatorRank  # noqa: F401
from tasks_api.imports.models import ImportBatch  # noqa: F401
from tasks_api.inbox.models import InboxMessage  # noqa: F401
from tasks_api.inspections.models import Inspection, InspectionFinding, Rectification  # noqa: F401
from tasks_api.league.models import LeagueSettings  # noqa: F401
from tasks_api.ledger.models import Milestone, Task, TaskUnit  # noqa: F401
from tasks_api.lifecycle.models import TaskStageChange  # noqa: F401
from tasks_api.notices.models import ReminderNotice  # noqa: F401
from tasks_api.pilots.models import Pilot, PilotDecision, PilotFeedback, PilotTask  # noqa: F401
from tasks_api.plans.models import Plan  # noqa: F401
from tasks_api.practices.models import BestPractice, Replication  # noqa: F401
from tasks_api.reports.models import ProgressReport  # noqa: F401
from tasks_api.workcal.models import CalendarDay, CalendarYear  # noqa: F401
