"""Invented item names (knowledge/answers/uncovered.py); goals and definitions across units.

Hand-built plans in a real SQLite catalog: the tests pin which words count as a name the
documents do not have (a compound of document words that the answered item lacks), and that
a goal question naming no unit is clarified when several units have a different goal that
matches as well (knowledge/answers/goal.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answers.glossary import abbreviation
from knowledge.answers.goal import goal as goal_route
from knowledge.answers.uncovered import uncovered_name
from knowledge.models import GlossaryEntry, ParsedDocument
from knowledge.retrieval.selection import select_documents
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, goal, ind, make_catalog, plan

TODAY = dt.date(2023, 6, 15)

# Words the plans use at least twice (the corpus lexicon keeps words seen twice or more).
INDICATORS = [
    ind("Brukarinflytande i genomförandeplanen", "80 %"),
    ind("Aktivt Medskapandeindex", kf="83"),
    ind("Andel övertag av hyreskontrakt kopplat till insatsen Försökslägenhet", "25 %"),
    ind("Sjukfrånvaro", "5 %"),
]


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = make_catalog(
        tmp_path_factory.mktemp("uncovered"),
        plan(
            "eb-2023.txt",
            UNIT,
            2023,
            INDICATORS,
            goals=[
                goal("g1", "Enheten har en god arbetsmiljö"),
                goal("g2", "Enheten bedriver verksamheten inom sin ekonomiska ram"),
            ],
        ),
        plan(
            "saa-2020.txt",
            OTHER_UNIT,
            2020,
            INDICATORS,
            district="Farsta",
            goals=[
                goal("g1", "Enheten har en trygg arbetsmiljö"),
                goal("g2", "Enheten bedriver verksamheten inom sin ekonomiska ram"),
            ],
        ),
        with_chunks=True,
    )
    return Snapshot.load(catalog)


def uncovered(snap: Snapshot, question: str, answer: str) -> str | None:
    return uncovered_name(snap, read_question(question, snap.metas, TODAY), answer)


def test_an_invented_compound_the_answered_item_lacks_is_a_name_not_found(snap: Snapshot) -> None:
    # brukarinflytande + index are both known words; the nearest row has no "index".
    answer = "**Brukarinflytande i genomförandeplanen**: årsmålet är **80 %**"
    assert uncovered(snap, "vad är målet för Brukarinflytandeindex?", answer) == "brukarinflytandeindex"


def test_a_paraphrase_whose_parts_are_all_in_the_item_is_not(snap: Snapshot) -> None:
    answer = "**Andel övertag av hyreskontrakt kopplat till insatsen Försökslägenhet**: årsmålet är **25 %**"
    assert uncovered(snap, "vad är årsmålet för försökslägenhetskontrakten?", answer) is None


def test_typos_known_words_synonyms_and_goal_numbers_are_not(snap: Snapshot) -> None:
    answer = "**Sjukfrånvaro**: årsmålet är **5 %**"
    assert uncovered(snap, "vad är årsmålet för sjukfranvron?", answer) is None  # no compound of known words
    assert uncovered(snap, "vad är årsmålet för sjukfrånvaron?", answer) is None  # the documents' word
    assert uncovered(snap, "vad är målet för korttidsfrånvaron?", answer) is None  # a thesaurus synonym
    assert uncovered(snap, "vilket nämndmål hör till KF-mål 1.3?", "Nämndmål: …") is None


def test_a_compound_ending_in_an_item_kind_names_the_item_by_its_topic(snap: Snapshot) -> None:
    # "arbetsmiljömålet" is the goal about arbetsmiljö: an activity list that lacks the word
    # "mål" still answers it.
    answer = "Aktiviteter under *Enheten har en god arbetsmiljö*: - Friskvård"
    assert uncovered(snap, "vilka aktiviteter har vi under arbetsmiljömålet?", "- Friskvård") is None
    assert uncovered(snap, "vilka aktiviteter har vi under arbetsmiljömålet?", answer) is None


def test_a_goal_question_naming_no_unit_is_clarified_when_units_differ(snap: Snapshot) -> None:
    sources = [m.source for m in snap.metas]
    reading = read_question("vilket enhetsmål har vi för arbetsmiljö?", snap.metas, TODAY)
    answer = goal_route(snap, reading, sources)
    assert answer is not None and answer.kind == "clarify"
    assert "god arbetsmiljö" in answer.answer and "trygg arbetsmiljö" in answer.answer
    assert {c.source for c in answer.citations} == set(sources)
    assert len(answer.suggestions) == 2


def test_the_same_goal_in_every_plan_is_one_answer_and_a_named_unit_is_answered(snap: Snapshot) -> None:
    sources = [m.source for m in snap.metas]
    same = read_question("vad är enhetsmålet om ekonomiska ramen?", snap.metas, TODAY)
    answer = goal_route(snap, same, sources)
    assert answer is not None and answer.kind == "goal" and "ekonomiska ram" in answer.answer
    named = read_question(f"vilket enhetsmål har {OTHER_UNIT} för arbetsmiljö?", snap.metas, TODAY)
    answer = goal_route(snap, named, ["saa-2020.txt"])
    assert answer is not None and answer.kind == "goal" and "trygg arbetsmiljö" in answer.answer


def test_a_relative_year_no_document_has_marks_no_document_a_mismatch(snap: Snapshot) -> None:
    later = dt.date(2026, 11, 30)  # "i år" is 2026; the plans are for 2023 and 2020
    reading = read_question("hur många platser ska vi ordna i år?", snap.metas, later)
    selection = select_documents(snap, reading)
    assert selection.refusal is None and selection.note  # answered from the latest plans, said so
    assert all(v >= 0 for v in selection.agreement.values())
    explicit = select_documents(snap, read_question("vad var sjukfrånvaron 2021?", snap.metas, later))
    assert explicit.refusal is not None  # a year written out that no document has still declines


def test_units_defining_an_abbreviation_differently_are_asked_which_one_is_meant(tmp_path: Path) -> None:
    def with_glossary(doc: ParsedDocument, *entries: tuple[str, str]) -> ParsedDocument:
        glossary = [GlossaryEntry(term=t, expansion=e, quote=f"{e} ({t})") for t, e in entries]
        return doc.model_copy(update={"glossary": glossary})

    catalog = make_catalog(
        tmp_path,
        with_glossary(
            plan("eb-2023.txt", UNIT, 2023, []), ("MI", "motiverande intervju"), ("IB", "Initial bedömning")
        ),
        with_glossary(
            plan("saa-2020.txt", OTHER_UNIT, 2020, [], district="Farsta"),
            ("MI", "mobil insatsgrupp"),
            ("IB", "initial beddmning"),  # the same definition, OCR-damaged
        ),
        with_chunks=True,
    )
    snap = Snapshot.load(catalog)
    sources = [m.source for m in snap.metas]
    differ = abbreviation(snap, read_question("vad betyder MI?", snap.metas, TODAY), sources)
    assert differ is not None and differ.kind == "clarify"
    assert "motiverande intervju" in differ.answer and "mobil insatsgrupp" in differ.answer
    same = abbreviation(snap, read_question("vad betyder IB?", snap.metas, TODAY), sources)
    assert same is not None and same.kind == "glossary" and "Initial bedömning" in same.answer
    # Within one unit's documents (a unit named, or the user's own) there is one definition.
    answer = abbreviation(snap, read_question("vad betyder MI?", snap.metas, TODAY), ["saa-2020.txt"])
    assert answer is not None and answer.kind == "glossary" and "mobil insatsgrupp" in answer.answer
