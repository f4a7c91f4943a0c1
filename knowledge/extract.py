"""Extractive answering: the one to three sentences of a passage that answer the question."""

from __future__ import annotations

import re

from knowledge.textnorm import stem_tokens

_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÅÄÖ0-9\"”•–-])|\n+")


def sentences(text: str) -> list[str]:
    """Split a passage into sentences/lines, each an exact substring of the passage."""
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in parts if len(p) > 2]


def coverage(query_stems: set[str], text: str) -> float:
    """Share of the query's content stems that occur in the text."""
    if not query_stems:
        return 0.0
    return len(query_stems & set(stem_tokens(text))) / len(query_stems)


def best_sentences(passage: str, query: str, limit: int = 3, max_chars: int = 400) -> list[str]:
    """Pick the sentences that best answer `query`, in passage order.

    The best-scoring sentence is taken with its matching neighbours (a routine's step
    often continues in the next sentence), up to `limit` sentences and `max_chars`.

    Returns:
        Verbatim sentences of the passage (empty when nothing matches).
    """
    q = set(stem_tokens(query))
    parts = sentences(passage)
    if not parts:
        return []
    scored = [(coverage(q, s), i) for i, s in enumerate(parts)]
    best_score, best = max(scored, key=lambda t: (t[0], -len(parts[t[1]])))
    if best_score == 0:
        return parts[:1]
    chosen = [best]
    for i in (best + 1, best - 1, best + 2):
        if 0 <= i < len(parts) and len(chosen) < limit and scored[i][0] > 0:
            if sum(len(parts[j]) for j in chosen) + len(parts[i]) <= max_chars:
                chosen.append(i)
    # A heading-like best line ("Uppföljning") says little alone: add the next line.
    if len(parts[best]) < 60 and best + 1 < len(parts) and best + 1 not in chosen:
        chosen.append(best + 1)
    return [parts[i] for i in sorted(chosen)]
