"""Bulletins (通报): generated now from the league table and the ledger and
stored as a frozen snapshot; a draft may be regenerated or deleted, a
published one never changes. Publishing numbers it (文号, per year), dates it
and puts one message in every unit's inbox. Never commits."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from reform_common import audit
from reform_common.auth import Principal
from reform_common.errors import Problem, conflict, not_found
from reform_common.units import UnitDirectory
from reform_common.workdays import SHANGHAI, today_shanghai
from sqlalchemy.ext.asyncio import AsyncSession

from tasks_api.audit.models import AuditLog
from tasks_api.bulletins import repository as repo
from tasks_api.bulletins.models import Bulletin
from tasks_api.bulletins.schemas import (
    BulletinContent,
    BulletinCreate,
    BulletinPublish,
    BulletinRead,
    BulletinRegenerate,
    BulletinSummary,
    DoneMilestone,
    NotableProgress,
    OverdueItem,
    ProgressTask,
    SummaryFigures,
    UnitOverdue,
)
from tasks_api.inbox import repository as inbox_repo
from tasks_api.inbox import service as inbox
from tasks_api.league import periods
from tasks_api.league import service as league
from tasks_api.league.periods import Period
from tasks_api.ledger import rules
from tasks_api.ledger.models import Task
from tasks_api.plans import service as plans

PERIOD_KIND = {"monthly": "month", "quarterly": "quarter", "annual": "year"}
INBOX_KIND = "bulletin"
# Units that are not ranked and do not receive bulletins.
NOT_RECIPIENTS = ("hotline", "enterprise")
TOP_GAINS = 5


def default_title(period: Period) -> str:
    return f"关于{period.label}营商环境优化提升重点任务推进情况的通报"


def content_of(bulletin: Bulletin) -> BulletinContent:
    return BulletinContent.model_validate(bulletin.snapshot)


async def present(session: AsyncSession, bulletin: Bulletin) -> BulletinRead:
    delivered, read = await inbox_repo.delivery(session, INBOX_KIND, str(bulletin.id))
    return BulletinRead(**BulletinSummary.model_validate(bulletin).model_dump(), content=content_of(bulletin),
                        delivered=delivered, read=read)


# ---- the snapshot -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Milestone:
    """A milestone as it stood on a past day."""

    title: str
    due_date: date
    done_date: date | None


def standing_on(task: Task, approved: list[tuple[datetime, int]], day: date) -> tuple[int, str]:
    """(progress, status) of a task at the end of ``day``, by the ledger's rollup rules."""
    milestones = [_Milestone(m.title, m.due_date, m.done_date if m.done_date and m.done_date <= day else None)
                  for m in task.milestones]
    reported = None
    for at, progress in approved:
        if at.astimezone(SHANGHAI).date() <= day:
            reported = progress
    progress = rules.rollup_progress(milestones, reported)
    return progress, rules.derive_status(task.continuous, milestones, progress)


