"""Unit, district, year and document-type mentions read from a question."""

from __future__ import annotations

import pytest

from knowledge.models import DocType, DocumentMeta
from knowledge.understand.mentions import cutoff, fuzzy_ok, other_compound
from tests.knowledge.understand.samples import (
    BOU,
    EB,
    EB_BER,
    FSE,
    HA,
    HL,
    HV,
    SAMPLE_DOCS,
    SOA,
    ST,
    check,
    read,
)

# ---------------------------------------------------------------- units and districts


@pytest.mark.parametrize(
    ("question", "units", "districts"),
    [
        ("vad är årsmålet för sjukfrånvaro på ek bistånd i Spånga 2020?", [EB], [ST]),
        ("ekbistånd spånga, hur många SIP ska vi göra", [EB], [ST]),
        ("vilka mål har ek. bistånd o beroende", [EB_BER], []),
        ("hur många anställda har enheten för ekonomiskt bistånd och beroende?", [EB_BER], []),
        ("hur ofta följs sjukfrånvaron upp på beroende?", [EB_BER], []),
        ("vad gör missbruksvården i Älvsjö", [EB_BER], [HA]),
        ("hur många jobbar på socialpsykiatrin", [SOA], []),
        ("vad gäller för socialpsyk", [SOA], []),
        ("klagomål på stöd och aktivitet?", [SOA], []),
        ("hur många anställda har stöd- och aktivitetsenheten", [SOA], []),
        ("hur många anställda hade forsorjningsstodsenheten", [FSE], []),
        ("målvärde antal barn försörjningsstöd i Hésselby-Villingby", [FSE], [HV]),
        ("vad är målet för ekonomiskt bistånd i spånga", [EB], [ST]),
        ("vilka aktiviteter har vi i Tensta", [], [ST]),
        ("hur ser det ut i Liljeholmen", [], [HL]),
        ("vad gäller i Hägersten?", [], [HL, HA]),
        ("vilka mål har Hägersten-Älvsjö", [], [HA]),
        ("Hagersten Liljeholmen 2020", [], [HL]),
        ("hur många har försörjningsstöd i Hasselby- Vallingby", [FSE], [HV]),
        ("vilka mål har barn och unga i Farsta?", [BOU], ["Farsta"]),
        ("soc i spånga, vad är målet för andel barn", [EB], [ST]),
        ("vad gäller hos oss?", [], []),
        ("vad ska vi göra i år?", [], []),
    ],
)
def test_units_and_districts(question: str, units: list[str], districts: list[str]) -> None:
    reading = read(question)
    assert sorted(reading.units) == sorted(units), reading
    assert sorted(reading.districts) == sorted(districts), reading


@pytest.mark.parametrize(
    "question",
    [
        "hur testar vi nya metoder?",  # Tensta ~ testa
        "beroende på vad gäller rutinen för klagomål?",
        "vilka aktiviteter har vi?",  # aktivitet ~ Stöd- och aktivitetsenheten
        "när slutar aktiviteten om spelberoende",
        "andel personer som har ekonomiskt bistånd",
        "vad är årsmålet för andel barn i familjer med ekonomiskt bistånd?",
        "andel barn i familjer med ek bistånd",
        "hur ligger vi till med långvarigt ekonomiskt bistånd",
        "vad betyder biståndet för familjen",
        "hur ofta har vi arbetsplatsträff",
        "fast anställda",
        "kan jag beroende på läget byta tid?",
    ],
)
def test_unrelated_words_name_no_unit_or_district(question: str) -> None:
    reading = read(question)
    assert reading.units == [] and reading.districts == [] and reading.other_districts == [], reading


