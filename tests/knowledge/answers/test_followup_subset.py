"""Follow-ups that pick among the items just listed (knowledge/answers/followup_subset.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.answers.followup_subset import from_listed
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import UNIT, activity, chunks_for, ind, plan

TODAY = dt.date(2023, 6, 15)
SOURCE = "eb-2023.txt"
INDICATORS = [
    ind("Sjukfrånvaro dag 1-14", "3,5 %", "Tas fram av nämnd/styrelse", "Tertial"),
    ind("Aktivt Medskapandeindex", "", "83", "År"),
    ind("Andel avhysningar som kunnat avvärjas", "55 %", "Tas fram av nämnd", "Tertial"),
    ind("Antal vräkningar som berör barn", "0", "Tas fram av nämnd", "År"),
]
ACTIVITIES = [
    activity("Enheten stärker kunskapen om spelberoende", "2023-01-20", "2023-12-31"),
    activity("Enheten upptäcker individer som utsätts för våld", "2022-01-01", "2023-12-31"),
    activity("Samtliga chefer genomgår utbildning i informationssäkerhet", "2023-01-01", "2023-03-31"),
    activity("Enheten ser över sina flöden och rutiner", "2022-01-01", "2023-08-31"),
]


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("subset")) / "planbot.sqlite3")
    parsed = plan(SOURCE, UNIT, 2023, INDICATORS, activities=ACTIVITIES)
    catalog.replace_document(parsed, chunks=chunks_for(parsed), path=None)
    return Snapshot.load(catalog)


def _after(items: list[str], intent: str) -> ConversationContext:
    return ConversationContext(
        unit=UNIT, district="Hägersten-Älvsjö", year=2023, source=SOURCE, intent=intent, items=items
    )


INDICATORS_SHOWN = _after([i.name for i in INDICATORS], "indicator")
ACTIVITIES_SHOWN = _after([a.text for a in ACTIVITIES], "activity")


def _ask(snap: Snapshot, question: str, context: ConversationContext) -> Answer | None:
    return from_listed(snap, read_question(question, snap.metas, TODAY), context, TODAY)


def _lines(answer: Answer) -> list[str]:
    return [line for line in answer.answer.splitlines() if line[:1].isdigit()]


def test_a_periodicity_keeps_the_listed_indicators_measured_so(snap: Snapshot) -> None:
    answer = _ask(snap, "vilka av dem följs upp varje tertial?", INDICATORS_SHOWN)
    assert answer is not None and answer.kind is AnswerKind.LIST
    lines = _lines(answer)
    assert len(lines) == 2 and "Sjukfrånvaro dag 1-14" in lines[0] and "avhysningar" in lines[1]
    assert len(answer.citations) == 2 and answer.context.source == SOURCE


def test_how_many_of_them_started_in_a_year_counts_the_listed_activities(snap: Snapshot) -> None:
    answer = _ask(snap, "hur många av dem drog igång redan 2022?", ACTIVITIES_SHOWN)
    assert answer is not None and answer.kind is AnswerKind.COUNT
    assert answer.answer.startswith("2 av de 4 aktiviteterna")
    assert "våld" in answer.answer and "flöden" in answer.answer and "spelberoende" not in answer.answer


def test_which_of_them_ends_first_and_which_ends_in_a_month(snap: Snapshot) -> None:
    first = _ask(snap, "vilken av dem slutar först?", ACTIVITIES_SHOWN)
    assert first is not None and _lines(first) and "informationssäkerhet" in _lines(first)[0]
    assert len(_lines(first)) == 1 and "2023-03-31" in first.answer
    started = _ask(snap, "vilken av dem började tidigast?", ACTIVITIES_SHOWN)
    assert started is not None and [("våld" in x or "flöden" in x) for x in _lines(started)] == [True, True]
    march = _ask(snap, "vilka av dem ska va klara i mars?", ACTIVITIES_SHOWN)
    assert march is not None and len(_lines(march)) == 1 and "informationssäkerhet" in march.answer


def test_targets_of_their_own_or_of_kf(snap: Snapshot) -> None:
    own = _ask(snap, "hur många av dem har ett eget årsmål?", INDICATORS_SHOWN)
    assert own is not None and own.answer.startswith("3 av de 4 indikatorerna")
    kf = _ask(snap, "vilka av dem har ett KF-mål?", INDICATORS_SHOWN)
    assert kf is not None and len(_lines(kf)) == 1 and "Medskapandeindex" in kf.answer


def test_words_the_question_adds_pick_the_item_that_holds_them(snap: Snapshot) -> None:
    answer = _ask(snap, "vilken av dem gäller cheferna?", ACTIVITIES_SHOWN)
    assert answer is not None and len(_lines(answer)) == 1 and "informationssäkerhet" in answer.answer


def test_none_passing_says_so_and_shows_the_items_cited(snap: Snapshot) -> None:
    answer = _ask(snap, "vilka av dem följs upp per månad?", INDICATORS_SHOWN)
    assert answer is not None and answer.answer.startswith("Ingen av de 4 indikatorerna")
    assert len(answer.citations) == 4


def test_only_a_question_that_points_back_at_a_list_is_answered_here(snap: Snapshot) -> None:
    # No partitive: a question of its own about the whole plan ("vilka indikatorer följs upp per tertial?").
    assert _ask(snap, "vilka följs upp per tertial?", INDICATORS_SHOWN) is None
    # No list on the table, or nothing asked of the items that these filters read.
    assert _ask(snap, "vilka av dem följs upp per tertial?", _after([], "indicator")) is None
    assert _ask(snap, "vad tycker du om dem?", INDICATORS_SHOWN) is None
