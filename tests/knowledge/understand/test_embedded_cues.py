"""Embedded clauses of a question: their words describe the topic, not the kind of text asked."""

from __future__ import annotations

from knowledge.textnorm import fold
from knowledge.understand.embedded_cues import embedding_words, is_embedded, parse


def _at(question: str, word: str) -> bool:
    folded = fold(question)
    return is_embedded(folded, folded.index(word))


def test_a_word_after_a_subjunction_is_embedded() -> None:
    assert _at("hur ska vi nå målet att färre barnfamiljer behöver stöd?", "behover")
    assert _at("hur gör vi när vi behöver en vikarie?", "behover")
    assert _at("hur jobbar vi med klienter som behöver tolk?", "behover")


def test_the_asking_frame_is_not_embedded() -> None:
    assert not _at("hur ska vi nå målet att färre behöver stöd?", "hur")
    assert not _at("vad krävs för att klara budgeten?", "kravs")


def test_a_clause_end_closes_the_embedding() -> None:
    question = "om det krävs mer, vad gör vi då?"
    assert _at(question, "kravs")
    assert not _at(question, "vad gor")


def test_an_infinitive_att_before_the_cue_is_not_an_embedding() -> None:
    assert not _at("hur jobbar vi för att följa upp planerna?", "folja")
    assert _at("hur jobbar vi för att barnen ska följa med?", "folja")


def test_the_table_is_read_through_core_vocab() -> None:
    assert {"att", "som", "nar"} <= embedding_words()
    assert parse("# a comment\natt\tnote\nsom\tnote\n") == frozenset({"att", "som"})
    assert not is_embedded("att vi behover", 8, frozenset())