def test_made_up_unit_and_district_are_found_from_their_names_alone() -> None:
    docs = [
        DocumentMeta(source="a.pdf", unit="Enheten för barn och unga", district="Farsta", year=2024),
        DocumentMeta(source="b.pdf", unit="Vuxenenheten", district="Bromma", year=2024),
        DocumentMeta(source="c.pdf", unit="Boendestödsenheten", district="Skarpnäck", year=2022),
    ]
    check(
        read("barn och unga i Farsta", docs),
        {"units": ["Enheten för barn och unga"], "districts": ["Farsta"]},
    )
    check(read("hur många placeringar har BoU?", docs), {"units": ["Enheten för barn och unga"]})
    check(
        read("vad är målet för vuxenenheten i bromma", docs),
        {"units": ["Vuxenenheten"], "districts": ["Bromma"]},
    )
    check(read("årsmålet på boendestödsenheten", docs), {"units": ["Boendestödsenheten"]})
    check(
        read("socialpsykiatrin i Skarpnäck", docs),
        {"units": ["Boendestödsenheten"], "districts": ["Skarpnäck"]},
    )
    check(
        read("hur många barn i Farsta har ekonomiskt bistånd", docs), {"units": [], "districts": ["Farsta"]}
    )


def test_places_and_units_outside_the_corpus_are_reported_apart() -> None:
    check(
        read("vad säger verksamhetsplanen för Skärholmen om sjukfrånvaro?", SAMPLE_DOCS),
        {"districts": [], "other_districts": ["Skärholmen"]},
    )
    check(read("hur stor är budgeten på Kungsholmen?", SAMPLE_DOCS), {"other_districts": ["Kungsholmen"]})
    check(read("vilka mål har barnenheten?", SAMPLE_DOCS), {"units": [], "other_units": ["barn och unga"]})
    check(
        read("vilka mål har barn och unga i Farsta?", SAMPLE_DOCS),
        {"units": [], "other_districts": ["Farsta"]},
    )


def test_a_synonym_naming_several_units_is_narrowed_by_district_and_year() -> None:
    assert sorted(read("vad gäller på ekbistånd?").units) == sorted([EB, EB_BER, FSE])
    assert read("vad gäller på ekbistånd i Hässelby?").units == [FSE]
    assert read("vad gäller på ekbistånd 2023?").units == [EB_BER]
    assert sorted(read("vad gäller på ekbistånd 2030?").units) == sorted([EB, EB_BER, FSE])


@pytest.mark.parametrize(
    ("key", "expected"),
    [("farst", 100.0), ("tenst", 100.0), ("hasselby", 87.0), ("vallingby", 88.0), ("ekonomiskbistand", 88.0)],
)
def test_cutoff_grows_with_alias_length(key: str, expected: float) -> None:
    assert cutoff(key) == expected


def test_fuzzy_hits_must_keep_the_ending_of_short_keys() -> None:
    assert fuzzy_ok("hesselby", "hasselby", 87.5)  # OCR inside the word
    assert not fuzzy_ok("aktivitet", "aktivitetsen", 85.7)  # a different word, not a typo
    assert not fuzzy_ok("bistande", "bistandsen", 88.9)
    assert fuzzy_ok("ekonomiskbistande", "ekonomiskbistand", 97.0)  # long keys: score alone


# ---------------------------------------------------------------- years and document types


@pytest.mark.parametrize(
    ("question", "year", "doc_type"),
    [
        ("vad är årsmålet 2020?", 2020, None),
        ("VP 2023 sjukfrånvaro", 2023, DocType.VERKSAMHETSPLAN),
        ("vp23 sjukfrånvaro", 2023, DocType.VERKSAMHETSPLAN),
        ("vad var målet i fjol?", 2023, None),
        ("vad var målet ifjol", 2023, None),
        ("hur gick det förra året", 2023, None),
        ("vilka mål har vi i år", 2024, None),
        ("årets verksamhetsplan", 2024, DocType.VERKSAMHETSPLAN),
        ("vad planeras nästa år", 2025, None),
        ("när slutar aktiviteten, 2023-12-31?", 2023, None),
        ("programmet mot hemlöshet 2020-2025", None, None),
        ("totalt köpt energi 1945 GWh", None, None),
        ("vad står i kvalitetsutmärkelsen om bemötande", None, DocType.KVALITETSUTMARKELSE),
        ("kvalitetsansökan 2019 Hässelby", 2019, DocType.KVALITETSUTMARKELSE),
        ("vad säger rutinen om hembesök", None, DocType.RUTIN),
    ],
)
def test_years_and_document_types(question: str, year: int | None, doc_type: DocType | None) -> None:
    check(read(question), {"year": year, "doc_type": doc_type})


