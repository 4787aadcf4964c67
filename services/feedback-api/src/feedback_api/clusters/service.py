"""举一反三 rules: suggesting clusters of similar cases (never merging on its
own), the reform office's decisions on them (confirm, merge, split, add,
remove, dismiss), and turning a confirmed cluster into a reform task in
tasks-api. Never commits. docs/feedback-clusters.md has the rules in prose."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from reform_common import audit
from reform_common.auth import REFORM_OFFICE, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from reform_common.workdays import SHANGHAI
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.audit.models import AuditLog
from feedback_api.cases import repository as cases_repo
from feedback_api.cases import workflow
from feedback_api.cases.context import CaseContext
from feedback_api.cases.models import Case
from feedback_api.cases.schemas import DistrictRef
from feedback_api.cases.service import category_ref
from feedback_api.categories.models import Category
from feedback_api.clusters import repository as repo
from feedback_api.clusters import similarity
from feedback_api.clusters.models import CaseCluster, ClusterCase
from feedback_api.clusters.schemas import (
    STATUS_LABELS,
    AddCasesIn,
    Candidate,
    CaseClusterLink,
    ClusterCaseRead,
    ClusterList,
    ClusterListItem,
    ClusterRead,
    ConfirmIn,
    CountRef,
    DismissIn,
    MonthCount,
    PeriodRef,
    SplitIn,
    SuggestIn,
    SuggestResult,
    TaskIn,
    TaskLink,
    UnitCount,
    UpdateIn,
)
from feedback_api.clusters.tasks_client import TasksClient, TasksRejected, TasksUnavailable
from feedback_api.metrics.router import period_bounds

MIN_SIZE = 2
CANDIDATE_LIMIT = 10


# ---- periods ------------------------------------------------------------------------------------

def resolve_period(data: SuggestIn) -> tuple[str, date, date]:
    """(label, first day, last day) in Shanghai days."""
    if data.period is not None:
        start, end = period_bounds(data.period)
        return data.period, start.date(), (end - timedelta(days=1)).date()
    assert data.date_from is not None and data.date_to is not None  # the schema checks it
    return f"{data.date_from.isoformat()}~{data.date_to.isoformat()}", data.date_from, data.date_to


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in Shanghai time."""
    return (datetime.combine(start, time(), tzinfo=SHANGHAI),
            datetime.combine(end + timedelta(days=1), time(), tzinfo=SHANGHAI))


def _doc(case: Case) -> similarity.Doc:
    return similarity.Doc(key=case.case_no, gate=case.category_code, title=case.title,
                          description=case.description, enterprise_name=case.enterprise_name)


def _problem(field: str, code: str, message: str) -> Problem:
    return Problem(422, "validation_failed", "提交的内容有误", message,
                   errors=[{"field": field, "code": code, "message": message}])


def _require_office(principal: Principal) -> None:
    if not principal.has_any(REFORM_OFFICE):
        raise forbidden("类案的建议、确认、合并、拆分、驳回和转任务由改革办（调度）进行。")


def _record(session: AsyncSession, principal: Principal | str, cluster: CaseCluster, action: str,
            **detail: Any) -> None:
    """The audit row of a change; also marks the cluster as changed now."""
    cluster.updated_at = datetime.now(UTC)
    audit.record(session, AuditLog, action=f"cluster.{action}", entity_type="cluster", entity_id=cluster.code,
                 actor=principal, detail=detail)


# ---- suggesting ---------------------------------------------------------------------------------

async def _new_cluster(session: AsyncSession, ctx: CaseContext, *, status: str, origin: str, category: str,
                       period: tuple[str, date, date], title: str, threshold: float, created_by: str) -> CaseCluster:
    number = await repo.next_number(session)
    year = ctx.now.astimezone(SHANGHAI).year
    label, start, end = period
    now = datetime.now(UTC)
    cluster = CaseCluster(id=uuid.uuid4(), code=f"LA-{year}-{number:04d}", status=status, origin=origin,
                          category_code=category, period=label, period_start=start, period_end=end,
                          title=title[:200], keywords=[], threshold=threshold, created_by=created_by,
                          created_at=now, updated_at=now)
    session.add(cluster)
    await session.flush()
    return cluster


