"""Procedure questions: frame words leave the topic, the whole-procedure ask is recognised."""

from __future__ import annotations

from knowledge.textnorm import fold
from knowledge.understand.intent import Intent
from knowledge.understand.procedure import asks_whole_procedure, frame_indexes
from tests.knowledge.understand.samples import read


def _framed(question: str) -> list[str]:
    words = [fold(w) for w in question.split()]
    return [words[i] for i in sorted(frame_indexes(words))]


def test_frame_phrases_are_found_on_folded_words() -> None:
    framed = _framed("hur går det till från början till slut")
    assert framed == ["hur", "gar", "det", "till", "fran", "borjan", "till", "slut"]
    assert _framed("hur funkar det hos oss") == ["hur", "funkar", "det"]
    assert _framed("steg for steg tack") == ["steg", "for", "steg"]
    assert _framed("vad händer sen med avvikelsen") == ["vad", "hander", "sen"]


def test_content_words_are_not_frame() -> None:
    # "slut" and "steg" are frame words only inside their phrases.
    assert _framed("när är aktiviteten slut") == []
    assert _framed("vilka steg har introduktionsprogrammet") == []
    assert _framed("hur går vi vidare med klagomålen") == []


def test_whole_procedure_ask() -> None:
    assert asks_whole_procedure(fold("en brukare vill klaga, hur går det till?"))
    assert asks_whole_procedure(fold("kan du ta det steg för steg"))
    assert asks_whole_procedure(fold("vad är gången när en anmälan kommer in"))
    assert not asks_whole_procedure(fold("hur ofta har vi brukarråd?"))
    assert not asks_whole_procedure(fold("vem ansvarar för rutinen?"))


def test_frame_words_leave_the_topic_but_not_the_intent() -> None:
    reading = read("en brukare vill klaga på boendestödet, hur går det till från början till slut?")
    assert reading.intent is Intent.ROUTINE
    topic = reading.topic.split()
    assert "klaga" in topic
    assert not {"går", "början", "slut"} & set(topic)


def test_whole_procedure_frame_marks_a_routine_question() -> None:
    # Without a routine cue word the reading was general; "steg för steg" asks how it is done.
    reading = read("orosanmälan för ett barn, steg för steg?")
    assert reading.intent is Intent.ROUTINE
    assert reading.topic.split() == ["orosanmälan", "barn"]


def test_auxiliary_verbs_leave_the_topic() -> None:
    # Their stems are the plans' content words ("brukar" -> "bruk" as in "brukare", "bör" -> "bor").
    topic = read("måste vi skriva nåt när brukaren inte öppnade?").topic
    assert topic.split() == ["skriva", "brukaren", "öppnade"]
    assert "vill" in read("jag vill gå en kurs, vem pratar jag med?").topic.split()
    assert read("brukar vi ha apt varje vecka?").topic.split() == ["apt", "varje", "vecka"]
    assert "bör" not in read("vad bör man tänka på vid inköp?").topic.split()
    # "behöver" stays: its stem is the plans' "behov".
    assert "behöver" in read("vem behöver en SIP?").topic.split()
