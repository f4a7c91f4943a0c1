"""Intent, sub-intent, topic, follow-up, language and help read from a question."""

from __future__ import annotations

import pytest

from knowledge.understand.reading import Intent
from tests.knowledge.understand.samples import check, read

# ---------------------------------------------------------------- intents


@pytest.mark.parametrize(
    ("question", "intent", "sub_intent"),
    [
        ("hur många ska få feriejobb", Intent.INDICATOR, "target"),
        ("vad är årsmålet för sjukfrånvaro", Intent.INDICATOR, "target"),
        ("vad ar malet for langvarigt ekonomiskt bistand", Intent.INDICATOR, "target"),
        ("vad är KF:s årsmål för feriejobb", Intent.INDICATOR, "kf_target"),
        ("vad har kommunfullmäktige för årsmål för medskapandeindex", Intent.INDICATOR, "kf_target"),
        ("hur ofta följs sjukfrånvaron upp?", Intent.INDICATOR, "periodicity"),
        ("vilken periodicitet har indikatorn om SIP", Intent.INDICATOR, "periodicity"),
        ("hur ligger vi till med sjukfrånvaron", Intent.INDICATOR, "status"),
        ("vad blev utfallet för sjukfrånvaron 2021", Intent.INDICATOR, "outcome"),
        ("vilka mål har vi", Intent.GOAL, "list"),
        ("vilket nämndmål hör till KF-mål 1.3", Intent.GOAL, "children"),
        ("vilka KF-mål finns under inriktningsmål 3", Intent.GOAL, "children"),
        ("vilket KF-mål hör nämndmålet om självförsörjning till", Intent.GOAL, "parent"),
        ("vilket mål hör enhetsmålet om arbetsmiljö till", Intent.GOAL, "parent"),
        ("vad är förväntat resultat för enhetsmålet om arbetsmiljö", Intent.GOAL, "field:forvantat_resultat"),
        ("vad är arbetssättet för enhetsmålet om självständigt liv", Intent.GOAL, "field:arbetssatt"),
        ("hur följs målet om kulturliv upp", Intent.GOAL, "field:uppfoljning"),
        ("vad står det om resursanvändning", Intent.GOAL, "field:resursanvandning"),
        ("vad är beskrivningen av nämndmålet om boende", Intent.GOAL, "field:beskrivning"),
        ("vad är enhetsmålet om hemlöshet", Intent.GOAL, None),
        ("när slutar aktiviteten om spelberoende", Intent.ACTIVITY, "end"),
        ("när började vi med aktiviteten om spelberoende", Intent.ACTIVITY, "start"),
        ("när ska moderniseringen av Tora vara klar", Intent.ACTIVITY, "end"),
        ("när ska programmet mot hemlöshet vara framtaget", Intent.ACTIVITY, "end"),
        ("vilka aktiviteter har vi", Intent.ACTIVITY, "list"),
        ("vad säger rutinen om hembesök", Intent.ROUTINE, None),
        ("hur hanterar vi klagomål", Intent.ROUTINE, None),
        ("hur gör HVT vid ett hyresmeddelande", Intent.ROUTINE, None),
        ("vilka bedömningsinstrument använder vi", Intent.ROUTINE, None),
        ("hur många anställda har vi", Intent.ORGANISATION, None),
        ("vem leder enheten", Intent.ORGANISATION, None),
        ("hur många jobbar i NP-teamet", Intent.ORGANISATION, None),
        ("vilket betyg fick vi i brukarundersökningen", Intent.OUTCOME, None),
        ("vad blev resultatet i medarbetarenkäten", Intent.OUTCOME, None),
        ("vad är målvärdet för antal vuxna", Intent.OUTCOME, None),
        ("vad är enhetens vision", Intent.GENERAL, None),
    ],
)
def test_intents(question: str, intent: Intent, sub_intent: str | None) -> None:
    check(read(question), {"intent": intent, "sub_intent": sub_intent})


