"""Similar-case detection for 举一反三, pure and offline: character n-gram
TF-IDF cosine over a case's title and description, and deterministic
average-link grouping within one gate (the category).

No model and no download: Chinese has no spaces, and character bigrams and
trigrams are the classic way to compare short Chinese texts without a word
segmenter. The text is normalised first so that what every complaint says
("我司…请求协调尽快解决") and what identifies the complainant (enterprise
names, districts, numbers) do not make unrelated cases look alike.

Method (docs/feedback-clusters.md has the measured quality):

1. normalise: NFKC, lower case; remove the case's own enterprise name, any
   ``…有限公司``-like name, district and city names, digits and stop phrases;
   keep runs of CJK characters and Latin letters;
2. features, two bags per case: single characters (without function
   characters such as 的/了/在) and character bigrams + trigrams inside each
   run; the title counts twice (it states the matter), the description once;
   term frequency ``1 + ln(tf)``; inverse document frequency
   ``ln((1 + N) / (1 + df)) + 1`` over every document given (the period's
   cases), so what every complaint says weighs little;
3. similarity: ``0.7 · cos(characters) + 0.3 · cos(bigrams+trigrams)`` of the
   L2-normalised TF-IDF vectors (0…1). Characters carry paraphrases (开户 /
   开立账户, 退还 / 返还); the n-grams reward shared phrases;
4. grouping, per gate: average-link agglomerative clustering — repeatedly
   join the two groups whose mean pairwise similarity is highest, while it
   is at least the threshold; ties go to the pair with the smallest
   document keys, so the same input always gives the same groups. Average
   link (not single link) keeps one borderline pair from chaining two
   matters together. Groups smaller than ``min_size`` are not suggested.

At city scale (100k cases of a period, docs/feedback-clusters.md) the same
computation runs on sparse matrices: identical texts are compared once as
weighted points, each category is split into parts no group can span, and a
new case is scored against cluster centroids.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

# Enterprise and organisation names: a short run of characters ending in a legal-form suffix.
_ORG_NAME = re.compile(
    r"[\u4e00-\u9fff（）()A-Za-z]{2,16}?"
    r"(股份有限公司|有限责任公司|有限公司|集团公司|集团|合作社|工作室|商行|经营部|门市部|事务所)"
)
_PLACES = (
    "浙江省", "杭州市", "杭州", "上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "富阳区", "临安区",
    "临平区", "钱塘区", "桐庐县", "淳安县", "建德市", "下沙", "钱江", "西溪",
)
# What almost every complaint says, whatever it is about.
STOP_PHRASES = (
    "企业反映", "企业反应", "企业来电", "来电反映", "市民反映", "群众反映", "企业表示", "企业称", "反映称",
    "我们公司", "我公司", "我司", "本公司", "本企业", "我单位", "贵单位", "相关部门", "有关部门", "相关单位",
    "请求协调", "请协调", "帮忙协调", "帮助协调", "恳请", "请求", "希望", "尽快", "给予解决", "帮助解决",
    "予以解决", "解决问题", "妥善处理", "谢谢", "感谢", "麻烦", "您好", "你好", "请问", "目前", "至今",
    "现在", "已经", "一直", "仍然", "还是", "这个", "那个", "我们", "他们", "工作人员", "工作日", "个月",
)
_STOP_RE = re.compile("|".join(re.escape(p) for p in sorted(STOP_PHRASES + _PLACES, key=len, reverse=True)))
_RUN = re.compile(r"[\u4e00-\u9fff]+|[a-z]+")
# Function characters: frequent in every text, meaningless alone.
STOP_CHARS = frozenset("的了是在和也都就还又被把对与及等个我们这那有为以其之而或但并从向到给让使已将于")
NGRAM_SIZES = (2, 3)
TITLE_WEIGHT = 2
CHARACTER_WEIGHT = 0.7


def normalize(text: str, enterprise_name: str | None = None) -> list[str]:
    """The text's meaningful runs (CJK characters or Latin letters), normalised."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    if enterprise_name:
        name = unicodedata.normalize("NFKC", enterprise_name).lower().strip()
        if len(name) >= 2:
            text = text.replace(name, " ")
    text = _ORG_NAME.sub(" ", text)
    text = _STOP_RE.sub(" ", text)
    return _RUN.findall(text)


def _gram_tokens(runs: Iterable[str], sizes: Sequence[int] = NGRAM_SIZES) -> list[str]:
    tokens: list[str] = []
    for run in runs:
        if run.isascii():  # a Latin word (GMP, ETC) counts as one token
            if len(run) >= 2:
                tokens.append(run)
            continue
        for n in sizes:
            tokens += [run[i:i + n] for i in range(len(run) - n + 1)]
    return tokens


