"""The answer type a question asks for (knowledge/understand/answer_types.py)."""

from __future__ import annotations

import pytest

from knowledge.understand.answer_types import AnswerType, asked_types, asks_specific

T = AnswerType


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hur ofta har vi planeringsdagar?", {T.FREQUENCY}),
        ("Hur många gånger om året träffas styrgruppen", {T.FREQUENCY}),
        ("hur regelbundet stäms kassan av?", {T.FREQUENCY}),
        ("städdagen, hur ofta?", {T.FREQUENCY}),
        ("när är nästa utbildningsdag?", {T.TIME}),
        ("nar borjar sommarstangningen", {T.TIME}),
        ("vilken månad görs inventeringen?", {T.TIME}),
        ("hur sent får man ringa jouren?", {T.TIME}),
        ("hur länge sparas anteckningarna?", {T.DURATION}),
        ("hur snabbt ska vi återkoppla?", {T.DURATION}),
        ("vad kostar kursen?", {T.AMOUNT}),
        ("hur mycket betalar deltagarna för maten", {T.AMOUNT, T.COUNT}),
        ("hur många platser finns det?", {T.COUNT}),
        ("vilken åldersgrupp vänder sig träffen till?", {T.AGE}),
        # The singular form staff type most: "hur gammal måste man vara".
        ("hur gammal maste man vara for att fa komma till traffen?", {T.AGE}),
        ("hur gamla är deltagarna?", {T.AGE}),
        ("vem ringer jag om passerkortet?", {T.PERSON}),
        ("vilka från ledningen deltar i mötet?", {T.PERSON}),
        # Who does it, or with whom, asked with "vilka/vilket team" and a verb.
        ("vilka hos oss hjalper folk med hyresskulder?", {T.PERSON}),
        ("vilket team tar hand om de nyinflyttade?", {T.PERSON}),
        ("ihop med vilka jobbar vi kring skolfrånvaro?", {T.PERSON}),
        ("vilka samarbetar vi med kring praktikplatser?", {T.PERSON}),
        # A noun after "med vilka" asks for things, not partners.
        ("med vilka verktyg följer vi upp?", {T.METHOD}),
        ("var ligger dagverksamheten?", {T.PLACE}),
        ("vart skickar vi blanketten?", {T.PLACE}),
        ("varför har vi stående punkt om miljö?", {T.REASON}),
        ("vad är syftet med hembesöken?", {T.REASON}),
        ("hur gör vi när en brukare uteblir?", {T.METHOD}),
        ("hur går det till när vi tar emot en anmälan", {T.METHOD}),
        # "när" before its subject opens a condition, also at the start: no time is asked.
        ("när vi måste placera nån, vilka avtal ska vi hålla oss inom?", set()),
        ("när en anmälan är registrerad, vem går den vidare till?", {T.PERSON}),
        # "från/sedan när" asks for a time unless its "när" opens a clause with a subject.
        ("sedan när gäller rutinen?", {T.TIME}),
        ("fran nar har vi haft brukarråd", {T.TIME}),
        ("vad utgår ifo från när de utreder vad folk behöver?", set()),
        ("hur ofta ska vi göra egenkontroll och var dokumenteras den?", {T.FREQUENCY, T.PLACE}),
        # Chat spellings are read as the words they stand for: "mkt" is "mycket".
        ("hur mkt betalar deltagarna for maten", {T.AMOUNT, T.COUNT}),
        ("ngn aning om hur manga platser det finns?", {T.COUNT}),
        # A share is answered by a percentage, an amount filler.
        ("hur stor andel ska behålla kontraktet?", {T.AMOUNT}),
        ("vilken andel av maten ska vara ekologisk", {T.AMOUNT}),
        ("vad betyder IPS?", set()),
        ("vilka mål har enheten?", set()),
    ],
)
def test_the_question_words_give_the_type(question: str, expected: set[AnswerType]) -> None:
    assert asked_types(question) == expected


def test_a_method_gives_way_to_a_more_specific_type() -> None:
    # "hur ska vi …" reads as a method, but "hur ofta" says what one line must hold.
    assert asked_types("hur ska vi följa upp avtalen, hur ofta?") == {T.FREQUENCY}
    assert asks_specific("vem ansvarar för nycklarna?")
    assert not asks_specific("hur hanterar vi synpunkter?")
