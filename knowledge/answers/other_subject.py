"""Answers about another named subject than the one asked about are declined.

A unit's plan describes its parts by name: "Hägergruppen, som ligger i Fruängen, arbetar med
hantverk …", "På Tora erbjuds även möjligheten att delta i gemensam frukost och lunch", "Träffpunkt
Slussen har öppet måndag till fredag kl. 10-16". Asked "serverar Hägergruppen lunch?" (or "var
ligger Hägergruppen?" then "serverar dom lunch där?"), every route finds the lunch sentence of
another part, and staff would read Tora's lunch as Hägergruppen's. The documents say nothing about
Hägergruppen's lunch: the answer is a decline.

A *name* here is a word the cited document writes with a capital letter inside a sentence
("med träfflokalerna och Hägergruppen", "tre grupper: Mottagningen, Beroendegruppen och
Boendegruppen") and never in lower case: "boendestödet" written in lower case anywhere in the
document is a common noun there, however often a paragraph opens with it, and a capitalised word
of general Swedish (Zipf >= `support.FIELD_TERM`: "För", "Lag", "Region") names no part. The
document's own unit and district are not subjects of this check (the whole document is about them).

Each sentence of the quoted passage is *about* the names it holds and the name its paragraph last
opened a sentence with ("Café Droppen är ett café … Cafét har även en del cateringuppdrag"); one
that speaks of "enheten" is about the unit again. The
answer is declined when the asked names (those of the question, or, for a follow-up that points
back with "där/dom/den …" and names none, those of the question before) are names of the cited
document, the first quote's sentences are about some other name, and none of them is about an
asked one. Nothing is fitted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from core.sentence_stops import not_after_abbreviation
from knowledge.answer import AnswerKind, Citation, ConversationContext
from knowledge.answers.support import FIELD_TERM
from knowledge.models import Chunk
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.clauses import points_back
from knowledge.understand.general_swedish import zipf

# The answers that quote prose about a subject; rows, lists and counts carry no named parts.
CHECKED_KINDS = frozenset({AnswerKind.PASSAGES, AnswerKind.OVERVIEW, AnswerKind.ROUTINE})
# Shorter stems ("np", "ab") are initials or fragments, not names of a part.
MIN_NAME_STEM = 3
# A name among a sentence's first words is its subject ("Hägergruppen gör", "På Tora erbjuds",
# "Träfflokalen Kravatten är"); further in it is an object or a place ("… i Gröna Liljans affär").
SUBJECT_WORDS = 3
# Least length of two stems read as one family (as `retrieval.subject_binding`).
FAMILY_CHARS = 5

_TOKEN = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+")
# A capital after these (with only spaces, quotes, brackets or markup between) starts a sentence,
# a list item or a table cell: it names nothing.
_OPENING = re.compile(r"(?:^|[.!?:;\n\t|•\-–][^\wÅÄÖåäö]*)$")
# Sentences, lines and table cells; an abbreviation's stop ("t.ex.", "kl.") ends no sentence
# (core/sentence_stops.py).
_SENTENCE = re.compile(r"(?<=[.!?])" + not_after_abbreviation() + r"\s+|\n+|\t+")
_PARAGRAPH = re.compile(r"\n\s*\n")
# A sentence that speaks of the unit itself is about no part of it.
_UNIT_WORDS = frozenset(stem_tokens("enheten enhetens enhetschefen"))


@dataclass(frozen=True)
class _ChunkWords:
    """Stems a chunk writes capitalised inside a sentence, and stems it writes in lower case."""

    capital: frozenset[str]
    lower: frozenset[str]


def _chunk_words(chunk: Chunk) -> _ChunkWords:
    capital: set[str] = set()
    lower: set[str] = set()
    text = chunk.text
    for m in _TOKEN.finditer(text):
        word = m.group()
        stems = stem_tokens(word)
        if len(stems) != 1:
            continue
        if word[0].islower():
            lower.add(stems[0])
        elif (
            not word.isupper()
            and zipf(fold(word)) < FIELD_TERM
            and not _OPENING.search(text[max(0, m.start() - 6) : m.start()])
        ):
            capital.add(stems[0])
    return _ChunkWords(frozenset(capital), frozenset(lower))


def _doc_chunks(snap: Snapshot, source: str) -> list[Chunk]:
    span = snap.spans.get(source)
    return snap.chunks[span[0] : span[1]] if span else [c for c in snap.chunks if c.source == source]


def document_names(snap: Snapshot, source: str) -> frozenset[str]:
    """The stems the document uses as names of its parts (see the module doc).

    Args:
        snap: The snapshot holding the document.
        source: The document's file name.

    Returns:
        Stems written capitalised inside a sentence and never in lower case, without those of the
        document's own unit and district.
    """
    capital: set[str] = set()
    lower: set[str] = set()
    for chunk in _doc_chunks(snap, source):
        words = snap.derived(chunk, _chunk_words, content=_chunk_text)
        capital |= words.capital
        lower |= words.lower
    meta = snap.parsed[source].meta if source in snap.parsed else None
    own = set(stem_tokens(" ".join(x for x in (meta.unit, meta.district) if x))) if meta else set()
    return frozenset(s for s in capital - lower - own if len(s) >= MIN_NAME_STEM)


def _chunk_text(chunk: Chunk) -> str:
    return chunk.text


def asked_names(text: str, names: frozenset[str]) -> frozenset[str]:
    """The names among the question's words.

    Args:
        text: The question as typed.
        names: The cited document's names (`document_names`).

    Returns:
        The question's stems that are names of the document.
    """
    return frozenset(s for s in stem_tokens(text) if s in names)


def sentence_subjects(paragraph: str, names: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
    """Each sentence of a paragraph with the names it is about.

    A name among a sentence's first `SUBJECT_WORDS` words is what the sentence, and the ones after
    it, are about ("Hägergruppen gör utflykter …", "På Tora erbjuds …", "Café Droppen är …"); a
    name further in is about that sentence only ("Försäljning sker … i Gröna Liljans affär" is
    still about Hägergruppen). A sentence speaking of "enheten" is about the unit again.

    Args:
        paragraph: One paragraph of a document.
        names: The document's names (`document_names`).

    Returns:
        (sentence, the names it is about) in order.
    """
    out: list[tuple[str, frozenset[str]]] = []
    carried: frozenset[str] = frozenset()
    for sentence in _SENTENCE.split(paragraph):
        if not sentence.strip():
            continue
        words = [stem_tokens(w) for w in _TOKEN.findall(sentence)]
        stems = [s for w in words for s in w]
        opening = frozenset(s for w in words[:SUBJECT_WORDS] for s in w if s in names)
        if opening:
            carried = opening
        elif _UNIT_WORDS.intersection(stems):
            carried = frozenset()
        out.append((sentence, carried | frozenset(s for s in stems if s in names)))
    return out


def _same_family(a: str, b: str) -> bool:
    """One name's stem, or a compound starting with it ("Agresso" / "Agressostöd")."""
    return a == b or (min(len(a), len(b)) >= FAMILY_CHARS and (a.startswith(b) or b.startswith(a)))


