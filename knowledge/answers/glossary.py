"""What an abbreviation stands for, from the documents' own glossaries and inline definitions."""

from __future__ import annotations

import re

import numpy as np

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.reading import QuestionReading


def _definition_strength(term: str, quote: str) -> int:
    """2 for 'FUT (…)' / 'FUT: …' / 'FUT = …' definitions, 1 for looser mentions."""
    return 2 if re.search(rf"\b{re.escape(term)}\s*(\(|:|=)", quote, re.IGNORECASE) else 1


def _ocr_damaged(snap: Snapshot, source: str) -> bool:
    """Prefer a clean document's spelling when several define the same term."""
    return snap.parsed[source].looks_ocr_damaged


def abbreviation(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """What an abbreviation stands for, from the documents' own definitions (the clearest first)."""
    term = (reading.abbreviation or "").strip()
    key = fold(term)
    cites = Citations(snap)
    found = [
        (not _ocr_damaged(snap, source), _definition_strength(entry.term, entry.quote), -k, source, i)
        for k, source in enumerate(sources)
        for i, entry in enumerate(snap.parsed[source].glossary)
        if fold(entry.term) == key
    ]
    if found:
        _, _, _, source, i = max(found)
        entry = snap.parsed[source].glossary[i]
        chunk = cites.find_chunk(source, "glossary", i)
        marker = cites.cite(chunk, entry.quote) if chunk else ""
        return Answer(
            answer=f"**{entry.term}** betyder *{entry.expansion}* {marker}".rstrip() + ".",
            kind=AnswerKind.GLOSSARY,
            citations=cites.items,
            context=answer_context(snap, source, reading),
        )
    # Inline definitions the parser did not list: "FUT (felaktiga utbetalningar)".
    pattern = re.compile(rf"\b{re.escape(term)}\b\s*(?:\(([^)]{{4,80}})\)|[:=]\s*([^.\n]{{4,80}}))")
    # Only chunks holding the term as a word can match: the lexical index finds them
    # without running the pattern over every chunk (~60k at 100x).
    in_sources = snap.mask(set(sources))
    candidates = (in_sources & (snap.lexical.scores(term) > 0)) if stem_tokens(term) else in_sources
    for chunk in (snap.chunks[int(i)] for i in np.flatnonzero(candidates)):
        hit = pattern.search(chunk.text)
        if hit:
            expansion = (hit.group(1) or hit.group(2)).strip()
            marker = cites.cite(chunk, hit.group(0))
            return Answer(
                answer=f"**{term}** betyder *{expansion}* {marker}.",
                kind=AnswerKind.GLOSSARY,
                citations=cites.items,
                context=answer_context(snap, chunk.source, reading),
            )
    return None


def glossary_answer(ask: Ask) -> Answer | None:
    """The glossary route: the term in the chosen documents, else in any document."""
    if not ask.reading.abbreviation:
        return None
    all_sources = [m.source for m in ask.snap.metas]
    return abbreviation(ask.snap, ask.reading, ask.sources) or abbreviation(
        ask.snap, ask.reading, all_sources
    )
