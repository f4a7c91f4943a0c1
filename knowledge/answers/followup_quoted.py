"""A detail asked about what the last answer just said: "var ligger det?", "när tar det slut?".

Staff read the answer and ask on about it with a pronoun: after "Personer som vill ha stöd länkas
till relationsvåldcentrum (RVC sydväst) i Skärholmen" comes "var ligger det?"; after "Projektet …
fortgår till och med februari 2020" comes "när tar det slut?". The pronoun points into the text just
shown, so the sentence of that text that states a detail of the asked kind (a place, a time, a
person, a frequency, a duration: the answer-type grammar of retrieval/fillers.py) answers it, before
the section or the plan is searched (answers/followup.py). Counts and amounts are left out: a quoted
passage is full of numbers, and "hur många?" about it usually asks for one it did not state.
"varför då?" names nothing and has no pronoun, but it too asks about what was just said: the
sentence that gives the reason, which may follow the one about the subject ("Se över bemanningen …
Syftet är att anpassa verksamheterna utifrån ett minskat antal brukare."), even in a table row.
"""

from __future__ import annotations

from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.answers.cite import Citations
from knowledge.answers.followup import shares_start
from knowledge.answers.goal import answer_context
from knowledge.answers.phrasing import doc_label
from knowledge.models import ChunkKind
from knowledge.retrieval.extract import sentences, verbatim_span
from knowledge.retrieval.fillers import filler_strengths
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand import vocab as v
from knowledge.understand.answer_types import AnswerType, asked_types
from knowledge.understand.reading import QuestionReading

# The kinds of detail a pronoun follow-up asks of the text just shown ("varför då?" asks the reason
# the text gives: "Syftet är att …").
_DETAILS = frozenset(
    (
        AnswerType.PLACE,
        AnswerType.TIME,
        AnswerType.PERSON,
        AnswerType.FREQUENCY,
        AnswerType.DURATION,
        AnswerType.REASON,
    )
)
# A sentence states the detail when the grammar is sure of it (a weak cue such as a role word in
# passing is not an answer to "vem?").
_STATES = 1.0
# Words of a question that name no subject.
_IDLE = frozenset(
    stem for word in v.GENERIC | v.PRONOUNS | v.CUES for stem in stem_tokens(word, drop_stopwords=False)
)
# Chunks of running text a quoted sentence is cited from.
_PROSE_CHUNKS = frozenset((ChunkKind.SECTION, ChunkKind.OUTCOME, ChunkKind.FACT))


def points_into_answer(reading: QuestionReading) -> bool:
    """A short follow-up with a pronoun and at most one word of its own ("var ligger det?"), or
    one that asks why and names nothing ("varför då?": the reason for what was just said)."""
    own = [w for w in reading.topic.split() if fold(w) not in v.GENERIC]
    words = {fold(w) for w in reading.text.replace("?", " ").split()}
    why = not own and AnswerType.REASON in asked_types(reading.text)
    return reading.is_followup and (bool(words & v.PRONOUNS) or why) and len(own) <= 1


def from_quoted(
    snap: Snapshot, asked: QuestionReading, reading: QuestionReading, context: ConversationContext
) -> Answer | None:
    """The sentence of the text just quoted that states the detail a pronoun follow-up asks, or None.

    Args:
        snap: The knowledge snapshot.
        asked: The follow-up as read on its own (its own words, before the conversation's topic).
        reading: The follow-up as read, with the conversation applied.
        context: What the previous answer left behind (`quoted`: the prose it showed).
    """
    if not (context.quoted and context.source in snap.parsed) or not points_into_answer(asked):
        return None
    if (reading.units and "units" not in reading.from_context) or (
        reading.districts and "districts" not in reading.from_context
    ):
        return None  # another unit or district: the routes answer there
    if reading.years and "year" not in reading.from_context:
        return None  # "och 2017?" asks for another year, not for a detail of the text shown
    types = asked_types(asked.text) & _DETAILS
    if not types:
        return None
    # The pronoun points at the subject of the conversation: the sentence must be about it (a word
    # of the previous question), not about another thing the text named in passing ("Droppen/Bruket"
    # -> "var ligger de?" is not answered by the trips to Mariefred the quoted text also mentions).
    places = {stem for m in snap.metas for name in (m.unit, m.district) if name for stem in stem_tokens(name)}
    subject = frozenset(set(stem_tokens(context.question or "")) - places - _IDLE)
    best: tuple[float, str] | None = None
    for quote in context.quoted:
        about = False
        for sentence in sentences(quote.rstrip("…")):
            # A reason is given right after what it is the reason for ("Se över bemanningen …
            # Syftet är att …"): that sentence continues the one about the subject. Any other
            # detail (a place, a time) must be stated in a sentence that names the subject itself.
            after = about and AnswerType.REASON in types
            about = any(shares_start(stem, subject) or stem in subject for stem in stem_tokens(sentence))
            if not (about or after):
                continue
            strengths = filler_strengths(sentence)
            strength = max((strengths.get(t, 0.0) for t in types), default=0.0)
            if strength >= _STATES and (best is None or strength > best[0]):
                best = (strength, sentence)
    if best is None:
        return None
    sentence = best[1]
    # Cited from the prose that holds it, else from the table row the answer showed it in.
    holding = [c for c in snap.chunks_of(context.source or "") if sentence in c.text]
    chunk = next((c for c in holding if c.kind in _PROSE_CHUNKS), holding[0] if holding else None)
    if chunk is None:
        return None
    cites = Citations(snap)
    marker = cites.cite(chunk, verbatim_span(chunk.text, [sentence]))
    return Answer(
        answer=f"Enligt {doc_label(snap, chunk.source)}:\n\n{' '.join(sentence.split())} {marker}",
        kind=AnswerKind.PASSAGES,
        citations=cites.items,
        context=answer_context(snap, chunk.source, reading),
    )
