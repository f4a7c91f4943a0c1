"""Counts a document states in its prose ("Eftersom vi har 10 enhetsmål", "följande tio mål").

A count question is answered by counting stored rows, but rows can be missing: an OCR'd
quality-award application keeps only the goals its parser could read, and a plan may describe
its goals in prose without a table. When the document itself says how many there are, that
figure is the document's answer; the rows found are shown under it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import sentences
from knowledge.textnorm import fold

# Swedish number words (folded) up to twenty: the plans write small counts in words.
NUMBER_WORDS = {
    "tva": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "atta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
    "sexton": 16,
    "sjutton": 17,
    "arton": 18,
    "nitton": 19,
    "tjugo": 20,
}
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"


@dataclass(frozen=True)
class StatedCount:
    """A count written in a document: the number, the chunk and the sentence that states it."""

    number: int
    chunk: Chunk
    sentence: str


def _value(token: str) -> int:
    return int(token) if token.isdigit() else NUMBER_WORDS[token]


def stated_counts(chunks: Iterable[Chunk], nouns: tuple[str, ...]) -> list[StatedCount]:
    """Every "<number> <noun>" a prose chunk states, for the folded plural nouns given.

    Args:
        chunks: The chunks to read (only prose sections are read; tables are counted as rows).
        nouns: Folded nouns that name the items ("enhetsmal", "mal"); the number stands right
            before the noun ("10 enhetsmål", "tio mål").

    Returns:
        The counts found, in document order.
    """
    pattern = re.compile(r"(?<![\w.,-])" + _NUMBER + r"\s+(?:" + "|".join(map(re.escape, nouns)) + r")\b")
    found: list[StatedCount] = []
    for chunk in chunks:
        if chunk.kind is not ChunkKind.SECTION:
            continue
        for sentence in sentences(chunk.text):
            for match in pattern.finditer(fold(sentence)):
                found.append(StatedCount(_value(match.group("n")), chunk, sentence))
    return found


def document_count(counts: list[StatedCount]) -> StatedCount | None:
    """The count the document states most often (the larger one on a tie), or None."""
    if not counts:
        return None
    tally = Counter(c.number for c in counts)
    number = max(tally, key=lambda n: (tally[n], n))
    return next(c for c in counts if c.number == number)
