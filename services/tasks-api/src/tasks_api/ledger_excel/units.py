"""Unit names as office files write them → the unit directory.

Files name units loosely (杭州市发改委, 市发改委, 发改委, full-width
brackets); a name resolves only when it equals a unit's name, short name or
alias after normalising, so a typo is reported with suggestions instead of
silently becoming a new or wrong unit."""

from __future__ import annotations

import difflib
import re
import unicodedata
import uuid
from dataclasses import dataclass, field

# Writers prefix the city's own name or not, at will.
CITY_PREFIX = "杭州"
_SEPARATORS = re.compile(r"[、，,；;/／\s]+")
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")", "［": "(", "］": ")"})
MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class UnitRef:
    id: uuid.UUID
    name: str
    short_name: str
    aliases: list[str] = field(default_factory=list)


class UnknownUnit(LookupError):
    def __init__(self, name: str, suggestions: list[str], *, ambiguous: bool = False) -> None:
        self.name = name
        self.suggestions = suggestions
        if ambiguous:
            message = f"单位「{name}」同时对应{'、'.join(suggestions)}，请填写单位全称"
        elif suggestions:
            message = f"未找到单位「{name}」，是否为：{'、'.join(suggestions)}？"
        else:
            message = f"未找到单位「{name}」，请填写单位全称或简称"
        super().__init__(message)
        self.message = message


def split_units(text: str | None) -> list[str]:
    """Names in one cell, in order, without repeats (市发改委、市经信局；西湖区)."""
    names: list[str] = []
    for part in _SEPARATORS.split(text or ""):
        if part and part not in names:
            names.append(part)
    return names


def _plain(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).translate(_BRACKETS)


def normalize_unit_name(name: str) -> str:
    """杭州市发改委 → 市发改委; full-width → half-width; no spaces; brackets as ()."""
    text = _plain(name)
    return text.removeprefix(CITY_PREFIX) or text


def _candidates(name: str) -> list[str]:
    """杭州市西湖区 means the district 西湖区: also try without the 市 the city prefix leaves."""
    key = normalize_unit_name(name)
    if _plain(name).startswith(CITY_PREFIX + "市") and len(key) > 1:
        return [key, key.removeprefix("市")]
    return [key]


class UnitIndex:
    """The directory's names normalised once, so that resolving the names of a
    5,000-row file costs a lookup per distinct name, not a pass over the directory."""

    def __init__(self, directory: list[UnitRef]) -> None:
        # Tiers so that one unit's full name beats another unit's alias.
        self.tiers: list[dict[str, list[UnitRef]]] = [{}, {}, {}]
        for unit in directory:
            for tier, texts in zip(self.tiers, ([unit.name], [unit.short_name], unit.aliases), strict=True):
                for text in texts:
                    matches = tier.setdefault(normalize_unit_name(text), [])
                    if unit not in matches:
                        matches.append(unit)
        self._resolved: dict[str, UnitRef | UnknownUnit] = {}

    def resolve(self, name: str) -> UnitRef:
        if name not in self._resolved:
            try:
                self._resolved[name] = self._resolve(name)
            except UnknownUnit as exc:
                self._resolved[name] = exc
        found = self._resolved[name]
        if isinstance(found, UnknownUnit):
            raise found
        return found

    def _resolve(self, name: str) -> UnitRef:
        for key in _candidates(name):
            for tier in self.tiers:
                matches = tier.get(key, [])
                if len(matches) == 1:
                    return matches[0]
                if matches:
                    raise UnknownUnit(name, [u.name for u in matches], ambiguous=True)
        raise UnknownUnit(name, _suggest(normalize_unit_name(name), self.tiers))


def resolve_unit(name: str, directory: list[UnitRef]) -> UnitRef:
    return UnitIndex(directory).resolve(name)


def _suggest(key: str, tiers: list[dict[str, list[UnitRef]]]) -> list[str]:
    by_key: dict[str, list[UnitRef]] = {}
    for tier in tiers:
        for text, units in tier.items():
            by_key.setdefault(text, []).extend(units)
    suggestions: list[str] = []
    for close in difflib.get_close_matches(key, list(by_key), n=10, cutoff=0.4):
        for unit in by_key[close]:
            if unit.name not in suggestions:
                suggestions.append(unit.name)
    return suggestions[:MAX_SUGGESTIONS]
