"""What an abbreviation stands for, from the documents' own glossaries and inline definitions."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import numpy as np

from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.answers.phrasing import doc_label
from knowledge.answers.term_description import describe
from knowledge.models import Chunk
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
    if found and not reading.names_one and (differ := _different_definitions(snap, found)):
        return _clarify_definitions(snap, reading, term, differ)
    if found:
        _, _, _, source, i = max(found)
        entry = snap.parsed[source].glossary[i]
        chunk = cites.find_chunk(source, "glossary", i)
        marker = cites.cite(chunk, entry.quote) if chunk else ""
        described = _described(snap, cites, [source, *sources], entry.term, entry.expansion, entry.quote)
        return Answer(
            answer=f"**{entry.term}** betyder *{entry.expansion}* {marker}".rstrip() + "." + described,
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
    chunks = [snap.chunks[int(i)] for i in np.flatnonzero(candidates)]
    for chunk in chunks:
        hit = pattern.search(chunk.text)
        if hit:
            expansion = (hit.group(1) or hit.group(2)).strip()
            return _defined(snap, reading, cites, chunk, term, expansion, hit.group(0), sources)
    # The other way round: "… upprättar en förändringsplan (IB4)" defines IB4 by the words
    # before it, which the parser lists only when their initials spell the term.
    before = re.compile(rf"([^()\n.;:!?]{{3,160}}?)\s*\(\s*{re.escape(term)}\s*\)")
    for chunk in chunks:
        hit = before.search(chunk.text)
        expansion = preceding_expansion(term, hit.group(1)) if hit else None
        if hit and expansion:
            quote = hit.group(0)[hit.group(0).rindex(expansion) :]
            return _defined(snap, reading, cites, chunk, term, expansion, quote, sources)
    return None


# Expansions this alike are one definition spelt two ways (OCR damage, case, an ending).
SAME_DEFINITION = 0.8


def _different_definitions(
    snap: Snapshot, found: list[tuple[bool, int, int, str, int]]
) -> list[tuple[str, int]]:
    """The best definition of each unit when units define the term differently, else []."""
    per_unit: dict[str, tuple[bool, int, int, str, int]] = {}
    for hit in sorted(found, reverse=True):
        meta = snap.meta(hit[3])
        per_unit.setdefault(meta.unit or meta.district or hit[3], hit)
    picked = [(h[3], h[4]) for h in per_unit.values()]
    expansions = [fold(snap.parsed[s].glossary[i].expansion) for s, i in picked]
    alike = all(
        SequenceMatcher(None, a, b).ratio() >= SAME_DEFINITION for a in expansions for b in expansions
    )
    return [] if len(picked) < 2 or alike else picked


def _clarify_definitions(
    snap: Snapshot, reading: QuestionReading, term: str, picked: list[tuple[str, int]]
) -> Answer:
    """Each unit's definition, and the question which unit is meant."""
    cites = Citations(snap)
    lines, suggestions = [], []
    for source, i in picked:
        entry = snap.parsed[source].glossary[i]
        chunk = cites.find_chunk(source, "glossary", i)
        marker = cites.cite(chunk, entry.quote) if chunk else ""
        lines.append(f"- **{doc_label(snap, source)}**: *{entry.expansion}* {marker}".rstrip())
        meta = snap.meta(source)
        suggestions.append(f"{reading.text.rstrip('?')} för {meta.unit or meta.district}?")
    return Answer(
        answer=f"{term} betyder olika saker i enheternas dokument. Vilken enhet menar du?\n\n"
        + "\n".join(lines),
        kind=AnswerKind.CLARIFY,
        citations=cites.items,
        suggestions=suggestions,
        context=ConversationContext(topic=reading.topic, intent=reading.intent.value, year=reading.year),
    )


def _described(
    snap: Snapshot, cites: Citations, sources: list[str], term: str, expansion: str, quote: str
) -> str:
    """The document's own sentence about the term, cited, to follow its expansion ("" when none).

    A newcomer asking "vad menas med CM?" wants what the plan says it is or does ("CM arbetar med
    färre antal klienter …"), not only the words behind the letters (answers/term_description.py).
    The defining document is read first. A sentence that is the definition's own quote adds nothing.
    """
    found = describe(snap, list(dict.fromkeys(sources)), [term, expansion])
    if found is None or found.quote in quote:
        return ""
    return f"\n\n{' '.join(found.reading.split())} {cites.cite(found.chunk, found.quote)}"


