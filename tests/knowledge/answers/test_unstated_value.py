"""A figure asked for that no quoted sentence about the topic states is declined."""

from __future__ import annotations

import datetime as dt

from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answers.unstated_value import asks_value, unstated_value
from knowledge.understand.reading import QuestionReading, read_question


def _passage(*quotes: str, kind: AnswerKind = AnswerKind.PASSAGES) -> Answer:
    cites = [
        Citation(n=i, source="sae.txt", title="Verksamhetsplan", section="Verksamhetsbeskrivning", quote=q)
        for i, q in enumerate(quotes, start=1)
    ]
    return Answer(answer="Enligt … [1]", kind=kind, citations=cites)


def _read(text: str) -> QuestionReading:
    return read_question(text, [], dt.date(2023, 6, 15))


def test_a_cost_asked_of_a_passage_that_states_none_is_unstated() -> None:
    question = _read("vad kostar det att gå på studiecirklarna på tora?")
    assert unstated_value(question, _passage("Tora erbjuder studiecirklar utifrån deltagarnas intresse."))
    # The figure in a sentence about the topic answers it.
    assert not unstated_value(question, _passage("En studiecirkel på Tora kostar 50 kr per termin."))
    # A price stated in words.
    assert not unstated_value(question, _passage("Studiecirklarna på Tora är gratis."))
    assert not unstated_value(question, _passage("Studiecirklarna på Tora ges till självkostnadspris."))


def test_a_number_must_be_in_a_quote_about_the_topic() -> None:
    question = _read("hur många timmar i veckan får varje brukare hos boendestödet?")
    assert unstated_value(question, _passage("Boendestödet ger stöd i hemmet.", "Kyrkogatan har 22 platser."))
    assert not unstated_value(question, _passage("Boendestödet består av 13 medarbetare."))
    # The figure may follow the sentence that names the item.
    budget = _read("hur stor budget har enheten?")
    assert not unstated_value(budget, _passage("Vi har en budget i balans. Enheten har ca 114 mnkr netto."))
    # A compound of the same family names the topic ("friskvårdsbidrag" ~ "friskvårdsaktivitet").
    grant = _read("hur mycket friskvårdsbidrag kan man få?")
    assert not unstated_value(grant, _passage("En subvention till friskvårdsaktivitet med högst 1 200 kr."))
    # A number word states a figure as well as digits do.
    assert not unstated_value(question, _passage("Boendestödet består av sex medarbetare."))


def test_questions_that_ask_no_figure_and_row_answers_are_left_alone() -> None:
    how = _read("hur gör vi när en klient vill klaga?")
    assert not asks_value(how)
    assert not unstated_value(how, _passage("Klagomål tas emot av handläggaren."))
    often = _read("hur ofta har vi APT?")
    assert not asks_value(often)
    figure = _read("vad ska sjukfrånvaron ligga på?")
    assert asks_value(figure)
    # An indicator answer states its value in its own row: only passage answers are checked.
    assert not unstated_value(figure, _passage("Sjukfrånvaro", kind=AnswerKind.INDICATOR))
    assert unstated_value(figure, _passage("Vi arbetar förebyggande med sjukfrånvaron."))
