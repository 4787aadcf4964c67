"""The dispatch model, pure and offline: character n-gram TF-IDF and two linear classifiers
(scikit-learn), one for the category and one for the main handling unit; co-units from how
often the training cases of the suggested unit had each co-unit; similar cases by cosine on
the same vectors. Nothing is downloaded: everything is learnt from the closed cases given.

Texts come from :func:`feedback_api.dispatch.text.features` (no personal data): runs of CJK
characters separated by spaces, so ``char_wb`` n-grams (1–3 characters) stay inside a run.
Logistic regression gives probabilities that are usable as confidences (not calibrated on
held-out data; docs/dispatch-suggestions.md says how far they can be trusted)."""

from __future__ import annotations

import io
import pickle
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

NGRAMS = (1, 3)
REGULARISATION_C = 3.0  # as accurate as 10 on the synthetic held-out split, 4× faster, less overconfident
CO_UNIT_MIN_SHARE = 0.25  # a co-unit is suggested when at least this share of the unit's cases had it
MAX_CO_UNITS = 3
TERMS = 8


@dataclass(frozen=True)
class TrainingCase:
    """A closed case as the model learns from it; ``title`` and ``reply`` already masked."""

    case_no: str
    received_at: datetime
    text: str
    category: str
    unit: str
    co_units: tuple[str, ...] = ()
    first_unit: str | None = None  # the unit it was first assigned to
    returns: int = 0
    reopens: int = 0
    satisfaction: str | None = None
    title: str = ""
    reply: str | None = None


@dataclass(frozen=True)
class Candidate:
    value: str
    confidence: float


@dataclass
class Suggestion:
    categories: list[Candidate]
    units: list[Candidate]
    co_units: list[Candidate]
    category_terms: list[str]
    unit_terms: list[str]
    similar: list[tuple[TrainingCase, float]] = field(default_factory=list)


class _Classifier:
    """Logistic regression, or a constant when the training cases have a single label."""

    def __init__(self, X, labels: Sequence[str]) -> None:
        self.classes = sorted(set(labels))
        self.model: LogisticRegression | None = None
        if len(self.classes) > 1:
            self.model = LogisticRegression(C=REGULARISATION_C, max_iter=2000)
            self.model.fit(X, labels)
            self.classes = [str(c) for c in self.model.classes_]

    def proba(self, X) -> np.ndarray:
        if self.model is None:
            return np.ones((X.shape[0], 1))
        return self.model.predict_proba(X)

    def weights(self, index: int) -> np.ndarray | None:
        """The feature weights that speak for class ``index``."""
        if self.model is None:
            return None
        coef = self.model.coef_
        if coef.shape[0] == 1:  # binary: one row, for classes[1]
            return coef[0] if index == 1 else -coef[0]
        return coef[index]


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, lowercase=False,
                           dtype=np.float32)


def _most_similar(matrix, cases: Sequence[TrainingCase], x, k: int) -> list[tuple[TrainingCase, float]]:
    """The ``k`` cases whose TF-IDF rows have the largest cosine with ``x`` (rows are unit length)."""
    sims = (matrix @ x.T).toarray().ravel()
    order = np.argsort(-sims, kind="stable")[:k]
    return [(cases[i], round(float(sims[i]), 4)) for i in order if sims[i] > 0]


def similar_cases(cases: Sequence[TrainingCase], text: str, k: int = 5) -> list[tuple[TrainingCase, float]]:
    """Without a model (cold start): the most similar of ``cases`` by the same features."""
    if not cases:
        return []
    vectorizer = _vectorizer()
    try:
        matrix = vectorizer.fit_transform([c.text for c in cases])
    except ValueError:  # no terms at all (e.g. every text empty after redaction)
        return []
    return _most_similar(matrix, cases, vectorizer.transform([text]), k)


