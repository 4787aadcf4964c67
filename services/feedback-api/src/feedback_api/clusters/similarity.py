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
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

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


def ngrams(runs: Iterable[str], sizes: Sequence[int] = NGRAM_SIZES) -> Counter[str]:
    counts: Counter[str] = Counter()
    for run in runs:
        if run.isascii():  # a Latin word (GMP, ETC) counts as one token
            if len(run) >= 2:
                counts[run] += 1
            continue
        for n in sizes:
            for i in range(len(run) - n + 1):
                counts[run[i:i + n]] += 1
    return counts


def characters(runs: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for run in runs:
        if run.isascii():
            if len(run) >= 2:
                counts[run] += 1
            continue
        counts.update(c for c in run if c not in STOP_CHARS)
    return counts


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

    def __post_init__(self) -> None:
        title = normalize(self.title, self.enterprise_name)
        description = normalize(self.description, self.enterprise_name)
        for bag, count in ((self.chars, characters), (self.grams, ngrams)):
            bag.update({t: c * TITLE_WEIGHT for t, c in count(title).items()})
            bag.update(count(description))


class _Space:
    """TF-IDF vectors of one bag, L2-normalised; IDF over all documents."""

    def __init__(self, bags: dict[str, Counter[str]]) -> None:
        df: Counter[str] = Counter()
        for bag in bags.values():
            df.update(bag.keys())
        n = len(bags)
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
        self.vectors: dict[str, dict[str, float]] = {}
        for key, bag in bags.items():
            vec = {t: (1 + math.log(c)) * self.idf[t] for t, c in bag.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            self.vectors[key] = {t: v / norm for t, v in vec.items()}

    def cosine(self, a: str, b: str) -> float:
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(v * vb.get(t, 0.0) for t, v in va.items())


class Vectors:
    """The documents' two TF-IDF spaces (characters; bigrams and trigrams)."""

    def __init__(self, docs: Sequence[Doc]) -> None:
        self.docs = list(docs)
        self.chars = _Space({d.key: d.chars for d in self.docs})
        self.grams = _Space({d.key: d.grams for d in self.docs})

    @property
    def idf(self) -> dict[str, float]:
        return self.grams.idf

    def similarity(self, a: str, b: str) -> float:
        return CHARACTER_WEIGHT * self.chars.cosine(a, b) + (1 - CHARACTER_WEIGHT) * self.grams.cosine(a, b)


def _average_link(keys: list[str], sim: dict[tuple[str, str], float], threshold: float) -> list[list[str]]:
    """Average-link agglomeration of ``keys`` (sorted); deterministic."""
    groups: dict[int, list[str]] = {i: [k] for i, k in enumerate(keys)}
    # Sum of pairwise similarities between two groups; mean = sum / (|a|·|b|).
    sums: dict[tuple[int, int], float] = {}
    heap: list[tuple[float, str, str, int, int]] = []
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            s = sim[(keys[i], keys[j])]
            sums[(i, j)] = s
            if s >= threshold:
                heapq.heappush(heap, (-s, keys[i], keys[j], i, j))
    next_id = len(keys)
    while heap:
        neg, _, _, a, b = heapq.heappop(heap)
        if a not in groups or b not in groups:
            continue  # stale: one side was merged already
        mean = sums[(a, b)] / (len(groups[a]) * len(groups[b]))
        if abs(mean + neg) > 1e-12:
            continue  # stale value
        merged = sorted(groups.pop(a) + groups.pop(b))
        new = next_id
        next_id += 1
        for other, members in groups.items():
            pa = sums.pop((min(a, other), max(a, other)))
            pb = sums.pop((min(b, other), max(b, other)))
            total = pa + pb
            sums[(other, new)] = total
            avg = total / (len(merged) * len(members))
            if avg >= threshold:
                first = min(merged[0], members[0])
                second = max(merged[0], members[0])
                heapq.heappush(heap, (-avg, first, second, other, new))
        sums.pop((a, b), None)
        groups[new] = merged
    return sorted(groups.values(), key=lambda g: g[0])


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
        sim = {}
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                sim[(a, b)] = sim[(b, a)] = vectors.similarity(a, b)
        for members in _average_link(keys, sim, threshold):
            if len(members) < min_size:
                continue
            out.append(describe(members, gate, sim))
    return out


def describe(members: Sequence[str], gate: Hashable, sim: dict[tuple[str, str], float]) -> Group:
    members = sorted(members)
    each = {}
    for k in members:
        others = [sim[(k, o)] for o in members if o != k]
        each[k] = round(sum(others) / len(others), 4) if others else 1.0
    pairs = [sim[(a, b)] for i, a in enumerate(members) for b in members[i + 1:]]
    cohesion = round(sum(pairs) / len(pairs), 4) if pairs else 1.0
    return Group(tuple(members), gate, cohesion, each)


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
    for d in docs:
        subs = set()
        for run in normalize(f"{d.title}。{d.description}", d.enterprise_name):
            if run.isascii():
                continue
            for n in range(2, 9):
                for i in range(len(run) - n + 1):
                    subs.add(run[i:i + n])
        present.update(subs)
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
