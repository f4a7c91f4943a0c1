"""One reply to a message of several questions: each answer under its question, citations renumbered.

Hand-built answers (no snapshot needed): `join_answers` only combines what the routes answered.
"""

from __future__ import annotations

from knowledge.answer import Answer, AnswerKind, Citation, ConversationContext, Fact
from knowledge.answers.closest import CLOSEST_LEAD
from knowledge.answers.several import answers_it, holds_asked, join_answers, stands


def _cite(n: int, quote: str, source: str = "vp.txt") -> Citation:
    return Citation(n=n, source=source, title="Verksamhetsplan", section="Inledning", quote=quote)


def _answer(
    text: str, *quotes: str, kind: AnswerKind = AnswerKind.PASSAGES, unit: str | None = None
) -> Answer:
    return Answer(
        answer=text,
        kind=kind,
        citations=[_cite(n, q) for n, q in enumerate(quotes, 1)],
        context=ConversationContext(unit=unit),
    )


TARGET = _answer("Årsmålet är **7,5 %** [1].", "Sjukfrånvaro\t7,5 %", kind=AnswerKind.INDICATOR, unit="A")
TARGET.facts = [Fact(title="Årsmål", value="7,5 %")]
VISITS = _answer(
    "Hembesök görs av två socialsekreterare [1]. Det dokumenteras samma dag [2].",
    "Hembesök görs alltid av två socialsekreterare.",
    "Besöket dokumenteras samma dag.",
    unit="B",
)
DECLINE = Answer(answer="Jag hittar inget svar på det.", kind=AnswerKind.NOT_FOUND)


def test_a_second_answer_is_added_under_its_question_with_renumbered_citations() -> None:
    reply = join_answers(TARGET, [("vad är målet?", TARGET), ("och hur görs hembesök?", VISITS)])
    assert reply.answer == (
        "Årsmålet är **7,5 %** [1].\n\n**och hur görs hembesök?**\n"
        "Hembesök görs av två socialsekreterare [2]. Det dokumenteras samma dag [3]."
    )
    assert [(c.n, c.quote) for c in reply.citations] == [
        (1, "Sjukfrånvaro\t7,5 %"),
        (2, "Hembesök görs alltid av två socialsekreterare."),
        (3, "Besöket dokumenteras samma dag."),
    ]
    assert reply.kind is AnswerKind.INDICATOR
    assert reply.context.unit == "B"  # a follow-up continues from the last question answered
    assert reply.facts == [] and reply.table is None  # a card or table would show one answer


def test_a_quote_already_cited_is_shared_and_an_answer_adding_nothing_is_left_out() -> None:
    again = _answer("Årsmålet gäller Sjukfrånvaro [1].", "Sjukfrånvaro\t7,5 %")
    assert join_answers(TARGET, [("a?", TARGET), ("b?", again)]) == TARGET
    part_of = _answer(
        "Se raden [1] och [2].", "Sjukfrånvaro", "Hembesök görs alltid av två socialsekreterare."
    )
    reply = join_answers(TARGET, [("a?", TARGET), ("b?", part_of)])
    assert reply.answer.endswith("**b?**\nSe raden [1] och [2].")
    assert len(reply.citations) == 2


def test_when_the_whole_message_is_declined_the_first_answered_question_leads() -> None:
    reply = join_answers(DECLINE, [("a?", DECLINE), ("b?", VISITS), ("c?", TARGET)])
    assert reply.answer.startswith(VISITS.answer)
    assert "**c?**\nÅrsmålet är **7,5 %** [3]." in reply.answer
    assert answers_it(reply)
    assert join_answers(DECLINE, [("a?", DECLINE), ("b?", DECLINE)]) == DECLINE


def test_when_the_whole_message_is_declined_a_closest_match_for_one_question_is_no_answer() -> None:
    # The closest match found for a question alone, when the message read as one question found
    # nothing: a guess; the decline stands, or the other question's answer leads alone.
    guess = VISITS.model_copy(update={"answer": f"{CLOSEST_LEAD} planen är:\n\n{VISITS.answer}"})
    assert join_answers(DECLINE, [("a?", DECLINE), ("b?", guess)]) == DECLINE
    reply = join_answers(DECLINE, [("a?", guess), ("b?", TARGET)])
    assert reply == TARGET and CLOSEST_LEAD not in reply.answer


def test_a_clarification_is_kept_and_a_guess_does_not_dilute_a_trusted_answer() -> None:
    clarify = Answer(answer="Vilken enhet menar du?", kind=AnswerKind.CLARIFY, citations=TARGET.citations)
    assert join_answers(clarify, [("a?", TARGET), ("b?", VISITS)]) == clarify
    guess = VISITS.model_copy(update={"answer": f"{CLOSEST_LEAD} planen är:\n\n{VISITS.answer}"})
    assert join_answers(TARGET, [("a?", TARGET), ("b?", guess)]) == TARGET
    # Passages (no route trusted them) take the closest match of another question.
    passages = _answer("Enligt planen: … [1]", "Något helt annat.")
    assert CLOSEST_LEAD in join_answers(passages, [("a?", passages), ("b?", guess)]).answer


