"""A chat message that asks two things is cut into its questions; one question stays whole.

The messages are made up in the style of Teams chat (not taken from any question set).
"""

from __future__ import annotations

import pytest

from knowledge.understand.several import asks_anew, split_message


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        # "och" + interrogative, the second pointing back with a pronoun.
        (
            "vad är årsmålet för sjukfrånvaron och när följs det upp?",
            ["vad är årsmålet för sjukfrånvaron?", "och när följs det upp?"],
        ),
        # A question mark and a second question naming something of its own; greetings stay first.
        (
            "Hej! hur många platser har dagverksamheten? o vem är chef där? tack",
            ["Hej! hur många platser har dagverksamheten?", "och vem är chef där? tack"],
        ),
        # A comma; chat spellings read as standard words.
        (
            "hur mkt kostar lokalen, och hur ofta e den bokad?",
            ["hur mycket kostar lokalen?", "och hur ofta är den bokad?"],
        ),
        # Context about the asker before the first question stays with it.
        (
            "jag är ny och undrar vad IBIS är och vem som ansvarar för det?",
            ["jag är ny och undrar vad IBIS är?", "och vem som ansvarar för det?"],
        ),
    ],
)
def test_two_questions_are_cut_apart(message: str, parts: list[str]) -> None:
    assert split_message(message) == parts


@pytest.mark.parametrize(
    "message",
    [
        "vad är årsmålet för sjukfrånvaron?",
        # A yes/no question after the first only narrows it.
        "vad har vi för bil på enheten? är det en elbil eller?",
        # Coordinated interrogatives or subjects: one question.
        "när och var har vi APT?",
        "vilka aktiviteter och vilka indikatorer finns för klimatmålet?",
        # The second only says the first again.
        "hur mycket ekologisk mat köper vi in, vad är målet?",
        # The first "question" tells (an idea, a quote), only the second asks.
        "har en idé om hur vi kan jobba smartare, var tar jag upp den?",
        "'jag vet vad som förväntas' – vad blev resultatet 2018?",
        # "när" as a conjunction inside one question.
        "vad gör vi när en klient inte kommer på sitt besök?",
    ],
)
def test_one_question_stays_whole(message: str) -> None:
    assert split_message(message) == [message]


def test_a_later_question_asks_anew_when_it_names_or_points() -> None:
    assert asks_anew(["och", "hur", "manga", "av", "dem", "ar", "man"])
    assert asks_anew(["och", "nar", "foljs", "det", "upp"])
    assert asks_anew(["och", "vad", "var", "det", "2018"])
    assert not asks_anew(["vad", "ar", "malet"])
    assert not asks_anew(["och", "vad", "ar", "indikatorn"])
