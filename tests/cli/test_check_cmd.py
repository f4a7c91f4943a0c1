"""`planbot check [--repair]` and the CLI on broken stores: Swedish lines, no tracebacks (issue 12)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cli.main import main
from config import Settings
from ingest.pipeline import Pipeline
from ingest.report import Status
from tests.conftest import SAMPLES


@pytest.fixture
def data_dir(sample_settings: Settings, tmp_path: Path) -> Path:
    """A private copy of the ingested samples (the session's copy stays intact)."""
    target = tmp_path / "data"
    shutil.copytree(sample_settings.data_dir, target, ignore=shutil.ignore_patterns("ingest.lock"))
    return target


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_check_finds_nothing_wrong_in_a_fresh_ingest(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = _run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 0
    assert text.startswith("Allt stämmer: 4 dokument")


def test_a_deleted_vector_folder_is_reported_and_repaired(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(data_dir / "chroma")
    code, text = _run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 1
    lines = text.strip().splitlines()
    assert len(lines) == 4  # one line per document
    assert all("vektorer saknas" in line and "planbot check --repair" in line for line in lines)
    code, text = _run(capsys, "--data-dir", str(data_dir), "check", "--repair")
    assert code == 0, text
    assert "Återställde" in text and "Reparationen är klar" in text
    assert "0 beräknade på nytt" in text  # every vector came from the embedding cache
    code, text = _run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 0 and text.startswith("Allt stämmer")


def test_repair_embeds_again_what_the_cache_lost_and_drops_orphans(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(data_dir / "chroma")
    with sqlite3.connect(data_dir / "planbot.sqlite3") as db:
        db.execute("DELETE FROM embedding_cache WHERE key IN (SELECT key FROM embedding_cache LIMIT 5)")
        db.execute("INSERT INTO embedding_cache(key, vector) VALUES ('foraldralos', x'00000000')")
    code, text = _run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 1
    assert "saknas i embeddingcachen" in text and "hör inte till någon textdel" in text
    code, text = _run(capsys, "--data-dir", str(data_dir), "check", "--repair")
    assert code == 0, text
    assert "5 beräknade på nytt" in text
    assert _run(capsys, "--data-dir", str(data_dir), "check")[0] == 0


def test_reingest_restores_the_vectors_of_unchanged_documents(
    data_dir: Path, sample_settings: Settings
) -> None:
    shutil.rmtree(data_dir / "chroma")
    settings = sample_settings.model_copy(update={"data_dir": data_dir})
    pipeline = Pipeline(settings)
    try:
        report = pipeline.ingest([SAMPLES])
        assert {r.status for r in report.rows} == {Status.UNCHANGED}
        assert all(any("har återställts" in w for w in r.warnings) for r in report.rows), report.as_text()
        assert pipeline.vectors.count() == sum(r.chunks for r in report.rows)
    finally:
        pipeline.close()


def test_an_unreadable_vector_index_is_reported_and_rebuilt(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(data_dir / "chroma" / "chroma.sqlite3") as db:
        db.execute("UPDATE collections SET config_json_str = '{trasig'")
    code, text = _run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 1 and text.startswith("Vektorindexet (Chroma) kan inte läsas")
    assert "Traceback" not in text
    code, text = _run(capsys, "--data-dir", str(data_dir), "check", "--repair")
    assert code == 0, text
    assert "Flyttade det oläsbara vektorindexet" in text
    assert len(list(data_dir.glob("chroma.trasig-*"))) == 1  # kept, not deleted
    assert _run(capsys, "--data-dir", str(data_dir), "check")[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "--repair"],
        ["documents"],
        ["documents", "remove", "plan.txt"],
        ["ask", "Vilka mål har enheten?"],
        ["ingest", str(SAMPLES / "000_91cd92b543baabdb.txt")],
    ],
)
def test_a_corrupt_catalog_gets_one_swedish_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    (tmp_path / "planbot.sqlite3").write_bytes(b"inte en databas " * 4096)
    code, text = _run(capsys, "--data-dir", str(tmp_path), *argv)
    assert code != 0
    assert "Traceback" not in text
    assert text.count("\n") <= 2, text  # one Swedish line (two for check's summary), no stack
    assert "planbot.sqlite3" in text or "databasen" in text
