"""Whether a sentence states the asked thing *about the question's subject*, not just beside it.

"Hägergruppen, var ligger den?" is answered by "Hägergruppen, som ligger i Fruängen, arbetar
med …", not by "Verksamheten har tillsammans med träfflokalerna och Hägergruppen en mindre buss
som används för resorna till Mariefred", although both name Hägergruppen and both hold a place.
The sentence model scores what a sentence holds (topic words, a filler of the asked type) as
separate features that add up; it cannot tell that the place in the second sentence belongs to
the bus. What ties a filler to a subject in Swedish prose is closeness: the subject and what is
said about it stand a few words apart ("X ligger i …", "X, som ligger i …", "X träffas varje
månad", "på X serveras måltiderna till självkostnadspris").

`binding` reads that: the strongest exact filler of an asked type (`retrieval.fillers`) that stands
within `NEAR_TOKENS` words of a word of the question's topic. `extract.bound_scores` adds it to the
model's score, so among sentences that name the subject, the one that states the asked thing
about it wins; a sentence without the subject, or without the filler, gets nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.retrieval.fillers import filler_spans, fit_weight, without_fillers
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.answer_types import AnswerType

# Most words between a subject word and a filler for the filler to be said about the subject:
# "X ligger i", "X, som ligger i" and "X har … varje månad" stand within it; a filler in
# another clause of a long sentence does not.
NEAR_TOKENS = 4
# Only exact fillers are bound (`fillers` strength 1.0): "månadsvis", "ligger i", "enhetschef".
EXACT = 1.0
# Least length of a topic stem that counts as the subject ("går", "in" name nothing).
MIN_SUBJECT_CHARS = 4

# Least length of two stems read as one word family (as `quote_features.same_family`).
FAMILY_CHARS = 5

_WORD = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class Binding:
    """The strongest filler of an asked type that stands near a subject word.

    Attributes:
        strength: The filler's strength times how well its type answers the asked one
            (`fillers.fit_weight`); 0 when no filler stands near a subject word.
        kind: The filler's type (None without a binding).
        gap: Words between the subject word and the filler (-1 without a binding).
    """

    strength: float
    kind: AnswerType | None = None
    gap: int = -1


UNBOUND = Binding(0.0)


@lru_cache(maxsize=65536)
def _word_stem(word: str) -> str:
    stems = stem_tokens(word)
    return stems[0] if len(stems) == 1 else ""


def _is_subject(stem: str, subject: frozenset[str]) -> bool:
    """The word's stem is a subject stem or of its family ("stadsdelsmamm" / "stadsdelsmammornas":
    one starts with the other, both at least `FAMILY_CHARS` long)."""
    if not stem:
        return False
    if stem in subject:
        return True
    return len(stem) >= FAMILY_CHARS and any(
        len(s) >= FAMILY_CHARS and (stem.startswith(s) or s.startswith(stem)) for s in subject
    )


# The types whose fillers are concrete enough to be bound to a subject by closeness. A method
# ("genom", "via", "används") or a reason ("för att") is how Swedish prose links any two
# clauses: near a topic word it says nothing about whether the sentence answers.
BOUND_TYPES = frozenset(
    {
        AnswerType.FREQUENCY,
        AnswerType.TIME,
        AnswerType.DURATION,
        AnswerType.AMOUNT,
        AnswerType.COUNT,
        AnswerType.AGE,
        AnswerType.PERSON,
        AnswerType.PLACE,
    }
)


def subject_stems(topic: str) -> frozenset[str]:
    """The stems of the question's topic words that can name a subject.

    Words that are themselves fillers ("varje månad", "chefen" in "vem sitter med chefen …")
    are what the question already knows, not what it asks about: they are left out.
    """
    return frozenset(s for s in stem_tokens(without_fillers(topic)) if len(s) >= MIN_SUBJECT_CHARS)


def binding(asked: frozenset[AnswerType], sentence: str, subject: frozenset[str]) -> Binding:
    """How strongly the sentence states a filler of an asked type next to a subject word.

    Args:
        asked: The answer types the question asks for (`answer_types.asked_types`); only
            `BOUND_TYPES` are read.
        sentence: One sentence of a passage.
        subject: The question's subject stems (`subject_stems`).

    Returns:
        The best binding, or `UNBOUND` when the question asks no type, the sentence names no
        subject word or holds no filler within `NEAR_TOKENS` words of one.
    """
    asked = asked & BOUND_TYPES
    if not asked or not subject:
        return UNBOUND
    f = fold(sentence)
    words = [(m.start(), m.end(), _word_stem(m.group())) for m in _WORD.finditer(f)]
    at = [i for i, (_, _, stem) in enumerate(words) if _is_subject(stem, subject)]
    if not at:
        return UNBOUND
    best = UNBOUND
    for kind, strength, start, end in filler_spans(sentence):
        if strength < EXACT:
            continue  # "regelbundet", "personalen", an acronym: too vague to tie to a subject
        weight = max(fit_weight(want, kind) for want in asked) * strength
        if weight <= best.strength:
            continue
        inside = [i for i, (a, b, _) in enumerate(words) if a < end and b > start]
        if not inside or any(i in at for i in inside):
            continue  # the subject word itself ("team", "chef") is no answer about it
        lo, hi = min(inside), max(inside)
        gap = min(max(lo - i, i - hi) - 1 for i in at)
        if gap <= NEAR_TOKENS:
            best = Binding(weight, kind, gap)
    return best
