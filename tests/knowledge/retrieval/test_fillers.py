"""The Swedish grammar of answer fillers (knowledge/retrieval/fillers.py)."""

from __future__ import annotations

import pytest

from knowledge.retrieval.fillers import filler_strengths, fills, type_match
from knowledge.understand.answer_types import AnswerType

T = AnswerType


@pytest.mark.parametrize(
    "sentence",
    [
        "Styrgruppen träffas två gånger per termin.",
        "Kassan stäms av 4 gånger/år.",
        "Handledning ges en gång i månaden.",
        "Planeringen ses över fyra gånger om året.",
        "Inventering sker varje vecka.",
        "Avstämning med ekonomen sker var sjätte vecka.",
        "Listan gås igenom varannan vecka.",
        "Statistiken följs upp månadsvis.",
        "Revisionen görs årligen.",
        "Vi har månatliga träffar med nätverket.",
        "Verksamheten flyttar ut en till två dagar per vecka.",
        # OCR text without å/ä/ö
        "stickprover gors tre ganger per ar",
    ],
)
def test_frequencies(sentence: str) -> None:
    assert filler_strengths(sentence).get(T.FREQUENCY) == 1.0


def test_a_vague_frequency_is_weaker_than_an_exact_one() -> None:
    assert filler_strengths("Rutinen följs upp löpande.")[T.FREQUENCY] == 0.5
    assert T.FREQUENCY not in filler_strengths("Vår verksamhet arbetar med delaktighet.")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Mötet hålls i mars.", T.TIME),
        ("Caféet har öppet till 21.30.", T.TIME),
        ("Utbildningen startar under hösten.", T.TIME),
        ("Beslut fattas 2024-03-01.", T.TIME),
        ("Svar ges inom tre veckor.", T.DURATION),
        ("Den som ringer får en första kontakt inom 48 timmar.", T.DURATION),
        ("Lunchen kostar 65 kr.", T.AMOUNT),
        ("Måltiderna serveras till självkostnadspris.", T.AMOUNT),
        ("Kursen är kostnadsfri för medarbetare.", T.AMOUNT),
        ("Andelen ska vara 80 %.", T.AMOUNT),
        ("Gruppen har tolv deltagare.", T.COUNT),
        ("Boendet har 14 lägenheter.", T.COUNT),
        ("Avdelningschefen ansvarar för uppföljningen.", T.PERSON),
        ("Ärendet lämnas till socialsekreteraren.", T.PERSON),
        ("Mottagningen ligger i Vällingby centrum.", T.PLACE),
        ("Besöksadressen är Storgatan 12.", T.PLACE),
        ("Deltagarna hänvisas till öppenvården i Sundbyberg.", T.PLACE),
        ("Förskolan öppnar i kvarteret nära Årstabergets pendeltågsstation.", T.PLACE),
        ("Vi ringer upp eftersom ingen ska behöva vänta.", T.REASON),
        ("Syftet är att sprida goda exempel.", T.REASON),
        ("Avvikelser fångas upp genom att alla använder formuläret.", T.METHOD),
    ],
)
def test_other_fillers(sentence: str, kind: AnswerType) -> None:
    assert filler_strengths(sentence).get(kind) == 1.0


def test_a_bare_year_and_our_are_not_strong_times() -> None:
    # Plans name their year everywhere; "vår" (our) folds like "vår" (spring).
    assert filler_strengths("Under 2023 fortsätter arbetet.").get(T.TIME) == 0.5
    assert T.TIME not in filler_strengths("Vår enhet arbetar med MI.")
    assert T.COUNT not in filler_strengths("Planen gäller 2023.")


def test_type_match_takes_the_best_asked_type_and_close_types_partly() -> None:
    weekly = "Teamen har ärendedragning varje vecka."
    assert type_match(frozenset({T.FREQUENCY}), weekly) == 1.0
    # a frequency tells "när" well, but not fully
    assert 0.5 <= type_match(frozenset({T.TIME}), weekly) < 1.0
    assert type_match(frozenset({T.PERSON}), weekly) == 0.0
    assert type_match(frozenset(), weekly) == 0.0
    assert fills(frozenset({T.PLACE, T.FREQUENCY}), weekly)
    assert not fills(frozenset({T.AMOUNT}), weekly)


def test_the_number_of_a_frequency_or_a_sum_is_not_a_count() -> None:
    assert T.COUNT not in filler_strengths("Styrgruppen träffas fyra gånger per år.")
    assert T.COUNT not in filler_strengths("Lunchen kostar 65 kr.")
    assert filler_strengths("Boendet har 14 lägenheter och lunchen kostar 65 kr.")[T.COUNT] == 1.0


def test_a_responsibility_is_not_a_reason() -> None:
    # "ansvarar för att" names a duty ("responsible for"), not a purpose.
    assert T.REASON not in filler_strengths("Enhetschefen ansvarar för att rutinen följs.")
    assert filler_strengths("Vi ringer upp för att ingen ska vänta.")[T.REASON] == 1.0


def test_a_sentence_opening_with_darfor_draws_a_conclusion_its_reason_lies_before() -> None:
    # "Därför är det en vinning …": the reason is named around it, so the quote looks next to
    # it for a filler; "därför att" and a mid-sentence "därför" are one.
    assert T.REASON not in filler_strengths("Därför är det en stor vinning att prata flera språk.")
    assert T.REASON not in filler_strengths("Darfor &r det en stor vinning.")
    assert filler_strengths("Vi ringer upp därför att ingen ska vänta.")[T.REASON] == 1.0
    assert filler_strengths("Det är därför vi ringer upp.")[T.REASON] == 1.0
