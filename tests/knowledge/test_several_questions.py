"""Two questions in one chat message get one reply answering both, each cited (real components)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from knowledge.service import KnowledgeService
from tests.support.ingested import ingest_texts

PLAN = """Verksamhetsplan 2024 för Enheten för barn och unga

Till
Farsta stadsdelsnämnd

Inledning
Enheten leds av en enhetschef och två gruppledare.

KF:s inriktningsmål:
1. Ett Stockholm som håller samman

Nämndmål:
Barn och unga växer upp under trygga förhållanden

Enhetsmål:
Enheten gör snabba och rättssäkra barnavårdsutredningar

Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet
Andel barnavårdsutredningar klara inom fyra månader\t85 %\t\tTertial

Rutin vid hembesök
Hembesök görs alltid av två socialsekreterare tillsammans. Besöket dokumenteras samma dag.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeService:
    settings, _ = ingest_texts(tmp_path_factory, {"farsta-2024.txt": PLAN})
    svc = KnowledgeService(settings, today=lambda: dt.date(2024, 5, 2))
    svc.warm_up()
    return svc


def test_each_question_of_a_message_is_answered_and_cited(service: KnowledgeService) -> None:
    reply = service.answer(
        "hej! vad e årsmålet för barnavårdsutredningarna och hur många socialsekreterare gör ett hembesök?"
    )
    assert "85 %" in reply.answer and "två socialsekreterare" in reply.answer
    assert "**och hur många socialsekreterare gör ett hembesök?**" in reply.answer
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", reply.answer)}
    assert markers == {c.n for c in reply.citations} == set(range(1, len(reply.citations) + 1))
    by_n = {c.n: c.quote for c in reply.citations}
    after = reply.answer.split("**och hur många")[1]
    assert any("två socialsekreterare" in by_n[int(n)] for n in re.findall(r"\[(\d+)\]", after))
    assert reply.api_dict()["kind"] == reply.kind  # the API shape is unchanged


def test_one_question_is_answered_as_before(service: KnowledgeService) -> None:
    reply = service.answer("vad är årsmålet för barnavårdsutredningarna?")
    assert reply.kind == "indicator" and "**" in reply.answer and "hembesök" not in reply.answer
