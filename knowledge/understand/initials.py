"""Initials of unit and district names, as staff type them in chat ("HV", "H-Ä", "SAE").

Staff shorten a double-barrelled district to the initials of its parts ("Hässelby-Vällingby" ->
"HV", written "HV" or "H-V") and a unit to the initials of its name's parts ("Stöd- och
aktivitetsenheten" -> "SAE"). The initials are derived from the catalogue's own names, never
listed by hand, so a new document's unit or district gets its shorthand for free. An initialism
is kept only when it picks one name among all names it could stand for (the catalogue's units
and districts and the other Stockholm districts): "HÄ" names Hägersten-Älvsjö, but two
districts sharing their initials would name neither.

Two letters are often an everyday word when folded ("HÄ" -> "ha"), so `written_as_initials`
accepts a question's span only when it is typed in capitals (see `mentions.find_mentions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from knowledge.textnorm import fold

_WORD = re.compile(r"[^\W\d_]+")
# Words that carry no initial of their own: "Stöd- och aktivitetsenheten" is SAE, not SOAE.
_LINKS = frozenset(("och", "o", "for", "i", "av", "med"))
# A name's leading generic head ("Enheten för ekonomiskt bistånd …") is no part of its initials.
_HEADS = frozenset(("enheten", "enheterna", "avdelningen", "sektionen"))
# A compound ending in "enheten" has the unit word as its own part ("aktivitets|enheten").
_UNIT_TAIL = re.compile(r"^(?P<head>[a-z]{3,}?)(?P<tail>enheten|enheterna|enhet)$")


class NameKind(StrEnum):
    """What a name is the name of."""

    UNIT = "unit"
    DISTRICT = "district"


@dataclass(frozen=True)
class Initialism:
    """The initials of one name, folded (å/ä -> a, ö -> o), and the name they stand for."""

    letters: str
    name: str
    kind: NameKind


def name_parts(name: str) -> list[str]:
    """The folded parts of a name whose first letters make its initials.

    Hyphens and spaces split parts; linking words and a leading generic head are dropped; a
    word ending in "enheten" is split before it.

    Args:
        name: A unit or district name as the catalogue writes it.

    Returns:
        The parts, e.g. ["stod", "aktivitets", "enheten"] for "Stöd- och aktivitetsenheten".
    """
    words = [w for w in _WORD.findall(fold(name).lower())]
    while words and words[0] in _HEADS | _LINKS:
        words.pop(0)
    parts: list[str] = []
    for w in words:
        if w in _LINKS:
            continue
        m = _UNIT_TAIL.match(w)
        parts.extend([m.group("head"), m.group("tail")] if m else [w])
    return parts


def initials(name: str) -> str | None:
    """The folded initials of a name of two or more parts, or None for a one-part name.

    Args:
        name: A unit or district name.

    Returns:
        E.g. "hv" for "Hässelby-Vällingby", "sae" for "Stöd- och aktivitetsenheten"; None for
        "Bromma" (one part: its own name is already short).
    """
    parts = name_parts(name)
    return "".join(p[0] for p in parts) if len(parts) >= 2 else None


def unique_initialisms(names: Iterable[tuple[str, NameKind]]) -> list[Initialism]:
    """The initialisms that stand for exactly one of the given names.

    Args:
        names: Every (name, kind) a question could mean: the catalogue's units and districts
            and the other known districts.

    Returns:
        One `Initialism` per initials string shared by no other name, sorted by letters.
    """
    by_letters: dict[str, set[tuple[str, NameKind]]] = {}
    for name, kind in names:
        letters = initials(name)
        if letters:
            by_letters.setdefault(letters, set()).add((name, kind))
    return [
        Initialism(letters, *next(iter(named)))
        for letters, named in sorted(by_letters.items())
        if len(named) == 1
    ]


def without_ending(word: str) -> str:
    """A short form without the Swedish ending written after its colon: "HV:s" -> "HV".

    Swedish inflects initials and abbreviations after a colon ("HV:s rutin", "SAE:s budget",
    "kpi:n"); the ending says the case, not which name is meant.

    Args:
        word: One token as typed.
    """
    base, colon, ending = word.partition(":")
    return base if colon and base.isalpha() and ending.isalpha() else word


def written_as_initials(raw: Sequence[str]) -> bool:
    """Whether question tokens are typed as initials: one word in capitals ("HV", "SAE") or
    single capital letters joined by hyphens ("H-Ä", which the tokenizer splits), with or
    without a Swedish ending after a colon ("HV:s", "H-Ä:s").

    Args:
        raw: The tokens of the span, as typed.
    """
    raw = [without_ending(t) for t in raw]
    if not raw or not all(t.isalpha() and t.isupper() for t in raw):
        return False
    return (len(raw) == 1 and len(raw[0]) >= 2) or (len(raw) >= 2 and all(len(t) == 1 for t in raw))
