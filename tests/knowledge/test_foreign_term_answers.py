"""The foreign-term check over the samples (knowledge/answers/support.py, `_answer_by_term`).

A question's field term that the cited plan never uses declines only when it is foreign to
every document that could answer: a plan that spells the term otherwise ("ekonomikontroller"
for "controllern") holds it. Close negatives that take a term from another unit's plan stay
declined.
"""

from __future__ import annotations

from knowledge.answer import AnswerKind, DeclineReason
from knowledge.answers.support import document_words
from knowledge.service import KnowledgeService
from knowledge.textnorm import stem_tokens

EB_2020 = "002_ad0b1b28780be514.txt"


def test_a_term_spelt_otherwise_in_the_cited_plan_is_held(knowledge_service: KnowledgeService) -> None:
    # Ekonomiskt bistånd writes "ekonomikontroller"; the other plans "controller".
    answer = knowledge_service.answer(
        "när går enhetschefen igenom ekonomin med controllern på ekonomiskt bistånd i spånga?"
    )
    assert answer.kind is not AnswerKind.NOT_FOUND
    assert {c.source for c in answer.citations} == {EB_2020}
    assert "Månatlig uppföljning på ekonomin" in answer.answer


def test_another_units_term_stays_declined(knowledge_service: KnowledgeService) -> None:
    # Hägergruppen is Stöd- och aktivitetsenheten's; its MI meetings are not written (the plan's
    # MI-träffar are Boendestödet's).
    group = knowledge_service.answer("hur ofta har hägergruppen sina MI-träffar?")
    assert group.kind is AnswerKind.NOT_FOUND and group.decline is DeclineReason.FOREIGN_TERM
    # A named unit whose documents never use the term: another unit's item.
    summer = knowledge_service.answer("hur många feriejobb ska försörjningsstödsenheten ordna i år?")
    assert summer.kind is AnswerKind.NOT_FOUND and summer.decline is DeclineReason.FOREIGN_TERM


EB_BER_2023 = "000_91cd92b543baabdb.txt"
FSE_2019 = "004_e63c51a228dee2e1.txt"


def test_the_askers_own_role_is_no_term_of_the_question(knowledge_service: KnowledgeService) -> None:
    # "socialsekreterare" says who asks; the answer is Ekonomiskt bistånd och beroende's count.
    answer = knowledge_service.answer(
        "hej, jag är ny socialsekreterare på ekonomiskt bistånd och beroende. "
        "hur många ärenden hade enheten i januari?"
    )
    assert answer.kind is not AnswerKind.NOT_FOUND
    assert {c.source for c in answer.citations} == {EB_BER_2023}
    assert "ca 1000" in answer.answer


def test_a_preamble_does_not_rescue_another_units_term(knowledge_service: KnowledgeService) -> None:
    answer = knowledge_service.answer(
        "Jag jobbar som socialsekreterare sedan i våras, "
        "hur många feriejobb ska försörjningsstödsenheten ordna i år?"
    )
    assert answer.kind is AnswerKind.NOT_FOUND and answer.decline is DeclineReason.FOREIGN_TERM


def test_an_ocr_damaged_plan_holds_the_words_it_spells_with_e_for_a(
    knowledge_service: KnowledgeService,
) -> None:
    # The scan writes "méta" and "verkstéller" (mäta, verkställer); the clean plans' words are as typed.
    words = document_words(knowledge_service.snapshot())
    scan, clean = words[FSE_2019], words[EB_BER_2023]
    assert scan.has(stem_tokens("mäta")[0]) and scan.has(stem_tokens("verkställer")[0])
    assert not clean.has(stem_tokens("verkställer")[0])


def test_measuring_is_not_read_as_food(knowledge_service: KnowledgeService) -> None:
    # Folded, "mäts" is "mats": as typed it is not the thesaurus's "mat" (måltider, livsmedel).
    answer = knowledge_service.answer("vad mäts med uppföljningsverktyget på försörjningsstöd?")
    assert answer.kind is not AnswerKind.NOT_FOUND
    assert {c.source for c in answer.citations} == {FSE_2019}
