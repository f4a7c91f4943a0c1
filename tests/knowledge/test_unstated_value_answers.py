"""The answerer declines a figure no quote states, and still quotes the topic when asked about it."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.service import KnowledgeService
from tests.knowledge.test_answerer import PLAN
from tests.support.ingested import ingest_texts

# The plan tells what the meeting place offers, and no price.
MEETING_PLACE = (
    "\nTräfflokalen\n"
    "Träfflokalen erbjuder studiecirklar i svenska och matlagning utifrån deltagarnas intresse. "
    "Deltagarna planerar själva terminens program.\n"
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeService:
    settings, _ = ingest_texts(
        tmp_path_factory, {"farsta-2024.txt": PLAN.format(year=2024, target=85) + MEETING_PLACE}
    )
    svc = KnowledgeService(settings, today=lambda: dt.date(2024, 5, 2))
    svc.warm_up()
    return svc


def test_a_price_the_plan_does_not_state_is_declined(service: KnowledgeService) -> None:
    # Without the check the passage about the study circles was quoted as "Närmast i …".
    cost = service.answer("vad kostar studiecirklarna på träfflokalen?")
    assert cost.kind == "not_found"
    # What the plan does say about them is still quoted.
    which = service.answer("vilka studiecirklar finns på träfflokalen?")
    assert which.kind == "passages" and "matlagning" in which.answer


def test_a_count_the_plan_states_is_answered(service: KnowledgeService) -> None:
    leads = service.answer("hur många gruppledare har enheten?")
    assert leads.kind != "not_found" and "två gruppledare" in leads.answer
