"""Quote units that follow how the text is written (`retrieval.quote_units`, `extract.quote_around`)
and the age answer type (`understand.answer_types`, `retrieval.fillers`)."""

from __future__ import annotations

from knowledge.retrieval.extract import best_sentences
from knowledge.retrieval.fillers import type_match
from knowledge.retrieval.quote_units import is_remark, open_end, takes_up
from knowledge.understand.answer_types import AnswerType, asked_types


def test_a_definite_noun_takes_up_the_indefinite_one_before() -> None:
    assert takes_up("Kortet gäller för bad, gym och gruppträning.", "Alla anställda kan köpa ett årskort.")
    assert takes_up("Projektet arbetar med metoder.", "Vi medverkar i projekt Trygg hemgång.")
    # Given in the definite form already: the plan naming its own unit, no new thing.
    assert not takes_up("Enheten arbetar med MI.", "Enheten för ekonomiskt bistånd har tre team.")
    assert not takes_up("Det gäller alla.", "Alla anställda kan köpa ett årskort.")


def test_the_sentence_after_that_takes_up_the_best_ones_noun_is_quoted() -> None:
    passage = (
        "Friskvård är viktigt för oss. Alla anställda kan köpa ett årskort till stadens simhallar "
        "till subventionerat pris. Kortet gäller för bad, gym och gruppträning. Lokalerna ligger i "
        "Fruängen och är nya."
    )
    picked = best_sentences(
        passage, "årskort simhallar", question="årskortet till simhallarna, vad gäller det?"
    )
    assert "Kortet gäller för bad, gym och gruppträning." in picked


def test_a_best_sentence_opening_with_a_taken_up_noun_brings_the_sentence_before() -> None:
    passage = (
        "Vi medverkar i beställarenhetens projekt Trygg hemgång. Projektet arbetar med att skapa "
        "metoder för brukare som skrivs ut från psykiatrisk slutenvård. Boendestödet har MI-träffar."
    )
    picked = best_sentences(
        passage, "psykiatrisk slutenvård metoder", question="vad heter det för brukare från slutenvården?"
    )
    assert picked[0] == "Vi medverkar i beställarenhetens projekt Trygg hemgång."


def test_a_short_remark_after_the_best_sentence_is_quoted_with_it() -> None:
    assert is_remark("Uppföljning månadsvis.")
    assert is_remark("Ansvarig: Enhetschef och kontroller.")
    assert not is_remark("Lokalerna ligger i Liljeholmen.")
    passage = (
        "Samtliga ärenden inom HVT följs upp av biträdande enhetschef med teamets socialsekreterare. "
        "Uppföljning månadsvis.\n\nEnheten har också ett relationsvårdsteam med egen budget och egna lokaler."
    )
    picked = best_sentences(passage, "HVT ärenden", question="hur följs ärendena i HVT upp?")
    assert picked[:2] == [
        "Samtliga ärenden inom HVT följs upp av biträdande enhetschef med teamets socialsekreterare.",
        "Uppföljning månadsvis.",
    ]


def test_a_quote_does_not_stop_on_a_comma() -> None:
    assert open_end("-SIP-möten (samlad individuell plan) för planering med vården,")
    assert not open_end("Enheten har tre team.")
    passage = (
        "Klienten deltar i samordningsmöten med vården och Försäkringskassan. Dessa samordningsmöten är "
        "främst i form av:\n-SIP-möten (samlad individuell plan) för planering med vården,\n\n"
        "-FINSAM-möten för planering med Arbetsförmedlingen, Jobbtorg och stadsdelen."
    )
    picked = best_sentences(passage, "samordningsmöten SIP", question="vilka samordningsmöten har vi?")
    assert any("FINSAM" in p for p in picked)


def test_the_asked_type_is_taken_from_next_to_the_continued_sentence() -> None:
    passage = (
        "Bruket producerar och säljer olika varor beroende på årstid. "
        "Det kan vara marmelader, blomsterarrangemang och olika inläggningar. Under sommarhalvåret "
        "förläggs verksamheten en dag per vecka till odlingar i Mariefred. Caféet har cateringuppdrag."
    )
    picked = best_sentences(
        passage, "bruket varor årstid", question="vart åker bruket med varorna på sommaren?"
    )
    assert any("Mariefred" in p for p in picked)


def test_an_age_is_asked_and_filled_apart_from_a_count() -> None:
    assert asked_types("hur gamla ska de vara som går på Kravatten?") == frozenset({AnswerType.AGE})
    assert AnswerType.AGE in asked_types("vilken åldersgrupp är Triangeln till för?")
    age = asked_types("hur gamla är deltagarna?")
    assert type_match(age, "en mötesplats för unga vuxna mellan 18 och 35 år") == 1.0
    assert type_match(age, "Triangeln vänder sig till personer med psykisk funktionsnedsättning 55+.") == 1.0
    assert type_match(age, "Kravatten ligger i Telefonplan och har ca 25 deltagare.") < 0.5
    passage = (
        "Kravatten är en öppen mötesplats för unga vuxna mellan 18 och 35 år som inriktar sig på "
        "återhämtning. Verksamheten baseras på deltagarnas behov. Kravattens hälsocoacher leder "
        "träningen. Kravatten ligger i Telefonplan och har ca 25 deltagare."
    )
    picked = best_sentences(passage, "Kravatten", question="hur gamla ska de vara på Kravatten?", limit=1)
    assert "mellan 18 och 35 år" in picked[0]
