"""Whom to turn to: a "vem …?" question about a matter answered from the unit's role list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answers.base import Ask
from knowledge.answers.role_lookup import applies, find_role_for, role_for_answer
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.selection import select_documents
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import UNIT, chunks_for, plan

TODAY = dt.date(2023, 6, 15)
DOC = "fs-2023.txt"
ROLES = (
    "Roller:\n\n"
    "e Socialsekreterare: motiverar och ger stöd till klienter i processen mot självförsörjning.\n\n"
    "Budget- och skuldrådgivare: ger stöd till skuldsatta personer.\n\n"
    "e Vräkningsförebyggare: ger stöd till klienter som riskerar att bli bostadslösa.\n\n"
    "Gruppledare: fördelar nya ärenden och ger stöd till klienter i akuta lägen.\n\n"
    "Ekonomihandläggare: verkställer beslut om ekonomiskt bistånd till klienter."
)


def _section(n: int, heading: str, text: str) -> Chunk:
    return Chunk(
        id=f"{DOC}-s{n}", source=DOC, kind=ChunkKind.SECTION, text=text, breadcrumb=f"{DOC} › {heading}"
    )


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("role_lookup")) / "planbot.sqlite3")
    doc = plan(DOC, UNIT, 2023, [])
    catalog.replace_document(
        doc,
        chunks=[
            _section(0, "Inledning › Roller", ROLES),
            _section(
                1,
                "Inledning › Klienter",
                "Klienterna får stöd av sin socialsekreterare. Klienter med barn får extra stöd. "
                "Alla klienter erbjuds ett nybesök. Klienterna kan ringa på telefontiden.",
            ),
            *chunks_for(doc),
        ],
        path=None,
    )
    return Snapshot.load(catalog)


def _ask(snap: Snapshot, question: str) -> Ask:
    reading = read_question(question, snap.metas, TODAY)
    return Ask(snap, reading, select_documents(snap, reading).sources, TODAY, lambda kind: {})


def test_the_matter_asked_about_finds_the_role_whose_line_names_it(snap: Snapshot) -> None:
    debts = find_role_for(snap, DOC, "klient skulder kronofogden")
    assert (
        debts is not None and debts.line == "Budget- och skuldrådgivare: ger stöd till skuldsatta personer."
    )
    # "vräkt" and "Vräkningsförebyggare" are one word family: the label names the matter.
    evicted = find_role_for(snap, DOC, "klient kanske vräkt")
    assert evicted is not None and evicted.line.startswith("Vräkningsförebyggare:")


def test_words_on_every_line_or_page_point_to_no_role(snap: Snapshot) -> None:
    # "klient" and "stöd" are in most lines and all over the document: no one role.
    assert find_role_for(snap, DOC, "stöd klienter") is None


def test_a_role_named_in_the_question_is_not_the_matter(snap: Snapshot) -> None:
    assert find_role_for(snap, DOC, "gruppledaren borta") is None


def test_the_answer_quotes_and_cites_the_role_line(snap: Snapshot) -> None:
    ask = _ask(snap, f"vem ska jag vända mig till om en klient har skulder? {UNIT}")
    assert applies(ask)
    answer = role_for_answer(ask)
    assert answer is not None
    assert "Budget- och skuldrådgivare: ger stöd till skuldsatta personer." in answer.answer
    assert answer.citations and answer.citations[0].source == DOC


def test_what_a_named_role_does_is_the_role_route_not_this_one(snap: Snapshot) -> None:
    assert not applies(_ask(snap, "vad gör en vräkningsförebyggare?"))
    assert not applies(_ask(snap, "hur ofta har vi apt?"))


def test_a_four_letter_stem_is_no_kin_of_the_compounds_it_starts(snap: Snapshot) -> None:
    # "verkar" stems to "verk", the start of "verkställer" on the Ekonomihandläggare line: that is
    # no shared word, so "akut" alone points to the Gruppledare.
    match = find_role_for(snap, DOC, "om det verkar akut, vem ringer jag?")
    assert match is not None and match.line.startswith("Gruppledare")
