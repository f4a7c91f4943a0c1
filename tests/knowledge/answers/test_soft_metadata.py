"""Metadata as evidence through the whole answer path (issue 10): the KU-year and missing-type cases.

Answers over a real SQLite catalog of hand-built documents, lexical retrieval only (no vector
index), so the MiniLM model is never loaded.
"""

from __future__ import annotations

import datetime as dt

import pytest

from config import Settings
from knowledge.answer import AnswerKind
from knowledge.answerer import Answerer
from knowledge.retrieval.embedder import Embedder
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import OTHER_UNIT, ind, make_catalog, plan
from tests.knowledge.retrieval.test_selection import KU_UNIT, award


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    catalog = make_catalog(
        tmp_path_factory.mktemp("soft"),
        plan("saa-2020.txt", OTHER_UNIT, 2020, [ind("Sjukfrånvaro", "7,5 %", "Tas fram av nämnd")]),
        award("ku-2019.txt", KU_UNIT, 2019, [ind("Sjukfrånvaro", "6 %", "Tas fram av nämnd")]),
        with_chunks=True,
    )
    snap = Snapshot.load(catalog)
    embedder = Embedder(Settings().embedding_model)  # never loaded: there is no vector index
    return Answerer(lambda: snap, embedder, None, today=lambda: dt.date(2023, 6, 15))


def test_a_named_type_the_unit_lacks_is_answered_from_what_exists(answerer: Answerer) -> None:
    answer = answerer.answer("vad säger verksamhetsplanen för försörjningsstödsenheten om sjukfrånvaro?")
    assert answer.kind is AnswerKind.INDICATOR and "6 %" in answer.answer
    note = "Det finns ingen verksamhetsplan för Försörjningsstödsenheten; svaret kommer från "
    assert answer.answer.startswith(note + "kvalitetsutmärkelse 2019.")
    assert answer.citations[0].source == "ku-2019.txt"


def test_a_year_reported_by_a_later_application_is_answered_from_it(answerer: Answerer) -> None:
    # The 2019 application reports 2018: before issue 10 an indicator question about 2018 was
    # refused with "Jag hittar ingen verksamhetsplan för 2018".
    answer = answerer.answer("vad var årsmålet för sjukfrånvaron 2018 på försörjningsstödsenheten?")
    assert answer.kind is AnswerKind.INDICATOR and "6 %" in answer.answer
    assert answer.citations[0].source == "ku-2019.txt"


def test_a_year_no_document_speaks_for_is_declined(answerer: Answerer) -> None:
    answer = answerer.answer("vad är årsmålet för sjukfrånvaro 2022 på stöd- och aktivitetsenheten?")
    assert answer.kind is AnswerKind.NOT_FOUND and "2022" in answer.answer and "7,5 %" not in answer.answer
