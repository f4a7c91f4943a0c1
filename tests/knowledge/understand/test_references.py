"""Turns that point back by how they are built (knowledge/understand/references.py)."""

from __future__ import annotations

from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.understand.intent import Intent
from knowledge.understand.references import is_repair, pending_after, repaired, undislocate
from tests.knowledge.understand.samples import EB_BER, HA, SOA, ST, read


def test_a_dislocated_phrase_takes_the_place_of_its_pronoun() -> None:
    assert undislocate("IPS, vad menas med det?") == "vad menas med IPS?"
    assert undislocate("sjukfrånvaron, vad ska den ligga på?") == "vad ska sjukfrånvaron ligga på?"
    assert undislocate("Tora och Kravatten, var ligger dom?") == "var ligger Tora och Kravatten?"


def test_the_undislocated_question_asks_for_the_term_not_about_the_conversation() -> None:
    # Read as typed, the pronoun makes it a follow-up about the passage just quoted.
    assert read("IPS, vad menas med det?").is_followup
    reading = read(undislocate("IPS, vad menas med det?"))
    assert reading.intent is Intent.ABBREVIATION and not reading.is_followup and reading.topic == "IPS"


def test_chatter_and_clauses_before_a_comma_are_not_dislocated() -> None:
    for text in (
        "ok, vad menas med det?",
        "hej, vad är det för mål?",
        "tack, vem ansvarar för det?",
        "vad är FUT, och vem gör det?",  # a question before the comma, not a phrase
        "jag jobbar på en enhet i hägersten med beroende, vad gör de?",  # a clause, not a name
        "IPS vad menas med det?",  # no comma
        "IPS, berätta mer om det",  # not a question after the comma
    ):
        assert undislocate(text) == text


def test_a_fronted_time_is_not_dislocated() -> None:
    # "hur gick det" has an expletive "det": the year is when, not what ("hur gick och året
    # dessförinnan mot budget?" lost the follow-up's "och" and its year).
    for text in (
        "och året dessförinnan, hur gick det mot budget?",
        "förra året, hur blev det då?",
        "2018, hur gick det?",
    ):
        assert undislocate(text) == text
    assert read("och året dessförinnan, hur gick det mot budget?").is_followup


def test_a_turn_that_only_names_a_place_or_a_year_is_a_repair() -> None:
    for reply in ("stöd och aktivitet", "hägersten-älvsjö", "ok men 2023 då?", "i spånga då?"):
        assert is_repair(read(reply)), reply


def test_a_turn_with_words_of_its_own_is_not_a_repair() -> None:
    for reply in (
        "ok",
        "och vad är KF:s årsmål?",
        "okej men vårt boendestöd på stöd och aktivitet?",
        "tack!",
    ):
        assert not is_repair(read(reply)), reply


def test_the_repair_gives_the_unanswered_question_its_place() -> None:
    pending = read("vad är årsmålet för sjukfrånvaro dag 1-14?")
    question = repaired(pending, read("stöd och aktivitet"))
    assert question.units == [SOA] and question.topic == pending.topic and question.intent is pending.intent


def test_the_repair_replaces_the_year_and_keeps_the_unit() -> None:
    pending = read("årsmål sjukfrånvaro dag 1-14 på ek bistånd och beroende 2021?")
    question = repaired(pending, read("ok men 2023 då?"))
    assert question.year == 2023 and question.years == [2023]
    assert question.units == [EB_BER] and question.topic == pending.topic


def test_a_district_replaces_the_unit_the_question_named() -> None:
    question = repaired(read("årsmål sjukfrånvaro ek bistånd och beroende hägersten-älvsjö?"), read("spånga"))
    assert question.units == [] and question.districts == [ST]
    assert HA not in question.districts


def _answer(kind: AnswerKind, pending: str | None = None) -> Answer:
    return Answer(answer="…", kind=kind, context=ConversationContext(pending=pending))


def test_an_unanswered_question_is_pending_and_an_answer_clears_it() -> None:
    assert pending_after(_answer(AnswerKind.CLARIFY), "vem är enhetschef?", None).context.pending == (
        "vem är enhetschef?"
    )
    assert pending_after(_answer(AnswerKind.NOT_FOUND), "x 2021?", None).context.pending == "x 2021?"
    assert pending_after(_answer(AnswerKind.INDICATOR, "x 2021?"), "x", None).context.pending is None


def test_a_failed_repair_keeps_the_original_question_pending() -> None:
    answer = pending_after(
        _answer(AnswerKind.NOT_FOUND), "årsmål sjukfrånvaro 2022", "årsmål sjukfrånvaro 2021"
    )
    assert answer.context.pending == "årsmål sjukfrånvaro 2021"


def test_a_pointing_det_before_a_verb_particle_or_hos_oss_is_a_follow_up() -> None:
    # reading.py `_ends_pointing`: "det" closing the question but for a particle or "hos oss".
    for text in (
        "när tar det slut?",
        "när drar det igång?",
        "hur ser det ut?",
        "vem har hand om det hos oss?",
    ):
        assert read(text).is_followup, text
    # A formal "det" before its subject opens a question of its own.
    assert not read("finns det nåt om ekonomin?").is_followup
