"""Two rankings that put different units first: a question that names no unit is asked back.

A question that names no unit ("hur tar vi hand om klagomål som kommer in?") is answered by
whichever route matches first, from one unit's document. When several units' documents hold
an answer, that answer reads as everyone's while it is one unit's. The routes check this only
in places (the passages route compares coverage per unit, the pool compares probabilities per
unit), so a routine, list, count or table answer of one unit went out although another unit
had its own.

Word overlap alone does not tell the cases apart: most unit-less questions about one unit's
item share as many words with other units' passages as the ambiguous ones do (measured on
the tune splits, 2026-11-30: at any coverage margin, about ten answerable questions for each
ambiguous one). What does tell them apart is two rankings that read the question differently
disagreeing about the unit. The answer route chose one unit's text by its own matching; the
ranked candidate pool (`retrieval/ranker.py`), which scores every candidate of every document
with the fitted model, is confident enough to answer by itself (its calibrated confidence
clears `decline_below`) and its winner is another unit's, which the routes' lexical passage
ranking also finds covering the question. Then both units hold a plausible answer and the
question does not say which one is meant: it is clarified, each unit with its own value (the
route's answer first, as given, then the pool's winner and the units alike to it).

When the route chose the wrong unit the clarification shows the right one as well; when the
question is about one unit's item, `answers/unit_answers.py` asks it again of each listed
unit as if named and gives the one answer when only one unit answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.cite import Citations
from knowledge.answers.closest import alike_per_unit, winner_body
from knowledge.answers.phrasing import clarify_units, doc_label
from knowledge.retrieval.ranker import Ranked, RankerModel, Ranking
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading

# Answers left alone: those that already ask back, decline or answer no question about the
# documents, and definitions: the glossary route compares every document's definition of the
# term itself and asks back only when they differ (answers/glossary.py), while the pool's
# winner for "vad står SIP för?" is another unit's passage that uses the same term alike.
_LEFT_ALONE = frozenset(
    {
        AnswerKind.NOT_FOUND,
        AnswerKind.CLARIFY,
        AnswerKind.INVALID,
        AnswerKind.HELP,
        AnswerKind.COMMAND,
        AnswerKind.GLOSSARY,
    }
)

# The pool's winner must also be found by the routes' lexical passage ranking: its unit's best
# passage covers this share of the question's content words (coverage as in `Answerer.passages`;
# chosen on the tune splits, 2026-11-30: at 0.6 one ambiguous question fewer was clarified, at
# 0.4 three more answerable ones were).
MIN_OTHER_COVERAGE = 0.5


@dataclass(frozen=True)
class Disagreement:
    """A route's one-unit answer and the pool's confident winner from another unit.

    Attributes:
        unit: The unit of the route's answer.
        source: The document of the route's answer (its first citation).
        others: The pool's best candidate of each other unit that answers alike, winner first.
        pool: The whole ranked pool (a passage is quoted with its document's other passages).
    """

    unit: str
    source: str
    others: tuple[Ranked, ...]
    pool: tuple[Ranked, ...]


def unit_key(snap: Snapshot, source: str) -> str:
    """The unit a document belongs to (its district or file name when it names no unit)."""
    meta = snap.meta(source)
    return meta.unit or meta.district or meta.source


def applies(snap: Snapshot, reading: QuestionReading, answer: Answer) -> bool:
    """Whether the answer is one unit's answer to a question that names no unit or district.

    A unit named only by an everyday word (`reading.soft_units`: "boendestödet") does not pin
    the question: the word is as often the service another unit gives (tried on the tune
    splits, 2026-11-30: leaving such answers alone kept one answerable question answered and
    lost one fact, u2-009, whose route had answered from the wrong unit).

    Cheap: checked before the pool is ranked.
    """
    if reading.units or reading.districts or reading.other_units or reading.other_districts:
        return False
    if answer.kind in _LEFT_ALONE or not answer.citations:
        return False
    # An answer that also cites what is no stored document (an imported outcome file such as
    # "utfall.csv") is about figures the documents do not hold: no other unit's text competes.
    if any(c.source not in snap.parsed for c in answer.citations):
        return False
    return len({unit_key(snap, c.source) for c in answer.citations}) == 1


def disagreement(
    snap: Snapshot,
    reading: QuestionReading,
    answer: Answer,
    ranking: Ranking,
    model: RankerModel,
    coverage: dict[str, float],
) -> Disagreement | None:
    """Whether the pool confidently answers from another unit than the route's answer did.

    Args:
        snap: The stored documents.
        reading: The question as read (after the conversation's context).
        answer: The routes' answer.
        ranking: The ranked candidate pool, winner first.
        model: The fitted ranker (its calibrated decline cut-off).
        coverage: Per unit (`unit_key`), the routes' best lexical coverage of the question by a
            passage.

    Returns:
        The disagreement, or None when the question names a unit or district, the answer is
        no one-unit answer, the pool is not confident, or its winner is the answer's unit.
    """
    if not applies(snap, reading, answer) or not ranking.items or ranking.confidence < model.decline_below:
        return None
    unit = unit_key(snap, answer.citations[0].source)
    other = unit_key(snap, ranking.items[0].candidate.source)
    if other == unit or coverage.get(other, 0.0) < MIN_OTHER_COVERAGE:
        return None
    others = tuple(
        r for r in alike_per_unit(snap, ranking.items) if unit_key(snap, r.candidate.source) != unit
    )
    return Disagreement(
        unit=unit, source=answer.citations[0].source, others=others, pool=tuple(ranking.items)
    )


def _body(snap: Snapshot, answer: Answer, source: str) -> str:
    """The answer's text without its lead line ("Enligt …:", "Närmast i … är:")."""
    head, sep, rest = answer.answer.partition("\n\n")
    if sep and head.rstrip().endswith(":") and doc_label(snap, source) in head:
        return rest.strip()
    return answer.answer.strip()


def clarify_disagreement(
    snap: Snapshot, reading: QuestionReading, answer: Answer, found: Disagreement, today: dt.date
) -> Answer:
    """Ask which unit is meant, showing the route's answer and each other unit's candidate.

    The route's answer keeps its text and its citation numbers; the other units' candidates
    are rendered as the pool's answer renders its winner (`closest.winner_body`).
    """
    cites = Citations(snap)
    cites.items = [c.model_copy() for c in answer.citations]
    lines = [(found.source, _body(snap, answer, found.source))]
    for ranked in found.others:
        first = [ranked, *(r for r in found.pool if r is not ranked)]
        lines.append((ranked.candidate.source, winner_body(snap, cites, reading, first, today)))
    return clarify_units(snap, reading, cites, lines)
