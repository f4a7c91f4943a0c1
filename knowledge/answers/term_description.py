"""What a document says a term is or does, in its own sentence: "MI är en samtalsmetod …".

A glossary answer ("**CM** betyder *case management metoden*") expands the letters; a newcomer who
asks "vad menas med CM?" also wants what the plan says about it, which is usually a sentence of its
own near the definition: "CM arbetar med färre antal klienter och har ett helhetsansvar …",
"Relationsvåldscentrum Väst (RVC) erbjuder … insatser för våldsutsatta …". Such a sentence names
the term as its subject (within its first words) and goes on with a describing phrase ("är",
"innebär", "erbjuder", "arbetar"), or states its aim ("Syftet med kollegial observation är …").
A next sentence that goes on about the same thing ("Utbildningarna syftar till …") is quoted too.
The cue phrases are data (`understand/definition_cues.tsv`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from core.vocab import packaged_text, rows
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import sentences
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold

DATA_FILE = "definition_cues.tsv"
_TOKEN = re.compile(r"[^\W_]+")

# The term is the sentence's subject when it starts within its first words ("Träfflokalen
# Kravatten är …", "Neuropsykiatriska stödteamet (NP-teamet) består av …").
SUBJECT_WITHIN = 3
# A describing phrase follows the term right away, or after the term's other name ("Relationsvålds-
# centrum Väst (RVC) erbjuder …"); other words between ("Felaktiga utbetalningar minimeras då det
# är …") mean the sentence goes on about something else.
# Longer sentences are lists or whole paragraphs, not a description of one term.
MAX_SENTENCE = 400


class CueKind(StrEnum):
    """What a cue phrase says about the term next to it (see the data file's header)."""

    DEFINES = "defines"
    ACTS = "acts"
    PURPOSE = "purpose"
    ANAPHOR = "anaphor"


# A sentence that says what the term is or what it is for describes it better than one that
# says what it does.
_STRENGTH = {CueKind.DEFINES: 2, CueKind.PURPOSE: 2, CueKind.ACTS: 1}


@dataclass(frozen=True)
class Cue:
    """One cue phrase, as folded words."""

    kind: CueKind
    words: tuple[str, ...]


@dataclass(frozen=True)
class TermDescription:
    """The document's own description of a term.

    Attributes:
        chunk: The chunk the sentences are in.
        quote: The describing sentence, and a sentence that goes on about it; exact text of the chunk.
        reading: The same span as read (OCR'd documents: with å/ä/ö restored), for the answer text.
        kind: What the first sentence's cue says (what the term is, is for, or does).
    """

    chunk: Chunk
    quote: str
    reading: str
    kind: CueKind


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(text)))


@lru_cache(maxsize=8192)
def _chunk_words(text: str) -> frozenset[str]:
    """The folded words of a chunk's text, kept between questions.

    Every glossary answer scans all section chunks of the defining documents for the term;
    folding each chunk anew cost ~50 ms per answer (`planbot bench`), the words of a stored
    chunk never change.
    """
    return frozenset(_tokens(text))


def parse_cues(text: str, name: str = DATA_FILE) -> tuple[Cue, ...]:
    """Parse the cue table.

    Raises:
        VocabError: A line is not 'kind<TAB>phrase', or its kind is unknown.
    """
    cues: list[Cue] = []
    for row in rows(text, name):
        parts = [p.strip() for p in row.cells]
        if len(parts) != 2 or not parts[1]:
            raise row.error("'typ<TAB>fras'")
        try:
            kind = CueKind(parts[0])
        except ValueError as error:
            raise row.fail(f"okänd typ {parts[0]!r}") from error
        cues.append(Cue(kind, _tokens(parts[1])))
    return tuple(cues)


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """The packaged cue phrases, read once."""
    return parse_cues(packaged_text("knowledge.understand", DATA_FILE))


def _at(words: tuple[str, ...], start: int, phrase: tuple[str, ...]) -> bool:
    return words[start : start + len(phrase)] == phrase