def _representative(group: similarity.Group) -> str:
    """The member most similar to the others (the earliest number on a tie)."""
    return max(group.keys, key=lambda k: (group.similarity[k], [-ord(c) for c in k]))


async def suggest(session: AsyncSession, principal: Principal, data: SuggestIn, ctx: CaseContext) -> SuggestResult:
    """Groups similar cases of one period within each category and stores them
    as ``suggested`` clusters. Idempotent: a group equal to an untouched
    suggestion of the same period is kept as it is; one equal to a dismissed
    cluster is not suggested again; untouched suggestions of the same period
    that no longer come out are withdrawn. Cases in any other active cluster
    (confirmed, changed by staff, or of another period) are left out."""
    _require_office(principal)
    settings = ctx.settings
    threshold = data.threshold if data.threshold is not None else settings.feedback_cluster_threshold
    if data.category is not None and await session.get(Category, data.category) is None:
        raise _problem("category", "unknown_category", "诉求分类不存在")
    period = resolve_period(data)
    label, start, end = period
    await repo.lock(session)
    corpus = await repo.period_cases(session, *bounds(start, end))
    in_scope = [c for c in corpus if data.category is None or c.category_code == data.category
                or c.category_code.startswith(f"{data.category}.")]
    replaceable = await repo.system_suggestions(session, start, end, data.category)
    replaceable_members = await repo.member_ids(session, [c.id for c in replaceable])
    replaceable_ids = {c.id for c in replaceable}
    taken = await repo.active_cluster_of(session, [c.id for c in in_scope])
    examined = [c for c in in_scope if c.id not in taken or taken[c.id] in replaceable_ids]
    per_gate = Counter(c.category_code for c in examined)
    limit = settings.feedback_cluster_max_cases_per_category
    crowded = sorted(code for code, n in per_gate.items() if n > limit)
    if crowded:
        raise Problem(422, "clusters.too_many_cases", "诉求过多",
                      f"分类 {'、'.join(crowded)} 在该期间超过 {limit} 件诉求，请缩短期间后分段建议。")
    vectors = similarity.Vectors([_doc(c) for c in corpus])
    examined_nos = {c.case_no for c in examined}
    docs = [d for d in vectors.docs if d.key in examined_nos]
    groups = similarity.group(docs, threshold, MIN_SIZE, vectors=vectors)
    by_no = {c.case_no: c for c in corpus}
    doc_of = {d.key: d for d in docs}
    by_members = {frozenset(m): cid for cid, m in replaceable_members.items()}
    dismissed = set(await repo.dismissed_sets(session, [c.id for c in examined]))
    kept, to_create, skipped = [], [], 0
    for g in groups:
        members = frozenset(by_no[k].id for k in g.keys)
        if members in by_members:
            kept.append(by_members[members])
        elif members in dismissed:
            skipped += 1
        else:
            to_create.append(g)
    withdrawn = [c for c in replaceable if c.id not in kept]
    for cluster in withdrawn:
        _record(session, principal, cluster, "withdrawn", reason="重新建议后不再成立")
    await repo.delete_clusters(session, [c.id for c in withdrawn])
    await session.flush()
    created = []
    for g in to_create:
        cluster = await _new_cluster(session, ctx, status="suggested", origin="system", category=g.gate,
                                     period=period, title=by_no[_representative(g)].title, threshold=threshold,
                                     created_by=principal.username)
        cluster.cohesion = g.cohesion
        cluster.keywords = similarity.keywords([doc_of[k] for k in g.keys], vectors)
        for key in g.keys:
            session.add(ClusterCase(cluster_id=cluster.id, case_id=by_no[key].id, active=True,
                                    similarity=g.similarity[key], added_by="system"))
        _record(session, principal, cluster, "suggested", period=label, category=g.gate, cases=list(g.keys),
                cohesion=g.cohesion, threshold=threshold)
        created.append(cluster.code)
    await session.flush()
    kept_codes = sorted(c.code for c in replaceable if c.id in kept)
    return SuggestResult(period=PeriodRef(label=label, start=start, end=end), category=data.category,
                         threshold=threshold, examined=len(examined), created=created, kept=kept_codes,
                         withdrawn=sorted(c.code for c in withdrawn), skipped_dismissed=skipped)


# ---- reading ------------------------------------------------------------------------------------

