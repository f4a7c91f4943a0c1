"""A question that asks for a routine is answered by a routine, or declined.

Staff who write "finns det en rutin för hittegods?", "vad är rutinen om en klient kommer
berusad?" or "vad säger rutinen om skyddade personuppgifter?" ask whether their unit has a
written procedure for it. The documents write their procedures in two recognisable ways: as a
routine of their own (a section headed "Rutin för …", "Riktlinjer", "Processen", or a numbered
step block, store/routines.py), or in prose that names the routine ("hanterar klagomål i
enlighet med förvaltningens rutin", "en beredskapspärm där rutiner för krishantering ska
finnas"). When no document has a routine for the thing asked about, the passage search and the
ranked pool still find the closest prose (the award application's reception for "en klient blir
hotfull i receptionen", the unit's description of its group homes for "läkemedelshantering på
gruppboendena"), and staff would read that text as the routine.

So a prose answer (passages or a routine answer) to a question that names a routine must cite a
recognised routine or text that names one; otherwise the answer is that no routine for it was
found. Other answer kinds (an activity row about "rutiner", a list, a count) are left alone:
they answer about routines, not with one. Nothing here is fitted: what counts as a routine is
the structure store/routines.py recognises and the words that name a procedure there.
"""

from __future__ import annotations

import re

from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.store.routines import names_routine
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand.reading import QuestionReading

# Prose answers: what the passage search, the pool's closest sentence or the routine route give.
PROSE_KINDS = frozenset({AnswerKind.PASSAGES, AnswerKind.ROUTINE})

# "rutin", "rutinen", "rutiner", "rutinerna" and compounds ending in them ("hemlöshetsrutinen",
# "avvikelserutin"), folded; not "rutinmässigt" (routinely), which asks for no routine.
_ASKS_ROUTINE = re.compile(r"\w*rutin(?:en|er|erna)?\b")
# How much of a quote's start is looked for in a routine's text (quotes are cut and re-spaced).
_PROBE_CHARS = 60

NO_ROUTINE_TEXT = "Jag hittar ingen rutin för det i de inlästa dokumenten."


def asks_for_routine(text: str) -> bool:
    """Whether the question names a routine ("finns det en rutin för …", "vad säger rutinen …")."""
    return bool(_ASKS_ROUTINE.search(fold(text)))


def _squeeze(text: str) -> str:
    return " ".join(fold(text).split())


def in_routine(snap: Snapshot, citation: Citation) -> bool:
    """Whether a citation quotes a routine store/routines.py recognised in its document.

    A routine that is a whole section counts by its section; a step block inside a longer
    section only when the quote lies in the block (the section's other prose is no routine).
    """
    probe = _squeeze(citation.quote)[:_PROBE_CHARS]
    chunks = {c.id: c for c in snap.chunks_of(citation.source) if c.breadcrumb == citation.section}
    for routine in snap.routines_of(citation.source):
        chunk = chunks.get(routine.chunk_id)
        if chunk is None:
            continue
        if routine.named or (probe and probe in _squeeze(routine.text(chunk))):
            return True
    return False


def names_a_routine(citation: Citation) -> bool:
    """Whether the quoted text or its section names a procedure ("rutin", "riktlinjer", "processen", …)."""
    return names_routine(fold(f"{citation.quote}\n{citation.section}"))


def lacks_routine(snap: Snapshot, reading: QuestionReading, answer: Answer) -> bool:
    """Whether a prose answer to a question that asks for a routine cites no routine at all.

    Args:
        snap: The stored documents (their recognised routines).
        reading: The question as read.
        answer: The answer of whatever route answered.

    Returns:
        True when the question names a routine, the answer is prose, and none of its
        citations quotes a recognised routine or text that names one.
    """
    if answer.kind not in PROSE_KINDS or not answer.citations or not asks_for_routine(reading.text):
        return False
    return not any(in_routine(snap, c) or names_a_routine(c) for c in answer.citations)


def no_routine(declined: Answer) -> Answer:
    """A decline that says no routine was found (the list of searched documents kept)."""
    rest = declined.answer.split(". ", 1)[1] if ". " in declined.answer else ""
    text = f"{NO_ROUTINE_TEXT} {rest}".strip()
    return declined.model_copy(update={"answer": text})
