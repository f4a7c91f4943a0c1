"""End to end over the samples: a follow-up keeps the item under discussion and moves along its
goal chain (answers/followup_chain.py), and a follow-up naming another place asks that place's plan
(understand/reading.py `apply_context`)."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.answer import Answer, AnswerKind, ConversationContext, DeclineReason
from knowledge.answers.followup_chain import chain_ask
from knowledge.service import KnowledgeService
from knowledge.understand.reading import read_question

EB_HAGERSTEN, SAA, EB_SPANGA = (
    "000_91cd92b543baabdb.txt",
    "001_baa0aabad314dbef.txt",
    "002_ad0b1b28780be514.txt",
)


def _talk(service: KnowledgeService, *turns: str) -> Answer:
    context = ConversationContext()
    answer = None
    for turn in turns:
        answer = service.answer(turn, context)
        context = answer.context
    assert answer is not None
    return answer


def test_the_goal_of_the_indicator_just_shown_at_the_level_asked(knowledge_service: KnowledgeService) -> None:
    answer = _talk(
        knowledge_service,
        "hur många SIP ska ekonomiskt bistånd i spånga göra?",
        "vilket nämndmål är den kopplad till?",
    )
    assert answer.kind is AnswerKind.GOAL, answer.answer
    lead = answer.answer.split("\n")[0]
    # The nämndmål leads, reached through the enhetsmål the row lies under; both cited from 002.
    assert "Invånarna är självförsörjande och vägen till arbete är kort" in lead
    assert "sjukskrivning eller socialmedicinska hinder" in lead
    assert {c.source for c in answer.citations} == {EB_SPANGA}
    assert "Nämndmål" in answer.citations[0].section


def test_the_goal_of_the_activity_just_shown(knowledge_service: KnowledgeService) -> None:
    answer = _talk(
        knowledge_service,
        "när börjar aktiviteten om kvalitetsgrupp i spånga?",
        "vilket mål hör den aktiviteten till?",
    )
    assert answer.kind is AnswerKind.GOAL, answer.answer
    assert "Rättssäker handläggning och kvalitetsutveckling" in answer.answer.split("\n")[0]


def test_a_level_the_row_does_not_lie_under_is_said_so(knowledge_service: KnowledgeService) -> None:
    # In the 2023 plan the KF indicators lie directly under KF:s mål: no enhetsmål above them.
    answer = _talk(
        knowledge_service,
        "hur stor andel barn lever i familjer med ekonomiskt bistånd, årsmål hägersten-älvsjö?",
        "vilket enhetsmål tillhör den?",
    )
    assert answer.kind is AnswerKind.GOAL, answer.answer
    assert "hör inte till något enhetsmål" in answer.answer
    assert "I Stockholm ska alla ges möjlighet till ett eget jobb" in answer.answer


def test_the_rows_of_the_goal_just_shown_not_the_whole_plan(knowledge_service: KnowledgeService) -> None:
    answer = _talk(
        knowledge_service,
        "vilket enhetsmål har ekonomiskt bistånd i spånga om hemlöshet?",
        "vilka aktiviteter hör till?",
    )
    assert answer.kind is AnswerKind.ACTIVITY, answer.answer
    assert "HVT besöker" in answer.answer and "Boskola" in answer.answer
    assert "kvalitetsgrupp" not in answer.answer  # another goal's activity
    assert {c.source for c in answer.citations} == {EB_SPANGA}
    assert answer.context.goal_key is not None


def test_a_goal_without_rows_of_its_own_gets_those_of_the_goal_above(
    knowledge_service: KnowledgeService,
) -> None:
    answer = _talk(
        knowledge_service,
        "vad har stöd och aktivitetsenheten för enhetsmål om miljön?",
        "vilka aktiviteter har det målet?",
    )
    assert answer.kind is AnswerKind.ACTIVITY, answer.answer
    # The plan lists the nämnd's activities under the nämndmål, none under the enhetsmål.
    assert "plast" in answer.answer
    assert {c.source for c in answer.citations} == {SAA}


def test_a_row_word_before_the_goal_word_asks_for_rows(knowledge_service: KnowledgeService) -> None:
    answer = _talk(
        knowledge_service,
        "vilket enhetsmål har ekonomiskt bistånd i spånga om våld?",
        "vilken indikator hör till samma mål?",
    )
    assert answer.kind is AnswerKind.INDICATOR, answer.answer
    assert "våldsutsatthet" in answer.answer


def _ask(knowledge_service: KnowledgeService, text: str):  # type: ignore[no-untyped-def]
    return chain_ask(read_question(text, knowledge_service.snapshot().metas, dt.date(2023, 6, 15)))


@pytest.mark.parametrize(
    "text",
    [
        "vilket mål har vi?",  # after an indicator: its target
        "och KF:s mål?",  # KF's target
        "vad har de för arbetssätt för det målet?",  # a sub-section of the goal
        "hur många aktiviteter hör till?",  # a count
        "vilka aktiviteter om våld hör till det målet?",  # a subject of its own
        "vilka aktiviteter har stöd och aktivitet?",  # another unit
        "hur följs målet upp?",
    ],
)
def test_turns_that_do_not_move_along_the_chain(knowledge_service: KnowledgeService, text: str) -> None:
    assert _ask(knowledge_service, text) is None


@pytest.mark.parametrize(
    ("text", "kind", "level"),
    [
        ("vilket mål hör den till?", "goal", None),
        ("kopplat till vilket nämndmål?", "goal", "nämndmål"),
        ("och enhetsmålet?", "goal", "enhetsmål"),
        ("vilket kf-mål tillhör den?", "goal", "kf_mål"),
        ("vilken indikator hör till samma mål?", "indicator", None),
        ("och aktiviteterna?", "activity", None),
    ],
)
def test_what_a_turn_asks_of_the_chain(
    knowledge_service: KnowledgeService, text: str, kind: str, level: str | None
) -> None:
    ask = _ask(knowledge_service, text)
    assert ask is not None
    assert (ask.kind, ask.level.value if ask.level else None) == (kind, level)


def test_another_place_asks_its_own_plan_whatever_its_year(knowledge_service: KnowledgeService) -> None:
    # The first plan is of 2020, the Hägersten-Älvsjö plan of 2023: the old year is not the user's.
    answer = _talk(
        knowledge_service,
        "vad är kf:s årsmål för sjukfrånvaro dag 1-14 hos ekonomiskt bistånd i spånga?",
        "och i hägersten-älvsjö?",
    )
    assert answer.kind is AnswerKind.INDICATOR, answer.answer
    assert answer.citations[0].source == EB_HAGERSTEN


def test_a_year_the_user_named_goes_with_them_to_another_place(knowledge_service: KnowledgeService) -> None:
    answer = _talk(
        knowledge_service,
        "vad är årsmålet för sjukfrånvaro dag 1-14 hos ekonomiskt bistånd i spånga 2020?",
        "och i hägersten?",
    )
    assert answer.citations, answer.answer
    assert answer.citations[0].source == SAA


def test_an_age_band_the_plan_does_not_state_is_declined(knowledge_service: KnowledgeService) -> None:
    # The plan counts multi-party talks for ages 18-29 only: the figures of the follow-up replace
    # the old ones, and no row carries the new band.
    answer = _talk(
        knowledge_service,
        "hur många flerpartssamtal med klienter 18-29 år ska ekonomiskt bistånd i spånga ha?",
        "och med 46-65 åringar?",
    )
    assert answer.kind is AnswerKind.NOT_FOUND, answer.answer
    assert answer.decline is DeclineReason.UNSTATED_QUALIFIER
