"""100 indicators × 30 regions × 20 quarters of approved observations, in a
framework of their own (``bench``) so the demo frameworks' rankings and
weights stay as they are."""

from __future__ import annotations

import random
from collections.abc import Iterator

from bench.gen.common import line, ordered_uuid

FRAMEWORK = "bench"
INDICATORS = 100
REGIONS = 30
PERIODS = [f"{year}-Q{q}" for year in range(2021, 2027) for q in range(1, 5)][3:23]  # 2021-Q4 … 2026-Q3
OBSERVATION_KIND = 5
# Cities a national comparison adds to the demo's regions when it holds fewer than 30.
EXTRA_REGIONS = [("330300", "温州市", "浙江省"), ("340100", "合肥市", "安徽省"), ("410100", "郑州市", "河南省"),
                 ("210200", "大连市", "辽宁省"), ("360100", "南昌市", "江西省"), ("450100", "南宁市", "广西壮族自治区"),
                 ("530100", "昆明市", "云南省"), ("220100", "长春市", "吉林省"), ("130100", "石家庄市", "河北省"),
                 ("140100", "太原市", "山西省")]
OBSERVATION_COLUMNS = ["id", "indicator_code", "region_code", "period", "value", "source", "method", "status",
                       "submitted_by", "reviewed_by"]


def indicator_rows(rng: random.Random) -> list[tuple]:
    """(code, name, higher_is_better, unit, decimals, environment, sort_order) of each bench indicator."""
    environments = ["gov_service", "rule_of_law", "market", "economic_ecology", "humanistic"]
    return [(f"BENCH-{i:03d}", f"压测指标{i:03d}", rng.random() < 0.7, rng.choice(["%", "天", "个", "万元"]),
             rng.choice([0, 1, 2]), environments[i % 5], i) for i in range(1, INDICATORS + 1)]


def observation_chunks(regions: list[str], rng: random.Random, size: int = 10000) -> Iterator[dict[str, list[str]]]:
    out: list[str] = []
    index = 0
    for i in range(1, INDICATORS + 1):
        level = rng.uniform(10, 1000)
        for region in regions:
            value = level * rng.uniform(0.6, 1.4)
            for period in PERIODS:
                value *= rng.uniform(0.97, 1.05)
                out.append(line([ordered_uuid(OBSERVATION_KIND, index, rng), f"BENCH-{i:03d}", region, period,
                                 f"{value:.2f}", "压测数据", "synthetic", "approved", "bench", "bench"]))
                index += 1
                if len(out) >= size:
                    yield {"observations": out}
                    out = []
    if out:
        yield {"observations": out}

