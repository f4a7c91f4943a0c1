"""Newcomer questions: their framing is chatter, and the overview aspect or vocabulary term is read.

Pure reading over the sample metadata (no model, no catalog).
"""

from __future__ import annotations

import pytest

from knowledge.answer import ConversationContext
from knowledge.answers.overview import Aspect, Cue, Where, cue_table, parse, read_aspect
from knowledge.answers.vocabulary import asks_goal_chain, read_term, vocabulary
from knowledge.answers.vocabulary import parse as parse_vocabulary
from knowledge.understand.reading import apply_context
from tests.knowledge.understand.samples import EB, SOA, read


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("hur många team finns det? nyanställd", "team"),
        ("första veckan här, hur ser organisationen ut?", "ser organisationen ut"),
        ("har precis börjat – vilka målgrupper har vi?", "målgrupper"),
        ("ny behandlare här – vilka målgrupper har vi?", "målgrupper"),
        ("vilka målgrupper har vi? är ny", "målgrupper"),
        ("började i måndags, vad är vår vision?", "vision"),
    ],
)
def test_newcomer_framing_is_chatter(question: str, topic: str) -> None:
    assert read(question).topic == topic


def test_newcomers_as_a_topic_stay_content() -> None:
    # "nyanställda" is what the question is about, not who asks.
    assert "nyanställda" in read("vad ingår i introduktionen för nyanställda?").topic


def test_the_unit_after_the_framing_is_still_named() -> None:
    reading = read("jag har börjat på stöd- och aktivitetsenheten – vad är vårt uppdrag?")
    assert reading.units == [SOA]
    assert read_aspect(reading) is not None


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("hej! jag är ny, vad gör vi egentligen på enheten?", Aspect.MISSION),
        ("vad är vårt uppdrag?", Aspect.MISSION),
        ("vilka målgrupper jobbar vi mot?", Aspect.TARGET_GROUP),
        ("vilka klienter möter vi på ekonomiskt bistånd i spånga?", Aspect.TARGET_GROUP),
        ("hur är enheten organiserad?", Aspect.ORGANISATION),
        ("vad är viktigast för oss i år?", Aspect.FOCUS),
        ("vilka utvecklingsområden har vi?", Aspect.FOCUS),
        ("vilken värdegrund har vi?", Aspect.VALUES),
        ("vilka samarbetar vi med?", Aspect.COOPERATION),
    ],
)
def test_overview_aspects(question: str, aspect: Aspect) -> None:
    found = read_aspect(read(question))
    assert found is not None and found[0] is aspect, question


@pytest.mark.parametrize(
    "question",
    [
        "vad är årsmålet för sjukfrånvaro?",  # an indicator
        "vad betyder FUT?",  # a definition
        "vilka aktiviteter har vi för klimatet?",  # an activity
        "hur många deltagare har träfflokalen Tora i Örnberg varje vecka?",  # no overview aspect
        "vilka målgrupper prioriteras till feriejobb och studie- och yrkesvägledning?",  # specific
        "vem leder APT hos oss?",  # an acronym names a thing of its own (a meeting)
    ],
)
def test_specific_questions_are_not_overview(question: str) -> None:
    assert read_aspect(read(question)) is None


def test_the_cue_table_parses_and_every_aspect_has_every_kind_of_cue() -> None:
    table = cue_table()
    for aspect in Aspect:
        assert {c.where for c in table if c.aspect is aspect} == set(Where), aspect
    assert parse("målgrupp\ttext\tmålgrupp*") == [Cue(Aspect.TARGET_GROUP, Where.TEXT, ("malgrupp*",))]
    with pytest.raises(ValueError, match="rad 1"):
        parse("målgrupp\tsomewhere\tord")


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("vad är ett nämndmål?", "nämndmål"),
        ("vad betyder KF? står överallt i vår VP", "KF"),
        ("snabbfråga: vad menas med periodicitet", "periodicitet"),
        ("tertial?", "tertial"),
        ("vad står VP för", "verksamhetsplan"),
        ("vad är en indikator för nåt", "indikator"),
        ("jag är ny, vad är ett enhetsmål?", "enhetsmål"),
        ("snabbfråga: nämndmål?", "nämndmål"),
    ],
)
def test_definition_questions_name_a_vocabulary_term(question: str, term: str) -> None:
    found = read_term(read(question))
    assert found is not None and found.term == term


@pytest.mark.parametrize(
    "question",
    [
        "vad är nämndmålet för sjukfrånvaro?",  # a goal of a plan, not the word
        "vilka nämndmål har ekonomiskt bistånd?",
        "vad är KF:s årsmål för sjukfrånvaro?",
        "vad betyder FUT?",  # not in the vocabulary (documents define it)
        # A bare term after a question of its own names what it asks for.
        "andel brukare som inte upplever diskriminering, årsmål?",
    ],
)
def test_other_questions_are_no_definitions(question: str) -> None:
    assert read_term(read(question)) is None


def test_goal_chain_questions() -> None:
    assert asks_goal_chain(read("hur hänger målen ihop?"))
    assert asks_goal_chain(read("hur hänger verksamhetsplanen ihop med nämndmålen och KF?"))
    assert asks_goal_chain(read("vad är målkedjan?"))
    assert not asks_goal_chain(read("hur hänger klimatet och ekonomin ihop?"))
    assert not asks_goal_chain(read(f"vilka nämndmål har {EB}?"))


def test_the_vocabulary_holds_the_goal_levels_and_tells_bad_lines() -> None:
    terms = {t.term for t in vocabulary()}
    assert {"KF", "inriktningsmål", "KF:s mål för verksamhetsområdet", "nämndmål", "enhetsmål"} <= terms
    assert {
        "indikator",
        "årsmål",
        "periodicitet",
        "tertial",
        "verksamhetsplan",
        "kvalitetsutmärkelse",
    } <= terms
    assert all(t.definition.endswith(".") and t.forms and t.words for t in vocabulary())
    with pytest.raises(ValueError, match="rad 1"):
        parse_vocabulary("KF\tKF\tKommunfullmäktige.")


def test_an_elliptic_follow_up_keeps_the_overview_aspect() -> None:
    first = read(f"vilka målgrupper har {EB}?")
    context = ConversationContext(unit=EB, topic=first.topic, intent=first.intent.value)
    follow = apply_context(read(f"och för {SOA}?"), context)
    found = read_aspect(follow)
    assert found is not None and found[0] is Aspect.TARGET_GROUP
