"""Leave-one-document-out evaluation and the fitting hook a learned ranker plugs into.

For each source document D of a question file: fit an answerer on the TUNE questions that are
not about D (the fitter is also told to leave D out of anything else it trains on, such as
questions generated from the stored structure), then score every question about D, tune and
holdout alike. The folds together say how Planbot does on a document nothing was fit on.

Questions about no single document (negatives, ambiguous ones) belong to no fold; the holdout
measures them.

How a learned ranker plugs in: `knowledge/retrieval/ranker.py` defines

    def fit_ranker(service, questions, exclude_sources) -> AnswerFn

taking the warmed-up `KnowledgeService`, the training questions (objects with `question`,
`context`, `sources`, `answer_facts`, `evidence_texts`, `category`, as `EvalQuestion` has) and
the file names to leave out, and returning a function with the signature of
`KnowledgeService.answer` that answers with the ranker fit on them. `ranker_fitter` finds it
when the module defines it; until then `default_fitter` answers with the normal in-process
Planbot, which ignores the training questions (so LODO equals the per-document score).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel

from bench.evaluation import AnswerFn, EvalQuestion, EvalReport, build_report, run_questions
from bench.splits import Split

RANKER_MODULE = "knowledge.retrieval.ranker"
RANKER_HOOK = "fit_ranker"

Fitter = Callable[[Sequence[EvalQuestion], frozenset[str]], AnswerFn]
"""Fit an answerer on training questions, leaving the excluded source documents out entirely."""


def default_fitter(answer: AnswerFn) -> Fitter:
    """A fitter that ignores its training questions and answers with `answer` (today's Planbot)."""

    def fit(training: Sequence[EvalQuestion], exclude_sources: frozenset[str]) -> AnswerFn:
        return answer

    return fit


def ranker_fitter(service: Any) -> Fitter | None:
    """The learned ranker's fitter when `knowledge.retrieval.ranker.fit_ranker` exists, else None.

    Args:
        service: The warmed-up KnowledgeService handed to `fit_ranker`.
    """
    try:
        module = importlib.import_module(RANKER_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != RANKER_MODULE:  # the module exists but something it imports is missing
            raise
        return None
    hook = getattr(module, RANKER_HOOK, None)
    if not callable(hook):
        return None

    def fit(training: Sequence[EvalQuestion], exclude_sources: frozenset[str]) -> AnswerFn:
        answer: AnswerFn = hook(service, training, exclude_sources)
        return answer

    return fit


class LodoFold(BaseModel):
    """One left-out document: how many questions the fitter saw and how the left-out ones scored."""

    source: str
    trained_on: int
    report: EvalReport


class LodoReport(BaseModel):
    """All folds, and every fold's results together (overall and per category)."""

    folds: list[LodoFold]
    combined: EvalReport


def documents(questions: Sequence[EvalQuestion]) -> list[str]:
    """The source documents that single-source questions are about, sorted."""
    return sorted({q.single_source for q in questions if q.single_source})


def run_lodo(questions: Sequence[EvalQuestion], fitter: Fitter) -> LodoReport:
    """Leave each document out in turn: fit on the other documents' tune questions, score it.

    Args:
        questions: A whole question file (both splits; the split decides what is trained on).
        fitter: Fits an answerer on training questions without the excluded documents.

    Returns:
        Each fold's report and all folds' results combined.
    """
    folds: list[LodoFold] = []
    for source in documents(questions):
        training = [q for q in questions if q.split is Split.TUNE and source not in q.sources]
        test = [q for q in questions if q.single_source == source]
        answer = fitter(training, frozenset({source}))
        folds.append(LodoFold(source=source, trained_on=len(training), report=run_questions(answer, test)))
    return LodoReport(folds=folds, combined=build_report([r for f in folds for r in f.report.results]))
