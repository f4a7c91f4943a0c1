"""The qualifier check on indicator answers (knowledge/answers/row_qualifier.py).

Hand-built plans in a real SQLite catalog: a question narrowing an indicator by a group, or by
a compound element before the row's word, that no row of the cited plan carries is declined; the
row's own words in other forms, compounds after the row's word, thesaurus synonyms (a phrase
only as a whole), the row's section, listed non-qualifiers and a qualifier another row of the
plan carries are not qualifiers. Other answer kinds are left alone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.vocab import VocabError
from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answers.row_qualifier import RowQualifier, holds, parse, row_qualifier
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading, read_question
from tests.indicators.plans import UNIT, ind, make_catalog, plan

TODAY = dt.date(2023, 6, 15)
SOURCE = "eb-2023.txt"


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = make_catalog(
        tmp_path_factory.mktemp("qualifier"),
        plan(
            SOURCE,
            UNIT,
            2023,
            [
                ind("Andel vuxna med långvarigt ekonomiskt bistånd", "2,1 %"),
                ind("Sjukfrånvaro", "5 %"),
                ind("Sjukfrånvaro dag 1-14", "2 %"),
                ind("Antal vräkningar som berör barn", "0"),
                ind("Antal feriejobb i privat regi", "10"),
            ],
        ),
        with_chunks=True,
    )
    return Snapshot.load(catalog)


def _read(snap: Snapshot, text: str) -> QuestionReading:
    return read_question(text, snap.metas, TODAY)


def _row(quote: str, kind: AnswerKind = AnswerKind.INDICATOR) -> Answer:
    cite = Citation(
        n=1, source=SOURCE, title="Verksamhetsplan", section="Mål 1: Ekonomisk trygghet", quote=quote
    )
    return Answer(answer="… [1]", kind=kind, citations=[cite])


ADULTS = "Andel vuxna med långvarigt ekonomiskt bistånd\t2,1 %"
SICK = "Sjukfrånvaro\t5 %"


def test_a_group_no_row_carries_is_a_qualifier(snap: Snapshot) -> None:
    asked = _read(snap, "andel unga vuxna med långvarigt ekonomiskt bistånd, årsmål?")
    found = row_qualifier(snap, asked, _row(ADULTS))
    assert found is not None
    assert found == RowQualifier("unga", "Andel vuxna med långvarigt ekonomiskt bistånd")
    assert "Andel vuxna med långvarigt ekonomiskt bistånd" in found.message("Ekonomiskt bistånd 2023")
    assert "”unga”" in found.message("Ekonomiskt bistånd 2023")


def test_the_rows_own_words_are_no_qualifiers(snap: Snapshot) -> None:
    asked = _read(snap, "andel vuxna med långvarigt ekonomiskt bistånd, årsmål?")
    assert row_qualifier(snap, asked, _row(ADULTS)) is None
    # A compound after the row's word ("sjukfrånvarotalet") says the same thing.
    assert row_qualifier(snap, _read(snap, "vad är målet för sjukfrånvarotalet?"), _row(SICK)) is None


def test_a_compound_element_before_the_rows_word_narrows_it(snap: Snapshot) -> None:
    # The thesaurus reads it as "sjukfrånvaro dag 15": a phrase no row carries whole.
    asked = _read(snap, "vad är målet för långtidssjukfrånvaron?")
    found = row_qualifier(snap, asked, _row(SICK))
    assert found is not None and found.word == "långtidssjukfrånvaron"
    # "korttidssjukfrånvaro" is the plan's "sjukfrånvaro dag 1-14", which a row carries.
    short = _read(snap, "vad är målet för korttidssjukfrånvaron?")
    assert row_qualifier(snap, short, _row("Sjukfrånvaro dag 1-14\t2 %")) is None


def test_a_qualifier_another_row_carries_is_left_to_the_ranking(snap: Snapshot) -> None:
    # The plan has a row for "privat regi": the question is about that row, not about none.
    asked = _read(snap, "hur många feriejobb i privat regi ska vi ha?")
    assert row_qualifier(snap, asked, _row(ADULTS)) is None


def test_unlisted_words_and_the_section_are_no_qualifiers(snap: Snapshot) -> None:
    # Verbs and paraphrase are no qualifiers: "rör" for the row's "berör", "få det bli".
    evictions = _row("Antal vräkningar som berör barn\t0")
    assert row_qualifier(snap, _read(snap, "hur många vräkningar som rör barn är målet?"), evictions) is None
    assert (
        row_qualifier(snap, _read(snap, "hur många vräkningar som berör barn får det bli?"), evictions)
        is None
    )
    # A listed word the row carries is no qualifier either.
    assert row_qualifier(snap, _read(snap, "hur många vräkningar av barnfamiljer?"), evictions) is None
    # "trygghet" is the row's goal, in its section.
    asked = _read(snap, "andel vuxna med långvarigt ekonomiskt bistånd för ekonomisk trygghet?")
    assert row_qualifier(snap, asked, _row(ADULTS)) is None


def test_an_age_no_row_states_is_a_qualifier(snap: Snapshot) -> None:
    asked = _read(snap, "andel vuxna över 30 med långvarigt ekonomiskt bistånd?")
    found = row_qualifier(snap, asked, _row(ADULTS))
    assert found is not None and found.word == "över 30"
    # A comparison names no group, a period or a share is no age.
    fresh = _read(snap, "andel vuxna med långvarigt ekonomiskt bistånd som inte är äldre än ett halvår?")
    assert row_qualifier(snap, fresh, _row(ADULTS)) is None
    later = _read(snap, "andel vuxna med långvarigt ekonomiskt bistånd under 12 månader?")
    assert row_qualifier(snap, later, _row(ADULTS)) is None


def test_other_answer_kinds_are_left_alone(snap: Snapshot) -> None:
    asked = _read(snap, "andel unga vuxna med långvarigt ekonomiskt bistånd?")
    assert row_qualifier(snap, asked, _row(ADULTS, AnswerKind.PASSAGES)) is None
    assert row_qualifier(snap, asked, Answer(answer="Hej", kind=AnswerKind.INDICATOR)) is None


def test_holds_forms_and_compounds() -> None:
    row = frozenset({"medskapandeindex", "vux", "beror"})
    assert holds(row, "index") and holds(row, "medskapand") and holds(row, "ror")
    assert not holds(row, "medarbetarindex") and not holds(row, "ung")


def test_the_table_parses_and_rejects_wordless_lines() -> None:
    assert parse("# note\ngrupp\tunga\tyoung\n") == frozenset({"ung"})
    with pytest.raises(VocabError):
        parse("grupp\t?\tno word\n")
    with pytest.raises(VocabError):
        parse("yrke\tsnickare\tno such class\n")