def _char_tokens(runs: Iterable[str]) -> list[str]:
    tokens: list[str] = []
    for run in runs:
        if run.isascii():
            if len(run) >= 2:
                tokens.append(run)
            continue
        tokens += [c for c in run if c not in STOP_CHARS]
    return tokens


@dataclass
class Doc:
    """One case as the similarity sees it. ``key`` orders ties (the case number)."""

    key: str
    gate: Hashable
    title: str
    description: str
    enterprise_name: str | None = None
    chars: Counter[str] = field(default_factory=Counter, repr=False)
    grams: Counter[str] = field(default_factory=Counter, repr=False)
    # The normalised runs of the title, then of the description (what keywords are read from).
    runs: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        title = normalize(self.title, self.enterprise_name)
        description = normalize(self.description, self.enterprise_name)
        self.runs = tuple(title + description)
        # Counting the title's tokens TITLE_WEIGHT times weighs them so, in one C-level count.
        for bag, tokens in ((self.chars, _char_tokens), (self.grams, _gram_tokens)):
            bag.update(tokens(title) * TITLE_WEIGHT + tokens(description))


class _Space:
    """TF-IDF vectors of one bag as the rows of a sparse matrix, L2-normalised;
    IDF over all documents. Sparse rows and matrix products (numpy/scipy)
    instead of dictionaries: the pairwise similarities of a gate are one
    product, which is what lets a period of 100k cases be grouped in seconds."""

    def __init__(self, bags: Sequence[Counter[str]]) -> None:
        self.vocabulary: dict[str, int] = {}
        vocabulary = self.vocabulary
        columns = np.fromiter((vocabulary.setdefault(t, len(vocabulary)) for bag in bags for t in bag),
                              dtype=np.int64)
        counts = [c for bag in bags for c in bag.values()]
        indptr = np.concatenate(([0], np.cumsum([len(bag) for bag in bags], dtype=np.int64)))
        df = np.bincount(columns, minlength=len(self.vocabulary))
        self.idf_values = np.log((1 + len(bags)) / (1 + df)) + 1
        data = (1 + np.log(np.asarray(counts, dtype=np.float64))) * self.idf_values[columns]
        matrix = sparse.csr_matrix((data, columns, indptr),
                                   shape=(len(bags), len(self.vocabulary)))
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.matrix = sparse.csr_matrix(sparse.diags(1 / norms) @ matrix)
        self._idf: dict[str, float] | None = None

    @property
    def idf(self) -> dict[str, float]:
        if self._idf is None:
            self._idf = {t: float(self.idf_values[i]) for t, i in self.vocabulary.items()}
        return self._idf

    def vector(self, bag: Counter[str]) -> sparse.csr_matrix:
        """A document outside the corpus in this space (terms the corpus lacks are left out)."""
        known = [(self.vocabulary[t], c) for t, c in bag.items() if t in self.vocabulary]
        columns = np.asarray([i for i, _ in known], dtype=np.int64)
        data = (1 + np.log(np.asarray([c for _, c in known], dtype=np.float64))) * self.idf_values[columns]
        norm = math.sqrt(float(data @ data)) or 1.0
        return sparse.csr_matrix((data / norm, columns, np.asarray([0, len(known)])), shape=(1, len(self.vocabulary)))


class Vectors:
    """The documents' two TF-IDF spaces (characters; bigrams and trigrams)."""

    def __init__(self, docs: Sequence[Doc]) -> None:
        self.docs = list(docs)
        self.row = {d.key: i for i, d in enumerate(self.docs)}
        self.chars = _Space([d.chars for d in self.docs])
        self.grams = _Space([d.grams for d in self.docs])

    def rows(self, keys: Sequence[str]) -> np.ndarray:
        return np.fromiter((self.row[k] for k in keys), dtype=np.int64, count=len(keys))

    def cross(self, a: np.ndarray, b: np.ndarray) -> sparse.csr_matrix:
        """Similarities of rows ``a`` × rows ``b`` (sparse; pairs sharing no term are absent)."""
        c, g = self.chars.matrix, self.grams.matrix
        return sparse.csr_matrix(CHARACTER_WEIGHT * (c[a] @ c[b].T) + (1 - CHARACTER_WEIGHT) * (g[a] @ g[b].T))

    def block(self, keys: Sequence[str]) -> np.ndarray:
        """The dense similarity matrix of ``keys`` (in that order)."""
        rows = self.rows(keys)
        return self.cross(rows, rows).toarray()


