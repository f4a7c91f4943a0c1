"""Where the asker works, from a self-introduction: evidence for that unit.

Newcomers introduce themselves before they ask: "jag är ny på boendestödet", "började på
Droppen i måndags", "jobbar på träfflokalen sen i höstas", "ny socialsekreterare på ek
bistånd". The place named there is the unit the question is about, even when the question
itself says "vi" or nothing at all. Two cases, both about how Swedish introduces a workplace
("ny / jobbar / började / anställd … på X"), not about any unit:

- X is a unit mention that other units' plans also use as an everyday word ("boendestödet"):
  named as the asker's workplace it is their unit, as "vi på boendestödet" is
  (`introduced`, read by `understand.mentions.weak_evidence`);
- X is no unit's name but a part of one: a team, a meeting place, a service ("Droppen",
  "Tora", "Hägergruppen"). When the documents of exactly one unit use the word, the asker
  works at that unit (`workplace_units`), as if they had named it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from knowledge.textnorm import fold
from knowledge.understand import vocab as v
from knowledge.understand.mentions import Tok


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


# Words that introduce the asker's workplace: being new there, working, starting, being employed
# or placed there ("ny på", "jobbar på", "har börjat på", "nyanställd hos", "vikarierar på").
WORK_WORDS = _folded(
    "ny nya nyanställd nyanställda nybörjare jobbar jobbat jobba jobbade arbetar arbetat arbeta "
    "arbetade började börjat börjar anställd anställda sitter vikarierar vikarie praktiserar "
    "praktikant placerad"
)
# Prepositions of a workplace ("på boendestödet", "hos Droppen", "vid mottagningen", "i Tora").
PREPS = _folded("på hos vid i")
# How far the preposition may stand from the work word ("började som handläggare på …").
MAX_GAP = 3
# How many words after the preposition may name the place ("Stöd och aktivitet").
MAX_PLACE = 3
# Words that join another phrase between the work word and a preposition.
_JOINS = _folded("och o men samt att eller")
# Words that end the place's name: joiners, time words, adverbs of the frame.
_ENDS = _folded("och o samt men sen sedan som så nu här där för i när innan efter då idag just")


class UnitUsage(Protocol):
    """Which units' documents use a word (implemented over a snapshot)."""

    def units_using(self, stems: tuple[str, ...]) -> tuple[str, ...]:
        """Units whose documents use the words (stems as the lexical index stems them)."""
        ...


def places(toks: Sequence[Tok], breaks: set[int]) -> list[tuple[int, int]]:
    """Token ranges that name where the asker works.

    Args:
        toks: The question's tokens.
        breaks: Indexes of tokens that start a new clause (punctuation before them).

    Returns:
        (first, last + 1) of each place named after "ny / jobbar / började … på".
    """
    out: list[tuple[int, int]] = []
    for k, t in enumerate(toks):
        if t.f not in WORK_WORDS:
            continue
        for p in range(k + 1, min(k + 1 + MAX_GAP, len(toks))):
            if p in breaks or toks[p].f in _JOINS:
                break  # "ny o håller på att läsa in mig på …": another verb phrase, not the workplace
            if toks[p].f in PREPS:
                j = p + 1
                while j < len(toks) and j - p - 1 < MAX_PLACE and j not in breaks and toks[j].f not in _ENDS:
                    j += 1
                if j > p + 1:
                    out.append((p + 1, j))
                break
    return out


def introduced(spans: Sequence[tuple[int, int]], i: int) -> bool:
    """Whether token `i` starts a place the asker says they work at."""
    return any(lo == i for lo, _ in spans)


def workplace_units(
    toks: Sequence[Tok], spans: Sequence[tuple[int, int]], taken: set[int], usage: UnitUsage | None
) -> list[str]:
    """Units that only the place words of a self-introduction point at.

    Args:
        toks: The question's tokens.
        spans: Places from `places`.
        taken: Token indexes already read as unit, district or year mentions (left alone).
        usage: How the documents use words; without it nothing is inferred.

    Returns:
        The one unit whose documents use a place word, for each place that has one.
    """
    if usage is None:
        return []
    found: list[str] = []
    for lo, hi in spans:
        if any(k in taken for k in range(lo, hi)):
            continue
        for k in range(lo, hi):
            t = toks[k]
            if t.f in v.STOP or t.f in v.GREET or len(t.f) < 3:
                continue
            units = usage.units_using((t.stem,))
            if len(units) == 1 and units[0] not in found:
                found.append(units[0])
                break
    return found
