"""The questions of one chat message, when it asks more than one.

"vad är målet för sjukfrånvaron och när följs det upp?", "hur många bor på Kyrkogatan? o hur
många våningar är det?": staff ask two things in one message and expect both answered. Where a
message splits is decided by `clauses.question_starts` (a clause break or "och" followed by an
interrogative, every part a question of its own); this module only cuts the text there.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from knowledge.understand import vocab as v
from knowledge.understand.chat_words import standard_words
from knowledge.understand.chatter import chatter_tokens, sentence_bounds
from knowledge.understand.clauses import INTERROGATIVES, JOINERS, points_back, question_starts
from knowledge.understand.mentions import tokenize

# Punctuation left dangling at the end of a part once the next question is cut off ("…, och när?").
_TRAILING = " ,;:–—-/"


# Words that name nothing of their own: function words, cue words ("målet", "indikatorn"), the
# verbs of following up and measuring, greetings and pronouns.
_EMPTY = v.STOP | v.CUES | v.GREET | v.GENERIC | v.FIELD_WORDS | v.PERIOD_WORDS | v.PRONOUNS | v.POSSESSIVE


def asks_anew(words: Sequence[str]) -> bool:
    """Whether a later question of a message (its folded words, chatter left out) asks something new.

    It does when it names something of its own ("och hur många av dem är män?", "och vad var det
    2018?") or points back at the first question's subject with a pronoun to ask more about it
    ("och hur ofta följs det upp?"). A question that does neither only says the first one again
    in other words ("hur mycket ekologisk mat köper vi in, vad är målet?") and is not split off.
    """
    own = [w for w in words if w not in _EMPTY and w not in INTERROGATIVES and w not in JOINERS]
    return bool(own) or points_back(words)


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
    for lo, hi in zip(found, [*found[1:], len(toks)], strict=False):
        if asks_anew([folded[k] for k in range(lo, hi) if k not in chatter]):
            kept.append(lo)
    cuts = [toks[k].start for k in kept]
    if not cuts:
        return [text]
    edges = [0, *cuts, len(text)]
    parts = [text[lo:hi].strip() for lo, hi in itertools.pairwise(edges)]
    return [p if k == len(parts) - 1 else _ends_asking(p) for k, p in enumerate(parts)]


def _ends_asking(part: str) -> str:
    part = part.rstrip(_TRAILING)
    return part if "?" in part else part + "?"
