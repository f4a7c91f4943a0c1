"""Initials of unit and district names ("HV", "H-Ä", "SAE") read from a question."""

from __future__ import annotations

import pytest

from knowledge.understand.initials import (
    NameKind,
    initials,
    name_parts,
    unique_initialisms,
    without_ending,
    written_as_initials,
)
from tests.knowledge.understand.samples import EB, HA, HL, HV, SOA, ST, read


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("Hässelby-Vällingby", "hv"),
        ("Hägersten-Älvsjö", "ha"),
        ("Enskede-Årsta-Vantör", "eav"),
        ("Stöd- och aktivitetsenheten", "sae"),
        ("Enheten för ekonomiskt bistånd och beroende", "ebb"),
        ("Ekonomiskt bistånd", "eb"),
        ("Bromma", None),  # one part: no initials
        ("Vuxenenheten", "ve"),  # a compound ending in "enheten" has two parts
    ],
)
def test_initials_of_a_name(name: str, letters: str | None) -> None:
    assert initials(name) == letters


def test_name_parts_drop_links_and_split_the_unit_word() -> None:
    assert name_parts("Stöd- och aktivitetsenheten") == ["stod", "aktivitets", "enheten"]
    assert name_parts("Enheten för ekonomiskt bistånd och beroende") == ["ekonomiskt", "bistand", "beroende"]


def test_initials_shared_by_two_names_pick_neither() -> None:
    names = [("Hägersten-Liljeholmen", NameKind.DISTRICT), ("Hornsberg-Lindhagen", NameKind.DISTRICT)]
    names.append(("Spånga-Tensta", NameKind.DISTRICT))
    got = {i.letters: i.name for i in unique_initialisms(names)}
    assert got == {"st": "Spånga-Tensta"}


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        (["HV"], True),
        (["H", "Ä"], True),
        (["SAE"], True),
        (["hv"], False),
        (["Hv"], False),
        (["HV", "X"], False),
        # The Swedish ending after a colon is no part of the initials: "HV:s rutin".
        (["HV:s"], True),
        (["H", "Ä:s"], True),
        (["hv:s"], False),
    ],
)
def test_only_capitals_are_initials(raw: list[str], ok: bool) -> None:
    assert written_as_initials(raw) is ok


@pytest.mark.parametrize(
    ("question", "units", "districts"),
    [
        ("när började aktiviteten om spelberoende i H-Ä?", [], [HA]),
        ("hur många träningslägenheter finns i HL", [], [HL]),
        ("hur många bor på kyrkogatan, SAE", [SOA], []),
        ("vad är målet för andel barn på EB i ST", [EB], [ST]),
        ("hur många medarbetare har försörjning i HV", None, [HV]),
        # Genitive initials: the ending after the colon does not hide the name.
        ("enligt HV:s rutin, hur snabbt ger vi återkoppling?", None, [HV]),
        ("vad har H-Ä:s ek bist för mål för sjukfrånvaron", None, [HA]),
        ("hur stor är SAE:s budget för lokaler", [SOA], []),
    ],
)
def test_initials_name_units_and_districts(
    question: str, units: list[str] | None, districts: list[str]
) -> None:
    reading = read(question)
    if units is not None:
        assert sorted(reading.units) == sorted(units), reading
    assert sorted(reading.districts) == sorted(districts), reading


@pytest.mark.parametrize(
    "question", ["ska vi ha nåt mål för sjukfrånvaro", "vad har hl för mål", "vad är st"]
)
def test_lower_case_letters_are_no_initials(question: str) -> None:
    reading = read(question)
    assert reading.districts == [] and reading.units == [], reading


@pytest.mark.parametrize(
    ("word", "base"),
    [("HV:s", "HV"), ("kpi:n", "kpi"), ("KF:s", "KF"), ("HV", "HV"), ("1:a", "1:a"), ("kl:", "kl:")],
)
def test_the_ending_after_a_colon_is_read_off(word: str, base: str) -> None:
    assert without_ending(word) == base


def test_a_topic_keeps_no_genitive_initials() -> None:
    reading = read("enligt HV:s rutin, hur snabbt ger vi återkoppling på klagomål?")
    assert "HV" not in reading.topic and "klagomål" in reading.topic, reading
