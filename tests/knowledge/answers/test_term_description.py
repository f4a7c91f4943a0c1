"""The document's own sentence about a term, quoted after its glossary expansion.

Hand-built plans (tests/indicators/plans.py) with prose chunks, in a real SQLite catalog; no model.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answer import AnswerKind
from knowledge.answers.glossary import defined_term_answer, preceding_expansion
from knowledge.answers.term_description import (
    CueKind,
    describe,
    describing_cue,
    parse_cues,
)
from knowledge.models import Chunk
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, chunks_for, plan, prose

TODAY = dt.date(2023, 6, 15)
TABLE = parse_cues(
    "# test table\n"
    "defines\tär en\n"
    "defines\tgår ut på\n"
    "acts\terbjuder\n"
    "acts\tarbetar\n"
    "purpose\tsyftet med\n"
    "anaphor\tutbildningarna\n"
)


def _names(*names: str) -> list[tuple[str, ...]]:
    return [tuple(fold(n).split()) for n in names]


def test_the_cue_table_is_read_and_checked() -> None:
    assert [c.kind for c in TABLE] == [
        CueKind.DEFINES,
        CueKind.DEFINES,
        CueKind.ACTS,
        CueKind.ACTS,
        CueKind.PURPOSE,
        CueKind.ANAPHOR,
    ]
    assert TABLE[1].words == ("gar", "ut", "pa")
    with pytest.raises(ValueError, match="okänd typ"):
        parse_cues("beskriver\tär en\n")
    with pytest.raises(ValueError, match="rad 2"):
        parse_cues("defines\tär en\ndefines\n")


@pytest.mark.parametrize(
    ("sentence", "names", "expected"),
    [
        ("MI är en samtalsmetod och ett förhållningssätt.", ("MI",), CueKind.DEFINES),
        # The term's other name may stand between it and the cue.
        (
            "Relationsvåldscentrum Väst (RVC) erbjuder insatser.",
            ("RVC", "Relationsvåldscentrum Väst"),
            CueKind.ACTS,
        ),
        (
            "Syftet med kollegial observation är att lära av varandra.",
            ("kollegial observation",),
            CueKind.PURPOSE,
        ),
        # A relative clause describes the term wherever it stands.
        (
            "Vi har arbetat med verktyget Skattjakten som går ut på att reflektera.",
            ("Skattjakten",),
            CueKind.DEFINES,
        ),
        # What a sentence says before it is about the term is not a description of it.
        (
            "Felaktiga utbetalningar minimeras då det är en tydlig process.",
            ("felaktiga utbetalningar",),
            None,
        ),
        ("Enheten arbetar med MI i alla ärenden.", ("MI",), None),
        ("Teamet erbjuder stöd.", ("MI",), None),
    ],
)
def test_a_describing_sentence_names_the_term_and_goes_on_with_a_cue(
    sentence: str, names: tuple[str, ...], expected: CueKind | None
) -> None:
    assert describing_cue(sentence, _names(*names), TABLE) is expected


def _prose(source: str, n: int, text: str) -> Chunk:
    return prose(source, n, text, section="Arbetssätt")


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("terms")) / "planbot.sqlite3")
    eb = plan("eb-2023.txt", UNIT, 2023, [])
    saa = plan("saa-2020.txt", OTHER_UNIT, 2020, [], district="Farsta")
    catalog.replace_document(
        eb,
        chunks=[
            *chunks_for(eb),
            _prose(
                "eb-2023.txt",
                0,
                "För klienter med komplex problematik provas ett arbetssätt enligt case management "
                "metoden (CM). CM arbetar med färre klienter och har ett helhetsansvar.",
            ),
            _prose(
                "eb-2023.txt",
                1,
                "Våldsskolan erbjuder föreläsningar för yrkesverksamma.\n"
                "Utbildningarna syftar till att fler ska ställa frågan om våld.",
            ),
        ],
        path=None,
    )
    catalog.replace_document(
        saa,
        chunks=[
            *chunks_for(saa),
            _prose("saa-2020.txt", 0, "Metoden kollegial observation används på gruppboendena."),
            _prose(
                "saa-2020.txt",
                1,
                "Syftet med kollegial observation är att observera varandras arbetssätt.",
            ),
        ],
        path=None,
    )
    return Snapshot.load(catalog)


def test_what_the_term_is_for_wins_over_how_it_is_used(snap: Snapshot) -> None:
    found = describe(snap, ["saa-2020.txt"], ["kollegial observation"])
    assert found is not None and found.kind is CueKind.PURPOSE
    assert found.quote == "Syftet med kollegial observation är att observera varandras arbetssätt."


def test_a_next_sentence_about_the_same_thing_is_quoted_too(snap: Snapshot) -> None:
    found = describe(snap, ["eb-2023.txt"], ["Våldsskolan"])
    assert found is not None and found.kind is CueKind.ACTS
    assert found.quote.startswith("Våldsskolan erbjuder") and found.quote.endswith("frågan om våld.")


def test_only_the_given_documents_are_read(snap: Snapshot) -> None:
    assert describe(snap, ["eb-2023.txt"], ["kollegial observation"]) is None
    assert describe(snap, ["eb-2023.txt", "saa-2020.txt"], ["okänd metod"]) is None


def test_a_glossary_answer_goes_on_with_what_the_document_says_about_the_term(snap: Snapshot) -> None:
    reading = read_question("vad menas med CM?", snap.metas, TODAY)
    answer = defined_term_answer(snap, reading, [m.source for m in snap.metas])
    assert answer is not None and answer.kind is AnswerKind.GLOSSARY
    assert "*case management metoden*" in answer.answer
    assert "CM arbetar med färre klienter och har ett helhetsansvar." in answer.answer
    assert [c.source for c in answer.citations] == ["eb-2023.txt", "eb-2023.txt"]
    assert answer.citations[1].quote == "CM arbetar med färre klienter och har ett helhetsansvar."


def test_the_capitals_before_a_hyphen_are_spelt_by_the_words_before_the_parenthesis() -> None:
    before = "består av boendestöd, neuropsykiatriskt boendestöd"
    assert preceding_expansion("NP-teamet", before) == "neuropsykiatriskt boendestöd"
