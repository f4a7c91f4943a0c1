"""A generic unit-less question answered from one unit (answers/generic_topic.py).

Hand-built plans of two units: both have a sick-leave indicator, only one counts
flerpartssamtal. The route's answer, the pool's ranking and the lexical coverage are built by
hand, so each test pins one condition of the rule, not the fitted model.
"""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.cite import Citations
from knowledge.answers.generic_topic import (
    COVERAGE_MARGIN,
    MIN_COVERAGE,
    POOL_SHARE,
    generic_disagreement,
    is_generic,
    units_of_stems,
)
from knowledge.answers.phrasing import doc_label
from knowledge.answers.unit_disagreement import clarify_disagreement
from knowledge.models import Chunk
from knowledge.retrieval.ranker import Candidate, Ranked, Ranking
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading, read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, ind, make_catalog, plan

TODAY = dt.date(2023, 6, 15)
EB = "eb-2023.txt"
SAA = "saa-2020.txt"


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = make_catalog(
        tmp_path_factory.mktemp("generic"),
        plan(EB, UNIT, 2023, [ind("Sjukfrånvaro", "5 %"), ind("Antal flerpartssamtal", "200")]),
        plan(SAA, OTHER_UNIT, 2020, [ind("Sjukfrånvaro", "7,5 %")], district="Farsta"),
        with_chunks=True,
    )
    return Snapshot.load(catalog)


def row(snap: Snapshot, source: str, ref: int) -> Chunk:
    chunk = snap.structured.get((source, "indicator", ref))
    assert chunk is not None
    return chunk


def routed(snap: Snapshot, chunk: Chunk) -> Answer:
    cites = Citations(snap)
    body = f"{chunk.text} {cites.cite(chunk)}"
    return Answer(
        answer=f"Enligt {doc_label(snap, chunk.source)}:\n\n{body}",
        kind=AnswerKind.INDICATOR,
        citations=cites.items,
    )


def ranking(*items: tuple[Chunk, float], confidence: float = 0.2) -> Ranking:
    return Ranking([Ranked(Candidate(chunk, 1.0, 0.0), p) for chunk, p in items], confidence)


def reading(snap: Snapshot, question: str) -> QuestionReading:
    return read_question(question, snap.metas, TODAY)


def test_a_question_is_generic_when_every_unit_uses_its_words(snap: Snapshot) -> None:
    assert is_generic(snap, reading(snap, "vad ska sjukfrånvaro ligga på?"))
    # Only one unit's plan counts flerpartssamtal: the question is about that unit's item.
    assert not is_generic(snap, reading(snap, "hur många flerpartssamtal ska vi ha?"))
    # No word any document uses says nothing about the unit either way.
    assert not is_generic(snap, reading(snap, "blablabla?"))


def test_the_index_is_built_once_per_snapshot(snap: Snapshot) -> None:
    index = units_of_stems(snap)
    assert units_of_stems(snap) is index
    assert index.units == frozenset({UNIT, OTHER_UNIT})


def test_another_unit_covering_a_generic_question_makes_a_clarification(snap: Snapshot) -> None:
    question = reading(snap, "vad ska sjukfrånvaro ligga på?")
    answer = routed(snap, row(snap, EB, 0))
    # The pool agrees with the route and is unsure: the confident-pool rule would not fire.
    pool = ranking((row(snap, EB, 0), 0.4), (row(snap, SAA, 0), 0.3), (row(snap, EB, 1), 0.1))
    found = generic_disagreement(snap, question, answer, pool, {UNIT: 0.9, OTHER_UNIT: 0.8})
    assert found is not None and found.unit == UNIT and found.source == EB
    assert [r.candidate.source for r in found.others] == [SAA]

    clarified = clarify_disagreement(snap, question, answer, found, TODAY)
    assert clarified.kind is AnswerKind.CLARIFY
    assert [c.source for c in clarified.citations] == [EB, SAA]
    assert "5 %" in clarified.answer and "7,5 %" in clarified.answer


@pytest.mark.parametrize(
    ("question", "own_cov", "other_cov", "other_p", "why"),
    [
        ("hur många flerpartssamtal ska vi ha?", 0.9, 0.9, 0.4, "the question names one unit's item"),
        ("vad ska sjukfrånvaro ligga på?", 0.9, MIN_COVERAGE - 0.01, 0.4, "the other unit covers too little"),
        (
            "vad ska sjukfrånvaro ligga på?",
            1.0,
            1.0 - COVERAGE_MARGIN - 0.05,
            0.4,
            "the answer's unit covers the question clearly better",
        ),
        ("vad ska sjukfrånvaro ligga på?", 0.9, 0.9, POOL_SHARE * 0.4 - 0.01, "the pool finds it unlikely"),
    ],
)
def test_no_clarification_unless_the_question_is_generic_and_another_unit_answers_alike(
    snap: Snapshot, question: str, own_cov: float, other_cov: float, other_p: float, why: str
) -> None:
    answer = routed(snap, row(snap, EB, 0))
    pool = ranking((row(snap, EB, 0), 0.4), (row(snap, SAA, 0), other_p))
    coverage = {UNIT: own_cov, OTHER_UNIT: other_cov}
    assert generic_disagreement(snap, reading(snap, question), answer, pool, coverage) is None, why
