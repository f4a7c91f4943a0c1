"""Store tests on the real components: SQLite catalog, Chroma, MiniLM, Swedish BM25."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from config import Settings
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.embedder import Embedder, EmbedderError
from knowledge.service import KnowledgeService
from knowledge.store.catalog import Catalog
from knowledge.store.lexical import LexicalIndex
from knowledge.store.vectors import VectorIndex
from knowledge.textnorm import fold, stem_tokens
from tests.support.builders import parsed_plan


def test_folding_meets_ocr_spellings() -> None:
    assert stem_tokens("forsorjningsstod") == stem_tokens("försörjningsstöd")
    assert fold("Hässelby-Vällingby") == "hasselby-vallingby"
    assert stem_tokens("6kade kostnader") == stem_tokens("ökade kostnader")


def test_bm25_finds_folded_and_inflected_words() -> None:
    index = LexicalIndex(["Försörjningsstöd beviljas efter utredning", "Feriejobb för unga", "Budget 2023"])
    assert int(np.argmax(index.scores("forsorjningsstod"))) == 0
    assert int(np.argmax(index.scores("feriejobben"))) == 1
    assert index.scores("försörjningsstöd")[1:].tolist() == [0.0, 0.0]


def test_embedder_is_real_and_offline() -> None:
    embedder = Embedder(Settings().embedding_model)
    vectors = embedder.embed(
        ["sjukfrånvaro bland medarbetare", "medarbetarnas sjukfrånvaro", "budget i balans"]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    with pytest.raises(EmbedderError, match="PLANBOT_EMBEDDING_MODEL"):
        Embedder("/nowhere").embed(["x"])


def test_embedder_batches_by_length_but_returns_input_order() -> None:
    embedder = Embedder(Settings().embedding_model, batch_size=2)
    texts = ["kort", "en betydligt längre mening om försörjningsstöd och utredningar", "mellanlång text"]
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    # Padding inside a batch moves the last digits only.
    assert np.allclose(together, alone, atol=1e-4)
    assert embedder.embed([]).shape[0] == 0


def test_vector_index_filters_by_active_version(tmp_path: Path) -> None:
    index = VectorIndex(path=tmp_path / "chroma")
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(4, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index.add(["a-0", "a-1"], vectors[:2], "a.txt", "hash-a", ["section", "indicator"])
    index.add(["b-0", "b-1"], vectors[2:], "b.txt", "hash-b", ["section", "section"])
    hits = index.search(vectors[0], 4, ["hash-a"])
    assert hits[0].chunk_id == "a-0" and {h.chunk_id for h in hits} == {"a-0", "a-1"}
    assert [h.chunk_id for h in index.search(vectors[0], 4, ["hash-a"], kind="indicator")] == ["a-1"]
    assert index.delete_except({"hash-b"}) == 2
    assert index.count() == 2


def test_catalog_replaces_documents_atomically(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "db.sqlite3")
    chunk = Chunk(id="h2023-0", source="a.txt", kind=ChunkKind.SECTION, text="Text", breadcrumb="VP")
    catalog.replace_document(parsed_plan("a.txt", 2023), [chunk], None)
    generation = catalog.generation()
    assert catalog.parsed("a.txt") == parsed_plan("a.txt", 2023)
    catalog.replace_document(parsed_plan("a.txt", 2024), [chunk.model_copy(update={"id": "h2024-0"})], None)
    assert catalog.generation() > generation
    [record] = catalog.documents()
    assert (record.meta.year, record.goals, record.indicators, record.activities, record.outcomes) == (
        2024,
        1,
        1,
        1,
        1,
    )
    assert [c.id for c in catalog.chunks()] == ["h2024-0"]
    # A failing write rolls back completely: the 2024 version stays.
    broken = parsed_plan("a.txt", 2025)
    with pytest.raises(Exception):  # noqa: B017 - duplicate chunk ids violate the primary key
        catalog.replace_document(broken, [chunk, chunk], None)
    assert catalog.documents()[0].meta.year == 2024
    assert catalog.remove_document("a.txt") and not catalog.remove_document("a.txt")
    assert catalog.documents() == [] and catalog.indicator_store.indicators() == []
    catalog.close()


def test_delete_except_pages_through_many_vectors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import knowledge.store.vectors as vi

    monkeypatch.setattr(vi, "PAGE", 7)  # many pages on a small index
    index = VectorIndex(path=tmp_path / "chroma")
    vectors = np.eye(30, 8, dtype=np.float32) + 0.01
    index.add([f"a-{i}" for i in range(20)], vectors[:20], "a.txt", "hash-a", ["section"] * 20)
    index.add([f"b-{i}" for i in range(10)], vectors[20:], "b.txt", "hash-b", ["section"] * 10)
    assert index.delete_except({"hash-b"}) == 20
    assert index.count() == 10


def test_snapshot_stems_breadcrumb_and_text_as_index_text(knowledge_service: KnowledgeService) -> None:
    from knowledge.store.chunk_text import index_text
    from knowledge.store.snapshot import _tokenize

    snap = knowledge_service.snapshot()
    tokenizer = snap.lexical.tokenizer
    assert _tokenize(snap.chunks, tokenizer) == [tokenizer(index_text(c)) for c in snap.chunks]


def test_concurrent_queries_are_embedded_together_with_the_same_vectors() -> None:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    embedder = Embedder(Settings().embedding_model)
    embedder._cores = threading.Semaphore(1)  # one core: queries arriving meanwhile must wait together
    questions = [f"hur många brukare har enhet {n} i månaden" for n in range(12)]
    alone = {q: embedder.embed([q])[0] for q in questions}
    sizes: list[int] = []
    real_embed = embedder.embed

    def counting(texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        sizes.append(len(texts))
        return real_embed(texts, on_batch)

    real_one = embedder._embed_one

    def counting_one(text: str) -> np.ndarray:  # a query alone in its pass takes the lean path
        sizes.append(1)
        return real_one(text)

    embedder.embed = counting  # type: ignore[method-assign]
    embedder._embed_one = counting_one  # type: ignore[method-assign]
    with ThreadPoolExecutor(max_workers=6) as pool:
        vectors = list(pool.map(embedder.embed_query, questions))
    for q, v in zip(questions, vectors, strict=True):
        assert np.allclose(v, alone[q], atol=1e-4)
    assert sum(sizes) == len(questions) and max(sizes) > 1, sizes


def test_a_failed_batch_fails_every_waiting_query() -> None:
    from concurrent.futures import ThreadPoolExecutor

    embedder = Embedder("/nowhere")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(embedder.embed_query, f"fråga {n}") for n in range(8)]
    for future in futures:
        with pytest.raises(EmbedderError):
            future.result()
