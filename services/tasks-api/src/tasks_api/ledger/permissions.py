"""Who may change what on a task they can see (seeing is scoped in the queries)."""

from __future__ import annotations

from reform_common.auth import DISTRICT, GROUP_LEAD, LEAD_UNIT, REFORM_OFFICE, UNIT, Principal
from reform_common.errors import forbidden

from tasks_api.ledger.models import Task


REPORTING_ROLES = (LEAD_UNIT, UNIT, DISTRICT)


def manages(principal: Principal, task: Task) -> bool:
    """Plans the task: the office, its environment's special group, its lead unit."""
    if principal.has_any(REFORM_OFFICE):
        return True
    if principal.has_any(GROUP_LEAD) and principal.environment == task.environment:
        return True
    return principal.has_any(LEAD_UNIT) and principal.unit_id == task.lead_unit_id


def reports(principal: Principal, task: Task) -> bool:
    """Reports progress: the lead unit and every responsible unit."""
    if not principal.has_any(*REPORTING_ROLES) or principal.unit_id is None:
        return False
    return principal.unit_id == task.lead_unit_id or any(
        tu.unit_id == principal.unit_id for tu in task.responsible_units
    )


def require_manage(principal: Principal, task: Task) -> None:
    if not manages(principal, task):
        raise forbidden("只有改革办、所属专项小组或牵头单位可以修改该任务。")


def require_report(principal: Principal, task: Task) -> None:
    if not reports(principal, task):
        raise forbidden("只有该任务的牵头单位或责任单位可以报送进展。")
