"""One reading of what a question asks for: cues as features and one precedence list."""

from __future__ import annotations

import pytest

from knowledge.answer import ConversationContext
from knowledge.understand.asks import (
    PRECEDENCE,
    Cue,
    SubIntent,
)
from knowledge.understand.intent import Intent
from knowledge.understand.outcome_intent import OutcomeQuestion
from knowledge.understand.reading import apply_context
from tests.knowledge.understand.samples import read


@pytest.mark.parametrize(
    ("question", "asks", "cues"),
    [
        ("Vad har ändrats sedan förra årets plan?", SubIntent.PLAN_DIFF, {Cue.DIFF}),
        ("vilka aktiviteter slutar denna tertial?", SubIntent.DEADLINE_TERTIAL, {Cue.DEADLINE, Cue.LIST}),
        ("vilka aktiviteter har passerat sitt slutdatum?", SubIntent.DEADLINE_PASSED, {Cue.DEADLINE}),
        ("Vad betyder FUT?", SubIntent.DEFINITION, {Cue.DEFINE}),
        (
            "hur ligger vi till mot årsmålet för sjukfrånvaro?",
            SubIntent.OUTCOME_STATUS,
            {Cue.STATUS, Cue.TARGET},
        ),
        ("hur har sjukfrånvaron utvecklats över tid?", SubIntent.OUTCOME_HISTORY, {Cue.HISTORY}),
        ("vad blev resultatet för sjukfrånvaro?", SubIntent.OUTCOME_STATUS, {Cue.OUTCOME}),
        ("vilka indikatorer följs upp per tertial?", SubIntent.INDICATOR_PERIODICITY, {Cue.PERIOD, Cue.LIST}),
        ("hur många aktiviteter slutar i år?", SubIntent.ACTIVITY_END, {Cue.COUNT, Cue.END}),
        ("Och vilka indikatorer har de?", SubIntent.INDICATOR_LIST, {Cue.INDICATOR, Cue.LIST}),
        ("när ska klarspråksprojektet vara klart?", SubIntent.ACTIVITY_END, {Cue.WHEN, Cue.END}),
        ("vad är KF:s årsmål för sjukfrånvaro?", SubIntent.INDICATOR_KF_TARGET, {Cue.KF, Cue.TARGET}),
        (
            "vilket förväntat resultat har nämndmålet om trygghet?",
            SubIntent.GOAL_FIELD,
            {Cue.FIELD, Cue.GOAL},
        ),
        ("vilka mål har Stöd- och aktivitetsenheten?", SubIntent.GOAL_LIST, {Cue.GOAL, Cue.LIST}),
        ("hur hanterar vi klagomål?", SubIntent.ROUTINE, {Cue.ROUTINE}),
        ("vem leder enheten?", SubIntent.ORGANISATION, {Cue.ORGANISATION, Cue.QUESTION_WORD_WHO}),
    ],
)
def test_one_reading_with_its_cues(question: str, asks: SubIntent, cues: set[Cue]) -> None:
    reading = read(question)
    assert reading.asks is asks
    assert cues <= reading.cues
    # The coarse intent of the reading agrees with the legacy field, except where the legacy
    # classifier had no say (plan diffs, outcome wording on an indicator question).
    if asks not in (SubIntent.PLAN_DIFF,) and not asks.value.startswith("outcome_"):
        assert asks.intent is reading.intent


def test_the_outcome_wording_is_kept_as_a_feature() -> None:
    reading = read("hur ligger vi till mot årsmålet för sjukfrånvaro?")
    assert reading.outcome_question is OutcomeQuestion.STATUS
    assert read("vilket förväntat resultat har nämndmålet om trygghet?").outcome_question is None


def test_klarsprak_is_no_end_date_cue() -> None:
    reading = read("vilka aktiviteter finns för klarspråk?")
    assert Cue.END not in reading.cues and reading.sub_intent == "list"


def test_the_precedence_list_is_one_ordered_list_ending_in_a_fallback() -> None:
    names = [name for name, _ in PRECEDENCE]
    assert names[:3] == ["plan diff", "deadline", "definition"] and names[-1] == "fallback"
    assert names.index("periodicity") < names.index("outcome wording") < names.index("cue classifier")


def test_an_elliptic_follow_up_takes_the_reading_of_the_context_intent() -> None:
    context = ConversationContext(unit="Ekonomiskt bistånd", intent="indicator", topic="sjukfrånvaro")
    reading = apply_context(read("och 2019 då?"), context)
    assert reading.intent is Intent.INDICATOR and reading.asks is SubIntent.INDICATOR_TARGET