def _period(cluster: CaseCluster) -> PeriodRef:
    return PeriodRef(label=cluster.period, start=cluster.period_start, end=cluster.period_end)


def _trend(cluster: CaseCluster, months: dict[str, int]) -> list[MonthCount]:
    """Every month of the cluster's period (and of any case outside it), with its case count."""
    keys = sorted(months)
    first = min(f"{cluster.period_start:%Y-%m}", *keys)
    last = max(f"{cluster.period_end:%Y-%m}", *keys)
    span = _months(date.fromisoformat(f"{first}-01"), date.fromisoformat(f"{last}-01"))
    return [MonthCount(month=m, count=months.get(m, 0)) for m in span]


def _list_item(cluster: CaseCluster, categories: dict[str, Category], counts: tuple[int, int, int],
               months: dict[str, int]) -> dict:
    return dict(code=cluster.code, trend=_trend(cluster, months), status=cluster.status, status_label=STATUS_LABELS[cluster.status],
                origin=cluster.origin, category=category_ref(cluster.category_code, categories),
                period=_period(cluster), title=cluster.title, keywords=list(cluster.keywords),
                case_count=counts[0], district_count=counts[1], unit_count=counts[2], cohesion=cluster.cohesion,
                task_code=cluster.task_code, created_at=cluster.created_at, updated_at=cluster.updated_at)


async def list_clusters(session: AsyncSession, principal: Principal, f: repo.ClusterFilters, page: int,
                        page_size: int) -> ClusterList:
    rows, total = await repo.page(session, principal, f, (page - 1) * page_size, page_size)
    ids = [c.id for c in rows]
    counts, months = await repo.counts(session, ids), await repo.monthly_counts(session, ids)
    categories = await cases_repo.categories(session)
    return ClusterList(items=[ClusterListItem(**_list_item(c, categories, counts.get(c.id, (0, 0, 0)),
                                                           months.get(c.id, {})))
                              for c in rows], total=total, page=page, page_size=page_size)


async def require(session: AsyncSession, principal: Principal, code: str, *, for_update: bool = False
                  ) -> CaseCluster:
    cluster = await repo.get(session, principal, code, for_update=for_update)
    if cluster is None:
        raise not_found("类案")
    return cluster


def _months(first: date, last: date) -> list[str]:
    months, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def allowed_actions(principal: Principal, cluster: CaseCluster) -> list[str]:
    if not principal.has_any(REFORM_OFFICE) or cluster.status not in repo.ACTIVE:
        return []
    actions = ["edit", "merge", "split", "add_cases", "remove_case"]
    if cluster.status == "suggested":
        actions.insert(0, "confirm")
    if cluster.task_code is None:
        actions.append("dismiss")
        if cluster.status == "confirmed":
            actions.append("create_task")
    return actions


async def task_link(cluster: CaseCluster, tasks: TasksClient) -> TaskLink | None:
    """The linked task with its live status from tasks-api; when tasks-api cannot
    be read, the link without status (``task_status_unavailable``), never an error."""
    if cluster.task_code is None:
        return None
    link = dict(code=cluster.task_code, linked_at=cluster.task_linked_at, linked_by=cluster.task_linked_by)
    try:
        task = await tasks.get_task(cluster.task_code)
    except TasksUnavailable:
        return TaskLink(**link, available=False, error="task_status_unavailable")
    return TaskLink(
        **link, available=True, title=task.get("title"), status=task.get("status"), progress=task.get("progress"),
        warning=task.get("warning"), warning_reasons=list(task.get("warning_reasons") or []),
        deadline=task.get("deadline"), lead_unit=(task.get("lead_unit") or {}).get("name"),
    )


async def _vectors_for(session: AsyncSession, cluster: CaseCluster, extra: list[Case]) -> similarity.Vectors:
    """The cluster's period corpus (for IDF) plus ``extra`` cases outside it."""
    corpus = await repo.period_cases(session, *bounds(cluster.period_start, cluster.period_end))
    seen = {c.id for c in corpus}
    return similarity.Vectors([_doc(c) for c in corpus] + [_doc(c) for c in extra if c.id not in seen])


