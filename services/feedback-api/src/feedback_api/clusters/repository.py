"""Every query on clusters. Clusters are a reform-office tool over all cases:
the readers (reform office, leaders, special groups, services) see every
cluster; anyone else sees none (``scope``). A case's own links are read
through the cases scope (a unit sees the cluster of a case it can see)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from reform_common.auth import GROUP_LEAD, LEADER, REFORM_OFFICE, SERVICE, Principal
from reform_common.pagination import like_pattern
from sqlalchemy import ColumnElement, Select, case, delete, false, func, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases import repository as cases_repo
from feedback_api.cases.models import Case
from feedback_api.clusters.models import CaseCluster, ClusterCase, cluster_no_seq

READERS = (REFORM_OFFICE, LEADER, GROUP_LEAD, SERVICE)
ACTIVE = ("suggested", "confirmed")
# Praise (表扬) is not a problem to fix: never compared.
EXCLUDED_TYPES = ("praise",)


def scope(principal: Principal) -> ColumnElement[bool]:
    return true() if principal.has_any(*READERS) else false()


def in_category(column, category: str | None) -> ColumnElement[bool]:
    if category is None:
        return true()
    return or_(column == category, column.like(f"{category}.%"))


async def lock(session: AsyncSession) -> None:
    """Serialises changes to cluster membership (suggestion runs, merges, splits) until the transaction ends."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended("feedback.clusters", 0))))


async def next_number(session: AsyncSession) -> int:
    return int(await session.scalar(select(cluster_no_seq.next_value())))


async def period_cases(session: AsyncSession, start: datetime, end: datetime) -> list[Case]:
    """The cases received in [start, end) that can be compared (the IDF corpus)."""
    stmt = (select(Case).where(Case.received_at >= start, Case.received_at < end, Case.type.not_in(EXCLUDED_TYPES))
            .order_by(Case.case_no))
    return list(await session.scalars(stmt))


