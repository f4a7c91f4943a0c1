"""Words said beside the question: kept in the topic, but weighed below the asking words.

A chat message carries one question among greetings, who the asker is, why they ask and
thanks: "Hej allihop! Jag heter Amir … Har hört att ekonomin är tajt i år. Vilken del av
enheten har de största utmaningarna med att hålla budgeten? Tack!". The reader already leaves
out chatter, the clauses that tell about the asker (`understand.clauses.context_tokens`) and the
everyday words outside the asking clauses (`understand.side_words`). What is left of the other
clauses are words of the field ("ekonomin", "ärenden") or names: they may name what the question
is about ("Vi har en kvinna som blivit slagen … vad för boende ska vi utveckla?"), so they stay
in the topic, but a passage that covers them and not the asked words must not beat one that
covers the asked words. So every coverage of the question's words (`retrieval.extract`)
weighs a word said only beside the question at `ASIDE_WEIGHT` of its idf, times how much it is a
word of the documents rather than everyday Swedish (`store.informative`: the counts in the
index against general Swedish), so "jobbar" beside the question says less than "hedersvåld".

Why a fixed share and not a fitted one: a word outside the asking clauses is about the
situation, not about what is asked; counting it at half of an asked word is what "context"
means (it may tip a tie, it cannot outvote the question). The value was set from that reading,
then checked on the tune splits, never fit on a CI-gating set.

The weights hold for one question: the answerer reads it, then answers inside `weighing`
(the same pattern as the snapshot's word families, `derivation.using`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from knowledge.textnorm import stem_tokens

# A word said beside the question counts for half of an asked word (see the module docstring).
ASIDE_WEIGHT = 0.5
# The asking clauses must keep this many topic words of their own before the other clauses'
# words are weighed down: "hur gör man?" after "vi har en ny klient som …", or "hur gör vi så att
# alla kommer till tals?" after "apt är ju jättestort", asks about what the other clause names,
# and every word is the question.
MIN_ASKED_WORDS = 3

_ASIDE: ContextVar[dict[str, float] | None] = ContextVar("aside_stems", default=None)


def aside_indexes(topic: Sequence[int], asking: set[int]) -> set[int]:
    """Indexes of topic tokens said beside the question, or none.

    Args:
        topic: Indexes of the tokens that make up the topic.
        asking: Indexes of the tokens of the clauses that ask (`clauses.asking_tokens`).

    Returns:
        The topic tokens outside the asking clauses; empty when no clause asks or the asking
        clauses keep fewer than `MIN_ASKED_WORDS` topic words (then all of it is the question).
    """
    asked = [k for k in topic if k in asking]
    if not asking or len(asked) < MIN_ASKED_WORDS:
        return set()
    return {k for k in topic if k not in asking}


def aside_stems(aside: Iterable[str], topic: str) -> frozenset[str]:
    """Stems of the words said beside the question that the asked words do not also hold."""
    beside = {s for w in aside for s in stem_tokens(w)}
    asked_words = list(topic.split())
    for w in aside:
        if w in asked_words:
            asked_words.remove(w)
    asked = {s for w in asked_words for s in stem_tokens(w)}
    return frozenset(beside - asked)


def aside_weights(stems: Iterable[str], share: Callable[[str], float] | None = None) -> dict[str, float]:
    """The weight of each stem said beside the question.

    Args:
        stems: The stems (`aside_stems`).
        share: How much a stem is a word of the documents rather than everyday Swedish
            (`Lexical.everyday`: 1.0 down to 0.2); a word beside the question that is also
            rarer in the plans than in Swedish at large says even less about them.
    """
    return {s: ASIDE_WEIGHT * (share(s) if share else 1.0) for s in stems}


@contextmanager
def weighing(weights: dict[str, float]) -> Iterator[None]:
    """Weigh these stems (`aside_weights`) in every coverage computed inside the block."""
    token = _ASIDE.set(weights)
    try:
        yield
    finally:
        _ASIDE.reset(token)


def aside_share(stems: Iterable[str]) -> float:
    """The weight of a query word (its stems): its aside weight when said only beside the question."""
    current = _ASIDE.get()
    if not current:
        return 1.0
    own = set(stems)
    return max(current[s] for s in own) if own and own <= current.keys() else 1.0


def weighted(idf: Callable[[str], float] | None) -> Callable[[str], float]:
    """An idf (or a count of 1 per stem) with the words said beside the question weighed down."""
    base = idf or (lambda _s: 1.0)
    current = _ASIDE.get()
    if not current:
        return base
    return lambda s: base(s) * current.get(s, 1.0)
