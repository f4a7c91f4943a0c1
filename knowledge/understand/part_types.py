"""The kind of detail a later question of a message asks that the question before it does not.

Staff add a short second question to a first one: "när tar man fram sin utvecklingsplan, och med
vem?", "har de nåt husmöte? hur ofta isf", "hur ofta har ni brukarråd och vilka får vara med?",
"vad är det för aktivitet om hjälpmedel, samt när?". The second part names nothing of its own:
it asks another kind of detail (a person, a time, a frequency …, `answer_types.AnswerType`) about
what the first one names. Such a part is a question of its own, answered about the first part's
subject; a part that asks the same kind again ("hur mycket ekologisk mat köper vi in, vad är
målet?") or no specific kind at all ("…, och vilka?") only restates or narrows the first one.

Both parts are given as folded words (chatter left out); a joiner before the part ("och",
"samt" …) is skipped by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.understand.answer_types import SPECIFIC, AnswerType, asked_types


def _asked(words: Sequence[str]) -> frozenset[AnswerType]:
    # The question mark the words lost: "var?" asks for a place, "ofta?" for a frequency.
    return asked_types(" ".join(words) + " ?") if words else frozenset()


def new_detail(part: Sequence[str], before: Sequence[str]) -> frozenset[AnswerType]:
    """The specific kinds of detail `part` asks for that `before` does not ask (empty: none).

    Args:
        part: The later question's folded words, its joiner left out ("med vem").
        before: The folded words of the question before it ("nar tar man fram sin
            utvecklingsplan").

    Returns:
        The answer types of `part` (frequency, time, duration, amount, count, age, person,
        place, reason; not method, which "hur …" asks whenever nothing else is asked) that
        `before` does not ask. A count is no new detail after a question that asks for items
        (no specific kind): it counts them.
    """
    asked = _asked(part) & SPECIFIC
    earlier = _asked(before)
    if not earlier & SPECIFIC:
        # Counting what the question before asks for ("har vi några aktiviteter om miljö? hur
        # många?") narrows it: a count answer lists what it counts, so it is one question.
        asked -= {AnswerType.COUNT}
    return asked - earlier