async def _candidates(session: AsyncSession, cluster: CaseCluster, cases: list[Case]) -> list[Candidate]:
    start, end = bounds(cluster.period_start, cluster.period_end)
    others = await repo.unclustered_in(session, cluster.category_code, start, end, [c.id for c in cases])
    if not others or not cases:
        return []
    vectors = await _vectors_for(session, cluster, cases + others)
    centroid = similarity.Centroids(vectors, {cluster.code: (cluster.category_code, [c.case_no for c in cases])})
    means = centroid.scores([o.case_no for o in others])[:, 0]
    scored = [(-round(float(mean), 4), other.case_no, other)
              for other, mean in zip(others, means, strict=True) if mean >= cluster.threshold]
    scored.sort()
    return [Candidate(case_no=o.case_no, title=o.title, received_at=o.received_at, similarity=-s)
            for s, _, o in scored[:CANDIDATE_LIMIT]]


async def present(session: AsyncSession, principal: Principal, cluster: CaseCluster, ctx: CaseContext,
                  tasks: TasksClient) -> ClusterRead:
    rows = await repo.members(session, cluster.id)
    cases = [c for _, c in rows]
    categories = await cases_repo.categories(session)
    districts = Counter((c.district_code, c.district_name) for c in cases if c.district_code)
    units = Counter(c.main_unit_id for c in cases if c.main_unit_id)
    months = Counter(f"{c.received_at.astimezone(SHANGHAI):%Y-%m}" for c in cases)
    counts = (len(cases), len(districts), len(units))
    return ClusterRead(
        **_list_item(cluster, categories, counts, months),
        threshold=cluster.threshold, note=cluster.note,
        merged_into=await repo.code_of(session, cluster.merged_into_id),
        cases=[ClusterCaseRead(
            case_no=c.case_no, title=c.title, type=c.type, status=c.status,
            status_label=workflow.STATUS_LABELS[c.status], channel=c.channel, enterprise_name=c.enterprise_name,
            district=DistrictRef(code=c.district_code, name=c.district_name) if c.district_code else None,
            main_unit=ctx.unit_ref(c.main_unit_id), received_at=c.received_at, similarity=m.similarity,
            added_by=m.added_by) for m, c in rows],
        districts=[CountRef(code=code, name=name, count=n)
                   for (code, name), n in sorted(districts.items(), key=lambda kv: (-kv[1], kv[0][0]))],
        units=[UnitCount(unit=ref, count=n) for unit_id, n in sorted(units.items(), key=lambda kv: (-kv[1], str(kv[0])))
               if (ref := ctx.unit_ref(unit_id))],
        task=await task_link(cluster, tasks),
        candidates=await _candidates(session, cluster, cases) if cluster.status in repo.ACTIVE else [],
        created_by=cluster.created_by, confirmed_by=cluster.confirmed_by, confirmed_at=cluster.confirmed_at,
        dismissed_by=cluster.dismissed_by, dismissed_at=cluster.dismissed_at, dismiss_reason=cluster.dismiss_reason,
        allowed_actions=allowed_actions(principal, cluster),
    )


async def detail(session: AsyncSession, principal: Principal, code: str, ctx: CaseContext,
                 tasks: TasksClient) -> ClusterRead:
    return await present(session, principal, await require(session, principal, code), ctx, tasks)


async def case_links(session: AsyncSession, principal: Principal, case_no: str) -> list[CaseClusterLink]:
    """The clusters (and their tasks) of a case the caller can see: 举一反三 seen from the case."""
    case = await cases_repo.get(session, principal, case_no)
    if case is None:
        raise not_found("诉求")
    return [CaseClusterLink(code=c.code, status=c.status, status_label=STATUS_LABELS[c.status], title=c.title,
                            task_code=c.task_code)
            for c in await repo.links_of_case(session, case.id)]


# ---- staff decisions ----------------------------------------------------------------------------

def _require_active(cluster: CaseCluster) -> None:
    if cluster.status not in repo.ACTIVE:
        raise conflict("clusters.not_active",
                       f"类案 {cluster.code} 当前为「{STATUS_LABELS[cluster.status]}」，不能再调整。")


async def _mutable(session: AsyncSession, principal: Principal, code: str) -> CaseCluster:
    _require_office(principal)
    await repo.lock(session)
    cluster = await require(session, principal, code, for_update=True)
    _require_active(cluster)
    return cluster


