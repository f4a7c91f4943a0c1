"""A data directory with a few hand-written documents ingested by the real pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from config import Settings
from ingest.pipeline import Pipeline


def ingest_texts(tmp_path_factory: pytest.TempPathFactory, files: Mapping[str, str]) -> tuple[Settings, Path]:
    """Writes `files` (file name -> text) to a fresh corpus folder and ingests it into a fresh data dir.

    Args:
        tmp_path_factory: pytest's factory, so module-scoped fixtures can share the data dir.
        files: The documents to write, by file name.

    Returns:
        The settings of the data dir, and the corpus folder (to ingest edited copies later).
    """
    docs = tmp_path_factory.mktemp("docs")
    for name, text in files.items():
        (docs / name).write_text(text, encoding="utf-8")
    return ingest_folder(tmp_path_factory.mktemp("data"), docs), docs


def ingest_folder(data_dir: Path, folder: Path) -> Settings:
    """Ingests every document of `folder` into `data_dir` with the real pipeline.

    Args:
        data_dir: The data directory to write (fresh or not).
        folder: The corpus folder.

    Returns:
        The settings of the data dir, with `folder` as its corpus.
    """
    settings = Settings(data_dir=data_dir, corpus_dirs=[folder])
    pipeline = Pipeline(settings)
    try:
        report = pipeline.ingest([folder])
    finally:
        pipeline.close()
    assert not report.failed, report.as_text()
    return settings
