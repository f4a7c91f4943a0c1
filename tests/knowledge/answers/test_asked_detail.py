"""A time of day, weekday or sum asked for that no quoted sentence about the topic states
is declined (answers/asked_detail.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.vocab import VocabError
from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answers.asked_detail import (
    Detail,
    UnstatedDetail,
    asked_detail,
    parse,
    table,
    topic_stems,
    unstated_detail,
)
from knowledge.understand.reading import QuestionReading, read_question


def _answer(
    *quotes: str, kind: AnswerKind = AnswerKind.PASSAGES, section: str = "Verksamhetsbeskrivning"
) -> Answer:
    cites = [
        Citation(n=i, source="sae.txt", title="Verksamhetsplan", section=section, quote=q)
        for i, q in enumerate(quotes, start=1)
    ]
    return Answer(answer="Enligt … [1]", kind=kind, citations=cites)


def _read(text: str) -> QuestionReading:
    return read_question(text, [], dt.date(2023, 6, 15))


def _detail(question: str) -> Detail | None:
    forms = asked_detail(question)
    return forms.detail if forms else None


def test_the_asked_detail_is_read_from_the_question_words() -> None:
    assert _detail("vilka tider har cafe droppen oppet?") is Detail.CLOCK
    assert _detail("vad har tora for oppettider?") is Detail.CLOCK
    assert _detail("vilken dag i veckan säljer de sina varor?") is Detail.WEEKDAY
    assert _detail("vad kostade tolkarna förra året?") is Detail.MONEY
    assert _detail("hur mycket pengar fick vi från LUM?") is Detail.MONEY
    assert _detail("hur mycket får enheten lägga på julbordet?") is Detail.MONEY
    assert _detail("vilka språk pratar stadsdelsmammorna?") is Detail.LANGUAGE
    # A time of year, a frequency or a count is no time of day, weekday or sum.
    assert _detail("när på året har vi brukarråd?") is None
    assert _detail("hur ofta har boendestödet MI-träffar?") is None
    assert _detail("hur mycket jobbar vi med MI?") is None
    assert _detail("hur många deltagare har kravatten?") is None


def test_the_topic_leaves_out_the_words_that_name_the_detail() -> None:
    reading = _read("vad var budgeten för tolkar 2023, hur mycket kostade de?")
    forms = asked_detail(reading.text)
    assert forms is not None
    stems = topic_stems(reading, forms)
    assert any(s.startswith("tolk") for s in stems)
    assert not any(s.startswith(("budget", "kost")) for s in stems)


def test_a_sentence_about_the_topic_without_the_detail_is_declined() -> None:
    cafe = _read("vilka tider har cafe droppen oppet?")
    found = unstated_detail(
        cafe, _answer("Café Droppen är ett café som sköts av brukarna med stöd av personal.")
    )
    assert found == UnstatedDetail(Detail.CLOCK, "Café")
    # The same topic with its hours is an answer.
    assert unstated_detail(cafe, _answer("Café Droppen har öppet vardagar kl. 10-15.")) is None


def test_the_detail_must_stand_beside_the_topic_not_in_a_neighbouring_sentence() -> None:
    sold = _read("vilken dag i veckan säljer droppen sina varor?")
    quote = (
        "Droppen producerar och säljer olika varor beroende på årstid. "
        "Det kan vara marmelader och blomsterarrangemang. "
        "Under sommarhalvåret förläggs verksamheten en till två dagar per vecka till odlingar i Mariefred."
    )
    assert unstated_detail(sold, _answer(quote)) == UnstatedDetail(Detail.WEEKDAY, "Droppen")
    trips = _read("vilka dagar i veckan är verksamheten i mariefred?")
    assert unstated_detail(trips, _answer(quote)) is None


def test_a_budget_row_answers_a_sum_only_for_the_item_it_names() -> None:
    party = _read("hur mycket får enheten lägga på julbordet enligt budgeten?")
    totals = _answer("Beloppen anges i TKr Budget\nSumma kostnader\t27 310", kind=AnswerKind.BUDGET)
    assert unstated_detail(party, totals) == UnstatedDetail(Detail.MONEY, None)
    rent = _read("hur mycket är budgeten för lokalkostnader?")
    rows = _answer("Beloppen anges i TKr Budget\nLokalkostnader\t3 120", kind=AnswerKind.BUDGET)
    assert unstated_detail(rent, rows) is None


def test_a_sum_in_words_or_under_the_topics_heading_is_stated() -> None:
    meals = _read("vad kostar maltiderna pa tora?")
    assert unstated_detail(meals, _answer("Båda måltiderna serveras till självkostnadspris.")) is None
    # The sentence naming the topic, then one referring back to it with the price.
    breakfast = _read("vad kostar frukosten pa tora?")
    served = "På Tora erbjuds frukost och lunch. Båda måltiderna serveras till självkostnadspris."
    assert unstated_detail(breakfast, _answer(served)) is None
    far = "På Tora erbjuds frukost och lunch. Här finns stöd i vardagen. Kaffe kostar 5 kr på Kravatten."
    assert unstated_detail(breakfast, _answer(far)) == UnstatedDetail(Detail.MONEY, "Tora")
    hours = _read("vilka tider har tora oppet?")
    assert unstated_detail(hours, _answer("Öppet måndag till fredag kl. 9-16.", section="Tora")) is None


def test_answers_asking_back_declining_or_without_quotes_are_left_alone() -> None:
    cafe = _read("vilka tider har cafe droppen oppet?")
    assert unstated_detail(cafe, _answer()) is None
    assert unstated_detail(cafe, _answer("Vilken enhet menar du?", kind=AnswerKind.CLARIFY)) is None
    # A definition states no sum: a glossary answer is checked.
    grant = _read("hur mycket pengar fick vi från LUM?")
    glossary = _answer("LUM betyder Lokala utvecklingsmedel.", kind=AnswerKind.GLOSSARY)
    assert unstated_detail(grant, glossary) == UnstatedDetail(Detail.MONEY, "LUM")


def test_the_decline_says_what_is_mentioned_and_what_is_not() -> None:
    said = UnstatedDetail(Detail.MONEY, "tolk").message("Familjerätten, verksamhetsplan 2021")
    assert said.startswith("Familjerätten, verksamhetsplan 2021 nämner tolk men anger inget belopp")
    assert "inga tider" in UnstatedDetail(Detail.CLOCK, None).message("X")


def test_the_packaged_table_has_every_detail() -> None:
    assert {f.detail for f in table()} == set(Detail)


def test_a_malformed_table_line_is_reported() -> None:
    with pytest.raises(VocabError):
        parse("klockslag\tasks\tvilken tid\nklockslag\tsays\tkl \\d\n")
    with pytest.raises(VocabError):
        parse("belopp\tasks\tvad kostar\n")  # no states line
    with pytest.raises(VocabError):
        parse("belopp\tasks\t(\nbelopp\tstates\tkr\n")  # invalid pattern
    forms = parse("belopp\tasks\tvad kostar\nbelopp\tstates\t\\d+ kr\nbelopp\tword\tkostar|pris\n")
    assert forms[0].words == frozenset({"kostar", "pris"})


def test_languages_are_stated_by_name() -> None:
    mothers = _read("vilka språk pratar stadsdelsmammorna?")
    vague = _answer("Stadsdelsmammorna pratar flera olika språk och har själva kommit som nyanlända.")
    assert unstated_detail(mothers, vague) == UnstatedDetail(Detail.LANGUAGE, "Stadsdelsmammorna")
    named = _answer("Stadsdelsmammorna pratar bland annat arabiska, somaliska och dari.")
    assert unstated_detail(mothers, named) is None
