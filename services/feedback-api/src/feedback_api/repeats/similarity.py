"""Text similarity of two cases and the enterprise-name key used to match
them. Pure functions: no database, no settings.

- Similarity: the cosine of the character-bigram counts of the two texts
  (title + description), after NFKC folding, lower-casing and dropping
  everything that is not a letter or a digit. 1.0 for the same text, 0.0 for
  texts sharing no bigram. Chinese has no word boundaries: bigrams are the
  usual cheap unit, and counts (not sets) keep a long description from
  diluting the shared words.
- Name key: lower-case ASCII letters and drop spaces, brackets and
  punctuation (half- and full-width), so ``杭州 之江（新材料）有限公司`` and
  ``杭州之江(新材料)有限公司`` match. :func:`name_key_sql` is the same
  function in SQL (``translate``), so the database can match on it.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter

from sqlalchemy import ColumnElement, Text, func, literal

# Removed from names before comparing: whitespace, brackets and punctuation, ASCII and full-width.
NAME_NOISE = (" \t\r\n\u3000()（）[]［］【】〔〕{}｛｝<>〈〉《》「」『』\"'“”‘’`·•・.,，。、:：;；!！?？"
              "-－—–_＿/／\\＼|｜&＆+＋*＊#＃@＠~～")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = _UPPER.lower()
_NAME_TABLE = str.maketrans(_UPPER, _LOWER, NAME_NOISE)


def name_key(name: str | None) -> str | None:
    """The comparable form of an enterprise name; ``None`` when nothing is left."""
    if not name:
        return None
    key = name.translate(_NAME_TABLE)
    return key or None


def name_key_sql(column: ColumnElement[str]) -> ColumnElement[str]:
    """:func:`name_key` in SQL: ``translate`` maps A–Z to a–z and drops the noise characters.
    The constants are written into the statement, not bound, so it is the expression of the index
    ``ix_cases_enterprise_key`` and the planner can use that index."""
    return func.translate(column, literal(_UPPER + NAME_NOISE, Text, literal_execute=True),
                          literal(_LOWER, Text, literal_execute=True))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


def bigrams(text: str) -> Counter[str]:
    folded = _fold(text)
    if len(folded) < 2:
        return Counter([folded]) if folded else Counter()
    return Counter(folded[i:i + 2] for i in range(len(folded) - 1))


def similarity(a: str, b: str) -> float:
    """Cosine similarity of the character-bigram counts, rounded to 3 places."""
    left, right = bigrams(a), bigrams(b)
    dot = sum(left[k] * right[k] for k in left.keys() & right.keys())
    norm = math.sqrt(sum(v * v for v in left.values())) * math.sqrt(sum(v * v for v in right.values()))
    return round(dot / norm, 3) if norm else 0.0


def case_text(title: str | None, description: str | None) -> str:
    return f"{title or ''}\n{description or ''}"
