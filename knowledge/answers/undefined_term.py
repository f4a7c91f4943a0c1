"""An abbreviation no document defines: say so instead of quoting where it is used.

"vad står RUT för?" when a plan only writes "detta gäller vid såväl FUT och RUT": no glossary line,
no "(…)" or "står för" defines RUT and no sentence describes it, so any passage the routes or the
ranked pool quote is a mention, not a meaning, and would read as the answer. The question is
declined (`DeclineReason.UNDEFINED_TERM`), naming the term, rather than invent what it stands for.
Checked after every route and the pool, like the other declines of `Answerer._route`.
"""

from __future__ import annotations

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.glossary import abbreviation
from knowledge.answers.term_description import describe
from knowledge.store.snapshot import Snapshot
from knowledge.understand.intent import Intent
from knowledge.understand.reading import QuestionReading

# Answers that define, ask back or decline already; only quoted mentions are checked.
_CHECKED = frozenset({AnswerKind.PASSAGES, AnswerKind.ROUTINE, AnswerKind.OVERVIEW})


def undefined_term(snap: Snapshot, reading: QuestionReading, answer: Answer) -> str | None:
    """The abbreviation a meaning question asks about when no document defines or describes it.

    Args:
        snap: The loaded documents.
        reading: The question (its intent and the abbreviation it asks about).
        answer: The answer of the routes and the pool.

    Returns:
        The term as asked ("RUT"), or None when the answer may stand.
    """
    term = reading.abbreviation
    if reading.intent is not Intent.ABBREVIATION or not term or answer.kind not in _CHECKED:
        return None
    everything = [m.source for m in snap.metas]
    if abbreviation(snap, reading, everything) is not None or describe(snap, everything, [term]) is not None:
        return None
    return term