@pytest.mark.parametrize(
    ("question", "abbreviation"),
    [
        ("vad betyder FUT", "FUT"),
        ("vad står APT för?", "APT"),
        ("Vad står SHIS för", "SHIS"),
        ("vad är IPS", "IPS"),
        ("vad är ips?", "IPS"),
        ("vad betyder fut", "FUT"),
        ("vad är NP-teamet?", "NP-teamet"),
        ("vad menas med SIP", "SIP"),
        ("vad betyder förkortningen LUM?", "LUM"),
        ("FUT?", "FUT"),
        ("vad betyder lex sarah", "lex sarah"),
    ],
)
def test_abbreviations(question: str, abbreviation: str) -> None:
    check(
        read(question), {"intent": Intent.ABBREVIATION, "abbreviation": abbreviation, "topic": abbreviation}
    )


@pytest.mark.parametrize("question", ["vad betyder det?", "vad står det i rutinen?", "vad är det?"])
def test_pronouns_are_not_abbreviations(question: str) -> None:
    assert read(question).intent is not Intent.ABBREVIATION


def test_goal_numbers() -> None:
    assert read("vilket nämndmål hör till KF-mål 1.3").goal_number == "1.3"
    assert read("mål 2.4 i vp 2020").goal_number == "2.4"
    assert read("vilka KF-mål finns under inriktningsmål 3").goal_number == "3"
    assert read("sjukfrånvaro 3.5 %").goal_number is None
    assert read("sjukfrånvaro dag 1-14").goal_number is None


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("vad är årsmålet för sjukfrånvaro på ek bistånd i Spånga 2020?", "sjukfrånvaro"),
        ("hur många ska få feriejobb", "feriejobb"),
        ("när slutar aktiviteten om spelberoende", "spelberoende"),
        ("vad säger rutinen om hembesök", "hembesök"),
        ("vad är förväntat resultat för enhetsmålet om arbetsmiljö", "arbetsmiljö"),
        ("hur ofta följs sjukfrånvaron upp?", "sjukfrånvaron"),
        (
            "vad är årsmålet för andel barn i familjer med ekonomiskt bistånd?",
            "andel barn familjer ekonomiskt bistånd",
        ),
    ],
)
def test_topic_is_the_question_minus_cues_and_mentions(question: str, topic: str) -> None:
    assert read(question).topic == topic


# ---------------------------------------------------------------- follow-ups, language, help


@pytest.mark.parametrize(
    "question",
    [
        "och 2020 då?",
        "vem ansvarar för det?",
        "och för Spånga?",
        "och KF:s årsmål då?",
        "när började den?",
        "samma för beroende",
        "än i Tensta?",
        "hur är det med Hässelby?",
        "vilka aktiviteter har de?",
        "2020 då?",
        "Spånga?",
    ],
)
def test_follow_ups(question: str) -> None:
    assert read(question).is_followup


@pytest.mark.parametrize(
    "question",
    [
        "vad är årsmålet för sjukfrånvaro?",
        "vilka mål har vi?",
        "vilka aktiviteter har vi?",
        "finns det någon rutin för klagomål?",
        "hur många anställda har enheten?",
        "vad betyder FUT?",
        "och vad säger verksamhetsplanen för stöd och aktivitet om klagomål och synpunkter från brukarna?",
    ],
)
def test_not_follow_ups(question: str) -> None:
    assert not read(question).is_followup


@pytest.mark.parametrize(
    ("question", "swedish"),
    [
        ("What is the annual target for sick leave?", False),
        ("How many employees does the unit have?", False),
        ("Mikä on vuoden tavoite?", False),
        ("Kuinka monta työntekijää yksikössä on?", False),
        ("vad är årsmålet för sjukfrånvaro", True),
        ("hur manga ska fa feriejobb", True),
        ("FUT?", True),
        ("årsmål feriejobb 2020", True),
    ],
)
def test_language(question: str, swedish: bool) -> None:
    assert read(question).looks_swedish is swedish


@pytest.mark.parametrize(
    "question",
    [
        "hjälp",
        "Hej!",
        "hej, vad kan du?",
        "vad kan jag fråga om?",
        "",
        "?",
        "Hej Planbot",
        "god morgon",
        "hur funkar det här?",
    ],
)
def test_help(question: str) -> None:
    reading = read(question)
    assert reading.is_help and not reading.is_followup


@pytest.mark.parametrize(
    "question",
    ["hej! vad är årsmålet för sjukfrånvaro?", "kan du hjälpa mig med rutinen för klagomål?", "tack"],
)
def test_not_help(question: str) -> None:
    assert not read(question).is_help


def test_text_is_whitespace_normalised() -> None:
    assert read("  vad   betyder\tFUT \n").text == "vad betyder FUT"
