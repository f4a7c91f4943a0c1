"""Definitions read from the words before "(TERM)" and definition questions the intent missed.

Hand-built plans (tests/indicators/plans.py) with one prose chunk each, in a real SQLite
catalog; no model.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answer import AnswerKind
from knowledge.answerer import _units_alike
from knowledge.answers.glossary import defined_term_answer, preceding_expansion
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.hybrid import Hit
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, chunks_for, plan, prose

TODAY = dt.date(2023, 6, 15)


@pytest.mark.parametrize(
    ("term", "before", "expected"),
    [
        ("LUM", "har beviljats pengar från stadens Lokala utvecklingsmedel", "Lokala utvecklingsmedel"),
        ("OSL", "Förvaltningslagen, Offentlighets- och sekretesslagen", "Offentlighets- och sekretesslagen"),
        (
            "LUS",
            "utgångspunkt i den nya lagen om samverkan vid utskrivning från slutna hälso- och sjukvård",
            "lagen om samverkan vid utskrivning från slutna hälso- och sjukvård",
        ),
        (
            "CM",
            "provas ett nytt arbetssatt med case manager enligt case management metoden",
            "case management metoden",
        ),
    ],
)
def test_the_words_before_the_parenthesis_that_spell_the_term(term: str, before: str, expected: str) -> None:
    assert preceding_expansion(term, before) == expected


def test_a_numbered_form_is_the_noun_before_it() -> None:
    # No run of words spells "ib": the noun right before the parenthesis is what IB4 is.
    assert (
        preceding_expansion("IB4", "utredningsgruppen som upprättar en förändringsplan") == "förändringsplan"
    )


def test_no_expansion_from_small_words_or_nothing() -> None:
    assert preceding_expansion("XY", "och i av") is None
    assert preceding_expansion("XY", "") is None
    assert preceding_expansion("XY", "se även SoL") is None


def _prose(source: str, text: str) -> Chunk:
    return prose(source, 0, text, section="Arbetssätt")


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("glossary")) / "planbot.sqlite3")
    eb = plan("eb-2023.txt", UNIT, 2023, [])
    saa = plan("saa-2020.txt", OTHER_UNIT, 2020, [], district="Farsta")
    catalog.replace_document(
        eb,
        chunks=[
            *chunks_for(eb),
            _prose(
                "eb-2023.txt",
                "Personer i behov av löpande bistånd överförs till utredningsgruppen som upprättar "
                "en förändringsplan (IB4) tillsammans med den sökande.",
            ),
        ],
        path=None,
    )
    catalog.replace_document(
        saa,
        chunks=[*chunks_for(saa), _prose("saa-2020.txt", "Brukarna har bomöte varje månad.")],
        path=None,
    )
    return Snapshot.load(catalog)


def _ask(snap: Snapshot, question: str):  # type: ignore[no-untyped-def]
    reading = read_question(question, snap.metas, TODAY)
    return defined_term_answer(snap, reading, [m.source for m in snap.metas])


def test_a_question_about_what_a_term_is_gets_its_definition_cited(snap: Snapshot) -> None:
    answer = _ask(snap, "vad är IB4 som nämns i vår VP?")
    assert answer is not None and answer.kind is AnswerKind.GLOSSARY
    assert "*förändringsplan*" in answer.answer
    assert (
        answer.citations[0].source == "eb-2023.txt" and "förändringsplan (IB4)" in answer.citations[0].quote
    )


def test_only_questions_that_ask_for_a_meaning(snap: Snapshot) -> None:
    assert _ask(snap, "hur många förändringsplaner med IB4 gjordes i fjol?") is None
    assert _ask(snap, "IB4?") is not None, "the bare term asks what it is"
    assert _ask(snap, "vad är KF:s årsmål för IB4?") is not None, "KF:s is a name; IB4 is looked up"
    assert _ask(snap, "vad betyder XYZ?") is None, "no document defines it"


def _hit(snap: Snapshot, source: str) -> Hit:
    chunk = next(c for c in snap.chunks if c.source == source and c.kind is ChunkKind.SECTION)
    return Hit(chunk, 1.0, 1.0, 0.0)


def test_a_routine_two_units_describe_alike_is_clarified_not_borrowed(snap: Snapshot) -> None:
    # (Lives here for the hand-built two-unit snapshot.) Equal coverage in two units: clarify.
    assert _units_alike(snap, [(1.0, _hit(snap, "eb-2023.txt")), (0.97, _hit(snap, "saa-2020.txt"))])
    assert not _units_alike(snap, [(1.0, _hit(snap, "eb-2023.txt")), (0.7, _hit(snap, "saa-2020.txt"))])
    assert not _units_alike(snap, [(1.0, _hit(snap, "eb-2023.txt")), (1.0, _hit(snap, "eb-2023.txt"))])
