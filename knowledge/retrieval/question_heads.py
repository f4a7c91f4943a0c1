"""Question compounds the documents never write: their head word stands in for them.

Staff make compounds on the fly ("fredagkvällen", "brukarenkäten", "placeringskostnaderna",
"hemlöshetsrutinen"); the plans write the head alone or in another compound ("kvällar",
"enkät", "kostnaderna"). A question word whose stem the lexical index does not hold matches
nothing, and as the rarest word of the question it weighs the most in the coverage that decides
whether a passage answers. Its head (the longest end of it that the index holds, after a
modifier of a few letters) is added as a synonym: it earns the synonym's partial credit
(extract.SYNONYM_CREDIT), never a full match. This mirrors `compound_heads`, where the question
names the head and the document writes the compound.

Adjectives made from a noun ("hotfull" from "hot", "våldsam" from "våld", "drogfri" from "drog")
are the same case read from the other end: the noun the index holds is the word's beginning,
and the rest is a derivational suffix. That noun is added as a synonym too.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

# A head of four letters or more ("kväll", "enkät"; not "dag", "tid", which end too many words)
# after a modifier of three letters or more.
MIN_HEAD = 4
MIN_MODIFIER = 3

# Adjective-forming suffixes on a noun (stemmed forms: "hemlös" stems to "hemlo").
DERIVATIONS = ("full", "sam", "fri", "los", "lo")
MIN_BASE = 3

_STEMS: dict[int, tuple[object, frozenset[str]]] = {}


def index_stems(lexical: Any) -> frozenset[str]:
    """The lexical index's stems (built once per index; newer snapshots' ids left out)."""
    cached = _STEMS.get(id(lexical))
    if cached is not None and cached[0] is lexical:
        return cached[1]
    width = getattr(lexical, "width", None)
    stems = frozenset(t for t, i in lexical.vocab.items() if width is None or i < width)
    _STEMS.clear()
    _STEMS[id(lexical)] = (lexical, stems)
    return stems


def index_head(stem: str, vocabulary: Container[str]) -> str | None:
    """The longest end of an unknown stem that the index holds ("fredagkvall" -> "kvall"), or None.

    Args:
        stem: A question stem.
        vocabulary: The lexical index's stems.

    Returns:
        None when the index holds the stem itself or no end of it.
    """
    if stem in vocabulary:
        return None
    for cut in range(MIN_MODIFIER, len(stem) - MIN_HEAD + 1):
        if stem[cut:] in vocabulary:
            return stem[cut:]
    return None


def index_base(stem: str, vocabulary: Container[str]) -> str | None:
    """The noun an unknown adjective is made from, when the index holds it ("hotfull" -> "hot")."""
    if stem in vocabulary:
        return None
    for suffix in DERIVATIONS:
        base = stem[: -len(suffix)]
        if stem.endswith(suffix) and len(base) >= MIN_BASE and base in vocabulary:
            return base
    return None


def stand_ins(stem: str, vocabulary: Container[str]) -> set[str]:
    """What the index holds for an unknown question stem: its head and the noun it is made from."""
    return {s for s in (index_head(stem, vocabulary), index_base(stem, vocabulary)) if s is not None}


def with_heads(
    groups: list[tuple[set[str], set[str]]], vocabulary: Container[str]
) -> list[tuple[set[str], set[str]]]:
    """Query groups (own stems, synonyms) with the stand-ins of each unknown own stem as synonyms."""
    out = []
    for own, synonyms in groups:
        heads = {h for o in own for h in stand_ins(o, vocabulary)}
        out.append((own, synonyms | (heads - own)))
    return out
