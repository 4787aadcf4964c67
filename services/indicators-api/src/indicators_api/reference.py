"""Loads the reference catalog (indicators_api.catalog: frameworks, indicator
trees, regions, peer sets) into the database. Idempotent: existing rows are
updated to the catalog, nothing the office added is removed. Production runs
it with ``python -m indicators_api load-catalog``; ``make run`` with the demo."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api import catalog
from indicators_api.catalogs.models import Framework, Indicator, Region, RegionSetMember

# Ranks worse than ``weakness_rank_above`` are weaknesses, ranks up to ``strength_rank_at_most`` strengths.
CLASS_RULES = {"bready": (10, 3), "national": (10, 3), "provincial": (5, 1), "city": (None, None)}


async def _upsert(session: AsyncSession, model: type, rows: list[dict], keys: list[str]) -> None:
    if not rows:
        return
    stmt = insert(model).values(rows)
    updates = {c: stmt.excluded[c] for c in rows[0] if c not in keys}
    await session.execute(stmt.on_conflict_do_update(index_elements=keys, set_=updates))


async def load(session: AsyncSession) -> dict[str, int]:
    await _upsert(session, Region, [{"code": r.code, "name": r.name, "province": r.province}
                                    for r in catalog.REGIONS.values()], ["code"])
    for set_code, members in catalog.REGION_SETS.items():
        await session.execute(delete(RegionSetMember).where(RegionSetMember.set_code == set_code))
        session.add_all(RegionSetMember(set_code=set_code, region_code=m) for m in members)
    targets = {t.framework: t for t in catalog.RANK_TARGETS}
    frameworks = []
    for order, spec in enumerate(catalog.FRAMEWORKS):
        target = targets.get(spec.code)
        weakness, strength = CLASS_RULES.get(spec.code, (None, None))
        frameworks.append({
            "code": spec.code, "name": spec.name, "description": spec.description, "kind": spec.kind,
            # The city system is tracked for the served city alone; it is listed among the national peers.
            "region_set": catalog.FRAMEWORK_REGION_SETS.get(spec.code) or "national",
            "benchmark_region": catalog.BENCHMARK_REGIONS.get(spec.code),
            "rank_floor": target.floor if target else None, "rank_target": target.target if target else None,
            "rank_stretch": target.stretch if target else None, "weakness_rank_above": weakness,
            "strength_rank_at_most": strength, "sort_order": order,
        })
    await _upsert(session, Framework, frameworks, ["code"])
    await session.flush()
    rows = [{
        "code": s.code, "framework_code": s.framework, "parent_code": s.parent, "name": s.name, "kind": s.kind,
        "higher_is_better": s.higher_is_better, "unit": s.unit, "decimals": s.decimals,
        "lead_unit_code": s.lead_unit, "environment": s.environment,
        "weight": s.weight, "target": s.target, "advantage": s.advantage, "links": list(s.links),
        "description": s.description, "sort_order": order,
    } for order, s in enumerate(catalog.INDICATORS)]
    # Parents first (the catalog lists a parent before its children), so the foreign key holds.
    await _upsert(session, Indicator, rows, ["code"])
    await session.flush()
    return {"frameworks": len(frameworks), "indicators": len(rows), "regions": len(catalog.REGIONS)}