def _about_asked(about: frozenset[str], asked: frozenset[str]) -> bool:
    return any(_same_family(a, b) for a in about for b in asked)


def quote_subjects(snap: Snapshot, citation: Citation, names: frozenset[str]) -> list[frozenset[str]]:
    """The names each sentence of a citation's quote is about, read in its paragraph.

    Args:
        snap: The snapshot holding the cited document.
        citation: One citation of an answer.
        names: The cited document's names (`document_names`).

    Returns:
        One set of names per sentence of the quote (the quote read alone when no chunk holds it).
    """
    quote = citation.quote.strip()
    head = fold(quote[:60])
    for chunk in _doc_chunks(snap, citation.source):
        folded = snap.folded(chunk)
        at = folded.find(head)
        if at < 0:
            continue
        for paragraph in _PARAGRAPH.split(chunk.text):
            start = fold(paragraph).find(head)
            if start < 0:
                continue
            end = start + len(quote)
            read, pos, found = sentence_subjects(paragraph, names), 0, []
            folded_paragraph = fold(paragraph)
            for sentence, about in read:
                pos = folded_paragraph.find(fold(sentence), pos)
                if pos < 0:
                    break
                if pos + len(sentence) > start and pos < end:
                    found.append(about)
                pos += len(sentence)
            if found:
                return found
    return [about for _, about in sentence_subjects(quote, names)]


def _bound_names(text: str, context: ConversationContext, names: frozenset[str]) -> frozenset[str]:
    """The question's names, or the question before's when it points back and names none."""
    own = asked_names(text, names)
    if own or not context.question:
        return own
    if points_back(_TOKEN.findall(fold(text))):
        return asked_names(context.question, names)
    return frozenset()


def about_other_subject(
    snap: Snapshot, text: str, kind: AnswerKind, citations: Iterable[Citation], context: ConversationContext
) -> bool:
    """Whether the answer quotes a passage about another named part than the one asked about.

    Args:
        snap: The snapshot answered from.
        text: The question as typed.
        kind: The answer's kind; only `CHECKED_KINDS` are read.
        citations: The answer's citations (the first one decides).
        context: The conversation the question was asked in.

    Returns:
        True when the question (or the question before, for a follow-up pointing back) names a
        part of the first cited document, and the first quote is about other parts only.
    """
    if kind not in CHECKED_KINDS:
        return False
    first = next(iter(citations), None)
    if first is None or first.source not in snap.parsed:
        return False
    names = document_names(snap, first.source)
    asked = _bound_names(text, context, names)
    if not asked:
        return False
    subjects = quote_subjects(snap, first, names)
    if any(_about_asked(about, asked) for about in subjects):
        return False
    return any(subjects)
