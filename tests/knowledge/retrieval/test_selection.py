"""Document selection: unit, district, year and type as evidence (issue 10, item 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from indicators.models import Indicator
from knowledge.models import DocType, DocumentMeta, ParsedDocument
from knowledge.retrieval.selection import metadata_agreement, select_documents, year_fit
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, ind, make_catalog, plan

TODAY = dt.date(2023, 6, 15)
KU_UNIT = "Försörjningsstödsenheten"


def award(source: str, unit: str, year: int, indicators: list[Indicator]) -> ParsedDocument:
    """A kvalitetsutmärkelse (reports the years before its own)."""
    meta = DocumentMeta(
        source=source,
        title=f"Kvalitetsutmärkelse {year} {unit}",
        type=DocType.KVALITETSUTMARKELSE,
        unit=unit,
        district="Hässelby-Vällingby",
        year=year,
        content_hash=f"hash-{source}",
    )
    return ParsedDocument(meta=meta, indicators=indicators)


def snapshot(tmp_path: Path) -> Snapshot:
    catalog = make_catalog(
        tmp_path,
        plan("eb-2023.txt", UNIT, 2023, [ind("Sjukfrånvaro", "5 %")]),
        plan("saa-2020.txt", OTHER_UNIT, 2020, [ind("Sjukfrånvaro", "7,5 %")]),
        award("ku-2019.txt", KU_UNIT, 2019, [ind("Sjukfrånvaro", "6 %")]),
        with_chunks=True,
    )
    return Snapshot.load(catalog)


def select(snap: Snapshot, question: str) -> tuple[list[str], str, str | None]:
    selection = select_documents(snap, read_question(question, snap.metas, TODAY))
    refusal = selection.refusal.answer if selection.refusal else None
    return selection.sources, selection.note, refusal


def test_a_report_answers_for_the_years_before_its_own(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    # The 2019 application reports 2018: a results question about 2018 is answered from it.
    sources, note, refusal = select(snap, "hur blev sjukfrånvaron 2018 för försörjningsstödsenheten?")
    assert refusal is None and sources == ["ku-2019.txt"] and note == ""
    # An indicator question (not only an outcome question) gets the same reading of years.
    sources, _, refusal = select(snap, "vad var årsmålet för sjukfrånvaron 2018 på försörjningsstödsenheten?")
    assert refusal is None and sources == ["ku-2019.txt"]


def test_a_year_no_document_speaks_for_still_declines(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    sources, _, refusal = select(
        snap, "vad är årsmålet för sjukfrånvaro 2021 på stöd- och aktivitetsenheten?"
    )
    assert sources == [] and refusal is not None and "2021" in refusal and "2020" in refusal


def test_a_missing_type_answers_from_what_exists_and_says_so(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    sources, note, refusal = select(
        snap, "vad säger verksamhetsplanen för försörjningsstödsenheten om sjukfrånvaro?"
    )
    assert refusal is None and sources == ["ku-2019.txt"]
    assert note.startswith("Det finns ingen verksamhetsplan för Försörjningsstödsenheten")
    assert "kvalitetsutmärkelse 2019" in note


def test_named_type_that_exists_is_preferred(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    sources, note, _ = select(snap, "vad står i kvalitetsutmärkelsen om sjukfrånvaro?")
    assert sources == ["ku-2019.txt"] and note == ""


def test_agreement_rewards_named_attributes_and_punishes_contradictions(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    reading = read_question("sjukfrånvaro 2018 försörjningsstödsenheten", snap.metas, TODAY)
    scores = {m.source: metadata_agreement(m, reading) for m in snap.metas}
    assert scores["ku-2019.txt"] == 1.0
    assert scores["saa-2020.txt"] == scores["eb-2023.txt"] == -1.0
    ku = snap.meta("ku-2019.txt")
    assert year_fit(ku, 2018) == 1.0 and year_fit(ku, 2019) == 0.5 and year_fit(ku, 2020) == 0.0
    assert (
        year_fit(snap.meta("saa-2020.txt"), 2020) == 1.0 and year_fit(snap.meta("saa-2020.txt"), 2019) == 0.0
    )
