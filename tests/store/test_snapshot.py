"""Incremental reload: a changed document replaces only its part of the snapshot and indexes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.models import Chunk, ChunkKind
from knowledge.store import lexical
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from tests.support.builders import parsed_plan


def _chunks(source: str, year: int, words: str) -> list[Chunk]:
    return [
        Chunk(
            id=f"{source}-{year}-{i}",
            source=source,
            kind=ChunkKind.SECTION if i else ChunkKind.GOAL,
            text=f"{words} {i}",
            breadcrumb=f"VP › {source}",
            ref=i if i else None,
        )
        for i in range(3)
    ]


def _same(a: Snapshot, b: Snapshot) -> None:
    assert a.generation == b.generation
    assert [c.id for c in a.chunks] == [c.id for c in b.chunks]
    assert a.spans == b.spans and a.position == b.position and a.structured == b.structured
    assert a.parsed == b.parsed and a.records == b.records and a.outcomes == b.outcomes
    assert list(a.kinds) == list(b.kinds)
    for query in ("hembesök", "barn unga", "ekonomiskt bistånd", "ingenting"):
        assert np.array_equal(a.lexical.scores(query), b.lexical.scores(query)), query


def test_a_changed_document_is_reloaded_alone_and_the_result_equals_a_full_load(database: str | Path) -> None:
    catalog = Catalog(database)
    try:
        words = {"a.txt": "hembesök rutin", "b.txt": "barn och unga", "c.txt": "ekonomiskt bistånd"}
        for source, text in words.items():
            catalog.replace_document(parsed_plan(source, 2023), _chunks(source, 2023, text), None)
        first = Snapshot.load(catalog)
        catalog.replace_document(
            parsed_plan("b.txt", 2024), _chunks("b.txt", 2024, "barn unga hembesök"), None
        )
        catalog.replace_document(parsed_plan("d.txt", 2024), _chunks("d.txt", 2024, "nytt dokument"), None)
        assert catalog.remove_document("c.txt")
        second = Snapshot.load(catalog, previous=first)
        _same(second, Snapshot.load(catalog))
        # Unchanged documents are the previous snapshot's objects, not read again.
        assert second.parsed["a.txt"] is first.parsed["a.txt"]
        assert second.segments["a.txt"] is first.segments["a.txt"]
        assert second.chunks_of("a.txt")[0] is first.chunks_of("a.txt")[0]
        assert second.parsed["b.txt"] is not first.parsed["b.txt"] and "c.txt" not in second.parsed
        assert second.lexical.scores("hembesök")[second.position["b.txt-2024-0"]] > 0
    finally:
        catalog.close()


def test_a_document_whose_compounds_split_otherwise_after_a_reload_is_tokenised_again(
    database: str | Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lexical, "COMPOUND_PARTS", True)
    catalog = Catalog(database)
    try:
        catalog.replace_document(
            parsed_plan("a.txt", 2023), _chunks("a.txt", 2023, "hembesöksrutinen gäller"), None
        )
        catalog.replace_document(parsed_plan("b.txt", 2023), _chunks("b.txt", 2023, "barn och unga"), None)
        first = Snapshot.load(catalog)
        # "hembesök" alone nowhere yet: the compound is one word, and the query meets nothing.
        assert first.lexical.scores("hembesök").max() == 0
        catalog.replace_document(parsed_plan("c.txt", 2023), _chunks("c.txt", 2023, "hembesök"), None)
        second = Snapshot.load(catalog, previous=first)
        _same(second, Snapshot.load(catalog))
        assert second.lexical.tokenizer is not first.lexical.tokenizer
        assert second.segments["a.txt"] is not first.segments["a.txt"]  # its compound splits now
        assert second.segments["b.txt"] is first.segments["b.txt"]  # nothing of it changed
        assert second.lexical.scores("hembesök")[second.position["a.txt-2023-1"]] > 0
        third = Snapshot.load(catalog, previous=second)
        assert third.lexical.tokenizer is second.lexical.tokenizer
        assert third.segments["a.txt"] is second.segments["a.txt"]
    finally:
        catalog.close()
