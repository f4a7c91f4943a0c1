"""A rate per period asked for that no quote states is declined (answers/asked_rate.py)."""

from __future__ import annotations

import datetime as dt

from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answers.asked_rate import asked_period, missing_rate, parse_periods, periods
from knowledge.understand.reading import QuestionReading, read_question


def _answer(*quotes: str, kind: AnswerKind = AnswerKind.PASSAGES, text: str = "Enligt … [1]") -> Answer:
    cites = [
        Citation(n=i, source="sae.txt", title="Verksamhetsplan", section="Verksamhetsbeskrivning", quote=q)
        for i, q in enumerate(quotes, start=1)
    ]
    return Answer(answer=text, kind=kind, citations=cites)


def _read(text: str) -> QuestionReading:
    return read_question(text, [], dt.date(2023, 6, 15))


def test_the_asked_period_is_read_in_each_written_form() -> None:
    assert (p := asked_period("hur många timmar i veckan får varje brukare?")) and p.name == "vecka"
    assert (p := asked_period("målet för antal klientbesök per månad")) and p.name == "manad"
    assert (p := asked_period("hur många samtal om dagen tar mottagningen?")) and p.name == "dag"
    # No period, and the year (every target's default period) is not read as one.
    assert asked_period("hur många hembesök ska vi göra?") is None
    assert asked_period("hur många SIP:ar per år ska vi ha?") is None
    # "idag" and "i dag" name a day, not a rate per day.
    assert asked_period("hur många ärenden har vi i dag?") is None


def test_a_figure_per_another_period_or_occasion_is_missing_the_rate() -> None:
    question = _read("hur många timmar i veckan ska boendestödet ge varje brukare?")
    assert (
        missing_rate(question, _answer("Gruppen har träffats vid 2 tillfällen cirka 2 timmar/tillfälle."))
        == "vecka"
    )
    assert missing_rate(question, _answer("Boendestödet ger i snitt 3 timmar i veckan per brukare.")) is None
    monthly = _read("vad är målet för antal hembesök i månaden hos boendestödet?")
    assert (
        missing_rate(monthly, _answer("Hembesök görs enligt genomförandeplanen.", kind=AnswerKind.LIST))
        == "manad"
    )
    # A slash, an adverb or "varje" states the rate as well.
    assert missing_rate(monthly, _answer("Teamet ger stöd till ca 100 brukare/månad.")) is None
    assert missing_rate(monthly, _answer("Hembesöken följs upp månadsvis: 40 stycken.")) is None
    assert missing_rate(monthly, _answer("Vi gör 40 hembesök varje månad.")) is None


def test_questions_asking_no_figure_and_answers_without_quotes_are_left_alone() -> None:
    # Whether something happens weekly is a yes/no question, not a figure per week.
    trips = _read("gör hägergruppen utflykter typ varje vecka?")
    assert missing_rate(trips, _answer("Hägergruppen gör utflykter på sommaren.")) is None
    question = _read("hur många timmar i veckan ska boendestödet ge?")
    assert missing_rate(question, _answer()) is None
    assert missing_rate(question, _answer("Boendestöd betyder …", kind=AnswerKind.GLOSSARY)) is None
    assert missing_rate(question, _answer("Vill du veta …", kind=AnswerKind.CLARIFY)) is None


def test_periods_are_read_from_tsv_lines() -> None:
    parsed = parse_periods(["# comment", "", "kvartal\tkvartal\tkvartalet\tkvartalsvis"])
    assert [p.name for p in parsed] == ["kvartal"]
    assert parsed[0].stated_in("tre rapporter per kvartal")
    assert parsed[0].stated_in("rapporteras kvartalsvis")
    assert not parsed[0].stated_in("rapporteras varje tertial")
    # The shipped data file holds the month and the week.
    assert {"manad", "vecka"} <= {p.name for p in periods()}
