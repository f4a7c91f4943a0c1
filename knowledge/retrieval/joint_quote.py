"""Which sentence of which passage answers: the sentences of a document's best chunks scored together.

Retrieval finds the right document far more often than the right chunk of it: a detail ("hur
ofta", "vem", "var", "varför") sits in one sentence, and the chunk that ranks first often only
names the topic (a heading, a goal that mentions it) while the next chunk states the detail.
Choosing the best chunk first and then its best sentence loses that fact. Here the sentences of
the few best chunks of one document are scored together by the sentence model
(`quote_features.feature_rows` with the chunks as groups, so topic coverage and word rarity
compare across chunks), plus the chunk's own retrieval evidence (`CHUNK_WEIGHT` × the log of
its score relative to the best chunk's). The best sentence decides the chunk, and the quote is
built around it as `extract.quote_around` builds any quote. When the best sentence of another
chunk scores nearly as well, it is quoted too (each cited): the reader sees both candidates
instead of losing one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from knowledge.retrieval.extract import bound_scores, paragraph_starts, quote_around, sentences
from knowledge.retrieval.quote_features import FEATURES, feature_rows

# How much a chunk's retrieval evidence counts beside its sentence's score: a sentence's
# log-odds drop by this much for each e-fold its chunk's score lies below the best chunk's.
CHUNK_WEIGHT = 0.25
# The best sentence of another chunk this close (in log-odds) to the best one is quoted too.
SECOND_WITHIN = 1.5
# Chunks whose sentences are scored together (the best of the document by retrieval).
JOINT_CHUNKS = 4

_LEXICAL = tuple(FEATURES.index(f) for f in ("topic", "parts", "near", "role_match", "place_match"))


@dataclass(frozen=True)
class JointPick:
    """The sentences quoted from one of the given chunks."""

    chunk: int
    sentences: list[str]
    score: float


def joint_picks(
    texts: list[str],
    evidence: list[float],
    query: str,
    question: str,
    limit: int = 3,
    second_within: float = SECOND_WITHIN,
    chunk_weight: float = CHUNK_WEIGHT,
) -> list[JointPick]:
    """The quote(s) that best answer the question from a document's best chunks.

    Args:
        texts: The chunks' texts, best by retrieval first.
        evidence: Each chunk's retrieval score (a probability or a coverage, > 0; the same
            scale for all).
        query: The question's topic words (with thesaurus expansions).
        question: The whole question (its cue words).
        limit: Most sentences per quote.
        second_within: A second chunk's best sentence this close to the best is quoted too
            (0 turns the second quote off).
        chunk_weight: Weight of the chunk's evidence (log of its score over the best).

    Returns:
        One pick, or two from different chunks (best first); empty when no sentence of any
        chunk matches the topic.
    """
    parts: list[str] = []
    groups: list[int] = []
    per_chunk: list[list[str]] = []
    for g, text in enumerate(texts):
        own = sentences(text)
        per_chunk.append(own)
        parts.extend(own)
        groups.extend([g] * len(own))
    if not parts:
        return []
    rows = feature_rows(parts, query, question, groups)
    top = max(evidence) if evidence else 1.0
    bonus = [chunk_weight * math.log(max(e, 1e-6) / top) if top > 0 else 0.0 for e in evidence]
    scores = [s + bonus[g] for s, g in zip(bound_scores(parts, rows, query, question), groups, strict=True)]
    matching = [i for i, r in enumerate(rows) if any(r[k] > 0 for k in _LEXICAL)]
    if not matching:
        return []
    order = sorted(matching, key=lambda i: (-scores[i], i))
    best = order[0]
    picks = [_pick(texts, per_chunk, groups, best, scores[best], query, question, limit)]
    if second_within > 0:
        other = next((i for i in order if groups[i] != groups[best]), None)
        if other is not None and scores[other] >= scores[best] - second_within:
            picks.append(_pick(texts, per_chunk, groups, other, scores[other], query, question, limit))
    return picks


def _pick(
    texts: list[str],
    per_chunk: list[list[str]],
    groups: list[int],
    index: int,
    score: float,
    query: str,
    question: str,
    limit: int,
) -> JointPick:
    """The quote around sentence `index` (of all chunks), built inside its own chunk."""
    g = groups[index]
    start = groups.index(g)
    own = per_chunk[g]
    rows = feature_rows(own, query, question)
    quote = quote_around(
        own,
        rows,
        bound_scores(own, rows, query, question),
        index - start,
        question,
        limit,
        starts=paragraph_starts(texts[g], own),
    )
    return JointPick(g, quote, score)
