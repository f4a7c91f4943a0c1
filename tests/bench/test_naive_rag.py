"""The naive RAG baseline: fixed windows, top passages cited by source (fake embedder, real Chroma)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bench.naive_rag import CHUNK_CHARS, OVERLAP, NaiveRag, windows
from knowledge.retrieval.embedder import Embedder


class BagOfLettersEmbedder(Embedder):
    """Deterministic stand-in for MiniLM: normalised letter counts."""

    def __init__(self) -> None:
        super().__init__("unused")

    def embed(self, texts: Sequence[str], on_batch: object = None) -> np.ndarray:
        out = np.zeros((len(texts), 26), dtype=np.float32)
        for row, text in enumerate(texts):
            for ch in text.lower():
                if "a" <= ch <= "z":
                    out[row, ord(ch) - 97] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_windows_are_fixed_size_with_overlap() -> None:
    text = "".join(str(i % 10) for i in range(2500))
    parts = windows("a.txt", text)
    assert [w.start for w in parts] == [0, 800, 1600]
    assert all(len(w.text) == CHUNK_CHARS for w in parts[:2]) and len(parts[2].text) == 900
    assert parts[0].text[-OVERLAP:] == parts[1].text[:OVERLAP]
    assert windows("b.txt", "kort text") == [windows("b.txt", "kort text")[0]]


def test_answer_is_top_three_passages_cited_by_source(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "zzz.txt").write_text("zzzz zzzz zzzz\n" * 200, encoding="utf-8")
    (docs / "abc.txt").write_text("abc abc abc\n" * 200, encoding="utf-8")
    rag = NaiveRag(BagOfLettersEmbedder(), tmp_path / "chroma")
    stats = rag.build(sorted(docs.iterdir()))
    assert stats.documents == 2 and stats.chunks >= 6
    answer = rag.answer("zzz?")
    assert answer.kind == "passages"
    assert [c.n for c in answer.citations] == [1, 2, 3]
    assert {c.source for c in answer.citations} == {"zzz.txt"}
    assert all(len(c.quote) <= 400 for c in answer.citations)
    assert "[1]" in answer.answer and "[3]" in answer.answer
