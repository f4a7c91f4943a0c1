"""Leave-one-document-out with a tiny fitter (no model, no data directory)."""

from __future__ import annotations

import sys
import types
from collections.abc import Sequence

import pytest

from bench.evaluation import AnswerFn, EvalQuestion
from bench.lodo import RANKER_HOOK, RANKER_MODULE, default_fitter, ranker_fitter, run_lodo
from bench.splits import Split
from knowledge.answer import Answer, Citation, ConversationContext

A, B, C = "000_a.txt", "001_b.txt", "002_c.txt"


def q(qid: str, source: str | list[str] | None, split: Split, category: str = "indicator") -> EvalQuestion:
    return EvalQuestion(
        id=qid, category=category, question=f"fråga {qid}", source=source, answer_facts=["5 %"], split=split
    )


QUESTIONS = [
    q("a1", A, Split.TUNE),
    q("a2", A, Split.HOLDOUT),
    q("b1", B, Split.TUNE),
    q("b2", B, Split.TUNE, category="goal"),
    q("c1", C, Split.HOLDOUT),
    q("amb", [A, B], Split.TUNE, category="ambiguous"),
    q("neg", None, Split.TUNE, category="negative"),
]


class MemorisingFitter:
    """'Learns' the source of each training question and cites it when asked the same id."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], frozenset[str]]] = []

    def __call__(self, training: Sequence[EvalQuestion], exclude_sources: frozenset[str]) -> AnswerFn:
        self.calls.append(([t.id for t in training], exclude_sources))
        known = {t.question: t.single_source for t in training if t.single_source}

        def answer(text: str, context: ConversationContext | None) -> Answer:
            source = known.get(text)
            if source is None:
                return Answer(answer="Jag hittar inget svar.", kind="not_found")
            return Answer(
                answer="5 % [1]",
                kind="indicator",
                citations=[Citation(n=1, source=source, title="Plan", section="Plan", quote="5 %")],
            )

        return answer


def test_each_document_is_scored_by_an_answerer_fit_without_it() -> None:
    fitter = MemorisingFitter()
    lodo = run_lodo(QUESTIONS, fitter)

    assert [f.source for f in lodo.folds] == [A, B, C]
    assert fitter.calls == [
        (["b1", "b2", "neg"], frozenset({A})),  # tune only, nothing about A (the ambiguous one names A)
        (["a1", "neg"], frozenset({B})),
        (["a1", "b1", "b2", "amb", "neg"], frozenset({C})),
    ]
    assert [f.trained_on for f in lodo.folds] == [3, 2, 5]
    # Each fold scores every question about its document, tune and holdout alike; none was learnt.
    assert [[r.id for r in f.report.results] for f in lodo.folds] == [["a1", "a2"], ["b1", "b2"], ["c1"]]
    assert lodo.combined.overall.questions == 5
    assert lodo.combined.overall.facts.hits == 0  # a memorising fitter does not generalise
    assert set(lodo.combined.by_category) == {"indicator", "goal"}  # no negative or ambiguous fold


def test_default_fitter_answers_with_planbot_as_it_is() -> None:
    def planbot(text: str, context: ConversationContext | None) -> Answer:
        return Answer(
            answer="5 % [1]",
            kind="indicator",
            citations=[Citation(n=1, source=A, title="t", section="s", quote="5")],
        )

    lodo = run_lodo(QUESTIONS, default_fitter(planbot))
    by_fold = {f.source: f.report.overall for f in lodo.folds}
    assert by_fold[A].source_first.hits == 2 and by_fold[B].source_first.hits == 0
    assert lodo.combined.overall.facts.hits == 5


def test_ranker_hook_is_looked_up_and_handed_the_service(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[object, list[str], frozenset[str]]] = []

    def fit_ranker(service: object, questions: Sequence[EvalQuestion], exclude: frozenset[str]) -> AnswerFn:
        seen.append((service, [t.id for t in questions], exclude))
        return lambda text, context: Answer(answer="-", kind="not_found")

    module = types.ModuleType(RANKER_MODULE)
    setattr(module, RANKER_HOOK, fit_ranker)
    monkeypatch.setitem(sys.modules, RANKER_MODULE, module)
    service = object()
    fitter = ranker_fitter(service)
    assert fitter is not None
    run_lodo(QUESTIONS, fitter)
    assert [s[2] for s in seen] == [frozenset({A}), frozenset({B}), frozenset({C})]
    assert all(s[0] is service for s in seen)


def test_no_ranker_hook_means_no_ranker_fitter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, RANKER_MODULE, types.ModuleType(RANKER_MODULE))
    assert ranker_fitter(object()) is None
