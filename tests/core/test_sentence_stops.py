"""Abbreviations whose stop ends no sentence (`core.sentence_stops`) and the splitters using them."""

from __future__ import annotations

import re

import pytest

from core.sentence_stops import abbreviations, ends_with_abbreviation, not_after_abbreviation
from ingest.parser.text import sentences as ingest_sentences
from knowledge.retrieval.extract import sentences

# Each text is one sentence: the stop inside belongs to an abbreviation.
WHOLE = [
    "Träffpunkt Slussen har öppet måndag till fredag kl. 10-16 och erbjuder arbetsträning.",
    "Enheten har ca. 150 aktuella ärenden.",
    "Stöd ges till ansökan om annan ersättning, genom t.ex. Försäkringskassan.",
    "Vi samverkar bl.a. Jobbtorg och Arbetsförmedlingen.",
    "Teamet arbetar med s.k. Case management.",
    "Avgiften gäller fr.o.m. 2023 och t.o.m. 2025.",
    "Lokalen ligger i hus nr. 3 på gården.",
    "Besöken ställdes in p.g.a. Covid-19 under våren.",
    "Barnet far illa (14 kap. 1 § socialtjänstlagen, SoL).",
    "Anmälarens identitet skyddas enligt 26 kap. 1 § OSL.",
    "Kl. 9 öppnar mottagningen och Ca. 20 besökare kommer.",
]


@pytest.mark.parametrize("text", WHOLE)
def test_an_abbreviations_stop_does_not_end_the_sentence(text: str) -> None:
    assert sentences(text) == [text]
    assert [text[a:b] for a, b in ingest_sentences(text)] == [text]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # "etc.", "osv." and "m.m." before a capital end their sentence in the documents.
        (
            "Vi spelar spel, tar en promenad etc. Varje månad har man bomöte.",
            "Vi spelar spel, tar en promenad etc.",
        ),
        (
            "Budgeten styrs av nyckeltal, bostadsbestånd osv. Vår budget räcker.",
            "Budgeten styrs av nyckeltal, bostadsbestånd osv.",
        ),
        ("Vi erbjuder fika, lunch m.m. Hägergruppen arbetar med hantverk.", "Vi erbjuder fika, lunch m.m."),
        # Units that close a figure, and a word that merely ends in an abbreviation's letters.
        ("Budgeten är 46,3 mnkr. Den största kostnaden är personal.", "Budgeten är 46,3 mnkr."),
        ("Vi besökte Mikl. Sedan åkte vi hem.", "Vi besökte Mikl."),
        ("Vi har öppet till kl 16. Efter det svarar jouren.", "Vi har öppet till kl 16."),
    ],
)
def test_real_sentence_ends_are_kept(text: str, first: str) -> None:
    assert sentences(text)[0] == first
    assert len(sentences(text)) == 2
    assert len(ingest_sentences(text)) == 2


def test_a_line_broken_after_an_abbreviation_reads_on() -> None:
    text = "Slussen har öppet måndag till fredag kl.\n10-16 och erbjuder arbetsträning."
    assert sentences(text) == [text]


def test_the_table_is_lower_case_abbreviations_with_stops() -> None:
    found = abbreviations()
    assert {"kl.", "ca.", "t.ex.", "bl.a.", "s.k.", "fr.o.m.", "t.o.m.", "nr.", "p.g.a.", "kap."} <= set(
        found
    )
    assert not {"etc.", "osv.", "m.m."} & set(found)
    assert all(re.fullmatch(r"[a-zåäö.]+\.", f) for f in found)


def test_the_fragment_is_empty_width_and_blocks_only_after_an_abbreviation() -> None:
    split = re.compile(r"(?<=[.!?])" + not_after_abbreviation() + r"\s+")
    assert split.split("öppet kl. 10. Sedan stängt.") == ["öppet kl. 10.", "Sedan stängt."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("… fredag kl.", True),
        ("(14 kap.", True),
        ("genom T.ex.", True),
        ("… promenad etc.", False),
        ("Mikl.", False),
    ],
)
def test_ends_with_abbreviation(text: str, expected: bool) -> None:
    assert ends_with_abbreviation(text) is expected
