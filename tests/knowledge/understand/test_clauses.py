"""Clauses that only tell about the asker are left out of the topic; asking clauses and names stay.

The messages are made up in the style of Teams chat (not taken from any question set).
"""

from __future__ import annotations

import pytest

from knowledge.textnorm import fold
from knowledge.understand.clauses import clauses, context_tokens, is_asking, is_condition
from knowledge.understand.mentions import tokenize
from tests.knowledge.understand.samples import EB, read


def _telling(message: str) -> list[str]:
    toks = tokenize(message)
    idx = context_tokens(message, [(t.start, t.end) for t in toks], [t.f for t in toks], set())
    return [toks[k].raw for k in sorted(idx)]


def test_a_message_is_cut_at_punctuation_commas_and_emojis() -> None:
    message = "hej! jag är ny 🙂 vad är IB, och vem gör den?"
    toks = tokenize(message)
    parts = clauses(message, [(t.start, t.end) for t in toks])
    assert [[toks[k].raw for k in range(lo, hi)] for lo, hi, _ in parts] == [
        ["hej"],
        ["jag", "är", "ny"],
        ["vad", "är", "IB"],
        ["och", "vem", "gör", "den"],
    ]
    assert [mark for *_, mark in parts] == [False, False, False, True]


def test_a_decimal_comma_does_not_cut_a_clause() -> None:
    message = "är målet 3,5 % eller 1.3?"
    toks = tokenize(message)
    assert len(clauses(message, [(t.start, t.end) for t in toks])) == 1


@pytest.mark.parametrize(
    ("message", "telling"),
    [
        # A clause about the asker before or after the question.
        (
            "vi har möte i eftermiddag, vilka utbildningar ska chefer gå om dataskydd?",
            "vi har möte i eftermiddag",
        ),
        (
            "när slutar aktiviteten om friskfaktorer? jag sitter med årsrapporten",
            "jag sitter med årsrapporten",
        ),
        ("jobbar kväll idag 😴 hur ofta följs budgeten upp?", "jobbar kväll idag"),
        # An embedded question: the framing before "veta vad" tells, the rest asks.
        (
            "jag håller på med en rapport och behöver veta vad målet för sjukfrånvaron är",
            "jag håller på med en rapport och behöver veta",
        ),
    ],
)
def test_telling_clauses_are_found(message: str, telling: str) -> None:
    assert " ".join(_telling(message)) == telling


@pytest.mark.parametrize(
    "message",
    [
        "vilka utbildningar ska chefer gå om dataskydd?",  # one clause: the message is the question
        "vi har möte i eftermiddag och jag undrar",  # nothing asks
        # The asking clause right after points back at what the telling clause names.
        "vi har en ny brukare, vilka insatser kan hon få?",
        "jag vill gå en utbildning, när tar jag upp det med chefen?",
        # A conditional or a subject is not about the asker.
        "om en klient hotar mig, vem ska jag prata med?",
        "en brukare bor i Bromma, får hon komma till träfflokalen?",
        # Reported speech passes on content.
        "min chef sa att vi har ett nytt mål, vad är det för mål?",
        # A yes/no question without its question mark asks, it does not tell.
        "har vi nåt mål för sjukfrånvaron, hur följs det upp",
    ],
)
def test_clauses_with_content_are_kept(message: str) -> None:
    assert _telling(message) == []


def test_names_inside_a_telling_clause_are_kept() -> None:
    assert _telling("jag ska vikariera på Kyrkogatan i helgen, hur är bemanningen på natten?") == [
        "jag",
        "ska",
        "vikariera",
        "på",
        "i",
        "helgen",
    ]


def test_the_topic_keeps_the_question_and_the_unit_drops_the_story() -> None:
    reading = read(
        "sitter på ekonomiskt bistånd i spånga med en jobbig handläggning, "
        "vilket årsmål har flerpartssamtalen?"
    )
    assert reading.units == [EB]
    assert reading.topic == "flerpartssamtalen"


def test_the_telling_clause_stays_when_the_question_names_too_little() -> None:
    # "hur ofta sker det?" names nothing of its own: the telling clause holds the topic.
    reading = read("jag har ärendegenomgångar med gruppledaren, hur ofta sker det?")
    assert "ärendegenomgångar" in reading.topic


def test_reported_speech_framing_is_chatter() -> None:
    reading = read("min handledare nämnde trepartssamtal, vad är det?")
    assert reading.topic == "trepartssamtal"
    assert {"handledare", "nämnde"} <= set(reading.chatter)


def test_a_telling_clause_whose_framing_is_chatter_is_still_found() -> None:
    # "jag jobbar på" and "undrar" are chatter (chatter.tsv); the clause still tells about the asker
    # and "undrar vad …" still opens the asker's question.
    from knowledge.understand.chatter import chatter_tokens, sentence_bounds

    message = "Hej! Jag jobbar på boendet sen en månad tillbaka och undrar vad målet är för sjukfrånvaron?"
    toks = tokenize(message)
    spans = [(t.start, t.end) for t in toks]
    starts, ends = sentence_bounds(message, spans)
    chatter = chatter_tokens([t.f for t in toks], starts, ends)
    idx = context_tokens(message, spans, [t.f for t in toks], chatter)
    assert [toks[k].raw for k in sorted(idx)] == ["boendet", "sen", "en", "månad", "tillbaka", "och"]


def test_a_yes_no_question_after_a_question_stays_it_may_hold_what_is_asked() -> None:
    # "blev det överskott?" names what the answer hinges on: it is not left out as a guess.
    assert _telling("hur gick det ekonomiskt 2018, blev det överskott?") == []
    assert _telling("finns det feriejobb? hur många platser har vi?") == []


@pytest.mark.parametrize(
    ("clause", "condition"),
    [
        ("om nån vill lämna kriminaliteten", True),
        ("när vi måste placera nån", True),
        ("ifall en brukare uteblir", True),
        ("om budgeten", False),  # a preposition: no subject follows
        ("när ska vi vara klara", False),  # a question
        ("vi har en ny klient", False),
    ],
)
def test_a_conjunction_before_its_subject_opens_the_questions_condition(clause: str, condition: bool) -> None:
    words = [fold(w) for w in clause.split()]
    assert is_condition(words) is condition
    assert not is_asking(words, False) or not condition  # a condition asks nothing by itself