def _defined(
    snap: Snapshot,
    reading: QuestionReading,
    cites: Citations,
    chunk: Chunk,
    term: str,
    expansion: str,
    quote: str,
    sources: list[str],
) -> Answer:
    marker = cites.cite(chunk, quote)
    described = _described(snap, cites, [chunk.source, *sources], term, expansion, quote)
    return Answer(
        answer=f"**{term}** betyder *{expansion}* {marker}." + described,
        kind=AnswerKind.GLOSSARY,
        citations=cites.items,
        context=answer_context(snap, chunk.source, reading),
    )


# Small words skipped when initials are matched ("lagen om vård av missbrukare" -> LVM).
_LINK_WORDS = frozenset(
    [
        "och",
        "i",
        "av",
        "om",
        "for",
        "vid",
        "fran",
        "med",
        "till",
        "pa",
        "under",
        "inom",
        "en",
        "ett",
        "den",
        "det",
        "de",
        "samt",
    ]
)
_WORD = re.compile(r"[\wÅÄÖåäöÉé-]+")


def preceding_expansion(term: str, before: str) -> str | None:
    """What the words before "(TERM)" say TERM stands for, or None when they do not tell.

    The shortest run of last words that starts with the term's first letter and holds its
    other letters in order wins: "Lokala utvecklingsmedel (LUM)", "Offentlighets- och
    sekretesslagen (OSL)", "lagen om samverkan vid utskrivning från slutna hälso- och
    sjukvård (LUS)", "neuropsykiatriskt boendestöd (NP-teamet)" (the capitals before a hyphen).
    A term whose letters no run spells ("förändringsplan (IB4)": a numbered
    form) is defined by the word right before it, when that is a content word of five
    letters or more.

    Args:
        term: The abbreviation, as written in the parenthesis.
        before: The text before the parenthesis (same sentence).
    """
    tokens = _WORD.findall(before)
    if not tokens:
        return None
    # "NP-teamet": the capitals before the hyphen are spelt out, the word after names a kind.
    head = term.split("-")[0] if "-" in term and term.split("-")[0].isupper() else term
    letters = fold("".join(ch for ch in head if ch.isalpha()))
    for k in range(1, min(_MAX_RUN, len(tokens)) + 1):
        run = tokens[-k:]
        first = fold(run[0])
        if not letters or first in _LINK_WORDS or first[0] != letters[0]:
            continue
        rest = iter(fold(" ".join(run))[1:])
        if all(ch in rest for ch in letters[1:]):  # in order: `in` consumes the iterator
            return before[before.rindex(run[0]) :].strip()
    last = tokens[-1]
    if len(last) >= 5 and fold(last) not in _LINK_WORDS and not last.isupper():
        return last
    return None


# The longest expansion read from the words before "(TERM)" ("lagen om vård av missbrukare i
# vissa fall" is 8 words).
_MAX_RUN = 10


# An abbreviation as typed in a question: two to six capitals, maybe a number ("IB4", "HVT").
_TERM_IN_QUESTION = re.compile(r"(?<![\wÅÄÖåäö])([A-ZÅÄÖ]{2,6}\d{0,2})(?::\w+)?(?![\wÅÄÖåäö])")
_ASKS_MEANING = re.compile(
    r"\b(vad (är|ar|e|menas med|betyder|innebär|innebar|står|star)|betyder|står för|star for|"
    r"menas med|innebär|innebar|förkortning|forkortning)\b",
    re.IGNORECASE,
)


def defined_term_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """A 'vad är IB4 som nämns i …' question the intent reading did not take for a definition.

    Every abbreviation-shaped word of the question ("IB4", "HVT") is looked up as `abbreviation`
    does, in the chosen documents and then in all; the first one a document defines answers.
    Only questions that ask what something is or means, or are the bare term ("HVT?").
    """
    text = reading.text
    # "KF:s årsmål" uses KF as a name, not as a word to define.
    terms = [m.group(1) for m in _TERM_IN_QUESTION.finditer(text) if ":" not in m.group(0)]
    bare = len(_WORD.findall(text)) <= 2
    if not terms or not (bare or _ASKS_MEANING.search(text)):
        return None
    everything = [m.source for m in snap.metas]
    for term in terms:
        asked = reading.model_copy(update={"abbreviation": term})
        found = abbreviation(snap, asked, sources) or abbreviation(snap, asked, everything)
        if found is not None:
            return found
    return None


def glossary_answer(ask: Ask) -> Answer | None:
    """The glossary route: the term in the chosen documents, else in any document."""
    if not ask.reading.abbreviation:
        return None
    all_sources = [m.source for m in ask.snap.metas]
    return abbreviation(ask.snap, ask.reading, ask.sources) or abbreviation(
        ask.snap, ask.reading, all_sources
    )
