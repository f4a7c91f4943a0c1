"""Standalone routine documents end to end: their header facts, and the routine named by its title.

A unit's routine ('Rutin för hembesök och tolk') beside a plan with a routine section of its
own and cover lines stating who adopted the plan, ingested by the real pipeline.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config import Settings
from knowledge.answers.document_facts import document_key
from knowledge.answers.phrasing import doc_label
from knowledge.models import AdminKey, DocType, DocumentMeta
from knowledge.retrieval.selection import select_documents
from knowledge.retrieval.title_evidence import title_named, title_topic
from knowledge.service import KnowledgeService
from knowledge.understand.reading import read_question
from tests.support.ingested import ingest_texts

TODAY = dt.date(2024, 5, 2)
ROUTINE = """Rutin för hembesök och tolk

Dokumenttyp\tRutin\tDiarienummer\tFA-2024/117
Fastställd av\tAvdelningschef Eva Lund\tFastställd datum\t2024-02-01
Ansvarig\tEnhetschef Per Ek\tRevideras senast\t2025-01-31

Syfte
Rutinen beskriver hur hembesök görs och när tolk bokas i Farsta.

Arbetsgång
1. Boka tolk senast tre dagar före hembesöket.
2. Hembesök görs alltid av två socialsekreterare tillsammans.
"""
PLAN = """Verksamhetsplan 2024 för Enheten för vuxna

Farsta stadsdelsförvaltning
Fastställd av enhetschef Anna Berg 2024-01-20

Inledning
Enheten ger stöd till vuxna i Farsta.

Rutin vid hot
Vid hot kontaktas alltid gruppledaren samma dag. Tolk bokas via tolkförmedlingen.
"""
ROUTINE_META = DocumentMeta(source="r.txt", title="Rutin för hembesök och tolk – Enheten", type=DocType.RUTIN)


@pytest.fixture(scope="module")
def farsta(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    return ingest_texts(tmp_path_factory, {"rutin-hembesok.txt": ROUTINE, "vp-vuxna-2024.txt": PLAN})


@pytest.fixture(scope="module")
def service(farsta: tuple[Settings, Path]) -> KnowledgeService:
    svc = KnowledgeService(farsta[0], today=lambda: TODAY)
    svc.warm_up()
    return svc


def test_the_routine_is_catalogued_as_a_routine(service: KnowledgeService) -> None:
    snap = service.snapshot()
    assert snap.meta("rutin-hembesok.txt").type is DocType.RUTIN
    assert doc_label(snap, "rutin-hembesok.txt").startswith("Rutin för hembesök och tolk")


def test_header_facts_answer_questions_about_the_routine(service: KnowledgeService) -> None:
    revision = service.answer("när ska rutinen för hembesök ses över?")
    assert revision.kind == "admin" and "2025-01-31" in revision.answer
    assert revision.citations[0].source == "rutin-hembesok.txt"
    adopted = service.answer("vem har fastställt hembesöksrutinen?")
    assert adopted.kind == "admin" and "Eva Lund" in adopted.answer
    assert "FA-2024/117" in service.answer("dnr på rutinen för hembesök?").answer


def test_a_plans_cover_line_answers_for_the_plan(service: KnowledgeService) -> None:
    answer = service.answer("vem fastställde vp:n för enheten för vuxna?")
    assert answer.kind == "admin" and "Anna Berg" in answer.answer


def test_another_routine_named_gets_no_header_fact_of_this_one(service: KnowledgeService) -> None:
    answer = service.answer("vem fastställde rutinen för hot och våld?")
    assert "Eva Lund" not in answer.answer


def test_document_key_needs_the_document_named() -> None:
    metas = [ROUTINE_META]
    assert document_key(read_question("när revideras rutinen?", metas, TODAY)) is AdminKey.REVISION
    assert document_key(read_question("vem är rutinansvarig?", metas, TODAY)) is AdminKey.DOC_OWNER
    assert document_key(read_question("när revideras besluten om bistånd?", metas, TODAY)) is None
    assert document_key(read_question("vem är ansvarig för aktiviteten?", metas, TODAY)) is None


def test_title_topic_and_title_named() -> None:
    assert title_topic(ROUTINE_META) == ["hembesok", "tolk"]
    plan = DocumentMeta(source="p.txt", title="Rutin för hembesök", type=DocType.VERKSAMHETSPLAN)
    assert title_topic(plan) == []
    named = read_question("hur gör vi enligt hembesöksrutinen?", [ROUTINE_META], TODAY)
    assert title_named(ROUTINE_META, named)
    # Without a word for a routine the topic alone is not the document's name.
    assert not title_named(ROUTINE_META, read_question("hur gör vi vid hembesök?", [ROUTINE_META], TODAY))


def test_a_routine_named_by_its_title_is_the_document_chosen(service: KnowledgeService) -> None:
    snap = service.snapshot()
    reading = read_question("vad säger rutinen för hembesök om tolk?", snap.metas, TODAY)
    assert select_documents(snap, reading).sources == ["rutin-hembesok.txt"]
    other = read_question("vad säger rutinen vid hot om tolk?", snap.metas, TODAY)
    assert len(select_documents(snap, other).sources) == 2