# Gates with at most this many distinct texts get one dense similarity matrix;
# larger ones are compared in blocks of rows (bounded memory) and split first.
_DENSE_LIMIT = 4096
_BLOCK_ROWS = 2048


def _distinct(vectors: Vectors, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(rows of the distinct texts, each key's position among them). Cases whose
    features are identical (the same wording from different enterprises) are
    compared once: their similarity to anything is the same."""
    seen: dict[tuple[frozenset, frozenset], int] = {}
    unique, inverse = [], []
    for key in keys:
        row = vectors.row[key]
        doc = vectors.docs[row]
        position = seen.setdefault((frozenset(doc.chars.items()), frozenset(doc.grams.items())), len(unique))
        if position == len(unique):
            unique.append(row)
        inverse.append(position)
    return np.asarray(unique, dtype=np.int64), np.asarray(inverse, dtype=np.int64)


def _components(vectors: Vectors, rows: np.ndarray, threshold: float
                ) -> list[tuple[np.ndarray, np.ndarray]]:
    """``rows`` split into the connected components of the graph of pairs with
    similarity ≥ threshold, each as (positions in ``rows``, its similarity
    matrix). Average link joins two groups only when their mean similarity is
    ≥ the threshold, which needs one pair at or above it, so it never joins
    across components: grouping each alone gives exactly the gate's groups."""
    n = len(rows)
    dense = vectors.cross(rows, rows).toarray() if n <= _DENSE_LIMIT else None
    if dense is not None:
        graph = sparse.csr_matrix(dense >= threshold)
    else:
        edges_i, edges_j = [], []
        for start in range(0, n, _BLOCK_ROWS):
            part = vectors.cross(rows[start:start + _BLOCK_ROWS], rows).tocoo()
            keep = part.data >= threshold
            edges_i.append(part.row[keep] + start)
            edges_j.append(part.col[keep])
        i, j = np.concatenate(edges_i), np.concatenate(edges_j)
        graph = sparse.csr_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    count, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    out = []
    for part in np.split(order, np.cumsum(np.bincount(labels, minlength=count))[:-1]):
        sim = dense[np.ix_(part, part)] if dense is not None else vectors.cross(rows[part], rows[part]).toarray()
        out.append((part, sim))
    return out


def _average_link(sim: np.ndarray, weights: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-link agglomeration of the points of ``sim`` (a dense similarity
    matrix, points in key order), point ``i`` standing for ``weights[i]``
    identical cases. Joins the two groups with the highest mean pairwise
    similarity while it is ≥ the threshold; of equal pairs, the one with the
    smallest first members (a group is named by its smallest point). Each
    group keeps its sums of similarities to the others and each row its most
    similar group, so one join costs a few vector operations."""
    n = len(sim)
    sizes = weights.astype(np.float64)
    sums = sim * np.outer(sizes, sizes)
    np.fill_diagonal(sums, -np.inf)
    active = np.ones(n, dtype=bool)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    means = sums / np.outer(sizes, sizes)
    best = means.argmax(axis=1) if n else np.zeros(0, dtype=np.int64)
    best_value = means[np.arange(n), best]

    def refresh(row: int) -> None:
        values = sums[row] / (sizes[row] * sizes)
        values[~active] = -np.inf
        values[row] = -np.inf
        best[row] = int(values.argmax())
        best_value[row] = values[best[row]]

    while n > 1:
        candidates = np.where(active, best_value, -np.inf)
        top = candidates.max()
        if top < threshold:
            break
        rows = np.flatnonzero(candidates == top)
        low, high = np.minimum(rows, best[rows]), np.maximum(rows, best[rows])
        first = np.lexsort((high, low))[0]
        a, b = int(low[first]), int(high[first])  # the joined group keeps the smaller index, its smallest point
        sums[a] += sums[b]
        sums[:, a] = sums[a]
        sums[a, a] = -np.inf
        sizes[a] += sizes[b]
        active[b] = False
        best_value[b] = -np.inf
        members[a] += members.pop(b)
        column = sums[:, a] / (sizes * sizes[a])
        others = active.copy()
        others[a] = False
        stale = others & ((best == a) | (best == b))
        closer = others & ~stale & ((column > best_value) | ((column == best_value) & (a < best)))
        best[closer], best_value[closer] = a, column[closer]
        for row in np.flatnonzero(stale):
            refresh(int(row))
        refresh(a)
    return sorted((sorted(m) for m in members.values()), key=lambda g: g[0])


@dataclass(frozen=True)
class Group:
    keys: tuple[str, ...]
    gate: Hashable
    cohesion: float  # mean pairwise similarity
    similarity: dict[str, float]  # each member's mean similarity to the others


def group(docs: Sequence[Doc], threshold: float, min_size: int = 2,
          vectors: Vectors | None = None) -> list[Group]:
    """Suggested groups: per gate, average-link groups of at least ``min_size``.
    ``vectors`` may cover more documents than ``docs`` (a wider IDF corpus)."""
    vectors = vectors or Vectors(docs)
    by_gate: dict[Hashable, list[str]] = {}
    for d in docs:
        by_gate.setdefault(d.gate, []).append(d.key)
    out: list[Group] = []
    for gate in sorted(by_gate, key=str):
        keys = sorted(by_gate[gate])
        unique, inverse = _distinct(vectors, keys)
        keys_of: list[list[str]] = [[] for _ in unique]
        for key, point in zip(keys, inverse.tolist(), strict=True):
            keys_of[point].append(key)
        weights = np.bincount(inverse, minlength=len(unique))
        found = []
        for part, sim in _components(vectors, unique, threshold):
            if weights[part].sum() < min_size:
                continue
            for points in _average_link(sim, weights[part], threshold):
                if weights[part][points].sum() < min_size:
                    continue
                point_of = {k: i for i, p in enumerate(points) for k in keys_of[part[p]]}
                members = sorted(point_of)
                found.append(describe(members, gate, sim[np.ix_(points, points)], [point_of[k] for k in members]))
        out += sorted(found, key=lambda g: g.keys[0])
    return out


def describe(members: Sequence[str], gate: Hashable, sim: np.ndarray, points: Sequence[int] | None = None) -> Group:
    """``members`` sorted; ``sim`` their similarity matrix, or, with ``points``, the
    matrix of their distinct texts with ``points[i]`` the text of member ``i``."""
    n = len(members)
    if n < 2:
        return Group(tuple(members), gate, 1.0, {k: 1.0 for k in members})
    point = np.arange(n) if points is None else np.asarray(points)
    weights = np.bincount(point, minlength=len(sim)).astype(np.float64)
    diagonal = np.diag(sim)
    to_all = sim @ weights  # each text's summed similarity to every member, itself included
    each = {k: round(float(to_all[p] - diagonal[p]) / (n - 1), 4) for k, p in zip(members, point.tolist(), strict=True)}
    cohesion = round(float(weights @ to_all - weights @ diagonal) / (n * (n - 1)), 4)
    return Group(tuple(members), gate, cohesion, each)


class Centroids:
    """Each group's mean vector in both spaces. Similarity is linear in each
    vector, so a document's mean similarity to a group's members is its dot
    product with the group's centroid: one case is compared with every group
    of its gate in one sparse product, however many members they have."""

    def __init__(self, vectors: Vectors, groups: dict[str, tuple[Hashable, Sequence[str]]]) -> None:
        """``groups``: label → (gate, member keys)."""
        self.vectors = vectors
        self.labels = list(groups)
        self.gates = [gate for gate, _ in groups.values()]
        rows, cols, weights = [], [], []
        for i, (_, keys) in enumerate(groups.values()):
            rows += [i] * len(keys)
            cols += [vectors.row[k] for k in keys]
            weights += [1 / len(keys)] * len(keys)
        mean = sparse.csr_matrix((weights, (rows, cols)), shape=(len(self.labels), len(vectors.docs)))
        self.chars = sparse.csr_matrix(mean @ vectors.chars.matrix)
        self.grams = sparse.csr_matrix(mean @ vectors.grams.matrix)

        by_gate: dict[Hashable, list[int]] = {}
        for i, gate in enumerate(self.gates):
            by_gate.setdefault(gate, []).append(i)
        self._gates = {gate: (idx, self.chars[idx], self.grams[idx]) for gate, idx in by_gate.items()}

    @staticmethod
    def _scores(chars: sparse.csr_matrix, grams: sparse.csr_matrix, centroid_chars: sparse.csr_matrix,
                centroid_grams: sparse.csr_matrix) -> np.ndarray:
        """Rows × groups: mean similarity of each row to each group's members."""
        return (CHARACTER_WEIGHT * (chars @ centroid_chars.T)
                + (1 - CHARACTER_WEIGHT) * (grams @ centroid_grams.T)).toarray()

    def scores(self, keys: Sequence[str]) -> np.ndarray:
        """Documents of the corpus × groups."""
        rows = self.vectors.rows(keys)
        return self._scores(self.vectors.chars.matrix[rows], self.vectors.grams.matrix[rows], self.chars, self.grams)

    def assign(self, doc: Doc, threshold: float) -> tuple[str, float] | None:
        """The group of ``doc``'s gate its mean similarity is highest to (the
        first label on a tie), if at least ``threshold``. ``doc`` need not be
        in the corpus: it is weighed with the corpus's IDF."""
        if doc.gate not in self._gates:
            return None
        idx, chars, grams = self._gates[doc.gate]
        scores = self._scores(self.vectors.chars.vector(doc.chars), self.vectors.grams.vector(doc.grams),
                              chars, grams)[0]
        best = int(scores.argmax())
        if scores[best] < threshold:
            return None
        return self.labels[idx[best]], round(float(scores[best]), 4)


# Words too general to name a matter.
GENERIC_WORDS = frozenset((
    "企业", "公司", "要求", "申请", "办理", "提交", "材料", "部门", "项目", "问题", "影响", "没有", "无法", "一次",
    "每次", "多次", "迟迟", "迟迟不", "时间", "情况", "规定", "政策", "通过", "进行", "需要", "可以", "不能",
))


def keywords(docs: Sequence[Doc], vectors: Vectors, limit: int = 5) -> list[str]:
    """Phrases most members share: substrings of 2–8 characters present in at
    least half the members (and at least two), kept only where no longer
    phrase around them is as common (so 用电报装, not 电报装) and not starting
    or ending with a function character; the most shared first, then the
    rarest in the period, longer ones ahead."""
    if len(docs) < 2:
        return []
    need = max(2, math.ceil(len(docs) / 2))
    present: Counter[str] = Counter()
    # Members worded alike (the same text from different enterprises) are read once, counted as often.
    for runs, times in Counter(d.runs for d in docs).items():
        subs = {run[i:i + n] for run in runs if not run.isascii()
                for n in range(2, 9) for i in range(len(run) - n + 1)}
        for sub in subs:
            present[sub] += times
    common = {p: c for p, c in present.items() if c >= need}
    closed = [p for p, c in common.items()
              if p not in GENERIC_WORDS and p[0] not in STOP_CHARS and p[-1] not in STOP_CHARS
              and not any(common.get(q) == c for q in _extensions(p, common))]
    idf = vectors.grams.idf
    scored = []
    for phrase in closed:
        rarity = sum(idf.get(phrase[i:i + 2], 1.0) for i in range(len(phrase) - 1)) / (len(phrase) - 1)
        scored.append((-common[phrase], -(rarity ** 2 * (1 + 0.25 * (len(phrase) - 2))), phrase))
    chosen: list[str] = []
    for *_, phrase in sorted(scored):
        if any(_overlap(phrase, c) for c in chosen):
            continue
        chosen.append(phrase)
        if len(chosen) == limit:
            break
    return chosen


def _overlap(a: str, b: str) -> bool:
    """One contains the other, or one ends with how the other begins (农民工 / 工资)."""
    if a in b or b in a:
        return True
    return any(a.endswith(b[:k]) or b.endswith(a[:k]) for k in range(1, min(len(a), len(b))))


def _extensions(phrase: str, common: dict[str, int]) -> list[str]:
    """Phrases one character longer that contain ``phrase``, among ``common``."""
    return [q for q in common if len(q) == len(phrase) + 1 and (q.startswith(phrase) or q.endswith(phrase))]


def pairwise_scores(predicted: Iterable[Iterable[str]], labels: dict[str, str | None]
                    ) -> tuple[float, float, int, int, int]:
    """Pairwise precision and recall of predicted groups against labels
    (key → group label, ``None`` for a singleton): (precision, recall, true
    positive pairs, predicted pairs, labelled pairs)."""
    predicted_pairs = set()
    for members in predicted:
        members = sorted(members)
        predicted_pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    by_label: dict[str, list[str]] = {}
    for key, label in labels.items():
        if label is not None:
            by_label.setdefault(label, []).append(key)
    true_pairs = set()
    for members in by_label.values():
        members = sorted(members)
        true_pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    tp = len(predicted_pairs & true_pairs)
    precision = tp / len(predicted_pairs) if predicted_pairs else 1.0
    recall = tp / len(true_pairs) if true_pairs else 1.0
    return precision, recall, tp, len(predicted_pairs), len(true_pairs)
