"""Which table item an elliptic follow-up is about: the one under discussion, or another one it names.

`apply_context` (knowledge/understand/reading.py) completes an elliptic follow-up after an
indicator or activity answer by adding the item under discussion to the follow-up's own words:
"och KF:s?" asks about the same indicator. It cannot see the documents, so it cannot tell the
two other readings of such a follow-up apart:

- "och medskapandeindexet då?" names *another* item of the same plan: the new name replaces
  the old item (only the unit and year carry over);
- "vad ska den ligga på?" names no item at all: its words ("ligga") occur in no item name of
  the plan, so the follow-up is about the item just shown, by its full name.

Both are read from the names of the items of the conversation's document; a word that narrows
the item under discussion ("och den totala sjukfrånvaron?" after "Sjukfrånvaro dag 1-14") or
that fits several items leaves the reading as `apply_context` made it.
"""

from __future__ import annotations

from functools import lru_cache

from knowledge.answer import ConversationContext
from knowledge.answers.followup import shares_start
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand import vocab as v
from knowledge.understand.intent import Intent
from knowledge.understand.reading import QuestionReading

# Words that say what is asked of an item, not which item ("årsmålet", "KF:s", "hur ofta").
_NOT_NAMES = frozenset(
    stem
    for word in v.CUES | v.GENERIC | v.PRONOUNS | v.REFERS_BACK | v.FIELD_WORDS | v.PERIOD_WORDS | v.STOP
    for stem in stem_tokens(word, drop_stopwords=False)
)


# Intents of a question answered by an indicator row (its target, or its result in an award application).
_ROW_INTENTS = frozenset((Intent.INDICATOR.value, Intent.OUTCOME.value))


def _content(text: str) -> set[str]:
    return {s for s in stem_tokens(fold(text)) if s not in _NOT_NAMES and len(s) > 2 and not s.isdigit()}


def _in(stem: str, name: frozenset[str]) -> bool:
    """A stem is a word of the name, or the start of one ("medskapandeindexet" ~ "medskapandeindex")."""
    return stem in name or shares_start(stem, name)


@lru_cache(maxsize=4096)
def _name_stems(name: str) -> frozenset[str]:
    return frozenset(stem_tokens(fold(name)))


def carried_item(
    snap: Snapshot, asked: QuestionReading, reading: QuestionReading, context: ConversationContext
) -> QuestionReading:
    """The reading with the item the follow-up is about as its topic (see the module docstring).

    Args:
        snap: The knowledge snapshot.
        asked: The follow-up as read on its own.
        reading: The same with the conversation applied (`apply_context`).
        context: What the previous answer left behind.

    Returns:
        `reading`, its topic replaced by an item's full name when the follow-up names another item
        of the conversation's document, or names none after one item was shown.
    """
    carried = context.topic or context.indicator
    if not (reading.is_followup and carried and context.source in snap.parsed):
        return reading
    if "topic" not in reading.from_context or not reading.topic.endswith(carried):
        return reading  # not the old item added to the follow-up's words ("den tredje" was resolved)
    parsed = snap.parsed[context.source or ""]
    # The typed slot says what was shown: an indicator row under discussion is one whether its
    # question was read as asking a target or a result ("målvärdet för unga vuxna" -> "och för barn?").
    shown_row = context.indicator and context.intent in _ROW_INTENTS and "intent" in reading.from_context
    if (reading.intent is Intent.INDICATOR and context.intent == Intent.INDICATOR.value) or shown_row:
        names, current = [x.name for x in parsed.indicators], context.indicator
    elif reading.intent is Intent.ACTIVITY and context.intent == Intent.ACTIVITY.value:
        names, current = [a.text for a in parsed.activities], context.activity
    else:
        return reading
    if not names:
        return reading
    naming = {s for s in _content(asked.topic) if any(_in(s, _name_stems(n)) for n in names)}
    if not naming:
        # "vad ska den ligga på?", "årsmålet då?": no word of an item's name; the item just shown,
        # by its full name.
        return reading.model_copy(update={"topic": current}) if current else reading
    if current and all(_in(s, _name_stems(current)) for s in naming):
        # Words of the current item only narrow it ("och den totala sjukfrånvaron?"); a name word
        # it lacks names another item ("och långvarigt bistånd då?" after the children's share).
        return reading
    fits = {fold(n): n for n in names if all(_in(s, _name_stems(n)) for s in naming)}
    if len(fits) > 1:
        # "barn" is a word of "Antal barn" and only the start of "Barnkonsekvensanalyser …": the
        # name that holds the words themselves.
        fits = {k: n for k, n in fits.items() if naming <= _name_stems(n)}
    if len(fits) != 1:
        return reading
    # "och medskapandeindexet då?": the one other item the follow-up names replaces the old one.
    return reading.model_copy(update={"topic": next(iter(fits.values()))})
