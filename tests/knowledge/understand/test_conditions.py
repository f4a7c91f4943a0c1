"""Tests for understand/conditions.py: where a rule sentence's condition ends, and whether a
question describes a situation."""

from __future__ import annotations

import pytest

from knowledge.understand.conditions import (
    MAX_UNMARKED_CONDITION_WORDS,
    MarkerRole,
    condition_part,
    markers,
    parse,
    states_condition,
)


def test_packaged_table_has_every_role() -> None:
    table = markers()
    assert "vid" in table.openers
    assert {"om", "nar", "da"} <= table.clauses
    assert "vi" in table.subjects
    # Temporal openers state no situation.
    assert not table.opens("under")
    assert not table.opens("infor")


def test_parse_rejects_unknown_role_and_bad_form() -> None:
    with pytest.raises(ValueError, match="roll"):
        parse("vid\tkanske\n")
    with pytest.raises(ValueError, match="ordform"):
        parse("vid 2\topener\n")
    assert parse("# kommentar\nOm\tclause\tnot\n").clauses == frozenset({"om"})
    assert MarkerRole("subject") is MarkerRole.SUBJECT


def test_condition_runs_to_the_first_comma() -> None:
    sentence = "Om det framkommer misstanke om bidragsbrott, görs polisanmälan."
    assert condition_part(sentence) == "Om det framkommer misstanke om bidragsbrott"


def test_condition_without_comma_is_read_from_the_opening_words() -> None:
    short = "Vid långvarigt beroende ska FIA bedömning användas."
    assert condition_part(short) == short
    long = "Vid " + " ".join(f"ord{i}" for i in range(30)) + "."
    part = condition_part(long)
    assert part is not None
    assert len(part.split()) == MAX_UNMARKED_CONDITION_WORDS


def test_sentence_that_opens_with_no_condition_has_none() -> None:
    assert condition_part("Personer som vill ha stöd länkas till RVC sydväst i Skärholmen.") is None
    assert condition_part("Under 2023 kommer enheten att lägga fokus på kvalitet.") is None
    # "om" inside the sentence is the preposition, not an opener.
    assert condition_part("Vi informerar om rätten till bistånd, och om handläggningen.") is None


def test_list_marks_before_the_opener_are_skipped() -> None:
    assert condition_part("- När brukaren efterfrågar spontana insatser, utförs de direkt.") == (
        "När brukaren efterfrågar spontana insatser"
    )


@pytest.mark.parametrize(
    "question",
    [
        "vad gor vi om vi tror att nan fuskar med bidraget?",
        "om brukarens behov andras, vad hander med planen da?",
        "hur gör vi när en brukare vill klaga?",
        "vid misstanke om vald, vart hanvisar vi?",
        "nar vi rekryterar chefer, vad ar vagledande?",
        "vi misstänker att en brukare blir slagen av sin partner, vad gör vi?",
    ],
)
def test_questions_that_describe_a_situation(question: str) -> None:
    assert states_condition(question)


@pytest.mark.parametrize(
    "question",
    [
        "vad star det om kravatten i planen?",
        "vilka indikatorer följs upp vid T1?",
        "hur manga jobbar pa enheten?",
        "en klient berattar att hen blir slagen hemma, vart skickar vi hen?",
        "tror ni det blir bra?",
    ],
)
def test_questions_without_a_condition_clause(question: str) -> None:
    assert not states_condition(question)


def test_supposition_needs_att() -> None:
    table = parse("tror\tsupposition\n")
    assert table.suppositions == frozenset({"tror"})
    assert states_condition("jag tror att nån fuskar, vad gör vi?", table)
    assert not states_condition("jag tror på det, vad gör vi?", table)
