"""Whether a clarification between units is needed: each listed unit answers the question alone.

A question that names no unit is clarified ("Vilken enhet menar du?") when candidates of several
units score alike. Alike scores are not yet several answers: "hur många är de i NP-teamet?" shares
"hur många" and "teamet" with another unit's passage about its teams, but only one unit has an
NP-team. Staff who name no unit mean the unit whose document answers; they are asked back only
when several units' documents do.

So the clarification is checked the way staff would read it: the question is asked again of each
unit it listed, as if the unit had been named. Named, a unit's answer passes every check a named
question passes (support of the question's words in the cited document, the calibrated decline
cut-off of the ranked pool, the routes' own matching). When exactly one unit answers, that answer
is given instead of the clarification; when several or none do, the clarification stands (each
unit's value is what the question asks for, or nothing settles it).

Costs: one answer route per listed unit, run only for clarifications (a few in a hundred questions).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.phrasing import doc_label
from knowledge.answers.several import answers_it
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading

# A line of the clarification's list ("- **Enhet, verksamhetsplan 2020**: …" or "- Enhet, …").
_BULLET = re.compile(r"^\s*-\s+(.*)$", re.MULTILINE)


def listed_units(snap: Snapshot, clarification: Answer) -> list[str]:
    """The units a clarification offers, in the order shown (its cited documents' units first).

    A clarification that lists bare document labels (the goal route's "Vilken enhet menar du?")
    cites nothing: its lines name the documents.
    """
    units: list[str] = []
    for c in clarification.citations:
        unit = snap.meta(c.source).unit
        if unit and unit not in units:
            units.append(unit)
    labels = sorted(((doc_label(snap, m.source), m.unit) for m in snap.metas), key=lambda p: -len(p[0]))
    for line in _BULLET.findall(clarification.answer):
        # The longest label in the line: a unit's label may be part of another's.
        unit = next((u for label, u in labels if label in line), None)
        if unit and unit not in units:
            units.append(unit)
    return units


def units_answering(
    snap: Snapshot,
    reading: QuestionReading,
    clarification: Answer,
    answer_for: Callable[[QuestionReading], Answer],
) -> list[Answer] | None:
    """The answers of the listed units that answer the question when named (at most two).

    Args:
        snap: The knowledge snapshot.
        reading: The question as read.
        clarification: The answer built for it.
        answer_for: Answers a reading (the answer routes, without the conversation's follow-ups).

    Returns:
        None when there is nothing to check (not a clarification, or the question names its
        unit or district); else the named answers that answer, in the order listed, stopping
        at the second: one means that unit is the one meant; none or two leave the
        clarification standing (none: declining instead was tried on the tune splits,
        2026-11-30, and declined one ambiguous question, "vad ska korttidsfranvaron ligga pa
        hos oss i ar?", whose units each decline it named, and no negative).
    """
    if clarification.kind is not AnswerKind.CLARIFY or reading.units or reading.districts:
        return None
    found: list[Answer] = []
    for unit in listed_units(snap, clarification):
        named = answer_for(reading.model_copy(update={"units": [unit], "districts": []}))
        if answers_it(named):
            found.append(named)
            if len(found) > 1:
                break
    return found
