"""The sentence model's training examples (bench/sentence_fit.py) on a hand-built plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.sentence_fit import _examples, _rivals
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import sentences
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import UNIT, plan

TODAY = dt.date(2023, 6, 15)
SOURCE = "eb-2023.txt"
TEXTS = {
    "answer": "Budgeten följs upp varje tertial. Alla placeringar följs upp varje månad av chefen.",
    "rival": "Placeringar sker i första hand inom ramavtal. Enheten minskar antalet placeringar.",
    "other": "Lokalerna byggs om under våren och mötesrummen blir fler.",
}


def _snapshot(tmp_path: Path) -> Snapshot:
    from config import get_settings

    settings = get_settings().model_copy(update={"data_dir": tmp_path})
    catalog = Catalog(settings.database)
    chunks = [
        Chunk(id=key, source=SOURCE, kind=ChunkKind.SECTION, text=text, breadcrumb=f"Plan › {key}")
        for key, text in TEXTS.items()
    ]
    catalog.replace_document(plan(SOURCE, UNIT, 2023, []), chunks=chunks, path=None)
    try:
        return Snapshot.load(catalog)
    finally:
        catalog.close()


def test_a_question_is_also_an_example_over_its_chunk_and_the_rivals_its_words_meet(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    chunk = next(c for c in snap.chunks if c.id == "answer")
    # The rival shares the question's words; the other chunk shares none and is no rival.
    assert [c.id for c in _rivals(snap, chunk, "placeringar följs upp")] == ["rival"]
    parts = sentences(chunk.text)
    labels = [0, 1]
    own, joint = _examples(snap, chunk, parts, labels, "hur ofta följs placeringarna upp?", TODAY, 1.0)
    assert own.labels == labels and len(own.rows) == 2
    # Over the chunk and its rival: the rival's sentences are wrong answers.
    assert joint.labels == [0, 1, 0, 0]
    assert len(joint.rows) == 4
