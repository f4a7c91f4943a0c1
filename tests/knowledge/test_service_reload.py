"""A running service picks up what an ingest in another process wrote, vectors included."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from config import Settings
from ingest.pipeline import Pipeline
from knowledge.answers import support
from knowledge.models import ChunkKind
from knowledge.service import KnowledgeService
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot

REPO = Path(__file__).resolve().parents[2]
PLAN = """Verksamhetsplan 2024 för {unit}

Till
Bromma stadsdelsnämnd

Inledning
{text}
"""


def ingest(settings: Settings) -> None:
    pipeline = Pipeline(settings)
    try:
        pipeline.ingest(list(settings.corpus_dirs))
    finally:
        pipeline.close()


def serving_one_plan(tmp_path: Path) -> tuple[Settings, Path, KnowledgeService]:
    """Settings, the docs folder and a warm service over one ingested plan (a.txt)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(PLAN.format(unit="Vuxenenheten", text="Enheten arbetar med boende."), "utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dirs=[docs])
    ingest(settings)
    service = KnowledgeService(settings)
    service.warm_up()
    return settings, docs, service


def test_ingest_in_another_process_is_served_with_vectors(tmp_path: Path) -> None:
    settings, docs, service = serving_one_plan(tmp_path)
    assert len(service.snapshot().records) == 1

    (docs / "b.txt").write_text(
        PLAN.format(unit="Beroendeenheten", text="Spelberoende behandlas med KBT i grupp varje vecka."),
        "utf-8",
    )
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli.main",
            "--data-dir",
            str(settings.data_dir),
            "ingest",
            str(docs),
            "--json",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr

    snap = service.snapshot()
    assert {r.meta.source for r in snap.records} == {"a.txt", "b.txt"}
    # The reload read the new version's vectors (on its prefetch thread) and closed the
    # embedded client again: the replica holds the loaded blocks, not Chroma's own index.
    vectors = service.answerer.vectors
    assert vectors is not None and vectors.client is None
    assert all(n > 0 for n in vectors.loaded_counts([m.content_hash for m in snap.metas]).values())
    assert vectors.client is None, "every version was loaded by the reload itself"
    hits = service.answerer.retriever.search(snap, "spelberoende behandling", {"b.txt"}, k=3)
    assert hits and hits[0].chunk.source == "b.txt"
    assert any(h.dense > 0 for h in hits), "the other process's vectors must be searchable"
    answer = service.answer("hur behandlas spelberoende på beroendeenheten?")
    assert answer.citations and answer.citations[0].source == "b.txt"


def test_questions_during_a_reload_are_answered_from_the_previous_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, docs, service = serving_one_plan(tmp_path)
    old = service.snapshot()
    (docs / "b.txt").write_text(PLAN.format(unit="Beroendeenheten", text="KBT i grupp."), "utf-8")
    ingest(settings)

    loading, release = threading.Event(), threading.Event()
    real_load = Snapshot.load

    def slow_load(catalog: Catalog, previous: Snapshot | None = None) -> Snapshot:
        loading.set()
        assert release.wait(30)
        return real_load(catalog, previous)

    monkeypatch.setattr(Snapshot, "load", staticmethod(slow_load))
    with ThreadPoolExecutor(max_workers=1) as pool:
        rebuilding = pool.submit(service.snapshot)
        assert loading.wait(30)
        # Another question meanwhile is not held up: it gets the committed previous state.
        assert service.snapshot() is old
        assert service.answer("hur arbetar vuxenenheten?").citations[0].source == "a.txt"
        release.set()
        new = rebuilding.result(timeout=60)
    assert {r.meta.source for r in new.records} == {"a.txt", "b.txt"}
    assert service.snapshot() is new


def test_a_reload_prepares_the_new_snapshot_before_serving_it(tmp_path: Path) -> None:
    settings, docs, service = serving_one_plan(tmp_path)
    old = service.snapshot()
    (docs / "b.txt").write_text(
        PLAN.format(unit="Beroendeenheten", text="Enheten består av mottagning, behandling och uppföljning."),
        "utf-8",
    )
    ingest(settings)

    new = service.snapshot()
    assert new is not old
    # What warm_up built for the first snapshot is built for the new one by the reload itself,
    # not by the first questions after the ingest (answers/prepared.py, answers/support.py).
    sections = {c.id for c in new.chunks if c.kind is ChunkKind.SECTION}
    assert sections
    prepared = {chunk_id for (key, chunk_id) in new._derived if key.endswith("composition._statements")}
    assert prepared == sections
    assert support._DOCUMENTS[id(new)][0]() is new
    # The previous snapshot's words stay for questions still answered from it during the reload.
    assert support._DOCUMENTS[id(old)][0]() is old
    assert set(support.document_words(new)) == {"a.txt", "b.txt"}
    answer = service.answer("vad består beroendeenheten av?")
    assert answer.citations and answer.citations[0].source == "b.txt"
