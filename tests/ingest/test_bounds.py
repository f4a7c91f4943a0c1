"""Size bounds: sentences, chunks, unpacked .docx text, answers and quotes (issue 12 row 5)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from config import Settings
from ingest.bounds import Bounds, split_chunk, split_sentences
from ingest.pipeline import Pipeline
from ingest.readers import ReadError, read_document
from ingest.report import Status
from knowledge.answer import Answer, Citation
from knowledge.service import ANSWER_CUT, bound_answer
from knowledge.store.catalog import Catalog

MAX = 50 * 1024 * 1024


def _settings(tmp_path: Path, **bounds: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "data", **bounds)  # type: ignore[call-arg]


def test_defaults_are_set() -> None:
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert (s.max_text_mb, s.max_chunk_chars, s.max_sentence_chars) == (10, 6000, 1500)
    assert (s.max_answer_chars, s.max_quote_chars, s.retention_days) == (8000, 400, 90)


def test_long_sentences_are_broken_and_short_text_is_kept_exactly() -> None:
    text = "Kort mening. " + "ord " * 1000 + "slut."
    broken, breaks = split_sentences(text, 300)
    assert breaks >= 10
    assert max(len(s) for s in re.split(r"(?<=[.!?…])\s+|\n", broken)) <= 300
    assert broken.split() == text.split()  # nothing lost, only line breaks added
    same = "En mening. En till!"
    assert split_sentences(same, 300) == (same, 0)
    nospace = "x" * 1000
    assert split_sentences(nospace, 300)[0].replace("\n", "") == nospace


def test_split_chunk_keeps_every_word() -> None:
    text = " ".join(f"Mening nummer {i} om målen." for i in range(500))
    parts = split_chunk(text, 1000)
    assert all(len(p) <= 1000 for p in parts)
    assert " ".join(parts).split() == text.split()


def test_a_huge_single_line_text_becomes_bounded_chunks_and_the_report_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "enrad.txt").write_text(
        "# Verksamhetsplan 2024\n" + "stöd och omsorg " * 2500, encoding="utf-8"
    )
    settings = _settings(tmp_path, max_chunk_chars=2000, max_sentence_chars=500)
    pipeline = Pipeline(settings)
    try:
        report = pipeline.ingest([folder])
    finally:
        pipeline.close()
    (row,) = report.rows
    assert row.status is Status.NEW, row
    assert any("en mening får vara högst 500 tecken" in w for w in row.warnings), row.warnings
    assert any("delades i flera textdelar" in w for w in row.warnings), row.warnings
    catalog = Catalog(settings.db_path)
    try:
        chunks = catalog.chunks()
    finally:
        catalog.close()
    assert len(chunks) >= 20
    assert max(len(c.text) for c in chunks) <= 2000
    assert max(len(s) for c in chunks for s in re.split(r"(?<=[.!?…])\s+|\n", c.text)) <= 500


def test_text_beyond_the_bound_is_cut_and_reported(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    body = "\n".join(f"Rad {i}: enheten arbetar med stöd." for i in range(8000))
    (folder / "lang.txt").write_text("# Rutin\n" + body, encoding="utf-8")
    settings = _settings(tmp_path, max_text_mb=0.05)  # 50 000 characters
    pipeline = Pipeline(settings)
    try:
        (row,) = pipeline.ingest([folder]).rows
    finally:
        pipeline.close()
    assert row.status is Status.NEW
    assert any("lästes inte in" in w and "PLANBOT_MAX_TEXT_MB" in w for w in row.warnings), row.warnings


def test_a_docx_that_unpacks_far_beyond_the_bound_is_refused_before_unpacking(tmp_path: Path) -> None:
    document = docx.Document()
    for _ in range(400):
        document.add_paragraph("Enheten ska erbjuda stöd i rätt tid. " * 20)
    path = tmp_path / "bomb.docx"
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(i.file_size for i in archive.infolist() if i.filename.endswith(".xml"))
    assert unpacked > 5 * 50_000 > path.stat().st_size  # compresses well, unpacks far
    with pytest.raises(ReadError, match="packas upp till"):
        read_document(path, MAX, max_text_chars=50_000)
    assert read_document(path, MAX).lines  # without the bound it is an ordinary document


def test_answers_and_quotes_are_bounded() -> None:
    long = Answer(
        answer="Enheten har många mål. " * 1000,
        kind="passages",
        citations=[
            Citation(n=1, source="a.txt", title="A", section="A", quote="ord " * 99),
        ],
    )
    cut = bound_answer(long, 2000, 100)
    assert len(cut.answer) <= 2000 and cut.answer.endswith(ANSWER_CUT)
    assert len(cut.citations[0].quote) <= 100 and cut.citations[0].quote.endswith("…")
    short = Answer(answer="Kort svar [1].", kind="passages")
    assert bound_answer(short, 2000, 100) == short


def test_bounds_object_is_built_from_settings(tmp_path: Path) -> None:
    pipeline = Pipeline(_settings(tmp_path, max_text_mb=2, max_chunk_chars=100, max_sentence_chars=50))
    try:
        assert pipeline.bounds == Bounds(max_text_chars=2_000_000, max_chunk_chars=100, max_sentence_chars=50)
    finally:
        pipeline.close()
