"""Question compounds the documents never write: their head word stands in for them.

Staff make compounds on the fly ("fredagkvällen", "brukarenkäten", "placeringskostnaderna",
"hemlöshetsrutinen"); the plans write the head alone or in another compound ("kvällar",
"enkät", "kostnaderna"). A question word whose stem the lexical index does not hold matches
nothing, and as the rarest word of the question it weighs the most in the coverage that decides
whether a passage answers. Its head (the longest end of it that the index holds, after a
modifier of a few letters) is added as a synonym: it earns the synonym's partial credit
(extract.SYNONYM_CREDIT), never a full match. This mirrors `compound_heads`, where the question
names the head and the document writes the compound.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

# A head of four letters or more ("kväll", "enkät"; not "dag", "tid", which end too many words)
# after a modifier of three letters or more.
MIN_HEAD = 4
MIN_MODIFIER = 3

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


def with_heads(
    groups: list[tuple[set[str], set[str]]], vocabulary: Container[str]
) -> list[tuple[set[str], set[str]]]:
    """Query groups (own stems, synonyms) with the index head of each unknown own stem as a synonym."""
    out = []
    for own, synonyms in groups:
        heads = {h for o in own if (h := index_head(o, vocabulary)) is not None}
        out.append((own, synonyms | (heads - own)))
    return out
