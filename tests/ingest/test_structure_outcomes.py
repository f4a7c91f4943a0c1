"""Prose outcomes in the phrasings reports use: each with its own year, target and gender split."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.models import Outcome
from ingest.parser import parse
from ingest.readers.base import RawDocument
from ingest.readers.text import lines_from_text
from knowledge.models import DocType

# An award application of a unit the samples do not have, in phrasings the samples do not use.
AWARD = """Kvalitetsutmärkelsen 2020 Vuxenenheten

Administrativa uppgifter

Verksamhetens namn
Vuxenenheten

Resultat och analys

Redovisa kortfattat resultat från förra årets uppföljningar.

{body}
"""


def _outcomes(body: str) -> list[Outcome]:
    text = AWARD.format(body=body)
    raw = RawDocument(source="vux.txt", path=Path("vux.txt"), content_hash="h", lines=lines_from_text(text))
    parsed = parse(raw)
    assert parsed.meta.type is DocType.KVALITETSUTMARKELSE
    return parsed.outcomes


def _one(body: str) -> Outcome:
    found = _outcomes(body)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("body", "name", "year", "value", "target"),
    [
        (
            "Årsmålet för andel nöjda klienter 2019 var 80 % och resultatet blev 84 %.",
            "andel nöjda",
            2019,
            "84 %",
            "80 %",
        ),
        (
            "Resultatet för andelen aktuella planer blev 91 procent under 2019.",
            "Andelen aktuella planer",
            2019,
            "91 procent",
            None,
        ),
        (
            "Sjukfrånvaron låg på 4,1 procent 2019 (målet var 5 procent).",
            "Sjukfrånvaron",
            2019,
            "4,1 procent",
            "5 procent",
        ),
        (
            "Väntetiden till första besök var i genomsnitt 9 dagar 2019.",
            "Väntetiden till första besök",
            2019,
            "9 dagar",
            None,
        ),
        (
            "Antalet vräkningar uppgick till 12 under 2019, varav 3 berörde barn.",
            "Antalet vräkningar",
            2019,
            "12",
            None,
        ),
        (
            "Andel klienter med planering 2019: 84 % (mål 80 %).",
            "Andel klienter med planering",
            2019,
            "84 %",
            "80 %",
        ),
        ("I brukarundersökningen 2019 fick enheten helhetsbetyget 7,2.", "Helhetsbetyget", 2019, "7,2", None),
        (
            "Kostnaderna för tillfälligt boende landade på 2,3 mnkr 2019.",
            "Kostnaderna för tillfälligt boende",
            2019,
            "2,3 mnkr",
            None,
        ),
    ],
)
def test_stated_outcome(body: str, name: str, year: int, value: str, target: str | None) -> None:
    outcome = _one(body)
    assert name.lower() in outcome.indicator.lower()
    assert (outcome.year, outcome.value, outcome.target) == (year, value, target)
    assert outcome.quote and outcome.page is None


def test_result_for_a_year_takes_the_heading_as_name() -> None:
    outcome = _one("Utfallet för 2019 blev 72 %.")
    assert (outcome.indicator, outcome.year, outcome.value) == ("Resultat och analys", 2019, "72 %")


def test_we_reached_with_target_in_brackets() -> None:
    outcome = _one("Vi nådde 93 % av de planerade uppföljningarna under 2019 (mål: 90 %).")
    assert (outcome.year, outcome.value, outcome.target) == (2019, "93 %", "90 %")


def test_gender_split() -> None:
    outcome = _one(
        "Andelen nöjda brukare var 79 procent 2019, 81 procent för kvinnor och 77 procent för män."
    )
    assert (outcome.value, outcome.women, outcome.men) == ("79 procent", "81 procent", "77 procent")


def test_change_from_to_gives_both_years() -> None:
    found = _outcomes(
        "Andelen klienter med genomförandeplan ökade från 61 procent (2018) till 78 procent (2019)."
    )
    assert [(o.year, o.value) for o in found] == [(2018, "61 procent"), (2019, "78 procent")]
    assert found[0].indicator == found[1].indicator == "Andelen klienter med genomförandeplan"


@pytest.mark.parametrize(
    "body",
    [
        "Nöjd kund-index (NKI) 2017: 61, 2018: 64 och 2019: 68.",
        "Nöjd kund-index (NKI) var 61 (2017), 64 (2018) och 68 (2019).",
    ],
)
def test_series_per_year(body: str) -> None:
    found = _outcomes(body)
    assert [(o.year, o.value) for o in found] == [(2017, "61"), (2018, "64"), (2019, "68")]
    assert {o.indicator for o in found} == {"Nöjd kund-index (NKI)"}


def test_year_from_the_paragraph_when_the_sentence_has_none() -> None:
    outcome = _one("Under 2019 arbetade vi med tillgängligheten. Andelen besvarade samtal blev 88 procent.")
    assert (outcome.year, outcome.value) == (2019, "88 procent")


@pytest.mark.parametrize(
    "body",
    [
        "Andelen klienter med planering ska vara 80 procent.",  # a target, not an outcome
        "Handläggningstiden är högst 30 dagar enligt rutinen.",  # present tense
        "Resultatet var bättre än väntat.",  # no figure
        "Antalet ärenden var störst år 2019.",  # the number is a year
    ],
)
def test_not_an_outcome(body: str) -> None:
    assert _outcomes(body) == []


def test_five_outcomes_from_one_unseen_application() -> None:
    body = "\n\n".join(
        [
            "Sjukfrånvaron låg på 4,1 procent 2019 (målet var 5 procent).",
            "Andelen nöjda brukare blev 81 procent.",
            "Antalet avhysningar minskade från 14 (2018) till 9 (2019).",
            "I medarbetarundersökningen fick enheten ett AMI på 79 år 2019.",
            "Resultat 2019: 88 %",
        ]
    )
    assert len(_outcomes(body)) >= 6


@pytest.mark.parametrize(
    ("body", "name", "year", "value", "target"),
    [
        (
            "Under 2019 hade 78 procent av klienterna en aktuell genomförandeplan (mål: 80 procent).",
            "Andel av klienterna som hade en aktuell genomförandeplan",
            2019,
            "78 procent",
            "80 procent",
        ),
        (
            "År 2019 kom 42 procent av deltagarna ut i arbete eller studier.",
            "Andel av deltagarna som kom ut i arbete eller studier",
            2019,
            "42 procent",
            None,
        ),
        (
            "I enkäten 2019 svarade 85 procent av brukarna att de var nöjda med bemötandet.",
            "Andel som svarade att de var nöjda med bemötandet",
            2019,
            "85 procent",
            None,
        ),
        (
            "Andelen avslutade ärenden har legat på 64 procent under 2019.",
            "Andelen avslutade ärenden",
            2019,
            "64 procent",
            None,
        ),
    ],
)
def test_shares_and_perfect_tense(body: str, name: str, year: int, value: str, target: str | None) -> None:
    outcome = _one(body)
    assert (outcome.indicator, outcome.year, outcome.value, outcome.target) == (name, year, value, target)


def test_has_decreased_from_to() -> None:
    found = _outcomes("Sjukfrånvaron har minskat från 8,2 procent 2017 till 5,9 procent 2019.")
    assert [(o.indicator, o.year, o.value) for o in found] == [
        ("Sjukfrånvaron", 2017, "8,2 procent"),
        ("Sjukfrånvaron", 2019, "5,9 procent"),
    ]


def test_year_table_with_several_rows() -> None:
    body = "2017 2018 2019\nNöjda brukare 71 74 79\nAktuella planer 60 66 81\nRätt insats i tid 55 58 63"
    found = _outcomes(body)
    assert len(found) == 9
    assert [(o.year, o.value) for o in found if o.indicator == "Aktuella planer"] == [
        (2017, "60"),
        (2018, "66"),
        (2019, "81"),
    ]


def test_a_year_right_after_the_value_is_its_own() -> None:
    found = _outcomes(
        "Personalomsättningen sjönk kraftigt mellan 2016 och 2018, och sjukfrånvaron var 4,2 procent 2018."
    )
    years = {(o.value, o.year) for o in found if o.indicator.lower().startswith("sjukfrånvaro")}
    assert years == {("4,2 procent", 2018)}


def test_a_change_runs_on_through_more_years() -> None:
    found = _outcomes(
        "Andelen nöjda familjehem ökade från 62 procent 2016 till 71 procent 2017 och 84 procent 2018."
    )
    assert {(o.year, o.value) for o in found} == {
        (2016, "62 procent"),
        (2017, "71 procent"),
        (2018, "84 procent"),
    }