async def active_cluster_of(session: AsyncSession, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """case id → the active cluster it is in."""
    if not case_ids:
        return {}
    stmt = select(ClusterCase.case_id, ClusterCase.cluster_id).where(ClusterCase.case_id.in_(case_ids),
                                                                       ClusterCase.active.is_(True))
    return {case_id: cluster_id for case_id, cluster_id in (await session.execute(stmt)).all()}


async def system_suggestions(session: AsyncSession, start: date, end: date,
                             category: str | None) -> list[CaseCluster]:
    """Untouched system suggestions of exactly this period (a new run may replace them)."""
    stmt = select(CaseCluster).where(
        CaseCluster.status == "suggested", CaseCluster.origin == "system", CaseCluster.period_start == start,
        CaseCluster.period_end == end, in_category(CaseCluster.category_code, category),
    ).order_by(CaseCluster.code)
    return list(await session.scalars(stmt))


async def member_ids(session: AsyncSession, cluster_ids: list[uuid.UUID]) -> dict[uuid.UUID, set[uuid.UUID]]:
    if not cluster_ids:
        return {}
    out: dict[uuid.UUID, set[uuid.UUID]] = {c: set() for c in cluster_ids}
    stmt = select(ClusterCase.cluster_id, ClusterCase.case_id).where(ClusterCase.cluster_id.in_(cluster_ids))
    for cluster_id, case_id in (await session.execute(stmt)).all():
        out[cluster_id].add(case_id)
    return out


async def dismissed_sets(session: AsyncSession, case_ids: list[uuid.UUID]) -> list[frozenset[uuid.UUID]]:
    """The case sets of dismissed clusters that include any of ``case_ids``."""
    if not case_ids:
        return []
    ids = select(ClusterCase.cluster_id).where(ClusterCase.case_id.in_(case_ids)).scalar_subquery()
    clusters = list(await session.scalars(select(CaseCluster.id).where(CaseCluster.status == "dismissed",
                                                                      CaseCluster.id.in_(ids))))
    return [frozenset(members) for members in (await member_ids(session, clusters)).values()]


async def delete_clusters(session: AsyncSession, cluster_ids: list[uuid.UUID]) -> None:
    if cluster_ids:
        await session.execute(delete(CaseCluster).where(CaseCluster.id.in_(cluster_ids)))


async def get(session: AsyncSession, principal: Principal, code: str, *, for_update: bool = False
              ) -> CaseCluster | None:
    stmt = select(CaseCluster).where(CaseCluster.code == code, scope(principal))
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def code_of(session: AsyncSession, cluster_id: uuid.UUID | None) -> str | None:
    if cluster_id is None:
        return None
    return await session.scalar(select(CaseCluster.code).where(CaseCluster.id == cluster_id))


async def members(session: AsyncSession, cluster_id: uuid.UUID) -> list[tuple[ClusterCase, Case]]:
    stmt = (select(ClusterCase, Case).join(Case, Case.id == ClusterCase.case_id)
            .where(ClusterCase.cluster_id == cluster_id).order_by(Case.received_at, Case.case_no))
    return [(m, c) for m, c in (await session.execute(stmt)).all()]


async def cases_by_number(session: AsyncSession, principal: Principal, case_nos: list[str]) -> dict[str, Case]:
    stmt = select(Case).where(Case.case_no.in_(case_nos), cases_repo.scope(principal))
    return {c.case_no: c for c in await session.scalars(stmt)}


async def set_members_active(session: AsyncSession, cluster_id: uuid.UUID, active: bool) -> None:
    await session.execute(update(ClusterCase).where(ClusterCase.cluster_id == cluster_id).values(active=active))


async def remove_members(session: AsyncSession, cluster_id: uuid.UUID, case_ids: list[uuid.UUID]) -> None:
    await session.execute(delete(ClusterCase).where(ClusterCase.cluster_id == cluster_id,
                                                    ClusterCase.case_id.in_(case_ids)))


@dataclass
class ClusterFilters:
    status: str | None = None
    category: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    has_task: bool | None = None
    q: str | None = None


def filtered(principal: Principal, f: ClusterFilters) -> Select:
    stmt = select(CaseCluster).where(scope(principal), in_category(CaseCluster.category_code, f.category))
    if f.status is not None:
        stmt = stmt.where(CaseCluster.status == f.status)
    if f.period_start is not None and f.period_end is not None:  # overlapping the period
        stmt = stmt.where(CaseCluster.period_start <= f.period_end, CaseCluster.period_end >= f.period_start)
    if f.has_task is not None:
        stmt = stmt.where(CaseCluster.task_code.is_not(None) if f.has_task else CaseCluster.task_code.is_(None))
    if f.q:
        pattern = like_pattern(f.q)
        stmt = stmt.where(or_(CaseCluster.code.ilike(pattern), CaseCluster.title.ilike(pattern),
                              CaseCluster.task_code.ilike(pattern),
                              func.array_to_string(CaseCluster.keywords, " ").ilike(pattern)))
    return stmt


async def page(session: AsyncSession, principal: Principal, f: ClusterFilters, offset: int, limit: int
               ) -> tuple[list[CaseCluster], int]:
    stmt = filtered(principal, f)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    # Waiting suggestions first, then confirmed; newest first within each.
    order = case({"suggested": 0, "confirmed": 1, "dismissed": 2, "merged": 3}, value=CaseCluster.status, else_=4)
    rows = await session.scalars(stmt.order_by(order, CaseCluster.created_at.desc(), CaseCluster.code.desc())
                                 .offset(offset).limit(limit))
    return list(rows), int(total or 0)


async def counts(session: AsyncSession, cluster_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int, int]]:
    """cluster id → (cases, districts, handling units)."""
    if not cluster_ids:
        return {}
    stmt = (select(ClusterCase.cluster_id, func.count(), func.count(func.distinct(Case.district_code)),
                   func.count(func.distinct(Case.main_unit_id)))
            .join(Case, Case.id == ClusterCase.case_id).where(ClusterCase.cluster_id.in_(cluster_ids))
            .group_by(ClusterCase.cluster_id))
    return {cid: (int(n), int(d), int(u)) for cid, n, d, u in (await session.execute(stmt)).all()}


async def monthly_counts(session: AsyncSession, cluster_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, int]]:
    """cluster id → cases received per month (YYYY-MM, Asia/Shanghai), one query for a whole page of clusters."""
    if not cluster_ids:
        return {}
    month = func.to_char(func.timezone("Asia/Shanghai", Case.received_at), "YYYY-MM")
    stmt = (select(ClusterCase.cluster_id, month, func.count())
            .join(Case, Case.id == ClusterCase.case_id).where(ClusterCase.cluster_id.in_(cluster_ids))
            .group_by(ClusterCase.cluster_id, month))
    out: dict[uuid.UUID, dict[str, int]] = {}
    for cid, m, n in (await session.execute(stmt)).all():
        out.setdefault(cid, {})[m] = int(n)
    return out


async def links_of_case(session: AsyncSession, case_id: uuid.UUID) -> list[CaseCluster]:
    """The clusters a case is in (active first), for the case's own page."""
    stmt = (select(CaseCluster).join(ClusterCase, ClusterCase.cluster_id == CaseCluster.id)
            .where(ClusterCase.case_id == case_id)
            .order_by(ClusterCase.active.desc(), CaseCluster.created_at.desc()))
    return list(await session.scalars(stmt))


async def unclustered_in(session: AsyncSession, category: str, start: datetime, end: datetime,
                         exclude: list[uuid.UUID]) -> list[Case]:
    """Cases of the category received in [start, end) in no active cluster (candidates)."""
    taken = select(ClusterCase.case_id).where(ClusterCase.active.is_(True))
    stmt = select(Case).where(Case.category_code == category, Case.received_at >= start, Case.received_at < end,
                              Case.type.not_in(EXCLUDED_TYPES), Case.id.not_in(taken))
    if exclude:
        stmt = stmt.where(Case.id.not_in(exclude))
    return list(await session.scalars(stmt.order_by(Case.case_no)))

