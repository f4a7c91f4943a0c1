"""Compound heads: a question word that is the last part of a document word.

Staff name the head ("system", "skärmar", "dagen"); the plans write the compound
("ekonomisystem", "bildskärmar", "arbetsdagens"). The lexical index holds the compound as
one stem, so word coverage misses it. `with_compounds` adds every stem of the index that is a
modifier plus a query word to that word's synonyms, which earn the synonym's partial credit
(extract.SYNONYM_CREDIT) in coverage, never a full match.
"""

from __future__ import annotations

import bisect
from typing import Any

# A head of three letters or more ("dag", "lag") after a modifier of three letters or more
# ("arbets|dag", not "i|dag"); at most this many compounds per word ("mål" ends hundreds).
MIN_HEAD = 3
MIN_MODIFIER = 3
MAX_COMPOUNDS = 40

_REVERSED: dict[int, tuple[object, list[str]]] = {}


def reversed_vocabulary(lexical: Any) -> list[str]:
    """The lexical index's stems spelt backwards and sorted (built once per index).

    Args:
        lexical: The index (`vocab` maps stems to ids; ids from `width` on are newer snapshots').
    """
    cached = _REVERSED.get(id(lexical))
    if cached is not None and cached[0] is lexical:
        return cached[1]
    width = getattr(lexical, "width", None)
    backwards = sorted(t[::-1] for t, i in lexical.vocab.items() if width is None or i < width)
    _REVERSED.clear()
    _REVERSED[id(lexical)] = (lexical, backwards)
    return backwards


def compounds_ending_in(stem: str, backwards: list[str]) -> list[str]:
    """Stems of the index (`backwards`, see `reversed_vocabulary`) that are a modifier + `stem`."""
    if len(stem) < MIN_HEAD:
        return []
    key = stem[::-1]
    out: list[str] = []
    i = bisect.bisect_left(backwards, key)
    while i < len(backwards) and backwards[i].startswith(key) and len(out) < MAX_COMPOUNDS:
        if len(backwards[i]) - len(stem) >= MIN_MODIFIER:
            out.append(backwards[i][::-1])
        i += 1
    return out


def with_compounds(
    groups: list[tuple[set[str], set[str]]], backwards: list[str]
) -> list[tuple[set[str], set[str]]]:
    """Query groups (own stems, synonyms) with each compound ending in an own stem as a synonym."""
    return [
        (own, syn | {c for o in own for c in compounds_ending_in(o, backwards)} - own) for own, syn in groups
    ]
