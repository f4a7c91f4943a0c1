"""Ingest pipeline on real SQLite, real Chroma and the real embedding model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli.main import main
from config import Settings
from ingest.pipeline import Pipeline
from ingest.report import IngestReport, Status
from knowledge.store.catalog import Catalog
from knowledge.store.embedding_cache import EmbeddingCache
from knowledge.store.vectors import VectorIndex

PLAN = """Verksamhetsplan {year} för Enheten för barn och unga

Till
Farsta stadsdelsnämnd

KF:s inriktningsmål:
1. Ett Stockholm som håller samman

KF:s mål för verksamhetsområdet:
1.3 Stockholms stad ska ge stöd där behoven är som störst

Nämndmål:
Barn och unga växer upp under trygga förhållanden

Förväntat resultat
Barn får stöd i tid.

Enhetsmål:
Enheten gör snabba och rättssäkra utredningar

Arbetssätt
Utredningar följs upp varje månad av gruppledaren.

Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet
Andel utredningar klara inom fyra månader\t{target} %\t\tTertial

Aktivitet\tStartdatum\tSlutdatum
Enheten inför veckovisa ärendegenomgångar\t{year}-01-01\t{year}-12-31
"""


def write_plan(folder: Path, name: str, year: int = 2024, target: int = 90) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(PLAN.format(year=year, target=target), encoding="utf-8")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dirs=[tmp_path / "docs"])


def ingest(settings: Settings, *paths: Path, prune: bool = False) -> IngestReport:
    pipeline = Pipeline(settings)
    try:
        return pipeline.ingest(list(paths), prune=prune)
    finally:
        pipeline.close()


def vector_count(settings: Settings) -> int:
    return VectorIndex(path=settings.chroma_path).count()


def cached_embeddings(settings: Settings) -> int:
    catalog = Catalog(settings.db_path)
    try:
        return len(EmbeddingCache(catalog.conn))
    finally:
        catalog.close()


def stored(settings: Settings) -> dict[str, int]:
    catalog = Catalog(settings.db_path)
    try:
        return {r.meta.source: r.chunks for r in catalog.documents()}
    finally:
        catalog.close()


def test_new_then_unchanged_then_updated(settings: Settings, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_plan(docs, "farsta.txt")
    write_plan(docs / "sub", "farsta-2023.txt", year=2023)
    first = ingest(settings, docs)
    assert [r.status for r in first.rows] == [Status.NEW, Status.NEW]
    row = next(r for r in first.rows if r.source == "farsta.txt")
    assert (row.indicators, row.activities, row.year) == (1, 1, 2024)
    assert row.chunks > 0
    total = sum(stored(settings).values())
    assert vector_count(settings) == total

    again = ingest(settings, docs)
    assert {r.status for r in again.rows} == {Status.UNCHANGED}
    assert again.rows[0].chunks == first.rows[0].chunks

    write_plan(docs, "farsta.txt", target=95)
    changed = ingest(settings, docs)
    assert {r.source: r.status for r in changed.rows} == {
        "farsta.txt": Status.UPDATED,
        "farsta-2023.txt": Status.UNCHANGED,
    }
    catalog = Catalog(settings.db_path)
    try:
        indicators = catalog.indicator_store.indicators("farsta.txt")
    finally:
        catalog.close()
    assert [i.indicator.arsmal for i in indicators] == ["95 %"]
    # Old vectors of the replaced version are collected: one vector per stored chunk.
    assert vector_count(settings) == sum(stored(settings).values())
    # Only the changed indicator row was embedded again; the rest came from the cache.
    updated = changed.rows[[r.source for r in changed.rows].index("farsta.txt")]
    assert 0 < updated.embedded < updated.chunks
    assert first.rows[0].embedded + first.rows[1].embedded < total, "identical texts embed once"


def test_prune_and_remove(settings: Settings, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_plan(docs, "a.txt")
    write_plan(docs, "b.txt", year=2023)
    ingest(settings, docs)
    (docs / "b.txt").unlink()
    without_prune = ingest(settings, docs)
    assert "b.txt" in stored(settings), "documents are only removed with --prune"
    assert [r.status for r in without_prune.rows] == [Status.UNCHANGED]
    pruned = ingest(settings, docs, prune=True)
    assert {r.source: r.status for r in pruned.rows}["b.txt"] is Status.REMOVED
    assert set(stored(settings)) == {"a.txt"}
    assert main(["--data-dir", str(settings.data_dir), "documents", "remove", "a.txt"]) == 0
    assert stored(settings) == {}
    assert vector_count(settings) == 0
    assert cached_embeddings(settings) == 0, "a removed document leaves no cached vectors"
    assert main(["--data-dir", str(settings.data_dir), "documents", "remove", "a.txt"]) == 1


def test_bad_files_fail_alone_and_keep_the_old_version(settings: Settings, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    good = write_plan(docs, "good.txt")
    ingest(settings, docs)
    before = stored(settings)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf \x00\x01")
    (docs / "sheet.xls").write_bytes(b"not supported")  # ignored: not a document format
    good.write_bytes(b"\x00\x01\x02 binary garbage \x00")
    report = ingest(settings, docs)
    by_source = {r.source: r for r in report.rows}
    assert report.failed
    assert by_source["empty.txt"].status is Status.FAILED and "tom" in (by_source["empty.txt"].error or "")
    assert by_source["broken.pdf"].status is Status.FAILED
    assert by_source["good.txt"].status is Status.FAILED
    assert "sheet.xls" not in by_source
    assert stored(settings) == before, "a failed re-ingest must not touch the stored version"


def test_crash_between_vectors_and_commit_leaves_previous_state(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    write_plan(docs, "a.txt")
    ingest(settings, docs)
    before = stored(settings)
    write_plan(docs, "a.txt", target=50)

    def crash(self: Catalog, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt("killed mid-ingest")

    monkeypatch.setattr(Catalog, "replace_document", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest(settings, docs)
    monkeypatch.undo()
    assert stored(settings) == before
    # The orphan vectors written before the crash are invisible to readers and collected next time.
    assert vector_count(settings) > sum(before.values())
    report = ingest(settings, docs)
    assert report.rows[0].status is Status.UPDATED
    assert vector_count(settings) == sum(stored(settings).values())


def test_cli_json_report_and_documents(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    write_plan(docs, "a.txt")
    code = main(["--data-dir", str(settings.data_dir), "ingest", str(docs), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["documents"][0]["status"] == "new"
    main(["--data-dir", str(settings.data_dir), "documents", "--json"])
    listed = json.loads(capsys.readouterr().out)
    assert set(listed[0]) == {
        "source",
        "title",
        "type",
        "unit",
        "district",
        "year",
        "goals",
        "indicators",
        "activities",
        "outcomes",
        "chunks",
    }
    assert listed[0]["district"] == "Farsta"
    (docs / "empty.md").write_text("")
    assert main(["--data-dir", str(settings.data_dir), "ingest", str(docs)]) == 1


def test_overrides_and_sidecar(settings: Settings, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_plan(docs, "a.txt")
    (docs / "a.txt.meta.json").write_text(json.dumps({"unit": "Enheten för unga vuxna"}), encoding="utf-8")
    report = ingest(settings, docs)
    assert report.rows[0].unit == "Enheten för unga vuxna"
    code = main(["--data-dir", str(settings.data_dir), "ingest", str(docs), "--year", "2030", "--json"])
    assert code == 0
    catalog = Catalog(settings.db_path)
    try:
        meta = catalog.documents()[0].meta
    finally:
        catalog.close()
    assert (meta.unit, meta.year) == ("Enheten för unga vuxna", 2030)
    shutil.rmtree(settings.data_dir)


def test_a_new_index_format_rewrites_unchanged_files(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest import pipeline as pipeline_module

    docs = tmp_path / "docs"
    write_plan(docs, "farsta.txt")
    ingest(settings, docs)
    monkeypatch.setattr(pipeline_module, "INDEX_FORMAT", "test-next")
    upgraded = ingest(settings, docs)
    assert [r.status for r in upgraded.rows] == [Status.UPDATED]
    # The text is unchanged, so its vectors come from the cache; nothing old is left behind.
    assert upgraded.rows[0].embedded == 0
    assert vector_count(settings) == sum(stored(settings).values())
    assert [r.status for r in ingest(settings, docs).rows] == [Status.UNCHANGED]


def test_cli_says_how_many_chunks_were_embedded(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    write_plan(docs, "a.txt")
    assert main(["--data-dir", str(settings.data_dir), "ingest", str(docs), "--json"]) == 0
    row = json.loads(capsys.readouterr().out)["documents"][0]
    assert 0 < row["embedded"] <= row["chunks"]
    # The same plan filed again for another year: every text is already embedded.
    write_plan(docs, "a-kopia.txt")
    assert main(["--data-dir", str(settings.data_dir), "ingest", str(docs)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    chunks = row["chunks"]
    assert f"0 av {chunks} textdelar bäddades in; {chunks} hade samma text" in out
    # Two files with the same bytes are two documents with their own chunks and vectors.
    assert stored(settings) == {"a.txt": chunks, "a-kopia.txt": chunks}
    assert vector_count(settings) == 2 * chunks


def test_another_embedding_setting_re_embeds_every_document(settings: Settings, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_plan(docs, "farsta.txt")
    ingest(settings, docs)
    other = settings.model_copy(update={"embedding_max_tokens": 64})
    report = ingest(other, docs)
    assert [r.status for r in report.rows] == [Status.UPDATED]
    assert report.rows[0].embedded > 0, "vectors of another model setting are not reused"
    assert vector_count(settings) == sum(stored(settings).values())
