"""A one-unit answer the ranked pool contradicts with another unit's (answers/unit_disagreement.py).

Hand-built plans of two units that both have a sick-leave indicator; the route's answer, the
pool's ranking and the lexical coverage are built by hand, so each test pins one condition of
the rule, not the fitted model.
"""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.cite import Citations
from knowledge.answers.phrasing import UNITS_DIFFER, doc_label
from knowledge.answers.unit_disagreement import (
    MIN_OTHER_COVERAGE,
    applies,
    clarify_disagreement,
    disagreement,
)
from knowledge.models import Chunk
from knowledge.retrieval.ranker import Candidate, Ranked, RankerModel, Ranking, feature_names
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading, read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, ind, make_catalog, plan

TODAY = dt.date(2023, 6, 15)
EB = "eb-2023.txt"
SAA = "saa-2020.txt"


def model(decline_below: float = 0.3) -> RankerModel:
    names = feature_names()
    return RankerModel(
        features=names,
        mean=tuple(0.0 for _ in names),
        scale=tuple(1.0 for _ in names),
        weights=tuple(0.0 for _ in names),
        bias=0.0,
        decline_below=decline_below,
        sure_from=0.9,
    )


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = make_catalog(
        tmp_path_factory.mktemp("disagreement"),
        plan(EB, UNIT, 2023, [ind("Sjukfrånvaro", "5 %"), ind("Antal flerpartssamtal", "200")]),
        plan(SAA, OTHER_UNIT, 2020, [ind("Sjukfrånvaro", "7,5 %")], district="Farsta"),
        with_chunks=True,
    )
    return Snapshot.load(catalog)


def row(snap: Snapshot, source: str, ref: int) -> Chunk:
    chunk = snap.structured.get((source, "indicator", ref))
    assert chunk is not None
    return chunk


def routed(snap: Snapshot, *chunks: Chunk, kind: AnswerKind = AnswerKind.INDICATOR) -> Answer:
    """A route's answer quoting the chunks, led by its document's label like the routes' answers."""
    cites = Citations(snap)
    body = " ".join(f"{c.text} {cites.cite(c)}" for c in chunks)
    return Answer(
        answer=f"Enligt {doc_label(snap, chunks[0].source)}:\n\n{body}", kind=kind, citations=cites.items
    )


def ranking(*items: tuple[Chunk, float], confidence: float = 0.6) -> Ranking:
    return Ranking([Ranked(Candidate(chunk, 1.0, 0.0), p) for chunk, p in items], confidence)


def reading(snap: Snapshot, question: str) -> QuestionReading:
    return read_question(question, snap.metas, TODAY)


def test_the_pools_confident_winner_of_another_unit_makes_a_clarification(snap: Snapshot) -> None:
    question = reading(snap, "vad ska sjukfrånvaron ligga på?")
    answer = routed(snap, row(snap, EB, 0))
    pool = ranking((row(snap, SAA, 0), 0.7), (row(snap, EB, 0), 0.6), (row(snap, EB, 1), 0.1))
    found = disagreement(snap, question, answer, pool, model(), {OTHER_UNIT: 0.8, UNIT: 0.8})
    assert found is not None and found.unit == UNIT and found.source == EB
    # The other units are the pool's candidates alike to its winner, without the route's unit.
    assert [r.candidate.source for r in found.others] == [SAA]

    clarified = clarify_disagreement(snap, question, answer, found, TODAY)
    assert clarified.kind is AnswerKind.CLARIFY and clarified.answer.startswith(UNITS_DIFFER)
    # The route's answer comes first with its own citation number; the other unit's value after.
    assert [c.source for c in clarified.citations] == [EB, SAA]
    assert [c.n for c in clarified.citations] == [1, 2]
    eb_line, saa_line = clarified.answer.split("\n\n", 1)[1].splitlines()[:2]
    assert doc_label(snap, EB) in eb_line and "5 %" in eb_line and "[1]" in eb_line
    assert "Enligt" not in eb_line, "the route's lead line is dropped inside the list"
    assert doc_label(snap, SAA) in saa_line and "7,5 %" in saa_line and "[2]" in saa_line
    assert len(clarified.suggestions) == 2


@pytest.mark.parametrize(
    ("question", "winner", "confidence", "coverage", "why"),
    [
        ("vad ska sjukfrånvaron ligga på för stöd- och aktivitetsenheten?", SAA, 0.6, 0.8, "a unit is named"),
        ("vad ska sjukfrånvaron ligga på?", SAA, 0.2, 0.8, "the pool is below its decline cut-off"),
        ("vad ska sjukfrånvaron ligga på?", EB, 0.6, 0.8, "the pool agrees with the route"),
        (
            "vad ska sjukfrånvaron ligga på?",
            SAA,
            0.6,
            MIN_OTHER_COVERAGE - 0.01,
            "the lexical ranking finds no passage of the winner's unit covering the question",
        ),
    ],
)
def test_no_clarification_without_a_confident_disagreement_on_a_unitless_question(
    snap: Snapshot, question: str, winner: str, confidence: float, coverage: float, why: str
) -> None:
    answer = routed(snap, row(snap, EB, 0))
    pool = ranking((row(snap, winner, 0), 0.7), (row(snap, EB, 1), 0.1), confidence=confidence)
    units = {OTHER_UNIT: coverage, UNIT: 0.8}
    assert disagreement(snap, reading(snap, question), answer, pool, model(), units) is None, why


def test_only_one_units_answers_to_unitless_questions_are_checked(snap: Snapshot) -> None:
    question = reading(snap, "vad ska sjukfrånvaron ligga på?")
    assert applies(snap, question, routed(snap, row(snap, EB, 0)))
    # Already several units' values, a decline or a definition (the glossary route compares them).
    assert not applies(snap, question, routed(snap, row(snap, EB, 0), row(snap, SAA, 0)))
    assert not applies(snap, question, Answer(answer="Jag hittar inget svar.", kind=AnswerKind.NOT_FOUND))
    assert not applies(snap, question, routed(snap, row(snap, EB, 0), kind=AnswerKind.GLOSSARY))
    assert not applies(snap, reading(snap, "sjukfrånvaro i farsta?"), routed(snap, row(snap, EB, 0)))


def test_an_answer_citing_an_imported_outcome_file_is_left_alone(snap: Snapshot) -> None:
    # An outcome answer cites the imported file ("utfall.csv") beside the plan's row; the
    # file is no stored document, so it has no unit to compare (it used to raise KeyError).
    answer = routed(snap, row(snap, EB, 0), kind=AnswerKind.OUTCOME)
    outcome = answer.citations[0].model_copy(update={"source": "utfall.csv", "n": 2})
    answer.citations.append(outcome)
    assert not applies(snap, reading(snap, "hur gick det med sjukfrånvaron?"), answer)
