"""The questions of one chat message, when it asks more than one.

"vad är målet för sjukfrånvaron och när följs det upp?", "hur många bor på Kyrkogatan? o hur
många våningar är det?": staff ask two things in one message and expect both answered. Where a
message splits is decided by `clauses.question_starts` (a clause break or "och" followed by an
interrogative, every part a question of its own); this module only cuts the text there.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from knowledge.answer import ConversationContext
from knowledge.understand import vocab as v
from knowledge.understand.chat_words import standard_words
from knowledge.understand.chatter import chatter_tokens, sentence_bounds
from knowledge.understand.clauses import INTERROGATIVES, JOINERS, points_back, question_starts
from knowledge.understand.mentions import tokenize
from knowledge.understand.openers import OpenerKind, opener_at, openers
from knowledge.understand.part_types import new_detail
from knowledge.understand.reading import QuestionReading

# Punctuation left dangling at the end of a part once the next question is cut off ("…, och när?").
_TRAILING = " ,;:–—-/"


# Words that name nothing of their own: function words, cue words ("målet", "indikatorn"), the
# verbs of following up and measuring, greetings and pronouns.
_EMPTY = v.STOP | v.CUES | v.GREET | v.GENERIC | v.FIELD_WORDS | v.PERIOD_WORDS | v.PRONOUNS | v.POSSESSIVE


def asks_anew(words: Sequence[str], before: Sequence[str] = ()) -> bool:
    """Whether a later question of a message (its folded words, chatter left out) asks something new.

    It does when it names something of its own ("och hur många av dem är män?", "och vad var det
    2018?") or points back at the first question's subject with a pronoun to ask more about it
    ("och hur ofta följs det upp?"). A question that does neither only says the first one again
    in other words ("hur mycket ekologisk mat köper vi in, vad är målet?"), or only asks whether it
    has an answer, naming nothing but an answer noun ("…, finns det en siffra?",
    `openers.answer_nouns`) or, a yes/no question, nothing at all ("…, finns det nån rutin för
    det?"), and is not split off. A question that names nothing but asks another kind of detail
    than the question before it (`part_types.new_detail`: "hur ofta har ni brukarråd och vilka
    får vara med?") asks anew about the same subject.

    Args:
        words: The later question's folded words, chatter left out.
        before: The folded words of the question before it (chatter left out); empty when not
            known.
    """
    own = [w for w in words if w not in _EMPTY and w not in INTERROGATIVES and w not in JOINERS]
    if own and set(own) <= openers().answer_nouns:
        return False  # "…, finns det en siffra?": whether the question before has an answer
    start = 1 if words and words[0] in JOINERS else 0
    opener = opener_at(words, start, INTERROGATIVES)
    if opener is not None and opener.kind is OpenerKind.YES_NO:
        # A yes/no question asks no time, place or manner of its own: pointing back, it only asks
        # whether the question before has an answer ("finns det nån rutin för det?").
        return bool(own)
    return bool(own) or points_back(words) or (bool(before) and bool(new_detail(words[start:], before)))


def split_message(text: str) -> list[str]:
    """The questions of a message, in order; one element when it asks one thing.

    Chat spellings are read as standard words first ("vad e" as "vad är", see
    `chat_words.standard_words`), so the parts are returned in standard words. Every part but the
    last ends with "?" (it was cut before the next question); the first keeps the greetings and
    context before it, and a later part keeps its joiner ("och hur ofta …?"), which marks it as
    continuing the first. A later question that only restates the one before (`asks_anew`) stays
    with it.
    """
    text = standard_words(text)
    toks = tokenize(text)
    spans = [(t.start, t.end) for t in toks]
    starts, ends = sentence_bounds(text, spans)
    folded = [t.f for t in toks]
    chatter = chatter_tokens(folded, starts, ends)
    found = question_starts(text, spans, folded, chatter)
    kept: list[int] = []
    since = 0  # where the question before the one looked at starts (parts not kept join it)
    for lo, hi in zip(found, [*found[1:], len(toks)], strict=False):
        before = [folded[k] for k in range(since, lo) if k not in chatter and folded[k] not in JOINERS]
        if asks_anew([folded[k] for k in range(lo, hi) if k not in chatter], before):
            kept.append(lo)
            since = lo
    cuts = [toks[k].start for k in kept]
    if not cuts:
        return [text]
    edges = [0, *cuts, len(text)]
    parts = [text[lo:hi].strip() for lo, hi in itertools.pairwise(edges)]
    return [p if k == len(parts) - 1 else _ends_asking(p) for k, p in enumerate(parts)]


def _ends_asking(part: str) -> str:
    part = part.rstrip(_TRAILING)
    return part if "?" in part else part + "?"


def _asking_words(part: str) -> list[str]:
    """The folded words of a question of a message, chatter left out ("… dit? tack!")."""
    toks = tokenize(part)
    spans = [(t.start, t.end) for t in toks]
    starts, ends = sentence_bounds(part, spans)
    folded = [t.f for t in toks]
    chatter = chatter_tokens(folded, starts, ends)
    return [w for k, w in enumerate(folded) if k not in chatter]


def leans_on_before(part: str) -> bool:
    """Whether a question of a message points back at the one before it ("och var ligger det?").

    Such a question does not say what it asks about: answered alone, it would be answered
    about whatever its other words find. Chatter is left out before looking ("… dit? tack!").
    """
    return points_back(_asking_words(part))


def names_nothing(part: str) -> bool:
    """Whether a question of a message names nothing of its own ("och med vem?", "hur ofta isf").

    It asks another detail of what the question before it names (`part_types.new_detail`):
    answered alone, like a question that points back (`leans_on_before`), it would be answered
    about whatever its few words find.
    """
    return not [
        w for w in _asking_words(part) if w not in _EMPTY and w not in INTERROGATIVES and w not in JOINERS
    ]


def shared_place(
    message: QuestionReading, turn: ConversationContext, answered_unit: str | None
) -> ConversationContext:
    """The context a question of a message is answered in, with the unit the message is about.

    "hur många feriejobbsplatser ska vi ta fram i år? och hur många aspiranter ska få
    stockholmsjobb? på stöd och aktivitet alltså": the unit named once holds for every question
    of the message, before it or after it. When the message names none, the unit its answer read
    as one question came from holds ("finns det sl-kort på enheten eller har vi en bil?": the
    unit whose plan answered the message, not a request to name it for each question). A question
    that names no unit or district of its own is answered as if that unit had been named in the
    conversation (`unit_named`: `reading.apply_context` then keeps it for a full question too); a
    question that names another place keeps its own (`apply_context` never overrides what a
    question says).

    Args:
        message: The whole message, read as one question.
        turn: The context the question would be answered in (the conversation's, or what the
            question before it left).
        answered_unit: The unit of the document the whole message's answer came from (None when
            it did not answer).

    Returns:
        `turn` when it already has a unit or district, or when neither the message nor its answer
        gives a single place; otherwise `turn` with that place.
    """
    if turn.unit or turn.district:
        return turn
    if len(message.units) == 1 and len(message.districts) <= 1:
        district = message.districts[0] if message.districts else None
        return turn.model_copy(update={"unit": message.units[0], "district": district, "unit_named": True})
    if not message.units and len(message.districts) == 1:
        return turn.model_copy(update={"district": message.districts[0], "unit_named": True})
    if not message.units and not message.districts and answered_unit:
        return turn.model_copy(update={"unit": answered_unit, "unit_named": True})
    return turn
