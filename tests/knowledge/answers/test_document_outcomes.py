"""Values a document reports without an indicator row (survey results, yearly figures)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from indicators.models import Outcome
from knowledge.answers.base import Ask
from knowledge.answers.outcome import document_outcome_answer
from knowledge.models import Chunk, ChunkKind, DocType, DocumentMeta, ParsedDocument
from knowledge.retrieval.selection import select_documents
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import UNIT, ind, make_catalog, plan

TODAY = dt.date(2026, 11, 30)
KU = "ku-2019.txt"
ROW = "2017 2018 2019 Min chef ar oppen for nya ideer och forslag 33 50 80"


def snapshot(tmp_path: Path) -> Snapshot:
    vp = plan("eb-2023.txt", UNIT, 2023, [ind("Sjukfrånvaro", "5 %")])
    catalog = make_catalog(tmp_path, vp, with_chunks=True)
    meta = DocumentMeta(
        source=KU,
        title="Kvalitetsutmärkelse 2019",
        type=DocType.KVALITETSUTMARKELSE,
        unit="Försörjningsstödsenheten",
        district="Hässelby-Vällingby",
        year=2019,
        content_hash="hash-ku",
    )
    name = "Min chef är öppen för nya idéer och förslag"
    outcomes = [
        Outcome(indicator=name, year=y, period=str(y), value=v, quote=ROW)
        for y, v in ((2017, "33"), (2018, "50"), (2019, "80"))
    ]
    chunks = [
        Chunk(id=f"{KU}-{i}", source=KU, kind=ChunkKind.OUTCOME, text=ROW, breadcrumb="KU › Resultat", ref=i)
        for i in range(3)
    ]
    catalog.replace_document(ParsedDocument(meta=meta, outcomes=outcomes), chunks=chunks, path=None)
    return Snapshot.load(catalog)


def ask(snap: Snapshot, question: str) -> Ask:
    reading = read_question(question, snap.metas, TODAY)
    return Ask(snap, reading, select_documents(snap, reading).sources, TODAY, lambda kind: {})


def test_every_year_of_a_reported_value(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    answer = document_outcome_answer(ask(snap, "resultat för min chef är öppen för nya idéer och förslag?"))
    assert answer is not None
    assert all(v in answer.answer for v in ("**33**", "**50**", "**80**"))
    assert answer.citations and answer.citations[0].source == KU


def test_the_year_asked_comes_first(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    answer = document_outcome_answer(ask(snap, "min chef är öppen för nya idéer och förslag 2018?"))
    assert answer is not None and answer.answer.split("\n")[0].endswith("**50** [1].")


def test_an_indicator_row_that_names_it_as_well_answers_instead(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    assert document_outcome_answer(ask(snap, "hur ligger vi till med sjukfrånvaron?")) is None
