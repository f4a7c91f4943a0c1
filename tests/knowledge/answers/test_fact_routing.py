"""Which questions the administrative rows answer (answers/fact_answers.py), on hand-built metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.answers.fact_answers import _admin_key, uncovered_words
from knowledge.models import AdminKey, DocType, DocumentMeta
from knowledge.understand.reading import read_question

TODAY = dt.date(2020, 6, 15)
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
    return _admin_key(read_question(question, METAS, TODAY))


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
