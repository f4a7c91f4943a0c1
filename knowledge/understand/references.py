"""What a chat turn points back at, resolved before or around the reading of the question.

Two ways staff refer back in a conversation that `apply_context` (reading.py) does not see,
because they are about how the turn is *built*, not about what it asks:

- **Left dislocation** (`undislocate`): Swedish chat often names the thing first and asks about it
  with a pronoun: "IPS, vad menas med det?", "sjukfrånvaron, vad ska den ligga på?". The pronoun
  points at the phrase before the comma, not at the conversation; the question is read with the
  phrase in the pronoun's place ("vad menas med IPS?").
- **Repair turns** (`is_repair`, `repaired`): after Planbot asked back ("Vilken enhet menar du?")
  or found nothing ("Jag hittar ingen verksamhetsplan för 2021 …"), a reply that only names a
  unit, a district, a year or a document type ("stöd och aktivitet", "ok men 2023 då?",
  "hägersten-älvsjö") gives what the unanswered question lacked. The unanswered question is asked
  again with the reply's place, year and type in place of its own. The question left unanswered is
  kept in `ConversationContext.pending` (`pending_after`).
"""

from __future__ import annotations

import re

from knowledge.answer import Answer, AnswerKind
from knowledge.textnorm import fold
from knowledge.understand import vocab as v
from knowledge.understand.chatter import chatter_tokens, sentence_bounds
from knowledge.understand.reading import QuestionReading

# Answers that leave the question unanswered: the next turn may supply what it lacked.
UNANSWERED = frozenset((AnswerKind.CLARIFY, AnswerKind.NOT_FOUND))

# A question word opening the clause after the comma ("…, vad/vem/när/hur/var/vilken …").
_QUESTION_START = re.compile(r"^(?:vad|vem|vilka|vilken|vilket|nar|hur|var|vart|varfor)\b")
# The pronouns that can take up a dislocated phrase (not "där"/"dit": places, nor "dess": a genitive).
_TAKE_UP = frozenset(("det", "den", "de", "dom", "dem", "detta", "denna", "dessa"))
_WORD = re.compile(r"[^\W_][\w/:-]*")
# A dislocated phrase is a name or a short noun phrase, not a clause.
_MAX_HEAD_WORDS = 4
# A fronted time ("och året innan, hur gick det?", "2018, hur blev det?") is an adverbial of the
# clause after it, whose "det" is the expletive of "hur gick det", not a pronoun taking it up.
_TIME_HEAD = re.compile(
    r"^(?:och |men |an )?(?:(?:19|20)\d\d|(?:aret|aren) (?:innan|fore|dessforinnan|efter|darpa|darefter)"
    r"|forra (?:aret|ar)|foregaende ar|i ?fjol|nasta ar)$"
)


def undislocate(text: str) -> str:
    """Put a left-dislocated phrase in the place of the pronoun that takes it up.

    "IPS, vad menas med det?" -> "vad menas med IPS?"; "sjukfrånvaron, vad ska den ligga på?" ->
    "vad ska sjukfrånvaron ligga på?". The phrase before the first comma must hold a word of its
    own (not "ok, vad menas med det?", "hej, …": chatter, greetings and pronouns point at nothing),
    the clause after it must open with a question word and hold a pronoun; the last such pronoun
    is replaced ("vad är det för nåt" keeps its expletive "det" only when nothing follows).

    Args:
        text: The turn as typed (whitespace normalised).

    Returns:
        The rewritten question, or `text` unchanged when it is not built that way.
    """
    head, comma, tail = text.partition(",")
    if not comma:
        return text
    head, tail = head.strip(), tail.strip()
    head_words = _WORD.findall(head)
    if not head_words or len(head_words) > _MAX_HEAD_WORDS or not _QUESTION_START.match(fold(tail)):
        return text
    folded = [fold(w) for w in head_words]
    if _QUESTION_START.match(folded[0]) or not _has_own_word(head, folded):
        return text
    if _TIME_HEAD.match(" ".join(folded)):
        return text
    matches = [m for m in _WORD.finditer(tail) if fold(m.group()) in _TAKE_UP]
    if not matches:
        return text
    last = matches[-1]
    return f"{tail[: last.start()]}{head}{tail[last.end() :]}"


def _has_own_word(head: str, folded: list[str]) -> bool:
    """Whether a phrase holds a word that is neither chatter, a greeting, a pronoun nor a stop word."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(head)]
    starts, ends = sentence_bounds(head, spans)
    chatter = chatter_tokens(folded, starts, ends)
    idle = v.STOP | v.GREET | v.PRONOUNS | v.POSSESSIVE
    return any(k not in chatter and w not in idle for k, w in enumerate(folded))


def is_repair(reply: QuestionReading) -> bool:
    """Whether a turn only supplies a place, a year or a document type ("stöd och aktivitet", "2023 då?").

    It names a unit, a district, a year or a type (or one no document has: then the unanswered
    question is declined for it), and has no topic word of its own: a turn with words of its own
    ("okej men vårt boendestöd?") is a question in its own right.
    """
    names = bool(
        reply.units
        or reply.soft_units
        or reply.districts
        or reply.years
        or reply.doc_type
        or reply.other_units
        or reply.other_districts
    )
    own = [w for w in reply.topic.split() if fold(w) not in v.GENERIC]
    return names and not own and not reply.is_help


def repaired(pending: QuestionReading, reply: QuestionReading) -> QuestionReading:
    """The unanswered question's reading with the reply's place, year and type in place of its own.

    Naming a unit or district replaces every place the question named (the reply's district alone
    does not keep another district's unit); a year replaces the years; a type the type.

    Args:
        pending: The reading of the question that was left unanswered.
        reply: The reading of the repair turn (`is_repair`).
    """
    update: dict[str, object] = {}
    if reply.units or reply.soft_units or reply.districts or reply.other_units or reply.other_districts:
        update |= {
            "units": reply.units,
            "soft_units": reply.soft_units,
            "districts": reply.districts,
            "other_units": reply.other_units,
            "other_districts": reply.other_districts,
            "own_unit": False,
        }
    if reply.years:
        update |= {"year": reply.year, "years": reply.years}
    if reply.doc_type:
        update["doc_type"] = reply.doc_type
    return pending.model_copy(update=update)


def pending_after(answer: Answer, question: str, pending: str | None) -> Answer:
    """Record in the answer's context the question it left unanswered (None once one is answered).

    Args:
        answer: The answer just built (its context completed by `followup.remember`).
        question: The question this turn answered (for a repair turn: the repaired question).
        pending: The question that was pending before this turn (kept when a repair fails too:
            "och 2022 då?" may follow "ok men 2021 då?").
    """
    unanswered = answer.kind in UNANSWERED
    value = (pending or question) if unanswered else None
    if answer.context.pending == value:
        return answer
    answer.context = answer.context.model_copy(update={"pending": value})
    return answer
