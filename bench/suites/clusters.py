"""举一反三 clustering at city scale: the 100k most recent cases of the bench data set grouped as a suggestion
run groups them (``feedback_api.clusters.similarity``: features, TF-IDF, per-category average link, keywords of
every group — what ``POST /clusters/suggest`` computes between reading the cases and writing the clusters), and
one new case assigned to its most similar cluster against the clusters' centroids.

Targets are absolute (100k in ≤ 60 s; a new case in ≤ 50 ms). Baselines, measured in the same run on the same
texts: reading the cases' features (normalising and counting characters and n-grams, the floor any method pays),
and for one new case the same feature reading of that case alone."""

from __future__ import annotations

import asyncio
import random
import sys
import time

from bench.data import connect
from bench.harness import BenchContext, Figure
from bench.loadgen import latency

SUITE = "clusters"
CASES = 100_000
NEW_CASES = 200
TARGET_S = 60.0
TARGET_ASSIGN_MS = 50.0
THRESHOLD = 0.20  # the service default (FEEDBACK_CLUSTER_THRESHOLD)


def _similarity():
    sys.path.insert(0, "services/feedback-api/src")
    from feedback_api.clusters import similarity
    return similarity


async def _recent_cases(ctx: BenchContext, n: int) -> list[tuple]:
    """The ``n`` most recent cases (praise excluded, as a suggestion run reads them), newest first."""
    conn = await connect(ctx.server_url, ctx.databases["feedback_api"])
    try:
        rows = await conn.fetch(
            "SELECT case_no, category_code, title, description, enterprise_name FROM cases"
            " WHERE type <> 'praise' ORDER BY received_at DESC, case_no DESC LIMIT $1", n)
    finally:
        await conn.close()
    return [tuple(r) for r in rows]


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run(ctx: BenchContext) -> list[Figure]:
    similarity = _similarity()
    rows = asyncio.run(_recent_cases(ctx, CASES + NEW_CASES))
    new_rows, rows = rows[:NEW_CASES], rows[NEW_CASES:]
    size = f"{len(rows):,} cases from {ctx.databases['feedback_api']}"

    def docs_of(batch):
        return [similarity.Doc(key=no, gate=cat, title=t, description=d, enterprise_name=e)
                for no, cat, t, d, e in batch]

    # Baseline: reading the features of the same texts.
    docs, features_s = _timed(lambda: docs_of(rows))

    def cluster():
        docs = docs_of(rows)
        vectors = similarity.Vectors(docs)
        groups = similarity.group(docs, THRESHOLD, 2, vectors=vectors)
        by_key = {d.key: d for d in docs}
        keywords = [similarity.keywords([by_key[k] for k in g.keys], vectors) for g in groups]
        return vectors, groups, keywords

    (vectors, groups, _), cluster_s = _timed(cluster)
    clustered = sum(len(g.keys) for g in groups)
    centroids, centroids_s = _timed(lambda: similarity.Centroids(
        vectors, {g.keys[0]: (g.gate, g.keys) for g in groups}))

    new_docs = iter(random.Random(7).choices(new_rows, k=10_000))
    feature_one = latency(lambda: docs_of([next(new_docs)]), n=500, warmup=20)
    assigned = []

    def assign_one():
        (doc,) = docs_of([next(new_docs)])
        assigned.append(centroids.assign(doc, THRESHOLD))

    assign = latency(assign_one, n=500, warmup=20)
    hit = sum(a is not None for a in assigned) / len(assigned)
    return [
        Figure(SUITE, "clustering baseline: features of the texts (normalise, count characters and n-grams)",
               round(features_s, 2), "s", "baseline", None, note=size),
        Figure(SUITE, "clustering of 100k cases (features, TF-IDF, per-category average link, keywords)",
               round(cluster_s, 2), "s", f"≤ {TARGET_S:.0f} s", cluster_s <= TARGET_S,
               baseline="clustering baseline: features of the texts (normalise, count characters and n-grams)",
               baseline_value=round(features_s, 2), ratio=round(cluster_s / features_s, 2),
               note=f"{size}; {len(groups):,} groups holding {clustered:,} cases; centroids built in "
                    f"{centroids_s:.2f} s"),
        Figure(SUITE, "assignment baseline: features of one new case", round(feature_one.p50_ms, 3), "ms p50",
               "baseline", None, note=f"p99 {feature_one.p99_ms:.3f} ms"),
        Figure(SUITE, "a new case assigned to a cluster (features + centroid scores of its category)",
               round(assign.p50_ms, 3), "ms p50", f"≤ {TARGET_ASSIGN_MS:.0f} ms",
               assign.p99_ms <= TARGET_ASSIGN_MS,
               baseline="assignment baseline: features of one new case", baseline_value=round(feature_one.p50_ms, 3),
               ratio=round(assign.p50_ms / feature_one.p50_ms, 2),
               note=f"p99 {assign.p99_ms:.2f} ms (the target holds at p99); {hit:.0%} of {len(assigned)} new cases "
                    f"matched a cluster; {len(groups):,} clusters"),
    ]
