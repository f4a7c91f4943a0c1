"""Chatter in a question: greetings, politeness and framing that carry no content.

The phrases are data (`chatter.tsv`). `chatter_tokens` marks the tokens of a question that are
chatter, so that the reader can leave them out of the intent cues and the topic (the words whose
coverage decides which passage answers) while unit, district and year detection still sees every
word: in "Jag har precis börjat på Stöd- och aktivitetsenheten – vad har vi för mål?" the framing
is chatter, the unit is not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from core.vocab import packaged_text, rows
from knowledge.textnorm import fold

DATA_FILE = "chatter.tsv"
ANY_WORD = "*"
_TOKEN = re.compile(r"[^\W_]+(?::[^\W\d_]{1,3})?")
# Punctuation between two words that ends a sentence or clause ("Hej! Vad …", "snabbfråga: …", "X – vad …").
SENTENCE_BREAK = re.compile(r"[.!?:;–—]|\s-\s")


class Where(StrEnum):
    """Where in a sentence a chatter phrase counts as chatter."""

    START = "start"
    END = "end"
    ANY = "any"


@dataclass(frozen=True)
class Phrase:
    """One chatter phrase: folded words (`*` for any one word) and where it may stand."""

    where: Where
    words: tuple[str, ...]


def phrase_words(text: str) -> tuple[str, ...]:
    """Folded words of a phrase, split the way questions are tokenised."""
    return tuple("*" if w == "*" else fold(w).replace(":", "") for w in _TOKEN.findall(text) or [text])


def parse(text: str, name: str = DATA_FILE) -> list[Phrase]:
    """Parse the chatter table.

    Raises:
        VocabError: A line does not have the form `start|end|any <TAB> phrase`.
    """
    phrases: list[Phrase] = []
    for row in rows(text, name):
        where, phrase = row.cells[0], row.rest(1)
        if where not in {w.value for w in Where} or not phrase.strip():
            raise row.error("'start|end|any<TAB>fras'")
        words = tuple(w for part in phrase.split() for w in phrase_words(part))
        phrases.append(Phrase(Where(where), words))
    # Longest phrase first, so "tack så mycket" wins over "tack".
    return sorted(phrases, key=lambda p: -len(p.words))


@lru_cache(maxsize=1)
def phrases() -> list[Phrase]:
    """The packaged chatter phrases, read once."""
    return parse(packaged_text("knowledge.understand", DATA_FILE))


@lru_cache(maxsize=1)
def _default_index() -> tuple[dict[str, list[Phrase]], dict[str, list[Phrase]]]:
    # Cached apart: hashing the whole phrase table on every question would cost more than matching.
    return _index(tuple(phrases()))


@lru_cache(maxsize=4)
def _index(table: tuple[Phrase, ...]) -> tuple[dict[str, list[Phrase]], dict[str, list[Phrase]]]:
    """Phrases by first word and (end phrases) by last word, longest first."""
    first: dict[str, list[Phrase]] = {}
    last: dict[str, list[Phrase]] = {}
    for p in table:
        first.setdefault(p.words[0], []).append(p)
        if p.where is not Where.START:
            last.setdefault(p.words[-1], []).append(p)
    return first, last


def sentence_bounds(text: str, spans: Sequence[tuple[int, int]]) -> tuple[set[int], set[int]]:
    """Indexes of the tokens that start and that end a sentence or clause.

    Args:
        text: The question.
        spans: (start, end) character offsets of its tokens.
    """
    starts, ends = {0}, {len(spans) - 1}
    for k in range(1, len(spans)):
        if SENTENCE_BREAK.search(text[spans[k - 1][1] : spans[k][0]]):
            starts.add(k)
            ends.add(k - 1)
    return starts, ends


def _match(words: Sequence[str], i: int, phrase: Phrase) -> bool:
    n = len(phrase.words)
    return i + n <= len(words) and all(
        p in (ANY_WORD, w) for p, w in zip(phrase.words, words[i : i + n], strict=False)
    )


def chatter_tokens(
    words: Sequence[str], starts: set[int], ends: set[int], table: Sequence[Phrase] | None = None
) -> set[int]:
    """Indexes of the tokens that are chatter.

    Args:
        words: The question's folded tokens.
        starts: Indexes of sentence-starting tokens (see `sentence_bounds`).
        ends: Indexes of sentence-ending tokens.
        table: Phrases to use; the packaged table when omitted.

    Returns:
        Token indexes; a start phrase may follow another ("Hej! Snabbfråga: …"), an end phrase
        may precede another ("…, tack då").
    """
    first, last = _default_index() if table is None else _index(tuple(table))
    out: set[int] = set()
    starts, ends = set(starts), set(ends)
    i = 0
    while i < len(words):
        for p in first.get(words[i], ()):
            n = len(p.words)
            if not _match(words, i, p):
                continue
            at_start = i in starts
            at_end = i + n - 1 in ends
            if (
                p.where is Where.ANY
                or (p.where is Where.START and at_start)
                or (p.where is Where.END and at_end)
            ):
                out |= set(range(i, i + n))
                if at_start:
                    starts.add(i + n)
                if at_end:
                    ends.add(i - 1)
                i += n
                break
        else:
            i += 1
    # End phrases chain backwards: "… eller hur, tack" leaves both.
    changed = True
    while changed:
        changed = False
        for e in sorted(ends):
            for p in last.get(words[e], ()) if 0 <= e < len(words) else ():
                n = len(p.words)
                lo = e - n + 1
                if (
                    lo >= 0
                    and lo not in out
                    and _match(words, lo, p)
                    and all(k not in out for k in range(lo, e + 1))
                ):
                    out |= set(range(lo, e + 1))
                    ends.add(lo - 1)
                    changed = True
    return out
