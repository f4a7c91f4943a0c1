"""The foreign-term check over the samples (knowledge/answers/support.py, `_answer_by_term`).

A question's field term that the cited plan never uses declines only when it is foreign to
every document that could answer: a plan that spells the term otherwise ("ekonomikontroller"
for "controllern") holds it. Close negatives that take a term from another unit's plan stay
declined.
"""

from __future__ import annotations

from knowledge.answer import AnswerKind, DeclineReason
from knowledge.service import KnowledgeService

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
