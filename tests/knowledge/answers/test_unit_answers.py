"""A clarification between units stands only when more than one listed unit answers when named.

Hand-built plans (tests/indicators/plans.py) with prose chunks, in a real SQLite catalog;
lexical retrieval only (no vector index), so no model is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from config import Settings
from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.answerer import Answerer
from knowledge.answers.cite import Citations
from knowledge.answers.phrasing import clarify_units
from knowledge.answers.unit_answers import listed_units, units_answering
from knowledge.retrieval.embedder import Embedder
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading, read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, two_units_catalog

TODAY = dt.date(2023, 6, 15)


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    path = Path(tmp_path_factory.mktemp("unit_answers")) / "planbot.sqlite3"
    return Snapshot.load(
        two_units_catalog(
            path,
            [
                "Vid midsommarfirandet bjuder enheten medarbetarna på jordgubbstårta.",
                "Kvällsjouren bemannas av två socialsekreterare varje fredag.",
            ],
            [
                "Vid midsommarfirandet ordnar enheten en picknick i parken.",
                "Brukarna bjuds på fika i parken varje fredag.",
            ],
        )
    )


@pytest.fixture(scope="module")
def answerer(snap: Snapshot) -> Answerer:
    return Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)


def _both_units_asked(snap: Snapshot, reading: QuestionReading) -> Answer:
    """A clarification that lists both units' last passages, as the passage route builds one."""
    cites = Citations(snap)
    lines = [
        (source, f"{snap.chunks_of(source)[-1].text} {cites.cite(snap.chunks_of(source)[-1])}")
        for source in ("eb-2023.txt", "saa-2020.txt")
    ]
    return clarify_units(snap, reading, cites, lines)


def _route(answerer: Answerer, snap: Snapshot) -> Callable[[QuestionReading], Answer]:
    return lambda reading: answerer._route(snap, reading, ConversationContext(), False)


def test_the_clarification_lists_its_units_in_order(snap: Snapshot) -> None:
    reading = read_question("vad gäller på fredagar?", snap.metas, TODAY)
    clarification = _both_units_asked(snap, reading)
    assert listed_units(snap, clarification) == [UNIT, OTHER_UNIT]


def test_only_one_unit_answers_when_named_so_its_answer_replaces_the_clarification(
    answerer: Answerer, snap: Snapshot
) -> None:
    # Both units' passages say "fredag", but only one unit has a kvällsjour: asked of the other
    # unit by name, the question finds nothing there, so it was never that unit's question.
    reading = read_question("vem bemannar kvällsjouren?", snap.metas, TODAY)
    clarification = _both_units_asked(snap, reading)
    named = units_answering(snap, reading, clarification, _route(answerer, snap))
    assert named is not None and len(named) == 1
    answer = named[0]
    assert answer.kind is not AnswerKind.CLARIFY
    assert {c.source for c in answer.citations} == {"eb-2023.txt"}
    assert "två socialsekreterare" in answer.answer


def test_every_unit_answers_when_named_so_the_clarification_stands(
    answerer: Answerer, snap: Snapshot
) -> None:
    reading = read_question("hur firar vi midsommarfirandet?", snap.metas, TODAY)
    clarification = _both_units_asked(snap, reading)
    named = units_answering(snap, reading, clarification, _route(answerer, snap))
    assert named is not None and len(named) == 2


def test_no_unit_answers_when_named_so_nothing_is_offered(answerer: Answerer, snap: Snapshot) -> None:
    reading = read_question("hur många parkeringsplatser har garaget?", snap.metas, TODAY)
    clarification = _both_units_asked(snap, reading)
    assert units_answering(snap, reading, clarification, _route(answerer, snap)) == []


def test_a_question_that_names_its_unit_is_left_alone(answerer: Answerer, snap: Snapshot) -> None:
    reading = read_question(f"vem bemannar kvällsjouren på {UNIT}?", snap.metas, TODAY)
    clarification = _both_units_asked(snap, reading)
    assert units_answering(snap, reading, clarification, _route(answerer, snap)) is None


def test_a_question_two_units_answer_stays_a_clarification_through_the_whole_path(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("midsommarfirandet?", use_ranker=False)
    assert answer.kind is AnswerKind.CLARIFY
    assert "jordgubbstårta" in answer.answer and "picknick" in answer.answer
