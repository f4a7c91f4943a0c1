"""A figure asked for that the quoted passages do not state: the answer is a decline.

Close negatives ask for a figure a plan leaves out: "vad kostar studiecirklarna på Tora?",
"hur många timmar i veckan ska boendestödet ge?", "vad ska NKI:t ligga på?". No route holds
such a row, so the passages route quotes the sentences about the topic (Tora, boendestödet),
and staff read a quote about the right topic as the answer although it states no figure.
A plan states a figure as a number or a number word next to the item ("drygt 70 deltagare
besöker Tora", "sex medarbetare"), so a passage answer to a question asking for
an amount, a count, a cost, a length of time or a target is trusted only when one quote
holds both a quantity and a word of the question's topic. Otherwise nothing quoted
answers what was asked, and the answer is declined (answerer.py).
"""

from __future__ import annotations

import re

from knowledge.answer import Answer, AnswerKind
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.reading import QuestionReading

# Answers that quote passages for the topic (no row or item was matched).
PASSAGE_KINDS = frozenset({AnswerKind.PASSAGES, AnswerKind.ROUTINE})

# What asks for a figure (folded text): a count or an amount, a cost, a length of time, a size,
# a level a target should reach. "hur ofta" is left out: its answer is a frequency in words
# ("varje månad"), not a quantity.
_ASKS_VALUE = re.compile(
    r"\bhur (?:manga|mycket|mkt|lange|lang|stor|stora|hog|hoga|lag|laga)\b"
    r"|\bkostar\b|\bkostnaden\b|\bligga pa\b|\bmalvardet?\b|\barsmalet?\b|\bantal\b"
)

# A quantity in Swedish text: digits, or a number word. "en"/"ett" are left out (they are
# also the articles), and so are vague words ("många", "alla", "flera"): they state no figure.
# A price is also stated in words: "gratis", "kostnadsfritt", "ingår", "till självkostnadspris".
_QUANTITY = re.compile(
    r"\d|\b(?:tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tjugo|trettio|fyrtio|femtio"
    r"|hundra|tusen|halften|halva|dubbelt|procent|gratis|ingar|kostnadsfri\w*|avgiftsfri\w*|sjalvkostnad\w*)\b"
)

# Stems this long match a longer word by its start ("hembesök" ~ "hembesöken"), and two words
# sharing a start this long are one compound family ("friskvårdsbidrag" ~ "friskvårdsaktivitet").
_FAMILY = 5
_SHARED_START = 7


def asks_value(reading: QuestionReading) -> bool:
    """Whether the question asks for a figure (count, amount, cost, duration, target level)."""
    return bool(_ASKS_VALUE.search(fold(reading.text)))


def related_stems(q: str, s: str) -> bool:
    """Whether two stems are one word or one compound family (`_FAMILY`, `_SHARED_START`)."""
    if q == s:
        return True
    if min(len(q), len(s)) >= _FAMILY and (s.startswith(q) or q.startswith(s)):
        return True
    return len(q) >= _SHARED_START and len(s) >= _SHARED_START and q[:_SHARED_START] == s[:_SHARED_START]


def _on_topic(topic: set[str], quote_stems: set[str]) -> bool:
    return any(related_stems(q, s) for q in topic for s in quote_stems)


def states_value(reading: QuestionReading, answer: Answer) -> bool:
    """Whether one quote holds a quantity and a word of the question's topic.

    A quote, not a sentence: a plan often names the item in one sentence and gives its figure
    in the next ("… en budget i balans. Enheten har ca 114 mnkr netto …").

    Args:
        reading: The question as read (its topic holds the item asked about).
        answer: A passage answer.

    Returns:
        True when some quote states a figure about the topic.
    """
    topic = set(stem_tokens(reading.topic or reading.text))
    return any(
        _QUANTITY.search(fold(c.quote)) and _on_topic(topic, set(stem_tokens(c.quote)))
        for c in answer.citations
    )


def unstated_value(reading: QuestionReading, answer: Answer) -> bool:
    """Whether a passage answer to a question asking for a figure states none about the topic."""
    if answer.kind not in PASSAGE_KINDS or not answer.citations or not asks_value(reading):
        return False
    return not states_value(reading, answer)