def _find(words: tuple[str, ...], phrase: tuple[str, ...], until: int) -> int | None:
    """The first position before `until` where `phrase` starts in `words`, or None.

    Only the positions of the phrase's first word are tried (`tuple.index`): a glossary
    answer tests every sentence of the defining documents, ~0.4 ms a sentence word by word.
    """
    end = min(until, len(words))
    if not phrase:
        return 0 if end > 0 else None
    at = -1
    while True:
        try:
            at = words.index(phrase[0], at + 1, end)
        except ValueError:
            return None
        if _at(words, at, phrase):
            return at


def describing_cue(sentence: str, names: Sequence[tuple[str, ...]], table: Sequence[Cue]) -> CueKind | None:
    """What a sentence says about one of the names, when it describes it; None when it does not.

    Args:
        sentence: The sentence, as read (å/ä/ö restored in OCR'd text).
        names: The term's names as folded words (the abbreviation, its expansion).
        table: The cue phrases.
    """
    words = _tokens(sentence)
    other_names = {w for n in names for w in n}
    best: CueKind | None = None
    for name in (n for n in names if n):
        at = _find(words, name, len(words))
        if at is None:
            continue
        after = at + len(name)
        while after < len(words) and words[after] in other_names:
            after += 1
        for cue in table:
            if cue.kind is CueKind.ANAPHOR:
                continue
            before = (
                cue.kind is CueKind.PURPOSE
                and at >= len(cue.words)
                and _at(words, at - len(cue.words), cue.words)
            )
            # "… verktyget "Skattjakten" som går ut på att …": a relative clause describes the
            # term wherever it stands.
            follows = (at <= SUBJECT_WITHIN and _at(words, after, cue.words)) or (
                after < len(words) and words[after] == "som" and _at(words, after + 1, cue.words)
            )
            if (before or follows) and (best is None or _STRENGTH[cue.kind] > _STRENGTH[best]):
                best = cue.kind
    return best


def _spans(chunk: Chunk) -> list[tuple[int, int]]:
    """The sentences of a chunk as (start, end) offsets into its text."""
    spans, at = [], 0
    for part in sentences(chunk.text):
        start = chunk.text.find(part, at)
        if start < 0:
            continue
        spans.append((start, start + len(part)))
        at = start + len(part)
    return spans


def describe(snap: Snapshot, sources: Sequence[str], names: Sequence[str]) -> TermDescription | None:
    """The sentence of the documents that best describes a term, or None when none does.

    Args:
        snap: The loaded documents.
        sources: The documents to read, in order of preference (the defining document first).
        names: The term's names: the abbreviation and its expansion ("CM", "case management metoden").

    Returns:
        The strongest describing sentence (what the term is or is for before what it does), the
        first in document order among equals, with a next sentence that goes on about it.
    """
    folded = [_tokens(n) for n in names]
    folded = [n for n in folded if n]
    if not folded:
        return None
    table = cues()
    anaphors = {c.words for c in table if c.kind is CueKind.ANAPHOR}
    best: tuple[int, int, TermDescription] | None = None
    for rank, source in enumerate(sources):
        for chunk in snap.chunks_of(source):
            if chunk.kind is not ChunkKind.SECTION:
                continue
            read = chunk.repaired or chunk.text
            if not any(n[0] in _chunk_words(read) for n in folded):
                continue
            spans = _spans(chunk)
            for i, (start, end) in enumerate(spans):
                if end - start > MAX_SENTENCE:
                    continue
                kind = describing_cue(read[start:end], folded, table)
                if kind is None:
                    continue
                if i + 1 < len(spans):
                    nxt = _tokens(read[spans[i + 1][0] : spans[i + 1][1]])
                    if nxt and (nxt[0],) in anaphors and spans[i + 1][1] - start <= MAX_SENTENCE:
                        end = spans[i + 1][1]
                found = TermDescription(chunk, chunk.text[start:end], read[start:end], kind)
                key = (_STRENGTH[kind], -rank)
                if best is None or key > best[:2]:
                    best = (*key, found)
    return best[2] if best else None
