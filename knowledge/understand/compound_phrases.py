"""A phrase and its compound, both ways: "förbrukningen av energi" is "energiförbrukning".

Swedish writes one thing either as a compound ("energiförbrukning", "anhörigstöd",
"matavfall") or as a phrase with the parts turned round and a preposition between
("förbrukningen av energi", "stöd till anhöriga", "avfallet från maten"). Staff and the plans
do not choose the same way. The Snowball stemmer cannot meet the two: it stems whole words.

This module spells a pair of question words as the compound they would make
(`compound_spellings`): the modifier loses its phrase inflection ("anhöriga" -> anhörig,
"sommaren" -> sommar), a linking letter may join it to the head ("placering-s-kostnad",
"tjänst-e-resor"), and the whole is stemmed as the plan's compound would be. A spelling counts
only when it is a stem of the corpus (`knowledge.understand.derivation.Derivations.phrase`):
the corpus's own vocabulary is the check, so "stöd till föräldrar" meets "föräldrastöd" only in
a corpus that writes it.

The other direction (a question compound the plans write as a phrase) is
`Derivations.parts`; `part_forms` gives the inflected forms a bare first part stands as alone
("miljöansvaret": the plans write "ansvar för miljön", stem "miljon").

The endings and linking letters are data (`compound_phrases.tsv`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from core.vocab import VocabError, packaged_text, rows
from knowledge.textnorm import fold, stem_tokens

DATA_FILE = "compound_phrases.tsv"
# Shortest first part a phrase word is cut to ("mat" of "maten" in "matavfall"; "hem" of
# "hemmet"). Shorter cuts are endings, not words.
MIN_MODIFIER = 3
# Shortest head word: a short head ("del", "tid") joins too many first parts.
MIN_HEAD = 4
# Fewest letters of the head a stemmed spelling keeps ("mot" of "klientmöte", "res" of
# "tjänsteresor"). The stemmer takes suffixes off whole words, so a head that is a suffix to
# it vanishes: "brukare" + "heter" stems to "brukar", a corpus stem that is no compound.
MIN_HEAD_STEM = 3


class SpellingKind(StrEnum):
    """What a line of the table gives."""

    ENDING = "ending"
    LINK = "link"
    PART = "part"
    PREP = "prep"
    GENITIVE = "genitive"
    ADJECTIVE = "adjective"


@dataclass(frozen=True)
class Spellings:
    """The parsed table.

    Attributes:
        endings: Phrase inflections a first part drops, longest first.
        links: Linking letters between first part and head ("" included).
        part_endings: Endings a bare first part carries when the plans write it alone.
        preps: Prepositions joining a head to its modifier ("förbrukningen av energi").
        genitives: Genitive endings of a modifier before its head ("barnens rättigheter").
        adjective_endings: Endings of adjectives, which head no compound ("dagliga").
    """

    endings: tuple[str, ...]
    links: tuple[str, ...]
    part_endings: tuple[str, ...]
    preps: frozenset[str] = frozenset()
    genitives: tuple[str, ...] = ()
    adjective_endings: tuple[str, ...] = ()


class SpellingsError(VocabError):
    """A line of the table is malformed (a `VocabError`, so it names the file and line)."""


def parse(text: str, name: str = DATA_FILE) -> Spellings:
    """Parse the TSV format described at the top of `compound_phrases.tsv`.

    Raises:
        SpellingsError: A line has an unknown kind or no spellings.
    """
    found: dict[SpellingKind, list[str]] = {k: [] for k in SpellingKind}
    for row in rows(text, name):
        try:
            kind = SpellingKind(row.cell(0))
        except ValueError as exc:
            raise SpellingsError(name, row.no, f"okänt slag {row.cells[0]!r}") from exc
        values = [fold(v.strip()) for v in row.cell(1).split("|") if v.strip()]
        if not values:
            raise SpellingsError(name, row.no, "inga stavningar")
        found[kind] += [v for v in values if v not in found[kind]]
    return Spellings(
        endings=tuple(sorted(found[SpellingKind.ENDING], key=len, reverse=True)),
        links=("", *found[SpellingKind.LINK]),
        part_endings=tuple(found[SpellingKind.PART]),
        preps=frozenset(found[SpellingKind.PREP]),
        genitives=tuple(found[SpellingKind.GENITIVE]),
        adjective_endings=tuple(found[SpellingKind.ADJECTIVE]),
    )


@lru_cache(maxsize=1)
def spellings() -> Spellings:
    """The shipped table."""
    return parse(packaged_text("knowledge.understand", DATA_FILE))


def modifier_forms(word: str, table: Spellings | None = None) -> frozenset[str]:
    """A phrase word's bare forms as a compound's first part.

    "anhöriga" -> {anhoriga, anhorig, anhori, ...}: the word as written and each cut of a
    table ending, keeping at least `MIN_MODIFIER` letters; a doubled last consonant is also
    undoubled ("hemmet" -> hemm -> hem). Most cuts are no word; the corpus check sorts them out.
    """
    table = table or spellings()
    word = fold(word)
    out = {word}
    for ending in table.endings:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= MIN_MODIFIER:
            out.add(base)
            if len(base) > MIN_MODIFIER and base[-1] == base[-2] and base[-1] not in "aeiouy":
                out.add(base[:-1])
    return frozenset(out)


def compound_spellings(modifier: str, head: str, table: Spellings | None = None) -> dict[str, str]:
    """The compounds a modifier word and a head word would make ("energi", "förbrukningen").

    Args:
        modifier: The phrase word that would be the compound's first part, as written.
        head: The phrase word that would be its head, as written (inflected as the phrase has it:
            the compound is stemmed whole, so its ending goes the way the plan's word's does).
        table: The endings and linking letters (the shipped table if None).

    Returns:
        Candidate stem -> the compound as spelled ("energiforbrukning" ->
        "energiforbrukningen"); the caller keeps the stems the corpus holds.
    """
    table = table or spellings()
    head = fold(head)
    if len(head) < MIN_HEAD or not head.isalpha() or not modifier.isalpha():
        return {}
    if head.endswith(table.adjective_endings):
        return {}
    out: dict[str, str] = {}
    for first in sorted(modifier_forms(modifier, table)):
        for link in table.links:
            if link and first.endswith(link):
                continue
            prefix = first + link
            for s in stem_tokens(prefix + head, drop_stopwords=False):
                if s.startswith(prefix) and len(s) - len(prefix) >= MIN_HEAD_STEM:
                    out.setdefault(s, prefix + head)
    return out


class Order(StrEnum):
    """How a phrase's two words stand: which one would be the compound's first part."""

    HEAD_FIRST = "head_first"  # "förbrukningen av energi": head, preposition, modifier
    GENITIVE = "genitive"  # "klienternas möten": modifier in the genitive, head


@dataclass(frozen=True)
class PhrasePair:
    """Two words of a text that a compound may write as one ("energi" + "förbrukningen").

    Attributes:
        modifier: The word that would be the first part, as written (genitive ending off).
        head: The word that would be the head, as written.
        order: How the text has them.
    """

    modifier: str
    head: str
    order: Order


def phrase_pair(
    between: list[str], first: str, second: str, table: Spellings | None = None
) -> PhrasePair | None:
    """The compound reading of two words of a text and the words between them, if they make one.

    "förbrukningen" ["av"] "energi" -> (energi, förbrukningen): a preposition between makes the
    later word the modifier, and so does nothing between (the search's topic words come without
    their prepositions). "klienternas" [] "möten" -> (klienterna, möten): a genitive right before
    its head is the modifier. Words apart without a preposition are none (a list of words is no
    phrase).
    """
    table = table or spellings()
    if between and not any(fold(w) in table.preps for w in between):
        return None
    if not between:
        for ending in table.genitives:
            base = first[: -len(ending)]
            if first.endswith(ending) and len(base) > MIN_MODIFIER:
                return PhrasePair(base, second, Order.GENITIVE)
    # Adjacent words are also read head first: the search's topic words come with the
    # prepositions taken out ("förbrukningen energi").
    return PhrasePair(second, first, Order.HEAD_FIRST)


def part_forms(part: str, table: Spellings | None = None) -> tuple[str, ...]:
    """A compound's bare first part and the forms it stands as alone ("miljo" -> miljo, miljon, ...)."""
    table = table or spellings()
    return (part, *(part + e for e in table.part_endings))