def test_the_assumed_unit_is_said_once() -> None:
    mine = "Jag utgår från din enhet A."
    first = TARGET.model_copy(update={"answer": f"{mine}\n\n{TARGET.answer}"})
    second = VISITS.model_copy(update={"answer": f"{mine}\n\n{VISITS.answer}"})
    reply = join_answers(first, [("a?", first), ("b?", second)])
    assert reply.answer.count(mine) == 1


def test_the_questions_come_in_the_order_asked_when_they_cover_the_whole_message() -> None:
    # Read as one question, the message found the second question's passage only.
    reply = join_answers(VISITS, [("vad är målet?", TARGET), ("och hur görs hembesök?", VISITS)])
    assert reply.answer.startswith(TARGET.answer)
    assert "**och hur görs hembesök?**" in reply.answer


def test_the_first_question_adds_to_the_whole_message_only_when_that_was_not_trusted() -> None:
    other = _answer(
        "**SIP** betyder *samordnad individuell plan* [1].", "en samordnad individuell plan (SIP)"
    )
    reply = join_answers(TARGET, [("a?", other), ("b?", VISITS)])
    assert "**a?**" not in reply.answer and "**b?**" in reply.answer
    passages = _answer("Enligt planen: … [1]", "Något helt annat.")
    assert "**a?**" in join_answers(passages, [("a?", other), ("b?", VISITS)]).answer


def test_a_trusted_answer_to_the_first_question_replaces_passages_for_the_whole_message() -> None:
    passages = _answer("Enligt planen: … [1]", "Något helt annat.")
    reply = join_answers(passages, [("a?", TARGET), ("b?", VISITS)])
    assert reply.answer.startswith(TARGET.answer) and "Något" not in reply.answer
    assert reply.citations[0].quote == "Sjukfrånvaro\t7,5 %"


def test_a_quote_holds_what_a_question_asks_only_with_a_filler_of_its_kind() -> None:
    who = _answer(
        "Enligt planen: … [1]", "I rådet deltar enhetschef och projektledare.", kind=AnswerKind.LIST
    )
    assert not holds_asked(who, "hur ofta har vi husmöte?")
    assert holds_asked(who, "vilka deltar i rådet?")
    assert holds_asked(VISITS, "hur görs hembesök?")  # no specific kind asked: taken as answered
    # The lead's year is no time filler: only the quotes are read.
    assert not holds_asked(_answer("Enligt planen 2020: … [1]", "Rådet ger råd."), "när träffas rådet?")


def test_the_first_question_is_added_when_the_whole_message_answered_only_the_second() -> None:
    who = _answer(
        "Enligt planen: … [1]", "I rådet deltar enhetschef och projektledare.", kind=AnswerKind.LIST
    )
    often = _answer("Enligt planen: … [1]", "Rådet träffas fyra gånger per år.", kind=AnswerKind.ROUTINE)
    open_to = _answer("Enligt planen: … [1]", "Rådet är öppet för alla brukare.")
    reply = join_answers(who, [("hur ofta träffas rådet?", often), ("och vilka deltar?", open_to)])
    assert reply.answer.startswith(who.answer)
    assert "**hur ofta träffas rådet?**" in reply.answer
    assert [c.quote for c in reply.citations] == [
        "I rådet deltar enhetschef och projektledare.",
        "Rådet träffas fyra gånger per år.",
        "Rådet är öppet för alla brukare.",
    ]
    # The whole message holding the frequency asked first answered it: not said twice.
    both = _answer(
        "Enligt planen: … [1]", "Rådet träffas fyra gånger per år; enhetschef deltar.", kind=AnswerKind.LIST
    )
    alone = join_answers(both, [("hur ofta träffas rådet?", often), ("och vilka deltar?", open_to)])
    assert "**hur ofta träffas rådet?**" not in alone.answer


def test_an_answer_stands_when_it_answers_and_is_no_guess() -> None:
    assert stands(TARGET) and stands(VISITS)
    assert not stands(DECLINE)
    assert not stands(VISITS.model_copy(update={"answer": f"{CLOSEST_LEAD} planen är:\n\n{VISITS.answer}"}))


def test_a_guess_for_the_whole_message_declines_when_every_question_finds_nothing() -> None:
    guess = VISITS.model_copy(update={"answer": f"{CLOSEST_LEAD} planen är:\n\n{VISITS.answer}"})
    assert join_answers(guess, [("a?", DECLINE)]) == DECLINE
    # A question left unasked (it pointed back at nothing) is no decline: the guess stands.
    assert join_answers(guess, []) == guess
    # Nor is a clarification: one question has answers, for several units.
    clarify = Answer(answer="Vilken enhet menar du?", kind=AnswerKind.CLARIFY, citations=TARGET.citations)
    assert join_answers(guess, [("a?", clarify), ("b?", DECLINE)]) == guess
