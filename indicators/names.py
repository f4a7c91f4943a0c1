"""Normalising and comparing indicator and unit names (imports, history, plan versions).

`indicators/` may not import `knowledge/`, so this is a small fold of its own: lower
case, accents stripped (å→a, ä→a, ö→o, é→e), punctuation turned into spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

# Measured on the 35 distinct indicator names of corpus/samples (tests/indicators/test_names.py):
# the closest pair of *different* indicators scores 0.883 before the qualifier rule below
# and 0.80 after it, while near-exact spellings (case, accents, dashes, "med" for "som har",
# a dropped word) score 0.906 or more.
MATCH_THRESHOLD = 0.90
# Two candidates closer than this are equally good: the row is reported as ambiguous.
AMBIGUITY_MARGIN = 0.03
# Names that differ in a parenthesised qualifier or in their numbers are different
# indicators ("(vuxna missbruk)" vs "(ekonomiskt bistånd)", "dag 1-14" vs "dag 15-90").
_QUALIFIER_CAP = 0.80

_NON_WORD = re.compile(r"[^0-9a-z%]+")
_PAREN = re.compile(r"\(([^)]*)\)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@lru_cache(maxsize=65536)  # called for every row of every unit while matching
def norm(text: str) -> str:
    """Lower-case, accent- and punctuation-free form ('Sjukfrånvaro, dag 1–14' → 'sjukfranvaro dag 1 14')."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain).split())


def _qualifiers(text: str) -> set[str]:
    return {norm(q) for q in _PAREN.findall(text) if norm(q)}


def _numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(_PAREN.sub(" ", text)))


def similarity(a: str, b: str) -> float:
    """How alike two names are, in [0, 1] (1 for the same name up to case, accents and punctuation).

    Args:
        a: One name.
        b: The other name.

    Returns:
        The larger of rapidfuzz's ratio and token-sort ratio on the normalised names,
        capped at 0.80 when both carry different parenthesised qualifiers or numbers.
    """
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    score = max(fuzz.ratio(na, nb), fuzz.token_sort_ratio(na, nb)) / 100.0
    qa, qb = _qualifiers(a), _qualifiers(b)
    if qa and qb and qa != qb:
        score = min(score, _QUALIFIER_CAP)
    da, db = _numbers(a), _numbers(b)
    if da and db and da != db:
        score = min(score, _QUALIFIER_CAP)
    return score


def same_name(a: str, b: str) -> bool:
    """True when two names denote the same indicator (or unit)."""
    return similarity(a, b) >= MATCH_THRESHOLD
