"""The vector store on embedded Chroma and on a real `chroma run` server, incl. shared servers."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from config import Settings
from ingest.pipeline import Pipeline
from knowledge.service import KnowledgeService
from knowledge.store.vectors import VectorIndex
from tests.support.servers import ChromaServer


def _unit(n: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(n, 8)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture(params=["embedded", "server"])
def open_index(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A factory of indexes on one Chroma: embedded in tmp_path, or the session's server."""
    if request.param == "embedded":
        return lambda collection="chunks", deployment=None: VectorIndex(
            path=tmp_path / "chroma", collection=collection, deployment=deployment
        )
    server: ChromaServer = request.getfixturevalue("chroma_server")
    prefix = tmp_path.name[-20:].replace("_", "-").strip("-")  # collections of one test, unique per test

    return lambda collection="chunks", deployment=None: VectorIndex(
        host="127.0.0.1", port=server.port, collection=f"{prefix}-{collection}", deployment=deployment
    )


def test_search_filters_by_version_and_kind(open_index) -> None:  # type: ignore[no-untyped-def]
    index = open_index(deployment="d1")
    vectors = _unit(4, 1)
    index.add(["a-0", "a-1"], vectors[:2], "a.txt", "hash-a", ["section", "indicator"])
    index.add(["b-0", "b-1"], vectors[2:], "b.txt", "hash-b", ["section", "section"])
    hits = index.search(vectors[0], 4, ["hash-a"])
    assert hits[0].chunk_id == "a-0" and {h.chunk_id for h in hits} == {"a-0", "a-1"}
    assert [h.chunk_id for h in index.search(vectors[0], 4, ["hash-a"], kind="indicator")] == ["a-1"]
    assert index.delete_except({"hash-b"}) == 2
    assert index.count() == 2


def test_copies_tied_at_the_kth_place_are_all_kept_in_any_version_order(tmp_path: Path) -> None:
    # Three versions hold the same text (one vector); which of them are found must not depend
    # on the order the versions are asked in (it came from a set of sources: the hash seed).
    index = VectorIndex(path=tmp_path / "chroma")
    vectors = _unit(2, 3)
    for name in ("a", "b", "c"):
        index.add([f"{name}-0", f"{name}-1"], vectors, f"{name}.txt", f"hash-{name}", ["section", "section"])
    found = []
    for order in (["hash-a", "hash-b", "hash-c"], ["hash-c", "hash-a", "hash-b"]):
        hits = index.search(vectors[0], 2, order)
        assert hits[0].score == pytest.approx(1.0, abs=1e-5)
        found.append(sorted(h.chunk_id for h in hits if h.score > 0.99))
    assert found[0] == found[1] == ["a-0", "b-0", "c-0"]


def test_a_version_without_vectors_is_harmless(open_index, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    # A document that yields 0 chunks has a committed version but no vectors.
    index = open_index()
    vectors = _unit(2, 2)
    index.add(["a-0", "a-1"], vectors, "a.txt", "hash-a", ["section", "section"])
    with caplog.at_level(logging.WARNING):
        hits = index.search(vectors[1], 3, ["hash-empty", "hash-a"])
    assert [h.chunk_id for h in hits][:1] == ["a-1"]
    assert "unavailable" not in caplog.text and "reshape" not in caplog.text
    assert index.search(vectors[1], 3, ["hash-empty"]) == []


def test_two_deployments_in_one_collection_sweep_only_their_own(open_index) -> None:  # type: ignore[no-untyped-def]
    first, second = open_index(deployment="first"), open_index(deployment="second")
    vectors = _unit(4, 3)
    first.add(["a-0", "a-1"], vectors[:2], "a.txt", "hash-a", ["section"] * 2)
    second.add(["b-0", "b-1"], vectors[2:], "b.txt", "hash-b", ["section"] * 2)
    # The second deployment's catalog knows only hash-b: hash-a is not its to delete.
    assert second.delete_except({"hash-b"}) == 0
    assert first.count() == 4
    assert first.delete_except(set()) == 2
    assert [h.chunk_id for h in second.search(vectors[2], 2, ["hash-b"])][:1] == ["b-0"]


def test_collections_keep_deployments_apart(open_index) -> None:  # type: ignore[no-untyped-def]
    first, second = open_index("one", "first"), open_index("two", "second")
    vectors = _unit(2, 4)
    first.add(["a-0"], vectors[:1], "a.txt", "hash-a", ["section"])
    second.add(["a-0"], vectors[1:], "a.txt", "hash-a", ["section"])  # same ids, other collection
    assert second.delete_except(set()) == 1
    assert first.count() == 1 and second.count() == 0
    assert first.search(vectors[0], 1, ["hash-a"])[0].score == pytest.approx(1.0, abs=1e-5)


def test_a_document_without_chunks_keeps_dense_search_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "tom.txt").write_text("Rubrik\n", encoding="utf-8")
    (folder / "rutin.txt").write_text(
        "Rutin för hembesök\n\nHandläggaren bokar hembesök inom två veckor efter ansökan.\n", encoding="utf-8"
    )
    settings = Settings(data_dir=tmp_path / "data", corpus_dirs=[folder])
    pipeline = Pipeline(settings)
    try:
        report = pipeline.ingest([folder])
    finally:
        pipeline.close()
    assert not report.failed, report.as_text()
    assert {r.source: r.chunks for r in report.rows}["tom.txt"] == 0
    service = KnowledgeService(settings)
    with caplog.at_level(logging.WARNING):
        service.warm_up()
        snap = service.snapshot()
        query = service.embedder.embed(["När görs hembesök?"])[0]
        assert service._vectors is not None
        hits = service._vectors.search(query, 3, [m.content_hash for m in snap.metas if m.content_hash])
    assert hits and hits[0].chunk_id in {c.id for c in snap.chunks_of("rutin.txt")}
    assert "reshape" not in caplog.text and "unavailable" not in caplog.text


def test_an_embedded_reader_closes_its_client_after_reading_and_sees_later_versions(tmp_path: Path) -> None:
    """A replica's reader holds only the loaded blocks, not Chroma's own index of every vector."""
    vectors = _unit(4, 7)
    writer = VectorIndex(path=tmp_path / "chroma", deployment="d1")
    writer.add(["a-0", "a-1"], vectors[:2], "a.txt", "hash-a", ["section", "section"])
    reader = VectorIndex(path=tmp_path / "chroma", release_after_read=True)
    assert [h.chunk_id for h in reader.search(vectors[0], 1, ["hash-a"])] == ["a-0"]
    assert reader.client is None and reader.collection is None
    writer.add(["b-0"], vectors[2:3], "b.txt", "hash-b", ["indicator"])
    # The next read opens the folder afresh, so a version written since is found.
    assert [h.chunk_id for h in reader.search(vectors[2], 1, ["hash-a", "hash-b"])] == ["b-0"]
    assert reader.client is None
    assert reader.loaded_counts(["hash-a", "hash-b"]) == {"hash-a": 2, "hash-b": 1}
    assert reader.count() == 3  # anything else connects again
    writer.release()  # closing the writer's client leaves a reader's own client usable
    assert reader.count() == 3
