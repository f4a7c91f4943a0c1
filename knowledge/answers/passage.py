"""A section passage as a cited quote: which sentences of the chunk answer the question.

Every prose answer (the passage fallback, the ranked pool's section winners and the
per-unit clarify lists) renders its chunks here, so how sentences are chosen (neighbours,
enumerations, quantities, routines read in order) is decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.answers.cite import Citations
from knowledge.models import Chunk
from knowledge.retrieval.extract import best_sentences, verbatim_span
from knowledge.retrieval.quote_features import asks_who, is_item
from knowledge.textnorm import expand_query
from knowledge.understand.answer_types import asks_specific
from knowledge.understand.reading import Intent, QuestionReading


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
    # "Vem ansvarar för rutinen …", "hur ofta …", "varför …" ask for one line of the routine
    # (its "Ansvar:", its frequency, its reason), not its steps read in order: the sentence
    # model chooses it.
    procedure = (
        reading.intent is Intent.ROUTINE and not asks_who(reading.text) and not asks_specific(reading.text)
    )
    picked = best_sentences(chunk.text, query, limit=limit, procedure=procedure, question=reading.text)
    if not picked:
        return None
    return Quote(join_lines(picked), verbatim_span(chunk.text, picked))


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
