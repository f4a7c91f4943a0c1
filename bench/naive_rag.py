"""The naive RAG baseline Planbot is measured against.

Textbook retrieval-augmented answering with no document understanding: each document's
text (from the same readers Planbot uses) is cut into fixed 1000-character windows with
200 characters of overlap, embedded with the same MiniLM (`knowledge.retrieval.embedder.Embedder`)
into its own Chroma collection, and a question is answered with the three nearest
windows, each cited by its source. It never declines and never asks back.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.answer import Answer, AnswerKind, Citation, ConversationContext
from knowledge.retrieval.embedder import Embedder

CHUNK_CHARS = 1000
OVERLAP = 200
TOP_K = 3
COLLECTION = "naive_baseline"
MAX_QUOTE = 400


@dataclass(frozen=True)
class Window:
    """A fixed-size piece of one document."""

    source: str
    start: int
    text: str


@dataclass(frozen=True)
class BuildStats:
    """What building the baseline index took."""

    documents: int
    chunks: int
    seconds: float


def windows(source: str, text: str, size: int = CHUNK_CHARS, overlap: int = OVERLAP) -> list[Window]:
    """Fixed windows of `size` characters, each starting `size - overlap` after the previous one."""
    step = size - overlap
    out = []
    for start in range(0, max(len(text) - overlap, 1), step):
        piece = text[start : start + size]
        if piece.strip():
            out.append(Window(source, start, piece))
    return out


def document_text(path: Path) -> str:
    """A document's plain text as Planbot's readers see it (markup stripped, one line per line)."""
    from ingest.readers import read_document

    raw = read_document(path, 100 * 1024 * 1024, source=path.name)
    return "\n".join(line.text for line in raw.lines)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_QUOTE:
        return text
    cut = text[: MAX_QUOTE - 1]
    return cut[: cut.rfind(" ")].rstrip() + "…" if " " in cut else cut + "…"


class NaiveRag:
    """Fixed-window dense retrieval over a separate Chroma collection."""

    def __init__(self, embedder: Embedder, chroma_dir: Path, top_k: int = TOP_K) -> None:
        """Open (or create) the baseline's collection.

        Args:
            embedder: The embedder Planbot uses (shared, so the model loads once).
            chroma_dir: A folder of its own (never Planbot's data directory).
            top_k: Passages per answer.
        """
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_dir.mkdir(parents=True, exist_ok=True)
        self.client: Any = chromadb.PersistentClient(
            path=str(chroma_dir), settings=ChromaSettings(anonymized_telemetry=False)
        )
        self.collection = self.client.get_or_create_collection(COLLECTION, metadata={"hnsw:space": "cosine"})
        self.embedder = embedder
        self.top_k = top_k

    def build(self, paths: Sequence[Path]) -> BuildStats:
        """Read, window, embed and store the documents.

        Args:
            paths: Document files.

        Returns:
            Counts and the time it took.
        """
        started = time.perf_counter()
        pieces = [w for p in paths for w in windows(p.name, document_text(p))]
        vectors = self.embedder.embed([w.text for w in pieces])
        for start in range(0, len(pieces), 1000):
            part = pieces[start : start + 1000]
            self.collection.upsert(
                ids=[f"{w.source}:{w.start}" for w in part],
                embeddings=vectors[start : start + 1000].tolist(),
                documents=[w.text for w in part],
                metadatas=[{"source": w.source, "start": w.start} for w in part],
            )
        return BuildStats(documents=len(paths), chunks=len(pieces), seconds=time.perf_counter() - started)

    def answer(self, question: str, context: ConversationContext | None = None) -> Answer:
        """The top passages as the answer, each cited (the context is ignored, as naive RAG does)."""
        vector = self.embedder.embed([question])[0]
        result: Any = self.collection.query(
            query_embeddings=[vector.tolist()], n_results=self.top_k, include=["documents", "metadatas"]
        )
        docs = result["documents"][0] if result.get("documents") else []
        metas = result["metadatas"][0] if result.get("metadatas") else []
        citations = []
        parts = []
        for n, (text, meta) in enumerate(zip(docs, metas, strict=False), start=1):
            source = str(meta["source"])
            start = int(meta["start"])
            section = f"tecken {start}–{start + len(text)}"
            citations.append(Citation(n=n, source=source, title=source, section=section, quote=_quote(text)))
            parts.append(f"{' '.join(text.split())} [{n}]")
        return Answer(
            answer="\n\n".join(parts),
            kind=AnswerKind.PASSAGES,
            citations=citations,
            context=context or ConversationContext(),
        )
