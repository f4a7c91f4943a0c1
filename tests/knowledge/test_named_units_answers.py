"""End to end over the samples: exact unit names are honoured and shared name parts ask."""

from __future__ import annotations

from knowledge.answer import AnswerKind
from knowledge.service import KnowledgeService


def test_exact_unit_name_answers_for_that_unit(knowledge_service: KnowledgeService) -> None:
    answer = knowledge_service.answer("Vilka aktiviteter planerar Ekonomiskt bistånd?")
    assert answer.kind is not AnswerKind.CLARIFY, answer.answer
    assert "Vilken enhet menar du" not in answer.answer
    assert answer.citations
    # Only the Spånga-Tensta unit's plan (002), not the "… och beroende" unit whose name contains it.
    assert {c.source for c in answer.citations} == {"002_ad0b1b28780be514.txt"}


def test_shared_district_part_lists_both_districts(knowledge_service: KnowledgeService) -> None:
    answer = knowledge_service.answer("Vad är årsmålet för sjukfrånvaro i Hägersten?")
    assert answer.kind is AnswerKind.CLARIFY, answer.answer
    # One value per unit: Hägersten-Liljeholmen (001) and Hägersten-Älvsjö (000), each cited.
    assert {c.source for c in answer.citations} == {"000_91cd92b543baabdb.txt", "001_baa0aabad314dbef.txt"}
    assert len(answer.suggestions) == 2
