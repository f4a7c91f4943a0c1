"""Cue words of the answer routes' tables: folded words, a trailing `*` for any ending.

`composition.tsv`, `overview.tsv` and `admin_terms.tsv` write their cue words the same way
("mål*" is every word beginning "mal"), so the three routes fold and match them with one pair
of functions.
"""

from __future__ import annotations

from knowledge.textnorm import fold


def cue_word(word: str) -> str:
    """A table's cue word folded, its trailing `*` kept (folding would drop it)."""
    return fold(word[:-1]) + "*" if word.endswith("*") else fold(word)


def matches(pattern: str, token: str) -> bool:
    """Whether a folded token is the cue word, or begins with it when the cue ends in `*`."""
    return token.startswith(pattern[:-1]) if pattern.endswith("*") else token == pattern