class Suggester:
    """A fitted model: what a version's artifact holds."""

    def __init__(self, cases: Sequence[TrainingCase]) -> None:
        self.vectorizer = _vectorizer()
        X = self.vectorizer.fit_transform([c.text for c in cases])
        self.vocabulary = self.vectorizer.get_feature_names_out()
        self.category = _Classifier(X, [c.category for c in cases])
        self.unit = _Classifier(X, [c.unit for c in cases])
        self.co_units = _co_unit_shares(cases)
        self.matrix = X
        # Only what a suggestion shows of a similar case (masked when the cases were read).
        self.cases = list(cases)

    def _top(self, clf: _Classifier, x, k: int) -> list[Candidate]:
        p = clf.proba(x)[0]
        order = np.argsort(-p, kind="stable")[:k]
        return [Candidate(clf.classes[i], round(float(p[i]), 4)) for i in order]

    def _terms(self, clf: _Classifier, x, label: str) -> list[str]:
        """The n-grams of this text that weigh most for ``label`` (weight × TF-IDF)."""
        w = clf.weights(clf.classes.index(label))
        row = x.tocsr()
        if w is None or row.nnz == 0:
            return []
        contributions = row.data * w[row.indices]
        order = np.argsort(-contributions, kind="stable")
        terms: list[str] = []
        for i in order:
            term = self.vocabulary[row.indices[i]].strip()
            if contributions[i] <= 0 or len(terms) >= TERMS:
                break
            # Longer n-grams explain better; a single character only when nothing longer speaks.
            if len(term) >= 2 and not any(term in t or t in term for t in terms):
                terms.append(term)
        return terms

    def vectors(self, texts: Sequence[str]):
        return self.vectorizer.transform(texts)

    def suggest(self, text: str, k: int = 3, similar: int = 5) -> Suggestion:
        x = self.vectors([text])
        categories = self._top(self.category, x, k)
        units = self._top(self.unit, x, k)
        top_unit = units[0].value
        shares = self.co_units.get((categories[0].value, top_unit), self.co_units.get(top_unit, []))
        co = [Candidate(u, share) for u, share in shares]
        return Suggestion(
            categories=categories, units=units, co_units=co,
            category_terms=self._terms(self.category, x, categories[0].value),
            unit_terms=self._terms(self.unit, x, top_unit),
            similar=_most_similar(self.matrix, self.cases, x, similar),
        )

    def dumps(self) -> bytes:
        buffer = io.BytesIO()
        pickle.dump(self, buffer, protocol=pickle.HIGHEST_PROTOCOL)
        return buffer.getvalue()


def loads(data: bytes) -> Suggester:
    # Only ever our own artifact, read back from our own database.
    return pickle.loads(data)  # noqa: S301


def _co_unit_shares(cases: Sequence[TrainingCase]) -> dict[Any, list[tuple[str, float]]]:
    """Per (category, unit) and per unit: the co-units that at least ``CO_UNIT_MIN_SHARE`` of
    those training cases had, with that share as the confidence."""
    totals: Counter = Counter()
    counts: dict[Any, Counter] = defaultdict(Counter)
    for c in cases:
        for key in ((c.category, c.unit), c.unit):
            totals[key] += 1
            counts[key].update(set(c.co_units) - {c.unit})
    shares: dict[Any, list[tuple[str, float]]] = {}
    for key, counter in counts.items():
        ranked = [(co, round(n / totals[key], 4)) for co, n in counter.most_common()
                  if n / totals[key] >= CO_UNIT_MIN_SHARE]
        shares[key] = ranked[:MAX_CO_UNITS]
    return shares


def fit(cases: Sequence[TrainingCase]) -> Suggester:
    return Suggester(cases)


def time_split(cases: Sequence[TrainingCase], test_share: float) -> tuple[list[TrainingCase], list[TrainingCase]]:
    """Older cases to train on, the newest ``test_share`` to test: the model never sees the future."""
    ordered = sorted(cases, key=lambda c: (c.received_at, c.case_no))
    n_test = max(1, round(len(ordered) * test_share))
    return ordered[:-n_test], ordered[-n_test:]


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def evaluate(cases: Sequence[TrainingCase], test_share: float = 0.2) -> dict[str, Any]:
    """Held-out quality on a time-ordered split: top-1 / top-3 accuracy for category and unit,
    the majority-class baseline, and the return-avoided rate — among test cases that were
    returned (退回) and finally handled by another unit than the first, the share whose top-1
    unit suggestion is that final unit."""
    train, test = time_split(cases, test_share)
    model = fit(train)
    X = model.vectors([c.text for c in test])
    hits = Counter()
    p_cat, p_unit = model.category.proba(X), model.unit.proba(X)
    returned = avoided = 0
    for i, case in enumerate(test):
        cats = [model.category.classes[j] for j in np.argsort(-p_cat[i], kind="stable")[:3]]
        units = [model.unit.classes[j] for j in np.argsort(-p_unit[i], kind="stable")[:3]]
        hits["category_top1"] += cats[0] == case.category
        hits["category_top3"] += case.category in cats
        hits["unit_top1"] += units[0] == case.unit
        hits["unit_top3"] += case.unit in units
        if case.returns and case.first_unit and case.first_unit != case.unit:
            returned += 1
            avoided += units[0] == case.unit
    majority_cat = Counter(c.category for c in train).most_common(1)[0][0]
    majority_unit = Counter(c.unit for c in train).most_common(1)[0][0]
    n = len(test)
    return {
        "method": "time_split",
        "test_share": test_share,
        "train_cases": len(train),
        "test_cases": n,
        "train_until": train[-1].received_at.isoformat() if train else None,
        "test_from": test[0].received_at.isoformat(),
        "category_top1": _rate(hits["category_top1"], n),
        "category_top3": _rate(hits["category_top3"], n),
        "unit_top1": _rate(hits["unit_top1"], n),
        "unit_top3": _rate(hits["unit_top3"], n),
        "baseline_category_top1": _rate(sum(c.category == majority_cat for c in test), n),
        "baseline_unit_top1": _rate(sum(c.unit == majority_unit for c in test), n),
        "returned_cases": returned,
        "return_avoided_rate": _rate(avoided, returned),
    }
