"""Whether a quoted passage counts anything at all, for a "hur många <noun>" question.

A count question answered with a passage needs a number that counts things: "13 medarbetare",
"tre biträdande enhetschefer", "Inga barnfamiljer …". A passage whose only numbers measure
("ungdomar under 21 år", "30 procent", "varje vecka") or date ("2023-01-01", "under 2020") is
about the words of the question but holds no count, so it does not answer "hur många
föräldragrupper har vi?". The answerer declines such an answer (`DeclineReason.COUNT_WITHOUT_NUMBER`),
as it declines a passage with no number at all.

The measure words are data (`understand/counted_kinds.tsv`, kind `measure`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.answers.prose_counts import counted_word
from knowledge.answers.stated_counts import NUMBER_WORDS
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.counted_kinds import table

# Words that count by themselves, without a number: "båda enheterna", "inga barnfamiljer".
_COUNT_WORDS = {"bada", "bagge", "inga", "ingen", "inget", "hundratals", "tusentals", "dussin", "par"}
# Words between a number and what it counts that say nothing about whether it measures.
_APPROX = {"ca", "cirka", "drygt", "knappt", "omkring", "ungefar", "nastan", "over", "under", "olika"}
# "en"/"ett" count one only of the noun asked ("en enhetschef"); elsewhere they are articles.
_ARTICLES = {"en", "ett"}
# How far after "en"/"ett" the counted noun may stand ("en biträdande enhetschef").
_ARTICLE_REACH = 3
_TOKEN = re.compile(r"[^\W_][\w%-]*|%")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Nouns a number after them labels rather than counts: "Team 1", "inriktningsmål 3", "steg 2",
# "kap. 14", "bilaga 2" name one of several, they say nothing of how many.
_LABELS = re.compile(
    r"^(?:team|teamet|grupp|gruppen|steg|steget|fas|fasen|niva|nivan|kap|kapitel|bilaga|tabell|figur|sida"
    r"|punkt|version|omrade|\w*mal|\w*malet|indikator|aktivitet|avsnitt)$"
)


def _counts(words: Sequence[str], i: int, measures: frozenset[str], asked: set[str]) -> bool:
    """Whether the number word at `i` counts something (rather than measuring or dating)."""
    word = words[i]
    if word in _COUNT_WORDS:
        return True
    if word in _ARTICLES:
        return any(set(stem_tokens(w)) & asked for w in words[i + 1 : i + 1 + _ARTICLE_REACH])
    if not (word.isdigit() or word in NUMBER_WORDS) or _YEAR.match(word):
        return False
    if word.isdigit() and i > 0 and _LABELS.match(words[i - 1]):
        return False  # a label ("Team 2 (Rehab)"), not a count
    after = [w for w in words[i + 1 : i + 4] if w not in _APPROX and not w.isdigit()]
    return bool(after) and after[0] not in measures


def counts_nothing(question: str, quotes: Sequence[str]) -> bool:
    """Whether a "hur många <noun>" question got quotes whose numbers count nothing.

    Args:
        question: The question as read.
        quotes: The answer's quotes.

    Returns:
        True when the question counts a noun and no quote holds a number (or a counting word)
        that counts a thing; False for other questions, for table rows (their columns hold
        the values) and when any quote counts something.
    """
    noun = counted_word(question)
    if not noun or not quotes or any("\t" in quote for quote in quotes):
        return False
    measures = table().measures
    asked = set(stem_tokens(noun))
    for quote in quotes:
        words = [fold(w) for w in _TOKEN.findall(quote)]
        if any(_counts(words, i, measures, asked) for i in range(len(words))):
            return False
    return True
