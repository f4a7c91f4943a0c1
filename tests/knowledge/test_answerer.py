"""The Answerer end to end on real components, over a plan none of the rules were written from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config import Settings
from ingest.pipeline import Pipeline
from knowledge.answer import ConversationContext
from knowledge.service import KnowledgeService
from tests.support.ingested import ingest_texts

PLAN = """Verksamhetsplan {year} för Enheten för barn och unga

Till
Farsta stadsdelsnämnd

Inledning
Enheten leds av en enhetschef och två gruppledare. APT: arbetsplatsträff varje månad.

KF:s inriktningsmål:
1. Ett Stockholm som håller samman

KF:s mål för verksamhetsområdet:
1.3 Stockholms stad ska ge stöd där behoven är som störst

Nämndmål:
Barn och unga växer upp under trygga förhållanden

Enhetsmål:
Enheten gör snabba och rättssäkra barnavårdsutredningar

Förväntat resultat
Utredningar blir klara inom lagstadgad tid och barnets röst syns i varje utredning.

Arbetssätt
Gruppledaren följer upp varje utredning vid månadens ärendegenomgång.

Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet
Andel barnavårdsutredningar klara inom fyra månader\t{target} %\t\tTertial

Aktivitet\tStartdatum\tSlutdatum
Enheten inför ett stöd för barnsamtal\t{year}-02-01\t{year}-10-31

Rutin vid hembesök
Hembesök görs alltid av två socialsekreterare tillsammans. Besöket dokumenteras samma dag.
"""


@pytest.fixture(scope="module")
def farsta(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    return ingest_texts(tmp_path_factory, {"farsta-2024.txt": PLAN.format(year=2024, target=85)})


@pytest.fixture(scope="module")
def service(farsta: tuple[Settings, Path]) -> KnowledgeService:
    svc = KnowledgeService(farsta[0], today=lambda: dt.date(2024, 5, 2))
    svc.warm_up()
    return svc


def test_indicator_target_is_copied_and_cited(service: KnowledgeService) -> None:
    answer = service.answer("hur stor andel av utredningarna ska vara klara inom fyra månader i Farsta?")
    assert answer.kind == "indicator"
    assert "85 %" in answer.answer and "[1]" in answer.answer
    citation = answer.citations[0]
    assert citation.source == "farsta-2024.txt" and citation.district == "Farsta" and citation.year == 2024
    assert "85 %" in citation.quote and "Indikatorer" in citation.section


def test_activity_glossary_goal_and_routine(service: KnowledgeService) -> None:
    activity = service.answer("när slutar aktiviteten om barnsamtal?")
    assert activity.kind == "activity" and "2024-10-31" in activity.answer
    glossary = service.answer("vad betyder APT?")
    assert glossary.kind == "glossary" and "arbetsplatsträff" in glossary.answer
    goal = service.answer("vad är förväntat resultat för enhetsmålet om barnavårdsutredningar?")
    assert goal.kind == "goal" and "lagstadgad tid" in goal.answer
    routine = service.answer("vad säger rutinen om hembesök?")
    assert "två socialsekreterare" in routine.answer
    assert all(
        c.quote in PLAN.format(year=2024, target=85) or c.quote.endswith("…") for c in routine.citations
    )


def test_declines_other_years_and_districts(service: KnowledgeService) -> None:
    other_year = service.answer("vad är årsmålet för barnavårdsutredningar 2022?")
    assert other_year.kind == "not_found" and "2024" in other_year.answer and "85 %" not in other_year.answer
    other_district = service.answer("vad är årsmålet för barnavårdsutredningar i Bromma?")
    assert other_district.kind == "not_found" and "Bromma" in other_district.answer
    nothing = service.answer("hur många parkeringsplatser har enheten?")
    assert nothing.kind == "not_found"


def test_follow_up_carries_the_indicator_and_bad_input(service: KnowledgeService) -> None:
    first = service.answer("vad är årsmålet för barnavårdsutredningar klara inom fyra månader?")
    follow = service.answer("och periodiciteten då?", first.context)
    assert "Tertial" in follow.answer
    assert service.answer("   ").kind == "invalid"
    assert service.answer("x" * 20_000).kind == "invalid"
    assert service.answer("What is the annual target for investigations?").kind == "not_found"


def test_newcomer_overview_vocabulary_and_goal_chain(service: KnowledgeService) -> None:
    overview = service.answer("hej! jag är ny, hur är enheten organiserad?")
    assert overview.kind == "overview" and "två gruppledare" in overview.answer
    assert (
        overview.citations[0].source == "farsta-2024.txt" and "två gruppledare" in overview.citations[0].quote
    )
    term = service.answer("vad betyder KF?")
    assert term.kind == "glossary" and "Kommunfullmäktige" in term.answer
    chain = service.answer("har precis börjat – hur hänger målen ihop?")
    assert chain.kind == "goal" and "Barn och unga växer upp under trygga förhållanden" in chain.answer
    assert chain.citations, "the example chain is cited goal by goal"


def test_new_ingest_is_served_without_restart(
    service: KnowledgeService, farsta: tuple[Settings, Path]
) -> None:
    settings, docs = farsta
    assert service.answer("vad är årsmålet för barnavårdsutredningar 2025?").kind == "not_found"
    (docs / "farsta-2025.txt").write_text(PLAN.format(year=2025, target=90), encoding="utf-8")
    pipeline = Pipeline(settings)
    try:
        pipeline.ingest([docs])
    finally:
        pipeline.close()
    answer = service.answer("vad är årsmålet för barnavårdsutredningar 2025?", ConversationContext())
    assert answer.kind == "indicator" and "90 %" in answer.answer
    assert answer.citations[0].source == "farsta-2025.txt"


def test_imported_tertial_outcomes_give_status_and_history(
    service: KnowledgeService, farsta: tuple[Settings, Path], tmp_path: Path
) -> None:
    from indicators.importer import RowStatus, import_path

    settings, _ = farsta
    csv = tmp_path / "utfall.csv"
    # A shortened indicator name, as follow-up systems export it, and a semicolon CSV in cp1252.
    csv.write_bytes(
        (
            "Indikator;Enhet;Stadsdel;Period;Utfall\n"
            "Andel barnavårdsutredningar klara inom;Enheten för barn och unga;Farsta;2024-T1;80,5 %\n"
            "Andel barnavårdsutredningar klara inom;Enheten för barn och unga;Farsta;T2 2024;86 %\n"
        ).encode("cp1252")
    )
    report = import_path(settings.db_path, csv)
    assert report.count(RowStatus.MATCHED) == 2, report.as_text()
    answer = service.answer("hur ligger vi till med barnavårdsutredningarna i Farsta 2024?")
    assert answer.kind == "outcome"
    assert "86 %" in answer.answer and "80,5 %" in answer.answer and "uppnått" in answer.answer
    assert {c.source for c in answer.citations} >= {"utfall.csv"}
