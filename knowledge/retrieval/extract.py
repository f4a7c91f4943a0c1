"""Extractive answering: the one to three sentences of a passage that answer the question."""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.textnorm import stem_tokens

# Sentence ends, paragraph breaks and list items; single line breaks inside a sentence
# (OCR text, PDF wrapping) are not ends.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”•–-])|\n\s*\n+|\n(?=\s*[-•*–] )|(?<=[.!?:])\n")
_QUANTITY = re.compile(
    r"\d|\b(två|tva|tre|fyra|fem|sex|sju|åtta|atta|nio|tio|varje|gång|gang|gånger|ganger"
    r"|vecka|veckor|dagar|månad|manad|år|procent)\b",
    re.IGNORECASE,
)
_ASKS_QUANTITY = re.compile(
    r"\b(hur (många|manga|ofta|snabbt|mycket|länge|lange|stor)|när|nar|inom)\b", re.IGNORECASE
)


def sentences(text: str) -> list[str]:
    """Split a passage into sentences/lines, each an exact substring of the passage."""
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in parts if len(p) > 2]


def coverage(query_stems: set[str], text: str, idf: Callable[[str], float] | None = None) -> float:
    """Share of the query's content stems that occur in the text, weighted by idf when given."""
    if not query_stems:
        return 0.0
    present = set(stem_tokens(text))
    exact = query_stems & present
    family = {s for s in query_stems - exact if same_family(s, present)}

    def weight(stems: set[str]) -> float:
        return sum(idf(s) for s in stems) if idf else float(len(stems))

    total = weight(query_stems)
    return (weight(exact) + PREFIX_CREDIT * weight(family)) / total if total else 0.0


def same_family(stem: str, present: set[str]) -> bool:
    """True when a stem of the text starts with `stem` (five letters or more).

    The stemmer keeps verb and noun apart ("återkoppla" → aterkoppl, "återkoppling" →
    aterkoppling). The other way round is not a family: a compound's first part is only its
    modifier ("personuppgift" is not about "person"), and short stems ("mål") would meet
    every compound.
    """
    return len(stem) >= 5 and any(p.startswith(stem) for p in present)


def verbatim_span(passage: str, picked: list[str]) -> str:
    """The exact passage text from the first to the last picked sentence."""
    if not picked:
        return ""
    start = passage.find(picked[0])
    end = passage.find(picked[-1], max(start, 0))
    if start < 0 or end < 0:
        return picked[0]
    return passage[start : end + len(picked[-1])]


def best_sentences(
    passage: str, query: str, limit: int = 3, max_chars: int = 400, procedure: bool = False
) -> list[str]:
    """Pick the sentences that best answer `query`, in passage order.

    The best-scoring sentence is taken with its matching neighbours (a routine's step
    often continues in the next sentence), up to `limit` sentences and `max_chars`.

    Args:
        passage: The chunk text.
        query: The question's topic words.
        limit: Most sentences.
        max_chars: Most characters in all.
        procedure: The question asks how something is done ("hur hanterar vi klagomål"):
            start at the first best sentence and read on, as a routine is written in order
            and its later steps need not repeat the topic word.

    Returns:
        Verbatim sentences of the passage (empty when nothing matches).
    """
    q = set(stem_tokens(query))
    parts = sentences(passage)
    if not parts:
        return []
    quantity = bool(_ASKS_QUANTITY.search(query))
    scored = [
        (coverage(q, s) + (0.3 if quantity and _QUANTITY.search(s) else 0.0), i) for i, s in enumerate(parts)
    ]
    if procedure:
        best_score, best = max(scored, key=lambda t: (t[0], -t[1]))
    else:
        best_score, best = max(scored, key=lambda t: (t[0], -len(parts[t[1]])))
    if best_score <= 0:
        return parts[:1]
    chosen = [best]
    if procedure:
        for i in range(best + 1, len(parts)):
            if len(chosen) >= limit or sum(len(parts[j]) for j in chosen) + len(parts[i]) > max_chars:
                break
            chosen.append(i)
        return [parts[i] for i in chosen]
    for i in (best + 1, best - 1, best + 2):
        fits = 0 <= i < len(parts) and sum(len(parts[j]) for j in chosen) + len(parts[i]) <= max_chars
        if fits and len(chosen) < limit and scored[i][0] > 0:
            chosen.append(i)
    # A heading-like best line ("Uppföljning") says little alone: add the next line.
    heading_like = len(parts[best]) < 60 and not parts[best].rstrip().endswith((".", "!", "?"))
    if heading_like and best + 1 < len(parts) and best + 1 not in chosen:
        chosen.append(best + 1)
    return [parts[i] for i in sorted(chosen)]


SYNONYM_CREDIT = 0.6
PREFIX_CREDIT = 0.8


def group_coverage(groups: list[tuple[set[str], set[str]]], text: str, idf: Callable[[str], float]) -> float:
    """Idf-weighted share of the query's words present in the text (synonyms count partly)."""
    if not groups:
        return 0.0
    present = set(stem_tokens(text))
    total = found = 0.0
    for own, synonyms in groups:
        weight = max(idf(s) for s in own)
        total += weight
        if own & present:
            found += weight
        elif synonyms & present:
            found += SYNONYM_CREDIT * weight
        elif any(same_family(o, present) for o in own):
            found += PREFIX_CREDIT * weight
    return found / total


def asks_quantity(question: str) -> bool:
    """True for 'hur många / hur ofta / när …' questions, whose answer holds a number or time."""
    return bool(_ASKS_QUANTITY.search(question))


def states_quantity(text: str, groups: list[tuple[set[str], set[str]]]) -> bool:
    """True when a sentence of the text holds both a query word (or synonym) and a number or time."""
    for sentence in sentences(text):
        stems = set(stem_tokens(sentence))
        if _QUANTITY.search(sentence) and any((own | syn) & stems for own, syn in groups):
            return True
    return False
