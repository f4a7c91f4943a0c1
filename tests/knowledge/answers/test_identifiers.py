"""A date, telephone number, address, e-mail or name asked for that no quote holds is declined."""

from __future__ import annotations

import datetime as dt

from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answers.identifiers import Identifier, asked_identifier, states_identifier, unstated_identifier
from knowledge.understand.reading import QuestionReading, read_question


def _passage(*quotes: str, kind: AnswerKind = AnswerKind.PASSAGES, text: str = "Enligt … [1]") -> Answer:
    cites = [
        Citation(n=i, source="sae.txt", title="Verksamhetsplan", section="Inledning", quote=q)
        for i, q in enumerate(quotes, start=1)
    ]
    return Answer(answer=text, kind=kind, citations=cites)


def _read(text: str) -> QuestionReading:
    return read_question(text, [], dt.date(2023, 6, 15))


def test_questions_name_the_identifier_they_ask_for() -> None:
    assert asked_identifier("vilket datum i februari är enhetsträffen?") is Identifier.DATE
    assert asked_identifier("vilket direktnummer har team tonår?") is Identifier.PHONE
    assert asked_identifier("vad är telefonnumret till mottagningen?") is Identifier.PHONE
    assert asked_identifier("vilken adress har familjecentralen isåfall?") is Identifier.ADDRESS
    assert asked_identifier("vad är mejladressen till enheten?") is Identifier.EMAIL
    assert asked_identifier("vad heter projektledaren som går utbildningen?") is Identifier.PERSON_NAME
    # An activity's start or end date is answered by its month too; a project's name is any name.
    assert asked_identifier("slutdatum för översynen av rutinerna?") is None
    assert asked_identifier("vad heter projektet för brukare som skrivs ut?") is None
    assert asked_identifier("vad händer på enhetsträffen?") is None


def test_each_identifier_is_recognised_in_its_written_form() -> None:
    assert states_identifier(Identifier.DATE, "Aktiviteten startar 2023-02-14.")
    assert states_identifier(Identifier.DATE, "Enhetsträffen hålls den 14 februari.")
    assert not states_identifier(Identifier.DATE, "Planen presenteras på enhetsträff i februari.")
    assert states_identifier(Identifier.PHONE, "Mottagningstelefonen 08-508 09 100 är öppen vardagar.")
    assert not states_identifier(Identifier.PHONE, "Enheten består av tre team: Team Tonår (13–17 år).")
    assert states_identifier(Identifier.PHONE, "Vid akut fara ringer vi 112.")
    assert states_identifier(Identifier.ADDRESS, "Mer information finns på www.stockholm.se.")
    assert states_identifier(Identifier.ADDRESS, "Hésselby torg 20-22, 2 tr, 165 23 Hasselby")
    assert states_identifier(Identifier.ADDRESS, "Familjecentralen ligger på Storgatan 5.")
    assert not states_identifier(Identifier.ADDRESS, "Förvaltningen verkar för att öppna en familjecentral.")
    assert states_identifier(Identifier.EMAIL, "Skriv till mottagningen@stockholm.se.")
    assert states_identifier(Identifier.PERSON_NAME, "Projektledare är Anna Berg.")
    assert not states_identifier(
        Identifier.PERSON_NAME, "Enhetens projektledare går en utbildning i Tjänstedesign."
    )


def test_a_passage_answer_without_the_identifier_is_unstated() -> None:
    date = _read("vilket datum i februari är enhetsträffen på beroende?")
    month = _passage("Årets verksamhetsplan kommer att presenteras på enhetsträff i februari.")
    assert unstated_identifier(date, month) is Identifier.DATE
    assert unstated_identifier(date, _passage("Enhetsträffen hålls 2023-02-14 i stora salen.")) is None
    phone = _read("vilket direktnummer har team tonår?")
    teams = _passage("Enheten består av tre team: Team Små barn, Team Skolbarn och Team Tonår.")
    assert unstated_identifier(phone, teams) is Identifier.PHONE
    # The answer's own lines (document labels in capitals) are no quote: only quotes count.
    name = _read("vad heter projektledaren på stöd och aktivitet?")
    led = _passage(
        "Enhetens projektledare går en utbildning.", text="Enligt Stöd- och aktivitetsenheten Spånga Tensta"
    )
    assert unstated_identifier(name, led) is Identifier.PERSON_NAME


def test_row_answers_and_questions_asking_no_identifier_are_left_alone() -> None:
    phone = _read("vad är telefonnumret till försörjningsstödsenheten?")
    # The structured routes answer from the field that holds it (the contact facts).
    assert unstated_identifier(phone, _passage("Telefon", kind=AnswerKind.ADMIN)) is None
    what = _read("vad händer på enhetsträffen i februari?")
    assert unstated_identifier(what, _passage("Planen presenteras på enhetsträff i februari.")) is None
    # A routine answer is checked like a passage answer.
    address = _read("vilken adress ska klienten skicka överklagan till?")
    sent = _passage("Överklagan skickas till förvaltningen.", kind=AnswerKind.ROUTINE)
    assert unstated_identifier(address, sent) is Identifier.ADDRESS
    assert Identifier.ADDRESS.none_of == "ingen adress"
    assert Identifier.DATE.none_of == "inget datum"
