"""A section passage as a cited quote: which sentences of the chunk answer the question.

Every prose answer (the passage fallback, the ranked pool's section winners and the
per-unit clarify lists) renders its chunks here, so how sentences are chosen (neighbours,
enumerations, quantities, routines read in order) is decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from knowledge.answers.cite import Citations
from knowledge.models import Chunk
from knowledge.retrieval.extract import best_sentences, verbatim_span
from knowledge.retrieval.joint_quote import JOINT_CHUNKS, joint_picks
from knowledge.retrieval.quote_features import asks_who, is_item
from knowledge.retrieval.rule_sentences import rule_chunks
from knowledge.textnorm import expand_query, fold
from knowledge.understand.answer_types import asks_specific
from knowledge.understand.procedure import asks_whole_procedure
from knowledge.understand.reading import Intent, QuestionReading

if TYPE_CHECKING:
    from knowledge.store.snapshot import Snapshot

# Retrieval ranks chunks by the question's words as written; a detail in other word forms
# ("placerade" / "placeringar", "kommit överens" / "samverkansöverenskommelse") sits in a chunk
# it never offers. This many chunks of the document, the best by character n-gram overlap
# (retrieval/char_grams.py) that retrieval did not offer, join the sentences scored together.
WIDEN_CHUNKS = 2


@dataclass(frozen=True)
class Quote:
    """The sentences picked from one chunk and the exact span of the chunk they cover."""

    text: str
    span: str


def pick_quote(chunk: Chunk, reading: QuestionReading, limit: int = 3) -> Quote | None:
    """The sentences of `chunk` that best answer the question, or None when none matches.

    Args:
        chunk: A section (prose) chunk.
        reading: The question as read (its topic words choose the sentences).
        limit: Most sentences.

    Returns:
        The quote with whitespace collapsed, and the verbatim span for the citation.
    """
    query = expand_query(reading.topic or reading.text)
    whole = asks_whole_procedure(fold(reading.text))  # "steg för steg": the whole step block
    procedure = whole or reads_in_order(reading)
    picked = best_sentences(
        chunk.text, query, limit=limit, procedure=procedure, question=reading.text, whole=whole
    )
    if not picked:
        return None
    return Quote(join_lines(picked), verbatim_span(chunk.text, picked))


def reads_in_order(reading: QuestionReading) -> bool:
    """A routine asked about as a whole ("hur hanterar vi klagomål") is quoted step by step."""
    # "Vem ansvarar för rutinen …", "hur ofta …", "varför …" ask for one line of the routine
    # (its "Ansvar:", its frequency, its reason), not its steps read in order: the sentence
    # model chooses it.
    return reading.intent is Intent.ROUTINE and not asks_who(reading.text) and not asks_specific(reading.text)


def joint_quotes(
    chunks: list[tuple[Chunk, float]],
    reading: QuestionReading,
    limit: int = 3,
    snap: Snapshot | None = None,
    widen: int = WIDEN_CHUNKS,
) -> list[tuple[Chunk, Quote]]:
    """The quote(s) answering the question from one document's best chunks, chosen together.

    The sentences of the first `JOINT_CHUNKS` chunks are scored together with each chunk's
    retrieval evidence (`retrieval.joint_quote`): the chunk quoted is the one whose sentence
    answers best, not simply the first; a second chunk's sentence that scores nearly as well is
    quoted too. A routine asked about as a whole keeps its first chunk, read in order.

    Args:
        chunks: Section chunks of one document with their retrieval scores, best first.
        reading: The question as read.
        limit: Most sentences per quote.
        snap: The snapshot the chunks come from; with it, `widen` more chunks of the document
            (`widened`) are scored too.
        widen: How many chunks `widened` adds.

    Returns:
        One or two (chunk, quote) pairs, best first; the first chunk's own quote when no
        sentence matches.
    """
    if not chunks:
        return []
    first = chunks[0][0]
    query = expand_query(reading.topic or reading.text)
    used = chunks[:JOINT_CHUNKS]
    in_order = reads_in_order(reading) or asks_whole_procedure(fold(reading.text))
    if snap is not None and widen > 0 and not in_order:
        used = widened(snap, used, query, widen)
        used = with_rules(snap, used, query, reading.text)
    if in_order or len(used) == 1:
        quote = pick_quote(first, reading, limit)
        return [(first, quote)] if quote else []
    picks = joint_picks([c.text for c, _ in used], [s for _, s in used], query, reading.text, limit)
    out = []
    for pick in picks:
        chunk = used[pick.chunk][0]
        if pick.sentences:
            out.append((chunk, Quote(join_lines(pick.sentences), verbatim_span(chunk.text, pick.sentences))))
    if not out:
        quote = pick_quote(first, reading, limit)
        return [(first, quote)] if quote else []
    return out


def widened(
    snap: Snapshot, chunks: list[tuple[Chunk, float]], query: str, count: int = WIDEN_CHUNKS
) -> list[tuple[Chunk, float]]:
    """The chunks with up to `count` more prose chunks of their document that hold the topic.

    The added chunks are the document's section chunks (not yet among `chunks`) whose heading
    path and text share more of the topic's character n-grams than every given section chunk:
    retrieval missed them, by the n-grams' own measure. A chunk that matches the topic less
    well than what retrieval offered only dilutes the choice (it would be quoted for a word it
    shares, not for the topic). Each added chunk gets the retrieval evidence of the weakest
    given chunk: as likely as the last chunk retrieval offered, so the sentence model, not a
    new weight, decides between them.
    """
    if not chunks:
        return chunks
    have = {c.id for c, _ in chunks}
    sections, index = snap.section_grams(chunks[0][0].source)
    if not sections:
        return chunks
    values = index.overlaps(query)
    offered = max((v for c, v in zip(sections, values, strict=True) if c.id in have), default=0.0)
    order = sorted(range(len(sections)), key=lambda i: (-values[i], i))
    extra = [sections[i] for i in order if values[i] > offered and sections[i].id not in have][:count]
    floor = min(s for _, s in chunks)
    return [*chunks, *((c, floor) for c in extra)]


def with_rules(
    snap: Snapshot, chunks: list[tuple[Chunk, float]], query: str, question: str
) -> list[tuple[Chunk, float]]:
    """The chunks with their document's chunks whose rule sentence names the question's situation.

    Each added chunk gets the retrieval evidence of the weakest given chunk, as in `widened`
    (`retrieval.rule_sentences.rule_chunks`).
    """
    if not chunks:
        return chunks
    sections, _ = snap.section_grams(chunks[0][0].source)
    extra = rule_chunks(sections, {c.id for c, _ in chunks}, query, question)
    floor = min(s for _, s in chunks)
    return [*chunks, *((c, floor) for c in extra)]


def join_lines(picked: list[str]) -> str:
    """The picked sentences as one text, whitespace collapsed; list items keep a line each."""
    out = ""
    for part in picked:
        flat = " ".join(part.split())
        out += (("\n" if is_item(part) else " ") + flat) if out else flat
    return out


def render_passage(cites: Citations, reading: QuestionReading, chunk: Chunk, limit: int = 3) -> str:
    """One chunk as a cited quote ("… [n]"); the whole chunk when no sentence matches."""
    quote = pick_quote(chunk, reading, limit)
    if quote is None:
        return f"{' '.join(chunk.text.split())} {cites.cite(chunk)}"
    return f"{quote.text} {cites.cite(chunk, quote.span)}"
