"""Results and conclusions told in prose: "vad blev resultatet av …", "vad blev slutsatsen av …".

Quality-award applications (and the introductions of plans) report what came of a change in
prose: "Resultatet av förändringen har blivit bättre bemötande, färre klagomål …", "…
jämställdhetsanalysen visade att … skillnaderna var motiverade". No indicator row holds that.
When a question asks what came of something and a section covers its words better than any
indicator's name does, the sentences of that section that state a result are quoted.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.answers.phrasing import doc_label, match_indicators
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import sentences
from knowledge.retrieval.year_evidence import coverage
from knowledge.textnorm import expand_query, fold, stem_tokens
from knowledge.understand.outcome_intent import RESULT_MARKERS, RESULT_WORDS, ResultCue, result_cue
from knowledge.understand.thesaurus import query_groups

# A section answers when this idf-weighted share of the question's words occurs in it: the
# bar the passage fallback uses (answerer.MIN_PASSAGE_COVERAGE).
MIN_COVERAGE = 0.6
# Sections read: the best by BM25 among the chosen documents.
TOP_SECTIONS = 8
# Most sentences quoted.
MAX_SENTENCES = 2
# Sentences before a result sentence that may name what it is the result of.
WINDOW = 2
# Added to a sentence's score when it says the result word the question asks with.
NAMED_CUE = 0.5
# Result words a question asks with that a sentence may repeat (stems).
_CUE_NOUNS = frozenset(stem_tokens("resultat resultatet utfall utfallet slutsats slutsatsen effekt effekten"))


def prose_outcome(ask: Ask) -> Answer | None:
    """The result or conclusion a section states about what the question names, or None."""
    reading = ask.reading
    cue = result_cue(reading.text)
    kept = " ".join(w for w in (reading.topic or "").split() if fold(w) not in RESULT_WORDS)
    groups = query_groups(kept)
    if cue is None or not groups or not ask.sources:
        return None
    snap = ask.snap
    idf = snap.lexical.idf
    named = _CUE_NOUNS & set(stem_tokens(reading.text))
    best: tuple[tuple[float, float, float], Chunk, list[str]] | None = None
    for chunk, lexical in _sections(ask, expand_query(kept)):
        cov = coverage(groups, set(stem_tokens(f"{chunk.breadcrumb} {chunk.text}")), idf)
        if cov < MIN_COVERAGE:
            continue
        top, quoted = _result_sentences(chunk.text, cue, groups, idf, named)
        # Sections that cover the question alike (to a tenth) are told apart by their result
        # sentence, then by BM25.
        key = (round(cov, 1), top, lexical)
        if quoted and (best is None or key > best[0]):
            best = (key, chunk, quoted)
    if best is None:
        return None
    (cov, _, _), chunk, quoted = best
    # An indicator that names the question's words as well answers from its row instead.
    rows = match_indicators(snap, kept, ask.sources, {})
    if rows and rows[0].score >= cov:
        return None
    cites = Citations(snap)
    span = _span(chunk.text, quoted)
    marker = cites.cite(chunk, span)
    shown = " ".join(" ".join(s.split()) for s in quoted)
    return Answer(
        answer=f"Enligt {doc_label(snap, chunk.source)}:\n\n{shown} {marker}",
        kind=AnswerKind.OUTCOME,
        citations=cites.items,
        context=answer_context(snap, chunk.source, reading),
    )


def _sections(ask: Ask, query: str) -> list[tuple[Chunk, float]]:
    """The best section chunks of the chosen documents for the query, with their BM25 score."""
    snap = ask.snap
    scores = snap.lexical.scores(query)
    if not len(scores):
        return []
    allowed = snap.mask(set(ask.sources)) & snap.kind_mask({ChunkKind.SECTION.value})
    scores = np.where(allowed, scores, 0.0)
    top = [int(i) for i in np.argsort(-scores)[:TOP_SECTIONS] if scores[i] > 0]
    return [(snap.chunks[i], float(scores[i])) for i in top]


def _result_sentences(
    text: str,
    cue: ResultCue,
    groups: list[tuple[set[str], set[str]]],
    idf: Callable[[str], float],
    named: frozenset[str] | set[str],
) -> tuple[float, list[str]]:
    """Up to MAX_SENTENCES sentences stating a result (or conclusion), best first, returned
    in document order with the best one's score; a conclusion question falls back to result
    sentences.

    A sentence scores the coverage of the question's words in it and the WINDOW sentences
    before (a result often follows the sentences naming what changed: "Genom vår nya
    telefontjänst … Resultatet av förändringen har blivit …"), plus NAMED_CUE when it says the very result
    word the question does ("resultatet", "slutsatsen").
    """
    parts = sentences(text)
    for wanted in (cue, ResultCue.RESULT):
        marked = [k for k, s in enumerate(parts) if RESULT_MARKERS[wanted].search(fold(s))]
        if marked:
            break
    else:
        return 0.0, []
    score = {}
    for k in marked:
        stems = set(stem_tokens(parts[k]))
        window = stems.union(*(stem_tokens(p) for p in parts[max(0, k - WINDOW) : k]))
        score[k] = coverage(groups, window, idf) + (NAMED_CUE if stems & named else 0.0)
    chosen = sorted(marked, key=lambda k: -score[k])[:MAX_SENTENCES]
    return score[chosen[0]], [parts[k] for k in sorted(chosen)]


def _span(text: str, quoted: list[str]) -> str:
    """The verbatim text from the first to the last quoted sentence."""
    start = text.find(quoted[0])
    end = text.find(quoted[-1], max(start, 0))
    if start < 0 or end < 0:
        return quoted[0]
    return text[start : end + len(quoted[-1])]