async def refresh(session: AsyncSession, cluster: CaseCluster) -> None:
    """After its cases changed: each case's similarity, cohesion and keywords."""
    await session.flush()
    rows = await repo.members(session, cluster.id)
    cases = [c for _, c in rows]
    vectors = await _vectors_for(session, cluster, cases)
    keys = sorted(c.case_no for c in cases)
    described = similarity.describe(keys, cluster.category_code, vectors.block(keys))
    for member, case in rows:
        member.similarity = described.similarity[case.case_no]
    cluster.cohesion = described.cohesion
    cluster.keywords = similarity.keywords([vectors.docs[vectors.row[k]] for k in keys], vectors)


async def confirm(session: AsyncSession, principal: Principal, code: str, data: ConfirmIn,
                  ctx: CaseContext) -> CaseCluster:
    cluster = await _mutable(session, principal, code)
    if cluster.status != "suggested":
        raise conflict("clusters.not_suggested", f"类案 {cluster.code} 已确认。")
    cluster.status = "confirmed"
    cluster.confirmed_by, cluster.confirmed_at = principal.username, ctx.now
    if data.title:
        cluster.title = data.title
    if data.note is not None:
        cluster.note = data.note
    _record(session, principal, cluster, "confirmed", title=cluster.title)
    return cluster


async def update(session: AsyncSession, principal: Principal, code: str, data: UpdateIn) -> CaseCluster:
    cluster = await _mutable(session, principal, code)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    for name, value in changes.items():
        setattr(cluster, name, value)
    if changes:
        cluster.origin = "staff"
        _record(session, principal, cluster, "updated", **changes)
    return cluster


async def dismiss(session: AsyncSession, principal: Principal, code: str, data: DismissIn,
                  ctx: CaseContext) -> CaseCluster:
    cluster = await _mutable(session, principal, code)
    if cluster.task_code is not None:
        raise conflict("clusters.has_task",
                       f"类案 {cluster.code} 已转为改革任务 {cluster.task_code}，不能驳回。")
    cluster.status = "dismissed"
    cluster.dismissed_by, cluster.dismissed_at, cluster.dismiss_reason = principal.username, ctx.now, data.reason
    await repo.set_members_active(session, cluster.id, False)
    _record(session, principal, cluster, "dismissed", reason=data.reason)
    return cluster


async def merge(session: AsyncSession, principal: Principal, code: str, other_code: str) -> CaseCluster:
    """Moves every case of ``other_code`` into ``code``; the other cluster becomes ``merged``."""
    target = await _mutable(session, principal, code)
    if other_code == code:
        raise _problem("other", "same_cluster", "不能把类案并入它自己")
    other = await require(session, principal, other_code, for_update=True)
    _require_active(other)
    if other.category_code != target.category_code:
        raise conflict("clusters.category_mismatch",
                       f"类案 {other.code} 与 {target.code} 不属于同一诉求分类，不能合并。")
    if other.task_code is not None:
        raise conflict("clusters.has_task", f"类案 {other.code} 已转为改革任务 {other.task_code}，"
                                            f"请把 {target.code} 并入它。")
    moved = [c for _, c in await repo.members(session, other.id)]
    await repo.set_members_active(session, other.id, False)
    await session.flush()
    for case in moved:
        session.add(ClusterCase(cluster_id=target.id, case_id=case.id, active=True, added_by=principal.username))
    other.status, other.merged_into_id = "merged", target.id
    target.origin = "staff"
    if (other.period_start, other.period_end) != (target.period_start, target.period_end):
        target.period_start = min(target.period_start, other.period_start)
        target.period_end = max(target.period_end, other.period_end)
        target.period = f"{target.period_start.isoformat()}~{target.period_end.isoformat()}"
    await refresh(session, target)
    _record(session, principal, target, "merged", other=other.code, cases=[c.case_no for c in moved])
    _record(session, principal, other, "merged_into", target=target.code)
    return target


