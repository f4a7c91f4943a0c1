"""A routine document named by its title: 'enligt rutinen för orosanmälan', 'orosanmälningsrutinen'.

A standalone routine has no year or unit staff would name; they name it by what it is about, as
its title does ('Rutin för orosanmälan och samverkan'). When a question speaks of a routine
('rutin' in some word) and names at least half of a routine document's title topic words
(compounds count: 'orosanmälningsrutinen' holds 'orosanm…'), that document is the one meant,
as a named unit is: the selection narrows to it. Plans with routine sections are not affected:
only documents of type `rutin` have a title topic here.
"""

from __future__ import annotations

import math
import re

from knowledge.models import DocType, DocumentMeta
from knowledge.textnorm import fold
from knowledge.understand.reading import QuestionReading

# Words of a routine's title that say what kind of document it is or join its topic words.
_FRAME = frozenset(
    re.findall(r"\w+", "rutin rutiner rutinen for och samt vid med av om i pa till inom kring")
)
_PREFIX = 6  # letters of a topic word a question's word must hold ('orosan' in 'orosanmälningsrutinen')


def title_topic(meta: DocumentMeta) -> list[str]:
    """The folded topic words of a routine document's own title (before its ' – unit' tail)."""
    if meta.type is not DocType.RUTIN or not meta.title:
        return []
    head = re.split(r"\s[–—-]\s", meta.title, maxsplit=1)[0]
    return [w for w in re.findall(r"[a-z]+", fold(head)) if w not in _FRAME and len(w) >= 4]


# "rutinen för/vid/om X": the routine named by the topic word after it; "X-rutinen",
# "Xsrutinen": by the compound's first part.
_PHRASE = re.compile(r"\brutin\w*\s+(?:for|vid|om|kring)\s+(?P<w>[a-z]{3,})")
_COMPOUND = re.compile(r"\b(?P<w>[a-z]{4,}?)s?-?rutin\w*")


def _same(word: str, topic_word: str) -> bool:
    return topic_word[:_PREFIX] in word or word[:_PREFIX] in topic_word


def title_named(meta: DocumentMeta, reading: QuestionReading) -> bool:
    """Whether the question speaks of a routine and names this routine document's title topic.

    A routine named by a word ('rutinen vid hot', 'hotrutinen') is this document only when that
    word is one of its topic words; a routine spoken of without one ('enligt rutinen') is when at
    least half of the topic words stand in the question.
    """
    topic = title_topic(meta)
    if not topic:
        return False
    folded = fold(reading.text)
    words = re.findall(r"[a-z]+", folded)
    if not any("rutin" in w for w in words):
        return False
    naming = [m.group("w") for m in (*_PHRASE.finditer(folded), *_COMPOUND.finditer(folded))]
    if naming:
        return any(_same(word, t) for word in naming for t in topic)
    hits = sum(1 for t in topic if any(t[:_PREFIX] in w for w in words))
    return hits >= max(1, math.ceil(len(topic) / 2))
