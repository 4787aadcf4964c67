"""Who may change what on a special action they can see (seeing is scoped in the queries)."""

from __future__ import annotations

from reform_common.auth import DISTRICT, GROUP_LEAD, LEAD_UNIT, REFORM_OFFICE, UNIT, Principal
from reform_common.errors import forbidden

from tasks_api.actions.models import SpecialAction

# Roles that do the work; a leader who happens to belong to the lead unit reads only.
WORKING_ROLES = (LEAD_UNIT, UNIT, DISTRICT)


def plans(principal: Principal, environment: str | None) -> bool:
    """Creates and edits an action: the office, or the special group of the action's environment."""
    if principal.has_any(REFORM_OFFICE):
        return True
    return (principal.has_any(GROUP_LEAD) and environment is not None
            and principal.environment == environment)


def runs(principal: Principal, action: SpecialAction) -> bool:
    """Ticks nodes and links tasks: the planners and the action's lead unit."""
    if plans(principal, action.environment):
        return True
    return principal.has_any(*WORKING_ROLES) and principal.unit_id == action.lead_unit_id


def require_plan(principal: Principal, environment: str | None) -> None:
    if not plans(principal, environment):
        raise forbidden("只有改革办或所属环境的专项小组可以新建或修改专项行动。")


def require_run(principal: Principal, action: SpecialAction) -> None:
    if not runs(principal, action):
        raise forbidden("只有改革办、所属专项小组或该行动的牵头单位可以更新节点和关联任务。")