async def build_content(session: AsyncSession, result: league.LeagueResult) -> BulletinContent:
    ctx, period, window_end, table = result.ctx, result.period, result.window_end, result.table
    approvals = await repo.approvals(session, [t.task.id for t in result.tasks])

    def lead_name(task: Task) -> str | None:
        ref = ctx.unit_ref(task.lead_unit_id)
        return ref.name if ref else None

    statuses = {"completed": 0, "in_progress": 0, "not_started": 0, "ongoing": 0}
    warnings = {"red": 0, "yellow": 0, "none": 0}
    completed: list[ProgressTask] = []
    gains: list[ProgressTask] = []
    done: list[DoneMilestone] = []
    overdue: dict[uuid.UUID, list[OverdueItem]] = defaultdict(list)
    for item in result.tasks:
        task, history = item.task, approvals.get(item.task.id, [])
        statuses[standing_on(task, history, ctx.as_of)[1]] += 1
        warnings[item.evaluation.warning] += 1
        before, before_status = standing_on(task, history, period.start - timedelta(days=1))
        after, after_status = standing_on(task, history, window_end)
        moved = ProgressTask(task_code=task.code, title=task.title, lead_unit=lead_name(task),
                             progress_before=before, progress_after=after, gain=after - before)
        if after_status == "completed" and before_status != "completed":
            completed.append(moved)
        if moved.gain > 0:
            gains.append(moved)
        done += [DoneMilestone(task_code=task.code, task_title=task.title, milestone=m.title, due_date=m.due_date,
                               done_date=m.done_date, on_time=m.done_date <= m.due_date, lead_unit=lead_name(task))
                 for m in task.milestones if m.done_date is not None and period.start <= m.done_date <= window_end]
        if item.evaluation.warning == "red":
            for unit_id in item.unit_ids:
                if unit_id in ctx.units:
                    overdue[unit_id].append(OverdueItem(
                        task_code=task.code, title=task.title, reasons=item.evaluation.reasons,
                        role="lead" if unit_id == task.lead_unit_id else "responsible"))

    order = {unit_id: i for i, unit_id in enumerate(ctx.units)}
    rows = table.rows
    due = sum(1 for item in result.tasks for m in item.task.milestones if period.start <= m.due_date <= window_end)
    on_time = sum(1 for item in result.tasks for m in item.task.milestones
                  if period.start <= m.due_date <= window_end and m.done_date is not None and m.done_date <= m.due_date)
    # Reports are counted per (task, unit, period); the table already has them per unit.
    expected = sum(r.reports_expected for r in rows)
    reported = sum(r.reports_on_time for r in rows)
    summary = SummaryFigures(
        tasks=len(result.tasks), **statuses, red=warnings["red"], yellow=warnings["yellow"],
        milestones_due=due, milestones_on_time=on_time, on_time_rate=league.percent(on_time, due),
        milestones_done=len(done), reports_expected=expected, reports_on_time=reported,
        report_rate=league.percent(reported, expected), open_rectifications=sum(result.open_rectifications.values()),
        units_listed=len(rows), units_ranked=sum(1 for r in rows if r.ranked),
    )
    return BulletinContent(
        issuing_unit=league.issuing_unit(result.settings, ctx),
        generated_at=datetime.now(UTC),
        league=table,
        summary=summary,
        overdue=[UnitOverdue(unit=ctx.unit_ref(unit_id), items=sorted(items, key=lambda i: i.task_code))
                 for unit_id, items in sorted(overdue.items(), key=lambda kv: (-len(kv[1]), order[kv[0]]))],
        progress=NotableProgress(
            completed_tasks=sorted(completed, key=lambda p: p.task_code),
            milestones_done=sorted(done, key=lambda d: (d.done_date, d.task_code, d.milestone)),
            top_gains=sorted(gains, key=lambda p: (-p.gain, p.task_code))[:TOP_GAINS],
        ),
    )


# ---- lifecycle ----------------------------------------------------------------------------------

def _period(kind: str, text: str) -> Period:
    period = periods.parse(text)
    if PERIOD_KIND[kind] != period.kind:
        raise Problem(422, "bulletins.period_kind_mismatch", "通报类型与期间不符",
                      "月度通报的期间写 2026-10，季度通报写 2026-Q3，年度通报写 2026。",
                      errors=[{"field": "period", "code": "kind_mismatch", "message": "与通报类型不符"}])
    return period


async def _generate(
    session: AsyncSession, directory: UnitDirectory, period: Period, as_of: date | None
) -> tuple[BulletinContent, date]:
    result = await league.compute(session, directory, period.key, as_of)
    return await build_content(session, result), result.ctx.as_of


def _record(session: AsyncSession, actor: Principal, bulletin: Bulletin, action: str, **detail) -> None:
    audit.record(session, AuditLog, action=action, entity_type="bulletin", entity_id=bulletin.id, actor=actor,
                 detail={"period": bulletin.period, "kind": bulletin.kind, **detail})


async def create(
    session: AsyncSession, actor: Principal, directory: UnitDirectory, data: BulletinCreate
) -> Bulletin:
    period = _period(data.kind, data.period)
    content, as_of = await _generate(session, directory, period, data.as_of)
    bulletin = Bulletin(
        year=period.year, kind=data.kind, period=period.key, period_start=period.start, period_end=period.end,
        as_of=as_of, title=data.title or default_title(period), status="draft",
        snapshot=content.model_dump(mode="json"), created_by=actor.username,
    )
    session.add(bulletin)
    await session.flush()
    _record(session, actor, bulletin, "bulletin.create", as_of=as_of.isoformat())
    return bulletin


