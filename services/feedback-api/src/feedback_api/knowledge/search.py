"""Chinese search over knowledge entries, pure and offline: TF-IDF cosine of
character bigrams and single characters, computed in Python over the entry
set (hundreds of entries: milliseconds; 3,000: 0.6 s measured). No word
segmenter and no pg_trgm: the embedded PostgreSQL ships it, but its trigrams
depend on the database locale (none from CJK under the C locale) and miss the
two-character words Chinese mostly uses.

- Text: the clusters' normaliser (NFKC, lower case; enterprise names, places,
  digits and what every complaint says removed), then runs of CJK or Latin,
  split at question words (怎么, 哪里, 多久 …: how people ask, not what about).
- Terms: bigrams inside each run (phrases, word order within a phrase) and
  single characters without function characters (partial words and
  paraphrases: 开户 / 开立账户); a small table of synonyms used in this domain
  adds the other form's terms to the query (社保 ↔ 社会保险).
- Fields: title and keywords count twice, the question once, the answer
  once (an answer names where to go, which people search for).
- Score: ``0.6 · cos(bigrams) + 0.4 · cos(characters)``, 0…1; entries sharing
  nothing with the query are left out. :func:`matched` lists the query's
  longest phrases (≥ 2 characters) found in an entry: the words behind the score.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from feedback_api.clusters.similarity import STOP_CHARS, normalize

BIGRAM_WEIGHT = 0.6
FIELD_WEIGHTS = (2, 2, 1, 1)  # title, keywords, question, answer
# Words enterprises and staff use for the same thing; both directions are added to a query.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("社保", "社会保险"), ("公积金", "住房公积金"), ("执照", "营业执照"), ("开户", "开立账户"),
    ("用电", "通电", "接电", "供电", "电力"), ("报装", "接入"), ("用水", "供水"), ("燃气", "天然气"),
    ("退税", "退还税款"), ("发票", "开票"), ("注销", "清算", "关掉", "歇业"), ("贷款", "融资", "信贷"),
    ("补贴", "补助", "奖励", "扶持资金"), ("办事大厅", "政务服务中心", "服务窗口"),
    ("专利", "知识产权"), ("商标", "知识产权"), ("食品经营", "食品经营许可", "餐饮", "饭店", "餐馆", "小吃店"),
    ("检查", "执法检查"), ("罚款", "处罚"), ("工地", "施工"), ("招聘", "用工"), ("落户", "户籍"),
)


# How people ask, not what they ask about: removed from queries and entries alike.
QUESTION_WORDS = ("怎么办", "怎么样", "怎么", "怎样", "什么", "哪里", "哪儿", "能不能", "可不可以", "可以", "要多久",
                  "多久", "多长时间", "如何", "是否", "需要", "一下", "吗", "呢")
_QUESTION_RE = re.compile("|".join(QUESTION_WORDS))


def _runs(text: str) -> list[str]:
    return [r for run in normalize(text) for r in _QUESTION_RE.split(run) if r]


def _terms(runs: Sequence[str]) -> tuple[Counter[str], Counter[str]]:
    grams: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for run in runs:
        if run.isascii():
            if len(run) >= 2:
                grams[run] += 1
            continue
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
        chars.update(c for c in run if c not in STOP_CHARS)
    return grams, chars


@dataclass
class Document:
    key: object
    text: str  # the normalised runs joined, for finding matched phrases
    grams: Counter[str]
    chars: Counter[str]


def document(key: object, title: str, keywords: Sequence[str], question: str, answer: str) -> Document:
    grams: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    texts = []
    for field_text, weight in zip((title, " ".join(keywords), question, answer), FIELD_WEIGHTS, strict=True):
        runs = _runs(field_text)
        texts.append(" ".join(runs))
        g, c = _terms(runs)
        for _ in range(weight):
            grams.update(g)
            chars.update(c)
    return Document(key, " ".join(texts), grams, chars)


def _expand(query: str) -> str:
    extra = [other for group in SYNONYMS if any(word in query for word in group)
             for other in group if other not in query]
    return " ".join([query, *extra])


def _idf(bags: Sequence[Counter[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    return {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}


def _vector(bag: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vec = {t: (1 + math.log(c)) * idf[t] for t, c in bag.items() if t in idf}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


MAX_PHRASE = 12


def matched(query: str, doc: Document, limit: int = 8) -> list[str]:
    """The words behind a score: the query's (with its synonyms) longest substrings of 2 to
    ``MAX_PHRASE`` characters present in the document, left to right."""
    text = doc.text
    found: list[str] = []
    for run in _runs(_expand(query)):
        i = 0
        while i < len(run) - 1:
            best = 0
            for j in range(min(len(run), i + MAX_PHRASE), i + 1, -1):
                if run[i:j] in text:
                    best = j - i
                    break
            phrase = run[i:i + best].strip("".join(STOP_CHARS)) if best else ""
            if len(phrase) >= 2 and phrase not in found:
                found.append(phrase)
            i += best or 1
    return found[:limit]


@dataclass(frozen=True)
class Hit:
    key: object
    score: float
    doc: Document


def rank(query: str, docs: Sequence[Document], limit: int | None = None) -> list[Hit]:
    """Documents sharing a term with ``query``, best first (ties: the given order)."""
    if not docs:
        return []
    q_grams, q_chars = _terms(_runs(_expand(query)))
    gram_idf = _idf([d.grams for d in docs])
    char_idf = _idf([d.chars for d in docs])
    qg, qc = _vector(q_grams, gram_idf), _vector(q_chars, char_idf)
    if not qg and not qc:
        return []
    scored = []
    for position, doc in enumerate(docs):
        score = (BIGRAM_WEIGHT * _cos(qg, _vector(doc.grams, gram_idf))
                 + (1 - BIGRAM_WEIGHT) * _cos(qc, _vector(doc.chars, char_idf)))
        if score > 0:
            scored.append((-score, position, doc))
    scored.sort(key=lambda s: (s[0], s[1]))
    hits = [Hit(doc.key, round(-neg, 4), doc) for neg, _, doc in scored]
    return hits[:limit] if limit is not None else hits
