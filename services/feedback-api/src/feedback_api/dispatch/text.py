"""What the model may read of a case, and what a suggestion may show of one.

Features never carry personal data: phone and ID numbers, the complainant's name and
"王先生 / 李女士" are cut out (identifiers.redact_text), then the clusters' normalisation keeps
only runs of CJK characters and Latin words and drops the enterprise name. Shown excerpts
(titles, replies) go through the same redaction."""

from __future__ import annotations

import re

from feedback_api.clusters.similarity import normalize
from feedback_api.identifiers import REDACTED, redact_text

TITLE_REPEAT = 2  # the title states the matter: it counts twice, as in the clusters
# A surname with a form of address beyond redact_text's 先生/女士/小姐: the person, not the matter.
_ADDRESSED = re.compile(r"[\u4e00-\u9fff](先生|女士|小姐|总经理|经理|老板|师傅)")


def features(title: str, description: str, *, contact_name: str | None = None,
             enterprise_name: str | None = None) -> str:
    """The case's text as the model sees it: normalised runs separated by spaces."""
    text = redact_text(" ".join([title] * TITLE_REPEAT + [description]), (contact_name,))
    return " ".join(normalize(_ADDRESSED.sub(" ", text.replace(REDACTED, " ")), enterprise_name))


def masked(text: str | None, *, contact_name: str | None = None, limit: int = 200) -> str | None:
    """A short excerpt for display, personal data redacted."""
    if not text:
        return None
    text = " ".join(_ADDRESSED.sub(r"某\1", redact_text(text, (contact_name,))).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
