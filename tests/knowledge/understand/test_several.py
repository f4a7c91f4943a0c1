"""A chat message that asks two things is cut into its questions; one question stays whole.

The messages are made up in the style of Teams chat (not taken from any question set).
"""

from __future__ import annotations

import pytest

from knowledge.answer import ConversationContext
from knowledge.understand.reading import QuestionReading
from knowledge.understand.several import (
    asks_anew,
    leans_on_before,
    names_nothing,
    shared_place,
    split_message,
)


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
        # A yes/no question (its verb before its subject) joined by "eller" asks something new.
        (
            "ska på hembesök, finns det sl-kort på enheten eller har vi en bil man kan ta?",
            ["ska på hembesök, finns det sl-kort på enheten?", "eller har vi en bil man kan ta?"],
        ),
        # A yes/no question after a question mark.
        (
            "hur ofta har vi apt? har vi flextid också",
            ["hur ofta har vi apt?", "har vi flextid också"],
        ),
        # A preposition before the interrogative opens the first question.
        (
            "från vilken ålder tar teamet emot brukare, och hur många brukare har de?",
            ["från vilken ålder tar teamet emot brukare?", "och hur många brukare har de?"],
        ),
        # A short later question that names nothing but asks another kind of detail.
        (
            "när tar man fram utvecklingsplanen, och med vem?",
            ["när tar man fram utvecklingsplanen?", "och med vem?"],
        ),
        (
            "vad är det för aktivitet om hjälpmedel, samt när?",
            ["vad är det för aktivitet om hjälpmedel?", "samt när?"],
        ),
        # A later question naming nothing, asking who where the first asks how often.
        (
            "hur ofta har vi husmöte och vilka får vara med?",
            ["hur ofta har vi husmöte?", "och vilka får vara med?"],
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
        # A short later part that asks no specific kind of detail narrows the first.
        "hur många medarbetare finns det och vilka?",
        "vilka aktiviteter och vilka indikatorer finns för klimatmålet?",
        # The second only says the first again.
        "hur mycket ekologisk mat köper vi in, vad är målet?",
        # The first "question" tells (an idea, a quote), only the second asks.
        "har en idé om hur vi kan jobba smartare, var tar jag upp den?",
        "'jag vet vad som förväntas' – vad blev resultatet 2018?",
        # "i vår …" (folded "i var") is no question opening, nor is a statement's "vi har".
        "vad ska vi göra i vår verksamhet för att minska plasten?",
        "vad gäller för semestern, vi har ju flextid på enheten",
        # A yes/no question that only asks whether the first has an answer, or asks the bot to show it.
        "hur låg ska omsättningen vara enligt målet, finns det en siffra?",
        "vilka är våra utvecklingsområden? kan du lista dom?",
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
    assert not asks_anew(["finns", "det", "en", "siffra"])
    # A yes/no question that only points back asks nothing new; one that names something does.
    assert not asks_anew(["finns", "det", "nagon", "rutin", "for", "det"])
    assert asks_anew(["eller", "har", "vi", "en", "bil"])
    # Naming nothing, a question asking another kind of detail than the one before asks anew.
    who = ["och", "vilka", "far", "vara", "med"]
    assert asks_anew(who, ["hur", "ofta", "har", "vi", "husmote"])
    assert not asks_anew(who, ["vilka", "deltar", "pa", "husmotet"])
    assert not asks_anew(who)


def test_a_question_leans_on_the_one_before_when_it_points_back() -> None:
    assert leans_on_before("och var ligger det?")
    assert leans_on_before("och hur många deltagare kommer dit? tack!!")
    assert not leans_on_before("och vad är årsmålet för sjukfrånvaron?")
    assert not leans_on_before("eller har vi en bil man kan ta? tack!")


def test_a_question_names_nothing_when_it_only_asks_a_detail() -> None:
    assert names_nothing("och med vem?")
    assert names_nothing("samt när? tack!")
    assert names_nothing("hur ofta i så fall")
    assert not names_nothing("och hur många deltagare kommer till träffen?")
    assert not names_nothing("eller har vi en bil man kan ta?")


def _message(units: list[str], districts: list[str] | None = None) -> QuestionReading:
    return QuestionReading(text="…", units=units, districts=districts or [])


def test_the_place_a_message_names_holds_for_each_of_its_questions() -> None:
    fresh = ConversationContext()
    place = shared_place(_message(["Stöd- och aktivitetsenheten"]), fresh, None)
    assert place.unit == "Stöd- och aktivitetsenheten" and place.unit_named
    place = shared_place(_message([], ["Hägersten-Älvsjö"]), fresh, "Enhet B")
    assert place.district == "Hägersten-Älvsjö" and place.unit is None
    # Naming none, the message holds the unit its answer came from.
    assert shared_place(_message([]), fresh, "Enhet B").unit == "Enhet B"
    # Two units named: none holds for all; a place already under discussion is kept.
    assert shared_place(_message(["Enhet A", "Enhet B"]), fresh, "Enhet B") == fresh
    under_way = ConversationContext(unit="Enhet C")
    assert shared_place(_message(["Enhet A"]), under_way, None) == under_way
    assert shared_place(_message([]), fresh, None) == fresh
