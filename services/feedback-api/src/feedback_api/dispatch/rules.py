"""Cold start (冷启动): keyword rules from the category tree while too few closed cases exist
to train on. A category's keywords are the words of its name and its parent's name (split on
与/和/、) and their character bigrams; the unit is the one that most often handled the
category's past cases, if any. Pure; the service feeds it the tree and the counts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from feedback_api.dispatch.learn import Candidate

_SPLIT = re.compile(r"[与和及、，,/\s]+")
GENERIC = frozenset({"其他", "企业", "问题", "涉企"})
PARENT_WEIGHT = 0.5


@dataclass(frozen=True)
class CategoryNode:
    code: str
    name: str
    parent_code: str | None


@dataclass
class RuleSuggestion:
    categories: list[Candidate]
    units: list[Candidate]
    terms: list[str]


def keywords(name: str) -> tuple[list[str], list[str]]:
    """(words, bigrams) of a category name."""
    words = [w for w in _SPLIT.split(name) if len(w) >= 2 and w not in GENERIC]
    bigrams = sorted({w[i:i + 2] for w in words for i in range(len(w) - 1)} - GENERIC)
    return words, bigrams


def _score(text: str, name: str) -> tuple[float, list[str]]:
    words, bigrams = keywords(name)
    found = [w for w in words if w in text]
    grams = [g for g in bigrams if g in text and not any(g in w for w in found)]
    # A whole name word found weighs its length (用电报装 > 厂房); a stray bigram half as much.
    return sum(len(w) for w in found) + 0.5 * len(grams), found + grams


def suggest(text: str, tree: Sequence[CategoryNode], usual_units: dict[str, list[tuple[str, float]]],
            k: int = 3) -> RuleSuggestion:
    """Scores the leaf categories (a parent counts half) by keywords found in ``text``;
    confidences are shares of the total score, so they only rank the candidates."""
    nodes = {c.code: c for c in tree}
    parents = {c.parent_code for c in tree if c.parent_code}
    scored: list[tuple[float, str, list[str]]] = []
    for node in tree:
        if node.code in parents:
            continue
        score, terms = _score(text, node.name)
        parent = nodes.get(node.parent_code or "")
        if parent is not None:
            parent_score, parent_terms = _score(text, parent.name)
            score += PARENT_WEIGHT * parent_score
            terms += [t for t in parent_terms if t not in terms]
        if score > 0:
            scored.append((score, node.code, terms))
    scored.sort(key=lambda s: (-s[0], s[1]))
    total = sum(s[0] for s in scored)
    categories = [Candidate(code, round(score / total, 4)) for score, code, _ in scored[:k]]
    units = [Candidate(u, share) for u, share in usual_units.get(categories[0].value, [])[:k]] if categories else []
    return RuleSuggestion(categories, units, scored[0][2] if scored else [])
