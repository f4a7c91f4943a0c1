"""Money words around a question about the plan's prose do not get the budget table (session 12).

The messages are made up in the style of Teams chat (not taken from any question set).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answers.budget_scope import asks_budget_rows
from knowledge.answers.fact_answers import budget_answer
from knowledge.answers.phrasing import doc_label
from knowledge.models import DocFact, FactKind, ParsedDocument
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, ind, make_catalog, plan

TODAY = dt.date(2020, 6, 15)
LABELS = ["Personalkostnader", "Lokalkostnader", "Summa kostnader", "Försäljning av verksamhet"]


def _row(label: str, value: str) -> DocFact:
    return DocFact(
        kind=FactKind.BUDGET,
        key=label,
        label=label,
        value=value,
        columns={"Budget": value},
        year=2020,
        measure="tkr",
        quote=f"{label}\t{value}",
    )


def _with_budget() -> ParsedDocument:
    parsed = plan("saa.txt", OTHER_UNIT, 2020, [ind("Sjukfrånvaro", "7,5 %")])
    parsed.facts = [_row("Personalkostnader", "23 345"), _row("Summa kostnader", "27 310")]
    return parsed


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    # The first plan has no budget table: a question naming no unit searches it first.
    without = plan("eb.txt", UNIT, 2020, [ind("Sjukfrånvaro", "5 %")])
    catalog = make_catalog(Path(tmp_path_factory.mktemp("budget")), without, _with_budget(), with_chunks=True)
    return Snapshot.load(catalog)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("vad är budgeten för stöd och aktivitet 2020?", "budgeten"),  # the budget itself
        ("hur mycket är personalkostnaderna?", "personalkostnaderna"),  # a row's label
        ("vad har vi för lokalkostnad i år", "lokalkostnad"),
        ("hur stor är den totala budgeten hos oss?", "totala budgeten"),  # an amount asked for
    ],
)
def test_a_question_for_rows_or_amounts_gets_the_table(question: str, topic: str) -> None:
    assert asks_budget_rows(question, topic, LABELS)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "vilken del av enheten har störst utmaningar med att hålla budgeten?",
            "del största utmaningarna hålla budgeten",
        ),
        ("vilka kostnader måste vi få ner enligt planen?", "kostnader måste få ner"),
        (
            "hur följer vi upp kostnaderna för tillfälligt boende?",
            "följer upp kostnaderna tillfälligt boende",
        ),
    ],
)
def test_money_words_around_a_prose_question_do_not(question: str, topic: str) -> None:
    assert not asks_budget_rows(question, topic, LABELS)


def test_the_prose_question_is_left_to_the_passages(snap: Snapshot) -> None:
    sources = [m.source for m in snap.metas]
    reading = read_question("hur följer vi upp kostnaderna för tillfälligt boende?", snap.metas, TODAY)
    assert budget_answer(snap, reading, sources) is None


def test_the_rows_are_named_by_the_plan_they_come_from(snap: Snapshot) -> None:
    sources = sorted(m.source for m in snap.metas)  # "eb.txt" (no budget table) first
    reading = read_question("hur mycket är personalkostnaderna?", snap.metas, TODAY)
    answer = budget_answer(snap, reading, sources)
    assert answer is not None and "23 345" in answer.answer
    assert answer.answer.startswith(f"Budget enligt {doc_label(snap, 'saa.txt')}:")
