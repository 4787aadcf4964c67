"""Staff decisions on repeat flags: the dispatcher (reform office) or the
flagged case's handling unit confirms or dismisses. A dismissal unlinks the
case (``repeat_of`` cleared), so the earlier case counts as resolved once
again; a confirmation keeps (or restores) the link. Either may be reversed
by the other decision; each one is audited. Never commits."""

from __future__ import annotations

from datetime import datetime

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem, conflict, forbidden
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.audit.models import AuditLog
from feedback_api.cases import service as cases
from feedback_api.cases.models import Case
from feedback_api.repeats import repository as repo
from feedback_api.repeats.models import CaseRepeatFlag
from feedback_api.repeats.schemas import (
    FLAG_STATUS_LABELS,
    MATCHED_BY_LABELS,
    RepeatFlagList,
    RepeatFlagRead,
)


def present(flag: CaseRepeatFlag, case: Case, earlier: Case) -> RepeatFlagRead:
    return RepeatFlagRead(
        case_no=case.case_no, title=case.title, enterprise_name=case.enterprise_name, received_at=case.received_at,
        repeat_of=earlier.case_no, repeat_of_title=earlier.title, repeat_of_closed_at=earlier.closed_at,
        status=flag.status, status_label=FLAG_STATUS_LABELS[flag.status], matched_by=flag.matched_by,
        matched_by_label=MATCHED_BY_LABELS[flag.matched_by], similarity=flag.similarity,
        counts_against_one_time_resolution=flag.status != "dismissed", flagged_at=flag.created_at,
        decided_by=flag.decided_by, decided_at=flag.decided_at, decision_comment=flag.decision_comment,
    )


def _not_flagged(case: Case) -> Problem:
    return Problem(404, "repeats.not_flagged", "未标记为重复诉求", f"诉求 {case.case_no} 没有重复诉求标记。")


async def _flag(session: AsyncSession, case: Case, *, for_update: bool = False) -> tuple[CaseRepeatFlag, Case]:
    flag = await repo.flag_for(session, case.id, for_update=for_update)
    if flag is None:
        raise _not_flagged(case)
    earlier = await repo.earlier_case(session, flag.repeat_of_id)
    assert earlier is not None  # the foreign key cascades
    return flag, earlier


async def get(session: AsyncSession, principal: Principal, case_no: str) -> RepeatFlagRead:
    case = await cases.require(session, principal, case_no)
    flag, earlier = await _flag(session, case)
    return present(flag, case, earlier)


async def decide(session: AsyncSession, principal: Principal, case_no: str, confirm: bool, comment: str | None,
                 now: datetime) -> RepeatFlagRead:
    case = await cases.require(session, principal, case_no, for_update=True)
    if not cases.roles_on(principal, case):
        raise forbidden("只有改革办（调度）或该诉求的承办单位可以确认或排除重复诉求标记。")
    flag, earlier = await _flag(session, case, for_update=True)
    target = "confirmed" if confirm else "dismissed"
    if flag.status == target:
        raise conflict("repeats.already_decided",
                       f"诉求 {case.case_no} 的重复标记已是「{FLAG_STATUS_LABELS[target]}」。")
    previous = flag.status
    flag.status, flag.decided_by, flag.decided_at, flag.decision_comment = target, principal.username, now, comment
    case.repeat_of_id = earlier.id if confirm else None
    await session.flush()
    audit.record(session, AuditLog, action=f"case.repeat_{target}", entity_type="case", entity_id=case.case_no,
                 actor=principal, detail={"repeat_of": earlier.case_no, "from": previous, "to": target,
                                          "comment": comment})
    return present(flag, case, earlier)


async def list_flags(session: AsyncSession, principal: Principal, status: str | None, page: int,
                     page_size: int) -> RepeatFlagList:
    rows, total = await repo.page(session, principal, status, (page - 1) * page_size, page_size)
    return RepeatFlagList(items=[present(f, c, e) for f, c, e in rows], total=total, page=page,
                          page_size=page_size)
