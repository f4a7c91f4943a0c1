"""Which questions the administrative rows answer (answers/fact_answers.py), on hand-built metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answer import AnswerKind
from knowledge.answers.fact_answers import admin_key, labelled_field_answer, uncovered_words
from knowledge.models import AdminKey, Chunk, ChunkKind, DocType, DocumentMeta
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, chunks_for, ind, plan

TODAY = dt.date(2020, 6, 15)
SOURCE = "saa-2020.txt"
METAS = [
    DocumentMeta(
        source="a.txt",
        type=DocType.VERKSAMHETSPLAN,
        unit="Stöd- och aktivitetsenheten",
        district="Hägersten-Liljeholmen",
        year=2020,
    ),
    DocumentMeta(
        source="b.txt", type=DocType.VERKSAMHETSPLAN, unit="Vuxenenheten", district="Skarpnäck", year=2024
    ),
]


def _key(question: str) -> AdminKey | None:
    return admin_key(read_question(question, METAS, TODAY))


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("vem är enhetschef för stöd- och aktivitetsenheten?", AdminKey.MANAGER),
        ("vad heter enhetschefen på vuxenenheten?", AdminKey.MANAGER),
        ("vad är besöksadressen till vuxenenheten?", AdminKey.ADDRESS),
        ("hur många anställda hade vuxenenheten i maj?", AdminKey.EMPLOYEES),
        ("har börjat som behandlare – vilka målgrupper har vuxenenheten?", AdminKey.TARGET_GROUP),
    ],
)
def test_a_question_for_the_field_gets_its_row(question: str, key: AdminKey) -> None:
    assert _key(question) is key


@pytest.mark.parametrize(
    "question",
    [
        "hur ofta följer bitr enhetschef upp klientens stegförflyttning?",
        "en kollega är långtidssjukskriven, vem samarbetar chefen med då?",
        "jag vill gå en kurs, när tar jag upp det med chefen på vuxenenheten?",
        "var ligger droppen/bruket?",
    ],
)
def test_a_question_that_only_names_the_field_is_left_to_the_passages(question: str) -> None:
    assert _key(question) is None


def test_uncovered_words_are_the_clauses_own_content_words() -> None:
    reading = read_question("en kollega är långtidssjukskriven, vem samarbetar chefen med?", METAS, TODAY)
    assert uncovered_words(reading, AdminKey.MANAGER) == ["samarbetar"]
    reading = read_question("vem är chef för vuxenenheten?", METAS, TODAY)
    assert uncovered_words(reading, AdminKey.MANAGER) == []


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("facts")) / "planbot.sqlite3")
    saa = plan(SOURCE, OTHER_UNIT, 2020, [ind("Sjukfrånvaro", "7,5 %")], district="Hägersten-Liljeholmen")
    cover = Chunk(
        id=f"{SOURCE}-s0",
        source=SOURCE,
        kind=ChunkKind.SECTION,
        text="**Handläggare**\nAnna Berg Svensson\nTelefon:08-508 00 000\n\nTill\nStödenheten",
        breadcrumb=f"{SOURCE} › Försättsblad",
    )
    catalog.replace_document(saa, chunks=[*chunks_for(saa), cover], path=None)
    return Snapshot.load(catalog)


def test_a_person_under_a_label_line_answers_who_holds_that_role(snap: Snapshot) -> None:
    reading = read_question("vem är handläggare för planen?", snap.metas, TODAY)
    answer = labelled_field_answer(snap, reading, [SOURCE])
    assert answer is not None and answer.kind is AnswerKind.ADMIN
    assert "Handläggare" in answer.answer and "**Anna Berg Svensson**" in answer.answer
    assert answer.citations[0].source == SOURCE
    # A label the document does not print, or a question that is not 'vem …', is no such field.
    assert (
        labelled_field_answer(snap, read_question("vem är controller?", snap.metas, TODAY), [SOURCE]) is None
    )
    reading = read_question("hur många handläggare finns det?", snap.metas, TODAY)
    assert labelled_field_answer(snap, reading, [SOURCE]) is None
