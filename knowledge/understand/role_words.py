"""Words that name a role, title or group: "skuldrådgivare", "vräkningsförebyggare", "enhetschef".

The endings are data (`role_words.tsv`), folded. A "vem …?" question is answered by a sentence or a
role-list line that names someone (`retrieval.who_fill`, `answers.role_lookup`); Swedish forms its
role nouns by compounding ("budget- och skuldrådgivare", "FUT-utredare"), so a word names a role
when it ends in a known role ending, with or without its inflection.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.vocab import packaged_text
from knowledge.textnorm import fold
from knowledge.understand.letter_words import parse_letter_words

DATA_FILE = "role_words.tsv"
# Inflections a role noun takes after its ending (singular definite, plural, genitive).
_INFLECTION = r"(?:a|n|na|en|er|erna|ar|arna|or|orna|s|ns|ens|ers)?"


def parse(text: str, name: str = DATA_FILE) -> frozenset[str]:
    """The folded role endings of a `ändelse <TAB> anteckning` table (see `parse_letter_words`)."""
    return parse_letter_words(text, name, "'ändelse<TAB>anteckning'")


@lru_cache(maxsize=1)
def endings() -> frozenset[str]:
    """The packaged role endings, read once."""
    return parse(packaged_text("knowledge.understand", DATA_FILE))


@lru_cache(maxsize=4)
def _pattern(table: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(table, key=len, reverse=True))
    # An ending in -e drops it in the definite plural: "sekreterare" / "sekreterarna".
    plurals = "|".join(sorted((e[:-1] for e in table if e.endswith("e")), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\b[a-z]*(?:(?:{alternatives}){_INFLECTION}|(?:{plurals})(?:na|nas))\b")


def role_words(text: str, table: frozenset[str] | None = None) -> list[str]:
    """The words of `text` that name a role (folded), in order.

    Args:
        text: Any text (folded here).
        table: Role endings; the packaged ones when omitted.
    """
    return _pattern(endings() if table is None else table).findall(fold(text))


def without_roles(text: str, table: frozenset[str] | None = None) -> str:
    """`text` folded, with its role words blanked out ("när gruppledaren är borta" -> "när   är borta")."""
    return _pattern(endings() if table is None else table).sub(" ", fold(text))


def names_role(text: str, table: frozenset[str] | None = None) -> bool:
    """Whether `text` holds a word naming a role ("Vrakningsforebyggare", "skuldrådgivaren")."""
    return bool(role_words(text, table))