def test_several_years_are_kept_in_order() -> None:
    assert read("jämför sjukfrånvaron 2020 och 2023").years == [2020, 2023]


# ------------------------------------------------- exact unit names and shared name parts


@pytest.mark.parametrize(
    ("question", "units"),
    [
        # A unit's exact name, written as a name mid-sentence, is a unit mention although
        # "ekonomiskt bistånd" is also a topic word.
        ("Vilka aktiviteter planerar Ekonomiskt bistånd?", [EB]),
        ("Vad gör Ekonomiskt bistånd för barnfamiljer?", [EB]),
        # Written as a name, the exact name beats a longer name that contains it; in lower
        # case it is also the service several units give (a concept), so all stay candidates.
        ("Vad är målet för Ekonomiskt bistånd?", [EB]),
        ("vad är målet för ekonomiskt bistånd på enheten", [EB, EB_BER, FSE]),
        ("Vilka mål har Ekonomiskt bistånd och beroende?", [EB_BER]),
    ],
)
def test_exact_unit_name_is_a_unit_mention(question: str, units: list[str]) -> None:
    assert read(question, SAMPLE_DOCS).units == units


@pytest.mark.parametrize(
    "question",
    [
        "Andel personer som har Ekonomiskt bistånd",  # a topic after "som har", capital or not
        "Hur ligger vi till med långvarigt Ekonomiskt bistånd?",
    ],
)
def test_capitalised_topic_word_stays_a_topic(question: str) -> None:
    assert read(question, SAMPLE_DOCS).units == []


def test_shared_name_part_keeps_every_fitting_district() -> None:
    reading = read("Vad är årsmålet för sjukfrånvaro i Hägersten?", SAMPLE_DOCS)
    assert sorted(reading.districts) == [HL, HA]
    assert not reading.names_one


def test_shared_part_of_made_up_district_names_is_general() -> None:
    docs = [
        DocumentMeta(source="a.txt", unit="Enheten A", district="Norra Ängby", year=2023),
        DocumentMeta(source="b.txt", unit="Enheten B", district="Södra Ängby", year=2023),
        DocumentMeta(source="c.txt", unit="Enheten C", district="Norra Bro", year=2023),
    ]
    both = read("vilka mål finns i Ängby?", docs)
    assert sorted(both.districts) == ["Norra Ängby", "Södra Ängby"] and not both.names_one
    one = read("vilka mål finns i Södra Ängby?", docs)
    assert one.districts == ["Södra Ängby"] and one.names_one


def test_a_service_no_stored_unit_is_named_after_stays_in_the_topic() -> None:
    reading = read(
        "vad gör vi om en brukare på stöd och aktivitet verkar utsatt för våld i nära relation?", SAMPLE_DOCS
    )
    assert reading.units == [SOA]
    assert "våld" in reading.topic and "relation" in reading.topic


def test_another_compound_near_a_unit_name_names_no_unit() -> None:
    # 'boende|gruppen' is one letter-pair from the alias 'beroende|gruppen' (fuzz 92.9) but is a
    # word of its own: a group of some unit, not a misspelt unit name.
    assert other_compound("boendegrupp", "beroendegrupp")
    assert not other_compound("beroendegrup", "beroendegrupp")  # a typo of the name itself
    reading = read("inom hur lång tid gör boendegruppen boendeutredning vid akut hemlöshet?", SAMPLE_DOCS)
    assert reading.units == [], reading
    check(read("hur många anställda hade forsorjningstodsenheten", SAMPLE_DOCS), {"units": [FSE]})