async def _members_by_number(session: AsyncSession, cluster: CaseCluster, case_nos: list[str]
                             ) -> tuple[list[Case], list[Case]]:
    """(the chosen cases, the rest); 422 for a number not in the cluster."""
    cases = [c for _, c in await repo.members(session, cluster.id)]
    by_no = {c.case_no: c for c in cases}
    wanted = list(dict.fromkeys(case_nos))
    missing = [(i, no) for i, no in enumerate(wanted) if no not in by_no]
    if missing:
        raise Problem(422, "validation_failed", "提交的内容有误", f"以下诉求不在类案 {cluster.code} 中。",
                      errors=[{"field": f"case_nos.{i}", "code": "not_in_cluster", "message": f"{no} 不在该类案中"}
                              for i, no in missing])
    chosen = [by_no[no] for no in wanted]
    return chosen, [c for c in cases if c.case_no not in set(wanted)]


def _too_small(cluster_code: str) -> Problem:
    return conflict("clusters.too_small",
                    f"类案至少包含 {MIN_SIZE} 件诉求；类案 {cluster_code} 如不再成立，请驳回。")


async def split(session: AsyncSession, principal: Principal, code: str, data: SplitIn,
                ctx: CaseContext) -> CaseCluster:
    """Moves the chosen cases to a new cluster of the same status, category and period."""
    source = await _mutable(session, principal, code)
    chosen, rest = await _members_by_number(session, source, data.case_nos)
    if len(chosen) < MIN_SIZE or len(rest) < MIN_SIZE:
        raise _too_small(source.code)
    new = await _new_cluster(session, ctx, status=source.status, origin="staff", category=source.category_code,
                             period=(source.period, source.period_start, source.period_end),
                             title=data.title or chosen[0].title, threshold=source.threshold,
                             created_by=principal.username)
    new.confirmed_by, new.confirmed_at = source.confirmed_by, source.confirmed_at
    await repo.remove_members(session, source.id, [c.id for c in chosen])
    await session.flush()
    for case in chosen:
        session.add(ClusterCase(cluster_id=new.id, case_id=case.id, active=True, added_by=principal.username))
    source.origin = "staff"
    await refresh(session, source)
    await refresh(session, new)
    if not data.title:
        rows = await repo.members(session, new.id)
        new.title = max(rows, key=lambda mc: (mc[0].similarity or 0, [-ord(ch) for ch in mc[1].case_no]))[1].title
    _record(session, principal, source, "split", new=new.code, cases=[c.case_no for c in chosen])
    _record(session, principal, new, "split_from", source=source.code, cases=[c.case_no for c in chosen])
    return new


async def add_cases(session: AsyncSession, principal: Principal, code: str, data: AddCasesIn) -> CaseCluster:
    cluster = await _mutable(session, principal, code)
    wanted = list(dict.fromkeys(data.case_nos))
    found = await repo.cases_by_number(session, principal, wanted)
    errors = []
    for i, no in enumerate(wanted):
        case = found.get(no)
        if case is None:
            errors.append({"field": f"case_nos.{i}", "code": "unknown_case", "message": f"诉求 {no} 不存在"})
        elif case.category_code != cluster.category_code:
            errors.append({"field": f"case_nos.{i}", "code": "category_mismatch",
                           "message": f"诉求 {no} 不属于类案的分类"})
    if errors:
        raise Problem(422, "validation_failed", "提交的内容有误", "请按提示修改标注的诉求后重试。", errors=errors)
    taken = await repo.active_cluster_of(session, [found[no].id for no in wanted])
    elsewhere = {no: cid for no in wanted if (cid := taken.get(found[no].id)) and cid != cluster.id}
    if elsewhere:
        codes = {no: await repo.code_of(session, cid) for no, cid in elsewhere.items()}
        raise conflict("clusters.case_taken", "以下诉求已在其他类案中，请先从原类案移出或合并类案："
                       + "；".join(f"{no}（{c}）" for no, c in codes.items()))
    added = [no for no in wanted if found[no].id not in taken]
    for no in added:
        session.add(ClusterCase(cluster_id=cluster.id, case_id=found[no].id, active=True,
                                added_by=principal.username))
    if added:
        cluster.origin = "staff"
        await refresh(session, cluster)
        _record(session, principal, cluster, "cases_added", cases=added)
    return cluster


async def remove_case(session: AsyncSession, principal: Principal, code: str, case_no: str) -> CaseCluster:
    cluster = await _mutable(session, principal, code)
    cases = [c for _, c in await repo.members(session, cluster.id)]
    case = next((c for c in cases if c.case_no == case_no), None)
    if case is None:
        raise not_found("类案中的该诉求")
    if len(cases) - 1 < MIN_SIZE:
        raise _too_small(cluster.code)
    await repo.remove_members(session, cluster.id, [case.id])
    cluster.origin = "staff"
    await refresh(session, cluster)
    _record(session, principal, cluster, "case_removed", case=case_no)
    return cluster


