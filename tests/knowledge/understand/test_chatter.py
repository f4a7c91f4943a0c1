"""Chatter is left out of intent and topic, never out of unit detection; own-unit words are recorded."""

from __future__ import annotations

import pytest

from knowledge.understand.chatter import Phrase, Where, chatter_tokens, parse, phrase_words
from knowledge.understand.intent import Intent
from tests.knowledge.understand.samples import SOA, read


def _chatter(words: str, starts: set[int] | None = None) -> list[str]:
    ws = words.split()
    idx = chatter_tokens(ws, starts if starts is not None else {0}, {len(ws) - 1})
    return [ws[k] for k in sorted(idx)]


def test_a_start_phrase_counts_only_at_the_start_of_a_sentence() -> None:
    assert _chatter("hej vad ar arsmalet") == ["hej"]
    assert _chatter("vad ar hej") == []
    assert _chatter("vad ar arsmalet for sjukfranvaro va") == ["va"]  # end phrase at the end
    assert _chatter("va ar arsmalet") == []  # "va" typed for "vad" at the start is not chatter


def test_start_and_end_phrases_chain() -> None:
    assert _chatter("hej snabbfraga vad ar fut eller hur tack") == [
        "hej",
        "snabbfraga",
        "eller",
        "hur",
        "tack",
    ]


def test_a_wildcard_takes_one_word() -> None:
    assert _chatter("ny som arbetsledare och undrar vilka mal") == ["ny", "som", "arbetsledare", "undrar"]


def test_a_malformed_line_is_reported() -> None:
    with pytest.raises(ValueError, match="rad 1"):
        parse("somewhere\thej")
    assert parse("start\thej\nany\ttack så mycket")[0] == Phrase(Where.ANY, phrase_words("tack så mycket"))


def test_chatty_question_keeps_its_unit_and_topic() -> None:
    reading = read(
        "Hej! Jag har precis börjat på Stöd- och aktivitetsenheten – vad har vi för mål för sjukfrånvaron?"
    )
    assert reading.units == [SOA]
    assert reading.topic == "sjukfrånvaron"
    assert reading.own_unit and reading.intent is Intent.INDICATOR
    assert {"Hej", "precis", "börjat"} <= set(reading.chatter)


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("snabbfråga: vad står IB för, det står överallt i planen", "IB"),
        ("Vad betyder FUT? Står överallt i vår VP", "FUT"),
        ("hej! vad betyder APT, tack", "APT"),
    ],
)
def test_an_abbreviation_question_followed_by_chatter_is_still_one(question: str, term: str) -> None:
    reading = read(question)
    assert reading.intent is Intent.ABBREVIATION and reading.abbreviation == term and reading.topic == term


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("kan du säga vad årsmålet för sjukfrånvaro är hos oss?", "sjukfrånvaro"),
        ("vad är målet för korttidsfrånvaron va?", "korttidsfrånvaron"),
        ("undrar vilka aktiviteter som finns för klarspråk, tack!", "klarspråk"),
        ("hej, va är årsmålet för sjukfrånvaro", "sjukfrånvaro"),
        ("vad är IB4 som nämns i planen?", "IB4"),
        ("ny här – vad är DUA för nåt", "DUA"),
    ],
)
def test_chatter_does_not_dilute_the_topic(question: str, topic: str) -> None:
    assert read(question).topic == topic


@pytest.mark.parametrize(
    ("question", "own"),
    [
        ("vad har vi för mål?", True),
        ("vilka aktiviteter finns i vår VP", True),
        ("hur hög är sjukfrånvaron hos oss", True),
        ("vilka mål har min enhet", True),
        ("var finns rutinen för klagomål", False),  # "var" is "where", not "vår"
        ("vilka mål har Stöd- och aktivitetsenheten", False),
    ],
)
def test_own_unit_words_are_recorded(question: str, own: bool) -> None:
    assert read(question).own_unit is own


@pytest.mark.parametrize(
    ("question", "unit", "topic"),
    [
        (
            "Ny på ek bistånd i Spånga – vilka lagar styr vårt arbete?",
            "Ekonomiskt bistånd",
            "lagar styr arbete",
        ),
        (
            "ny handläggare på Försörjningsstödsenheten – vem är min mentor?",
            "Försörjningsstödsenheten",
            "mentor",
        ),
    ],
)
def test_a_newcomer_prefix_is_chatter_but_its_unit_is_read(question: str, unit: str, topic: str) -> None:
    reading = read(question)
    assert reading.units == [unit] and reading.topic == topic


def test_a_duration_question_is_not_an_activity_end_date() -> None:
    reading = read("hur länge får jag stöd av en mentor?")
    assert reading.intent is not Intent.ACTIVITY and reading.sub_intent != "end"


def test_a_chatty_full_question_is_not_taken_for_a_follow_up() -> None:
    assert not read("Ny som arbetsledare och vill veta vilka aktiviteter vi har för klarspråk").is_followup
    assert read("Tack så mycket! Och för Spånga?").is_followup


@pytest.mark.parametrize(
    ("question", "units", "districts", "topic"),
    [
        (
            "arsmal sjukfranvaro ek bistand hagersten 2023",
            ["Enheten för ekonomiskt bistånd och beroende"],
            None,
            "sjukfranvaro",
        ),
        ("vad ar malet for sjukfranvaro pa stod och aktivitet", [SOA], None, "sjukfranvaro"),
        ("hur manga aktiviteter har forsorjningsstodsenheten", ["Försörjningsstödsenheten"], None, ""),
        ("feriejobb mål spånga?", [], ["Spånga-Tensta"], "feriejobb"),
    ],
)
def test_no_aao_and_shorthand_are_read(
    question: str, units: list[str], districts: list[str] | None, topic: str
) -> None:
    reading = read(question)
    assert reading.units == units and reading.topic == topic
    if districts is not None:
        assert reading.districts == districts


@pytest.mark.parametrize(
    ("words", "filler"),
    [
        ("vad ar malet numera", ["numera"]),
        ("har vi ens nagon rutin", ["ens"]),
        ("vad galler i dagslaget for sjukfranvaro", ["i", "dagslaget"]),
        ("jobbar vi fortfarande med spelberoende", ["fortfarande"]),
    ],
)
def test_time_and_emphasis_fillers_are_chatter(words: str, filler: list[str]) -> None:
    ws = words.split()
    idx = chatter_tokens(ws, {0}, {len(ws) - 1})
    assert [ws[k] for k in sorted(idx)] == filler


def test_a_filler_leaves_the_topic() -> None:
    assert "numera" not in read("vad är årsmålet för sjukfrånvaro numera?").topic
