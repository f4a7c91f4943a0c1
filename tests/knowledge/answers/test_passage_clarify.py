"""Passage answers to a question that names no unit: clarified when several units' passages fit alike.

Hand-built plans (tests/indicators/plans.py) with one prose chunk each, in a real SQLite
catalog; lexical retrieval only (no vector index), so no model is loaded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config import Settings
from knowledge.answer import AnswerKind
from knowledge.answerer import Answerer
from knowledge.retrieval.embedder import Embedder
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import Intent, read_question
from tests.indicators.plans import two_units_catalog

TODAY = dt.date(2023, 6, 15)


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    path = Path(tmp_path_factory.mktemp("passage_clarify")) / "planbot.sqlite3"
    return Snapshot.load(
        two_units_catalog(
            path,
            [
                "Vid midsommarfirandet bjuder enheten medarbetarna på jordgubbstårta.",
                "VINR-skolan erbjuder föreläsningar om våld för personalen.",
            ],
            [
                "Vid midsommarfirandet ordnar enheten en picknick i parken.",
                "Barnen i skolan får stöd av enheten när de behöver det.",
            ],
        )
    )


@pytest.fixture(scope="module")
def answerer(snap: Snapshot) -> Answerer:
    return Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)


def _passages(answerer: Answerer, snap: Snapshot, question: str):  # type: ignore[no-untyped-def]
    reading = read_question(question, snap.metas, TODAY)
    assert reading.intent is not Intent.ORGANISATION and not reading.names_one
    return answerer.passages(snap, reading, [m.source for m in snap.metas], AnswerKind.PASSAGES)


def test_a_general_question_two_units_answer_alike_is_clarified_with_each(
    answerer: Answerer, snap: Snapshot
) -> None:
    # Not a routine, not about the organisation: before, only those two were clarified and this
    # was answered with one unit's passage as if it were everyone's.
    answer = _passages(answerer, snap, "midsommarfirandet?")
    assert answer.kind is AnswerKind.CLARIFY
    assert {c.source for c in answer.citations} == {"eb-2023.txt", "saa-2020.txt"}
    assert "jordgubbstårta" in answer.answer and "picknick" in answer.answer


def test_a_word_only_one_unit_has_is_answered_from_it(answerer: Answerer, snap: Snapshot) -> None:
    # "VINR-skolan" reads as one word group (vinr, skolan), which another unit's "skolan"
    # covers as fully; but only one unit has "VINR", the question's most specific word.
    answer = _passages(answerer, snap, "vad är VINR-skolan?")
    assert answer.kind is AnswerKind.PASSAGES
    assert {c.source for c in answer.citations} == {"eb-2023.txt"}


@pytest.fixture(scope="module")
def two_chunk_snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    path = Path(tmp_path_factory.mktemp("passage_clarify_two")) / "planbot.sqlite3"
    return Snapshot.load(
        two_units_catalog(
            path,
            [
                "Mottagningen arbetar i tre team. Ärenden fördelas efter behov. "
                "Nya medarbetare får en mentor.",
                "Nya ärenden fördelas gemensamt i respektive team varje måndag.",
            ],
            [
                "Mottagningen har öppet på kvällar. Ärenden fördelas löpande. Nya lokaler är på gång.",
                "Nya ärenden fördelas av gruppledaren varje morgon.",
            ],
        )
    )


def test_each_units_line_quotes_the_sentence_its_own_answer_would(two_chunk_snap: Snapshot) -> None:
    # Each unit's first chunk holds every word of the question, spread over its sentences, and
    # ranks first; the sentence saying how new cases are handed out is in its second chunk. The
    # clarification chooses each unit's quote across its best chunks (answers.passage.joint_quotes),
    # as the answer for that unit would.
    answerer = Answerer(
        lambda: two_chunk_snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY
    )
    answer = _passages(answerer, two_chunk_snap, "hur fördelas nya ärenden på mottagningen?")
    assert answer.kind is AnswerKind.CLARIFY
    assert "gemensamt i respektive team" in answer.answer
    assert "av gruppledaren varje morgon" in answer.answer
    assert {c.source for c in answer.citations} == {"eb-2023.txt", "saa-2020.txt"}
