"""The served city's standing across one framework (评价体系)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class RankBand:
    code: str
    label: str
    lowest: int
    highest: int | None  # None = no upper end


# The targets the seeds set per indicator: 全国第一, 前三, 前十.
BANDS: tuple[RankBand, ...] = (
    RankBand("first", "第1名", 1, 1),
    RankBand("top3", "第2—3名", 2, 3),
    RankBand("top10", "第4—10名", 4, 10),
    RankBand("beyond10", "10名以后", 11, None),
)


def band_of(rank: int | None, bands: Iterable[RankBand] = BANDS) -> str | None:
    if rank is None:
        return None
    for band in bands:
        if rank >= band.lowest and (band.highest is None or rank <= band.highest):
            return band.code
    return None


@dataclass(frozen=True)
class FrameworkSummary:
    indicator_count: int
    ranked_count: int
    top: int
    in_top: list[str]
    outside_top: list[str]
    unranked: list[str]
    band_counts: dict[str, int]
    advantage_first: list[str]
    advantage_not_first: list[str]


def framework_summary(
    ranks: Mapping[str, int | None], top: int = 10, advantage_codes: Iterable[str] = ()
) -> FrameworkSummary:
    """How many indicators are in the top ``top`` and which advantage indicators are first
    ("力争18项指标全部进入全国前十，4项优势指标力争全国第一"). Codes keep the order of ``ranks``."""
    if top < 1:
        raise ValueError(f"前 N 名的 N 须为正整数，收到 {top}")
    ranked = {code: rank for code, rank in ranks.items() if rank is not None}
    if any(rank < 1 for rank in ranked.values()):
        raise ValueError("名次须为正整数")
    advantage = list(dict.fromkeys(advantage_codes))
    return FrameworkSummary(
        indicator_count=len(ranks),
        ranked_count=len(ranked),
        top=top,
        in_top=[code for code, rank in ranked.items() if rank <= top],
        outside_top=[code for code, rank in ranked.items() if rank > top],
        unranked=[code for code, rank in ranks.items() if rank is None],
        band_counts={band.code: sum(1 for rank in ranked.values() if band_of(rank) == band.code) for band in BANDS},
        # An advantage indicator without a rank has not reached first place either.
        advantage_first=[code for code in advantage if ranks.get(code) == 1],
        advantage_not_first=[code for code in advantage if ranks.get(code) != 1],
    )