async def require(
    session: AsyncSession, principal: Principal, bulletin_id: uuid.UUID, *, for_update: bool = False
) -> Bulletin:
    bulletin = await repo.get(session, principal, bulletin_id, for_update=for_update)
    if bulletin is None:
        raise not_found("通报")
    return bulletin


def _draft_only(bulletin: Bulletin, doing: str) -> None:
    if bulletin.status != "draft":
        raise conflict("bulletins.published", f"通报 {bulletin.number} 已发布，不能{doing}；如需更正请另发通报。")


async def regenerate(
    session: AsyncSession, actor: Principal, directory: UnitDirectory, bulletin_id: uuid.UUID,
    data: BulletinRegenerate,
) -> Bulletin:
    bulletin = await require(session, actor, bulletin_id, for_update=True)
    _draft_only(bulletin, "重新生成")
    period = periods.parse(bulletin.period)
    content, as_of = await _generate(session, directory, period, data.as_of or bulletin.as_of)
    bulletin.as_of, bulletin.snapshot = as_of, content.model_dump(mode="json")
    if data.title:
        bulletin.title = data.title
    await session.flush()
    _record(session, actor, bulletin, "bulletin.regenerate", as_of=as_of.isoformat())
    return bulletin


async def delete(session: AsyncSession, actor: Principal, bulletin_id: uuid.UUID) -> None:
    bulletin = await require(session, actor, bulletin_id, for_update=True)
    _draft_only(bulletin, "删除")
    _record(session, actor, bulletin, "bulletin.delete", title=bulletin.title)
    await session.delete(bulletin)


def format_number(template: str, year: int, seq: int) -> str:
    # Placeholders are checked when saved; replace() never evaluates anything else in the text.
    return template.replace("{year}", str(year)).replace("{n}", str(seq))


async def publish(
    session: AsyncSession, actor: Principal, directory: UnitDirectory, bulletin_id: uuid.UUID,
    data: BulletinPublish,
) -> Bulletin:
    """Numbers, dates and delivers a draft. Publishing again changes nothing on the
    bulletin; it only delivers to units that have no message yet."""
    bulletin = await require(session, actor, bulletin_id, for_update=True)
    newly = bulletin.status == "draft"
    if newly:
        issued_on = data.issued_on or today_shanghai()
        if issued_on < bulletin.as_of:
            raise Problem(422, "bulletins.issued_before_data", "发文日期有误",
                          f"发文日期不能早于数据截至日期 {bulletin.as_of.isoformat()}。",
                          errors=[{"field": "issued_on", "code": "before_as_of", "message": "早于数据截至日期"}])
        # Locking the year's plan serialises numbering: two publishes never take the same number.
        plan = await plans.require(session, bulletin.year, for_update=True)
        settings = await league.settings_for(session, plan)
        bulletin.seq = await repo.max_seq(session, bulletin.year) + 1
        bulletin.number = format_number(settings.number_format, bulletin.year, bulletin.seq)
        bulletin.issued_on, bulletin.status = issued_on, "published"
        bulletin.published_by, bulletin.published_at = actor.username, datetime.now(UTC)
        await session.flush()
    assert bulletin.number is not None and bulletin.issued_on is not None
    content = content_of(bulletin)
    recipients = [u.id for u in await directory.all() if u.kind not in NOT_RECIPIENTS]
    posted = await inbox.post(
        session, kind=INBOX_KIND, source_id=str(bulletin.id), title=bulletin.title, link=f"/bulletins/{bulletin.id}",
        summary=f"{content.issuing_unit}于 {bulletin.issued_on.isoformat()} 印发{bulletin.number}，请查阅并对照改进。",
        unit_ids=recipients,
    )
    if newly or posted:
        _record(session, actor, bulletin, "bulletin.publish" if newly else "bulletin.redeliver",
                number=bulletin.number, delivered=posted)
    return bulletin
