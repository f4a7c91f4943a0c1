"""Score how well a user's words name an item (indicator, activity, goal): stems, folding, fuzzy."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from rapidfuzz import fuzz

from knowledge.retrieval.prefixes import has_prefix
from knowledge.textnorm import fold, stem_tokens

DENSE_WEIGHT = 0.15


def name_score(query: str, name: str, dense: float = 0.0, idf: Callable[[str], float] | None = None) -> float:
    """Confidence in [0, 1] that `query` asks about the item called `name`.

    Combines the share of the query's content stems found in the name (the strongest
    signal on this corpus), a fold- and OCR-tolerant fuzzy ratio, and optionally the
    dense cosine of the name's chunk. Weights were set on the development question set.

    Args:
        query: The question's topic words.
        name: The item's name or text.
        dense: Cosine similarity from the vector index (0 when unknown).
    """
    return text_score(query, name, idf) + DENSE_WEIGHT * max(dense, 0.0)


def text_score(query: str, name: str, idf: Callable[[str], float] | None = None) -> float:
    """The part of `name_score` that depends on the words only (callers memoise it per name)."""
    q = set(stem_tokens(query))
    words = _name_words(name)
    n, folded_name = words.stems, words.folded
    if not q or not n:
        return 0.0
    exact = q & n
    # Prefix matches catch compounds and inflections the stemmer leaves apart
    # ("sjukfrånvaron" ~ "sjukfrånvaro", "feriejobb" ~ "feriejobben").
    loose = {a for a in q - exact if len(a) >= 4 and words.meets(a)}
    if idf is None:
        covered = (len(exact) + 0.8 * len(loose)) / len(q)
    else:
        # Rare words name the item ("praktikanter", "jobbtorgen"); common ones ("fler") barely do.
        total = sum(idf(w) for w in q)
        covered = (sum(idf(w) for w in exact) + 0.8 * sum(idf(w) for w in loose)) / total
    precision = (len(exact) + 0.8 * len(loose)) / len(n)
    fuzzy = fuzz.token_set_ratio(fold(query), folded_name) / 100.0
    return 0.55 * covered + 0.15 * precision + 0.15 * fuzzy


# The ranked pool scores the same candidates' names for question after question, and a section's
# name is its whole passage (longer than textnorm memoises); bounded, since at 100x most differ.
@lru_cache(maxsize=4096)
def _name_words(name: str) -> _NameWords:
    """A name's stems and its folded text."""
    return _NameWords(frozenset(stem_tokens(name)), fold(name))


class _NameWords:
    """A name's stems, folded text, and its stems sorted forwards and backwards for `meets`.

    `text_score` asks, for each question stem, whether a stem of the name starts with it, is
    its start or ends with it; the ranker asks that for every candidate of every question
    (cProfile over the staff-style and dev questions: ~640 k scans of the name's stems per
    pass). Sorted, the first two are a bisection and a few set lookups.
    """

    __slots__ = ("_backwards", "_forwards", "folded", "stems")

    def __init__(self, stems: frozenset[str], folded: str) -> None:
        self.stems = stems
        self.folded = folded
        self._forwards = tuple(sorted(stems))
        self._backwards = tuple(sorted(b[::-1] for b in stems))

    def meets(self, a: str) -> bool:
        """A stem of the name starts with `a`, is its start (4+ letters) or ends with it (`a` 5+).

        The same test as `any(b.startswith(a) or (len(b) >= 4 and a.startswith(b)) or
        (len(a) >= 5 and b.endswith(a)) for b in stems)`: the stems starting with `a` sort right
        at or after it (and those ending with it likewise, reversed).
        """
        if has_prefix(self._forwards, a):
            return True
        if any(a[:k] in self.stems for k in range(4, len(a) + 1)):
            return True
        return len(a) >= 5 and has_prefix(self._backwards, a[::-1])
