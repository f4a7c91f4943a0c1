"""Which files a folder ingest takes: links leading outside, uploads replacing folder files (issue 12)."""

from __future__ import annotations

import os
from pathlib import Path

from config import Settings
from ingest.pipeline import Pipeline
from ingest.readers import find_documents, scan_documents
from ingest.report import Status
from knowledge.store.catalog import Catalog

PLAN_A = "# Verksamhetsplan 2024\nEnheten ska erbjuda stöd i rätt tid.\n"
PLAN_B = "# Verksamhetsplan 2024\nEnheten ska erbjuda stöd i rätt tid och med gott bemötande.\n"


def test_links_leading_outside_the_folder_are_not_followed(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "hemligt"
    corpus.mkdir()
    outside.mkdir()
    (corpus / "plan.txt").write_text(PLAN_A, encoding="utf-8")
    (outside / "lösen.txt").write_text("lösenord: hunter2\n", encoding="utf-8")
    (outside / "sub").mkdir()
    (outside / "sub" / "annat.md").write_text("# Annat\n", encoding="utf-8")
    os.symlink(outside / "lösen.txt", corpus / "länk.txt")
    os.symlink(outside / "sub", corpus / "mapplänk")
    (corpus / "del").mkdir()
    (corpus / "del" / "rutin.md").write_text("# Rutin\n", encoding="utf-8")
    os.symlink(corpus / "del" / "rutin.md", corpus / "inom.md")  # inside the folder: followed
    found, skipped = scan_documents([corpus])
    assert sorted(p.name for p in found) == ["plan.txt", "rutin.md"]  # reached twice, listed once
    assert sorted(link.name for link, _ in skipped) == ["länk.txt", "mapplänk"]
    assert find_documents([corpus]) == found


def test_the_ingest_report_names_a_link_it_did_not_follow(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "ute"
    corpus.mkdir()
    outside.mkdir()
    (outside / "x.txt").write_text(PLAN_A, encoding="utf-8")
    os.symlink(outside / "x.txt", corpus / "x.txt")
    pipeline = Pipeline(Settings(_env_file=None, data_dir=tmp_path / "data"))  # type: ignore[call-arg]
    try:
        (row,) = pipeline.ingest([corpus]).rows
    finally:
        pipeline.close()
    assert row.status is Status.FAILED and row.source == "x.txt"
    assert row.error is not None and "pekar utanför mappen" in row.error and "följs inte" in row.error


def test_an_upload_replaces_the_folder_file_until_it_is_removed(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(PLAN_A, encoding="utf-8")
    settings.uploads_dir.mkdir(parents=True)
    pipeline = Pipeline(settings)
    try:
        assert pipeline.ingest([corpus]).rows[0].status is Status.NEW
        (settings.uploads_dir / "plan.txt").write_text(PLAN_B, encoding="utf-8")
        (uploaded,) = pipeline.ingest([settings.uploads_dir / "plan.txt"]).rows
        assert uploaded.status is Status.UPDATED
        assert any("ersätter" in w and str(corpus / "plan.txt") in w for w in uploaded.warnings)
        # The next folder re-ingest (Teams 'uppdatera', `planbot ingest corpus`) keeps the upload.
        (again,) = pipeline.ingest([corpus]).rows
        assert again.status is Status.UNCHANGED
        assert any("uppladdad version" in w for w in again.warnings), again.warnings
        # Both folders at once (the admin re-ingest): the upload, no "two files" failure.
        both = pipeline.ingest([corpus, settings.uploads_dir]).rows
        assert [r.status for r in both if r.source == "plan.txt"] == [Status.UNCHANGED, Status.UNCHANGED]
    finally:
        pipeline.close()
    catalog = Catalog(settings.db_path)
    try:
        (record,) = catalog.documents()
        assert Path(record.path or "").parent == settings.uploads_dir.resolve()
    finally:
        catalog.close()
