"""An immutable, in-memory view of the committed knowledge base, reloaded when SQLite changes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from indicators.store import StoredOutcome
from knowledge.catalog import Catalog, DocumentRecord
from knowledge.lexical_index import LexicalIndex
from knowledge.models import Chunk, DocumentMeta, ParsedDocument


def _index_text(chunk: Chunk) -> str:
    # Same text the pipeline embeds (ingest.chunker.index_text); knowledge may not import ingest.
    return f"{chunk.breadcrumb}\n{chunk.text}"


@dataclass
class Snapshot:
    """Everything the answerer reads, consistent with one catalog generation."""

    generation: int
    records: list[DocumentRecord]
    parsed: dict[str, ParsedDocument]
    chunks: list[Chunk]
    lexical: LexicalIndex
    outcomes: list[StoredOutcome]
    position: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, np.ndarray] = field(default_factory=dict)
    structured: dict[tuple[str, str, int], Chunk] = field(default_factory=dict)

    @classmethod
    def load(cls, catalog: Catalog) -> Snapshot:
        """Read the committed state in one read transaction (a consistent view)."""
        conn = catalog.conn
        conn.execute("BEGIN")
        try:
            generation = catalog.generation()
            records = catalog.documents()
            parsed = {r.meta.source: p for r in records if (p := catalog.parsed(r.meta.source)) is not None}
            chunks = catalog.chunks()
            outcomes = catalog.indicator_store.outcomes()
        finally:
            conn.execute("COMMIT")
        snap = cls(
            generation=generation,
            records=records,
            parsed=parsed,
            chunks=chunks,
            lexical=LexicalIndex([_index_text(c) for c in chunks]),
            outcomes=outcomes,
        )
        snap.position = {c.id: i for i, c in enumerate(chunks)}
        snap.structured = {(c.source, c.kind.value, c.ref): c for c in chunks if c.ref is not None}
        sources = np.array([c.source for c in chunks], dtype=object)
        snap.by_source = {r.meta.source: sources == r.meta.source for r in records}
        return snap

    @property
    def metas(self) -> list[DocumentMeta]:
        """Metadata of every stored document."""
        return [r.meta for r in self.records]

    def meta(self, source: str) -> DocumentMeta:
        """Metadata of one stored document."""
        return self.parsed[source].meta

    def mask(self, sources: set[str]) -> np.ndarray:
        """Boolean mask over chunks that belong to the given sources."""
        mask = np.zeros(len(self.chunks), dtype=bool)
        for source in sources:
            if source in self.by_source:
                mask |= self.by_source[source]
        return mask
