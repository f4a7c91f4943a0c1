"""A word of a unit's name that other units' documents use is weak evidence (issue 10, item 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.indicator import indicator
from knowledge.retrieval.mention_usage import SnapshotUsage, soft_names, usage_of
from knowledge.retrieval.selection import select_documents
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading, read_question
from tests.indicators.plans import activity, ind, make_catalog, plan

TODAY = dt.date(2023, 6, 15)
BROMMA = "Boendestödsenheten"
SOCPSYK = "Socialpsykiatriska enheten"


def snapshot(tmp_path: Path, other_uses_word: bool = True) -> Snapshot:
    """Bromma's Boendestödsenheten and a socialpsykiatri plan whose text (maybe) says 'boendestödet'."""
    video = "Erbjuda videosamtal som en del av boendestödet" if other_uses_word else "Erbjuda videosamtal"
    catalog = make_catalog(
        tmp_path,
        plan("bromma.txt", BROMMA, 2021, [ind("Brukarnöjdhet", "82 %")], district="Bromma"),
        plan(
            "eav.txt",
            SOCPSYK,
            2022,
            [ind("Andel brukare med genomförandeplan", "90 %")],
            district="Enskede-Årsta-Vantör",
            activities=[activity(video, "2022-02-01", "2022-11-30")],
        ),
        with_chunks=True,
    )
    return Snapshot.load(catalog)


def read(snap: Snapshot, question: str) -> QuestionReading:
    return read_question(question, snap.metas, TODAY, usage_of(snap))


def test_a_name_word_other_units_use_is_a_preference_not_a_filter(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    reading = read(snap, "när ska videosamtalen i boendestödet vara klara?")
    assert reading.units == [] and reading.soft_units == [BROMMA]
    assert "boendestödet" in reading.topic  # still what the question is about
    selection = select_documents(snap, reading)
    # Every unit's document is searched, the mentioned unit's first.
    assert selection.sources == ["bromma.txt", "eav.txt"]
    assert selection.agreement == {"bromma.txt": 1.0, "eav.txt": 0.0}
    # In the preferred unit's document every passage is about its unit (passage coverage).
    assert soft_names(snap, reading, selection.sources) == {"bromma.txt": BROMMA}


def test_without_usage_the_mention_filters_as_before(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    reading = read_question("när ska videosamtalen i boendestödet vara klara?", snap.metas, TODAY)
    assert reading.units == [BROMMA] and reading.soft_units == []


def test_a_word_only_that_unit_uses_stays_strong(tmp_path: Path) -> None:
    snap = snapshot(tmp_path, other_uses_word=False)
    reading = read(snap, "vad är målet för brukarnöjdhet på boendestödet?")
    assert reading.units == [BROMMA] and reading.soft_units == []
    assert select_documents(snap, reading).sources == ["bromma.txt"]


def test_full_names_districts_and_own_unit_stay_strong(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    assert read(snap, "vad är målet för brukarnöjdhet på boendestödsenheten?").units == [BROMMA]
    assert read(snap, "vi på boendestödet, vad har vi för mål för brukarnöjdhet?").units == [BROMMA]
    # A district that is the unit's own confirms it ("boendestödet i Bromma").
    reading = read(snap, "hur gick det med brukarnöjdheten på boendestödet i bromma?")
    assert reading.units == [BROMMA] and reading.soft_units == [] and "boendestödet" not in reading.topic
    # A district is strong on its own; the everyday word does not add a unit that contradicts it.
    reading = read(snap, "hur många elcyklar har boendestödet i enskede?")
    assert reading.units == [] and reading.districts == ["Enskede-Årsta-Vantör"]
    assert select_documents(snap, reading).sources == ["eav.txt"]


def test_usage_reads_inflections_and_compounds(tmp_path: Path) -> None:
    usage = SnapshotUsage(snapshot(tmp_path))
    assert usage.everyday(("boendestod",), (BROMMA,))  # "boendestödet" in the other plan
    assert not usage.everyday(("boendestod",), (BROMMA, SOCPSYK))  # no third unit uses it
    assert usage.everyday(("videosamt",), ("Någon annan",))  # a stem starting a longer word
    assert not usage.everyday(("elcykl",), (BROMMA,))


def test_the_preferred_unit_breaks_a_tie_between_units_with_the_same_indicator(tmp_path: Path) -> None:
    catalog = make_catalog(
        tmp_path,
        plan("bromma.txt", BROMMA, 2021, [ind("Sjukfrånvaro", "7,0 %")], district="Bromma"),
        plan(
            "eav.txt",
            SOCPSYK,
            2022,
            [ind("Sjukfrånvaro", "2,6 %")],
            district="Enskede-Årsta-Vantör",
            activities=[
                activity("Erbjuda videosamtal som en del av boendestödet", "2022-02-01", "2022-11-30")
            ],
        ),
        with_chunks=True,
    )
    snap = Snapshot.load(catalog)

    def ask(question: str) -> Answer | None:
        reading = read(snap, question)
        return indicator(Ask(snap, reading, select_documents(snap, reading).sources, TODAY, lambda kind: {}))

    answer = ask("vad är årsmålet för sjukfrånvaron på boendestödet?")
    assert answer is not None and answer.kind is AnswerKind.INDICATOR
    assert "7,0 %" in answer.answer and "2,6 %" not in answer.answer
    # Naming nothing still asks which unit is meant.
    answer = ask("vad är årsmålet för sjukfrånvaron?")
    assert answer is not None and answer.kind is AnswerKind.CLARIFY
