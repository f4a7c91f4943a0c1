"""Which sub-section of a goal a question asks for: result, way of working, resources or follow-up.

Every unit goal of a verksamhetsplan carries the same four sub-sections (Förväntat resultat,
Arbetssätt, Resursanvändning, Uppföljning), and staff ask for one of them without the
heading's words: "vad vill vi ha uppnått med …" (result), "hur jobbar vi med …" / "vad gör vi
för att …" (way of working), "vad krävs för …" / "vilka jobbar med …" (resources), "hur kollar
vi att …" / "hur mäter vi om …" (follow-up). The cue is what the question's interrogative
frame asks, in the Swedish verb and noun forms that name each kind (följa upp, följs upp,
uppföljningen; uppnå, uppnått; krävs, behövs; jobbar, arbetar, gör vi), not its topic words.

The frames are read on the folded text (å/ä/ö as a/a/o), so "hur foljer vi upp" is read too.
Follow-up is tried first ("hur jobbar vi med uppföljningen" asks how it is followed up),
then resources ("vad krävs för att vi ska uppnå …" asks what it takes), then result, then
the way of working, which is the broadest frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from knowledge.textnorm import fold
from knowledge.understand.answer_types import AnswerType, asked_types
from knowledge.understand.embedded_cues import is_embedded


class SubsectionKind(StrEnum):
    """A goal sub-section; the value is the `knowledge.models.Goal` field that holds it."""

    RESULT = "forvantat_resultat"
    METHOD = "arbetssatt"
    RESOURCES = "resursanvandning"
    FOLLOWUP = "uppfoljning"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){pattern}(?![\w])")


# A subject between the verb and its particle ("följer vi upp", "följs det upp").
_SUBJ = r"(?: \w+){0,3}"
_WHO = r"(?:vi|ni|man|dom|de|enheten|personalen|chefen)"

# Folded frames per kind, most specific kind first (see the module docstring).
FRAMES: tuple[tuple[SubsectionKind, re.Pattern[str]], ...] = (
    (
        SubsectionKind.FOLLOWUP,
        _rx(
            r"uppfoljning\w*|folj\w*" + _SUBJ + r" upp|mat(?:er|s|a)|mats|utvarder\w*"
            r"|kolla\w*(?: \w+){0,3} (?:att|om|upp)|vet " + _WHO + r" (?:om|att)"
            r"|haller" + _SUBJ + r" koll|rapporter(?:as|ar|a)|redovis\w*"
        ),
    ),
    (
        SubsectionKind.RESOURCES,
        _rx(r"resurs\w*|krav(?:s|er)|behov(?:s|er)|att tillga|bemanning\w*"),
    ),
    (
        SubsectionKind.RESULT,
        _rx(
            r"forvant\w*|resultat\w*|uppna\w*|astadkomm\w*|leda till|leder till|malbild\w*"
            r"|hoppas|(?:ska|vill|tror)" + _SUBJ + r" (?:bli|ge|leda)"
        ),
    ),
    (
        SubsectionKind.METHOD,
        _rx(
            r"arbetss?att\w*|hur (?:jobbar|arbetar|gor|jobba|arbeta|gora)"
            r"|vad gor " + _WHO + r"(?: \w+){0,6} for att|hur gar (?:det|vi) till|metod\w*"
            r"|pa vilket satt"
        ),
    ),
)


@dataclass(frozen=True)
class SubsectionAsk:
    """The sub-section a question asks for, and what it was read from.

    Attributes:
        kind: The asked sub-section.
        by_frame: True when a heading's frame asked it ("hur följs … upp", "hur jobbar vi med
            …"); False when only the answer type did (a method asked, no heading's frame
            outside the topic's clauses). The weaker reading gives way to a routine's rule.
    """

    kind: SubsectionKind
    by_frame: bool


def read_subsection(text: str) -> SubsectionAsk | None:
    """The goal sub-section the question asks for and how it was read, or None when it asks none.

    Args:
        text: The question as typed (any case, with or without å/ä/ö).
    """
    folded = fold(text)
    found = [(kind, m.start()) for kind, frame in FRAMES for m in frame.finditer(folded)]
    # A cue of the asking frame outranks one inside a clause that only describes the topic or
    # the situation ("hur ska vi nå målet att färre … behöver …"): see `embedded_cues`.
    framing = [kind for kind, start in found if not is_embedded(folded, start)]
    if framing:
        return SubsectionAsk(framing[0], by_frame=True)
    # No heading's frame outside the topic's clauses, but the question asks for a method and
    # nothing more specific ("hur tar vi hand om …", "vad gör teamet med …", "hur ska vi nå målet
    # att färre … behöver …"): in a goal that is its way of working. The answer type's method
    # cues are the wider reading of the same frame (`answer_types`).
    if asked_types(text) == {AnswerType.METHOD}:
        return SubsectionAsk(SubsectionKind.METHOD, by_frame=False)
    return SubsectionAsk(found[0][0], by_frame=True) if found else None


def asked_subsection(text: str) -> SubsectionKind | None:
    """The goal sub-section the question asks for, or None when it asks none (`read_subsection`).

    Args:
        text: The question as typed (any case, with or without å/ä/ö).
    """
    ask = read_subsection(text)
    return None if ask is None else ask.kind


# The verb and noun forms the frames are made of ("följs", "uppnått", "krävs", "jobbar"), and
# the verbs of opinion and hope around them ("tror", "hoppas"): they say what kind of text is
# asked for, never what it is about.
_CUE_WORD = re.compile(
    r"uppfoljning\w*|folj\w*|upp|mater|mats|mata|utvarder\w*|kolla\w*|koll|haller|rapporter\w*"
    r"|redovis\w*|resurs\w*|kravs|kraver|behovs|behover|tillga|bemanning\w*|gor|gora|jobbar|jobba"
    r"|arbetar|arbeta|forvant\w*|resultat\w*|uppna\w*|astadkomm\w*|leda|leder|malbild\w*|hoppas"
    r"|bli|ge|tror|arbetss?att\w*|metod\w*|satt|gar|lyckas|lyckats"
)


def frame_words(text: str) -> set[str]:
    """The folded words of the question that name the kind of sub-section asked, not its topic.

    Empty when the question asks no sub-section: its words are then all topic.
    """
    folded = fold(text)
    if asked_subsection(text) is None:
        return set()
    return {w for w in re.findall(r"\w+", folded) if _CUE_WORD.fullmatch(w)}
