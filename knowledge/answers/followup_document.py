"""A follow-up about the document under discussion itself: "vem är enhetschef där?", "hur många
anställda har dom?".

After an answer from a plan or an award application, staff ask about the unit behind it with a
pronoun or with nothing at all: "där" and "dom" are the unit, not the paragraph just quoted. Its
administrative facts (manager, staff count, phone, e-mail, target group; ingest/ stores them per
document) answer, from that document, before the quoted passage is searched for the words
(answers/followup.py `in_context` would otherwise pick any paragraph holding "enhet…"). The unit
is the typed slot the conversation carries; nothing of the earlier question is re-read.

"var ligger dom?" is left to the passage: after a text about a meeting place it asks where that
place is, not the unit's postal address; a question that says "adress" asks the document.
"""

from __future__ import annotations

from knowledge.answer import Answer, ConversationContext
from knowledge.answers.fact_answers import admin_answer, admin_key
from knowledge.answers.goal import answer_context
from knowledge.models import AdminKey
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand.reading import QuestionReading


def document_fact(snap: Snapshot, reading: QuestionReading, context: ConversationContext) -> Answer | None:
    """The administrative fact of the conversation's document a follow-up asks for, or None.

    Args:
        snap: The knowledge snapshot.
        reading: The follow-up with the conversation applied (its unit taken from the conversation).
        context: What the previous answer left behind (`source`: the document under discussion).
    """
    source = context.source or ""
    if source not in snap.parsed or "units" not in reading.from_context:
        return None
    key = admin_key(reading)
    if key is None or (key is AdminKey.ADDRESS and "adress" not in fold(reading.text)):
        return None
    answer = admin_answer(snap, reading, [source])
    if answer is None:
        return None
    answer.context = answer_context(snap, source, reading)
    return answer