# ---- the reform task ----------------------------------------------------------------------------

def task_request(cluster: CaseCluster, cases: list[Case], data: TaskIn, ctx: CaseContext,
                 category_path: str) -> dict[str, Any]:
    """The body of tasks-api's ``POST /tasks/from-cluster``; defaults come from the cluster."""
    numbers = sorted(c.case_no for c in cases)
    units = list(dict.fromkeys(c.main_unit_id for c in sorted(cases, key=lambda c: c.case_no) if c.main_unit_id))
    responsible = data.responsible_unit_ids if data.responsible_unit_ids is not None else units
    districts = list(dict.fromkeys(c.district_name for c in sorted(cases, key=lambda c: c.case_no)
                                   if c.district_name))
    unit_names = [u.short_name for u in (ctx.unit_ref(i) for i in units) if u]
    shown = "、".join(numbers[:5]) + ("等" if len(numbers) > 5 else "")
    measures = (
        f"针对类案 {cluster.code}（{category_path}，{cluster.period}）反映的共性问题举一反三："
        f"{len(numbers)} 件企业诉求（{shown}）"
        + (f"，涉及{'、'.join(districts)}" if districts else "")
        + (f"，承办单位{'、'.join(unit_names)}" if unit_names else "")
        + (f"。关键词：{'、'.join(cluster.keywords)}" if cluster.keywords else "")
        + "。梳理同类诉求成因，从制度、流程和系统上一并解决。"
    )
    return {
        "cluster_code": cluster.code,
        "year": data.year or data.deadline.year,
        "title": data.title or f"举一反三：{cluster.title}"[:300],
        "measures": data.measures or measures,
        "goal": data.goal or "同类诉求不再重复发生，已反映的诉求一次性化解并回访企业。",
        "environment": data.environment,
        "category": data.category,
        "lead_unit_id": str(data.lead_unit_id),
        "responsible_unit_ids": [str(u) for u in responsible if u != data.lead_unit_id],
        "deadline": data.deadline.isoformat(),
        "linked_cases": numbers,
        "tags": ["举一反三", cluster.code],
    }


async def create_task(session: AsyncSession, principal: Principal, code: str, data: TaskIn, ctx: CaseContext,
                      tasks: TasksClient) -> tuple[CaseCluster, bool]:
    """Asks tasks-api for the cluster's task first and records the link after:
    tasks-api finds an existing task by the cluster code, so a retry after any
    failure (here or in the commit) links the same task, and a failure there
    leaves the cluster unchanged. (cluster, whether the link is new)."""
    _require_office(principal)
    cluster = await require(session, principal, code, for_update=True)
    if cluster.task_code is not None:
        return cluster, False
    if cluster.status != "confirmed":
        raise conflict("clusters.not_confirmed",
                       f"类案 {cluster.code} 当前为「{STATUS_LABELS[cluster.status]}」；确认后才能转为改革任务。")
    cases = [c for _, c in await repo.members(session, cluster.id)]
    categories = await cases_repo.categories(session)
    body = task_request(cluster, cases, data, ctx, category_ref(cluster.category_code, categories).path)
    try:
        task, created = await tasks.create_from_cluster(body)
    except TasksUnavailable:
        raise Problem(503, "clusters.tasks_unavailable", "任务台账暂不可用",
                      "暂时无法在任务台账中创建任务，类案未作改动，请稍后重试。") from None
    except TasksRejected as exc:
        detail = exc.problem.get("detail") or "任务台账未接受该任务。"
        raise Problem(422 if exc.status in (400, 404, 422) else 409, "clusters.task_rejected", "任务台账未接受",
                      f"任务台账未能创建任务：{detail}", errors=exc.problem.get("errors")) from None
    cluster.task_code = task["code"]
    cluster.task_linked_at, cluster.task_linked_by = ctx.now, principal.username
    _record(session, principal, cluster, "task_linked", task=task["code"], created=created,
            cases=body["linked_cases"])
    return cluster, True
