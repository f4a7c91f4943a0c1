"""A running service picks up what an ingest in another process wrote, vectors included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from config import Settings
from ingest.pipeline import Pipeline
from knowledge.service import KnowledgeService

REPO = Path(__file__).resolve().parents[2]
PLAN = """Verksamhetsplan 2024 för {unit}

Till
Bromma stadsdelsnämnd

Inledning
{text}
"""


def test_ingest_in_another_process_is_served_with_vectors(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(PLAN.format(unit="Vuxenenheten", text="Enheten arbetar med boende."), "utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dirs=[docs])
    pipeline = Pipeline(settings)
    try:
        pipeline.ingest([docs])
    finally:
        pipeline.close()
    service = KnowledgeService(settings)
    service.warm_up()
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
    hits = service.answerer.retriever.search(snap, "spelberoende behandling", {"b.txt"}, k=3)
    assert hits and hits[0].chunk.source == "b.txt"
    assert any(h.dense > 0 for h in hits), "the other process's vectors must be searchable"
    answer = service.answer("hur behandlas spelberoende på beroendeenheten?")
    assert answer.citations and answer.citations[0].source == "b.txt"
