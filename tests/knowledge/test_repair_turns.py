"""Repair turns and dislocated phrases end to end (understand/references.py) on real components.

Two units' plans that both measure the same indicator: a question that names no unit is asked back,
and the reply that names only the unit gets the answer; a question about a year no plan covers is
declined, and the reply that names only another year gets the answer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.answer import AnswerKind
from knowledge.service import KnowledgeService
from tests.support.ingested import ingest_texts

PLAN = """Verksamhetsplan 2024 för {unit}

Till
{district} stadsdelsnämnd

Inledning
{intro}

KF:s inriktningsmål:
1. Ett Stockholm som håller samman

KF:s mål för verksamhetsområdet:
1.3 Stockholms stad ska ge stöd där behoven är som störst

Nämndmål:
Invånarna får stöd i tid

Enhetsmål:
Enheten gör snabba och rättssäkra utredningar

Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet
Andel utredningar klara inom fyra månader\t{target} %\t\tTertial
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeService:
    bou = PLAN.format(
        unit="Enheten för barn och unga",
        district="Farsta",
        intro="Enheten arbetar med Signs of Safety (SoS) i alla utredningar.",
        target=85,
    )
    vux = PLAN.format(
        unit="Vuxenenheten",
        district="Skarpnäck",
        intro="Enheten arbetar med motiverande samtal i alla möten.",
        target=70,
    )
    settings, _ = ingest_texts(tmp_path_factory, {"farsta-bou-2024.txt": bou, "skarpnack-vux-2024.txt": vux})
    svc = KnowledgeService(settings, today=lambda: dt.date(2024, 5, 2))
    svc.warm_up()
    return svc


def test_a_reply_naming_the_unit_answers_the_question_asked_back(service: KnowledgeService) -> None:
    first = service.answer("vad är årsmålet för andelen utredningar klara inom fyra månader?")
    assert first.kind is AnswerKind.CLARIFY
    assert first.context.pending == "vad är årsmålet för andelen utredningar klara inom fyra månader?"
    reply = service.answer("vuxenenheten", first.context)
    assert reply.kind is AnswerKind.INDICATOR and "70 %" in reply.answer and "85 %" not in reply.answer
    assert reply.context.pending is None


def test_a_reply_naming_another_year_answers_the_declined_question(service: KnowledgeService) -> None:
    first = service.answer("vad är årsmålet för andelen utredningar klara inom fyra månader i farsta 2021?")
    assert first.kind is AnswerKind.NOT_FOUND
    reply = service.answer("ok men 2024 då?", first.context)
    assert reply.kind is AnswerKind.INDICATOR and "85 %" in reply.answer


def test_a_reply_with_a_place_in_the_list_answers_for_the_unit_listed_there(
    service: KnowledgeService,
) -> None:
    # "2" after "Vilken enhet menar du?" picks the second line shown, whichever unit that is.
    first = service.answer("vad är årsmålet för andelen utredningar klara inom fyra månader?")
    assert first.kind is AnswerKind.CLARIFY and len(first.context.options) == 2
    lines = [line for line in first.answer.splitlines() if line.startswith("- ")]
    second = "70 %" if "Vuxenenheten" in lines[1] else "85 %"
    other = "85 %" if second == "70 %" else "70 %"
    for reply_text in ("2", "nr 2", "den andra", "2:an tack"):
        reply = service.answer(reply_text, first.context)
        assert reply.kind is AnswerKind.INDICATOR, reply_text
        assert second in reply.answer and other not in reply.answer, reply_text
        assert reply.context.pending is None and reply.context.options == []
    # A place the list does not have, or a number with words of its own, is no choice.
    assert service.answer("3", first.context).kind is not AnswerKind.INDICATOR
