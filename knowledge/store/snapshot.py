"""An immutable, in-memory view of the committed knowledge base, reloaded when the catalog changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from indicators.store import StoredIndicator, StoredOutcome
from knowledge.models import Chunk, DocumentMeta, ParsedDocument
from knowledge.store.catalog import Catalog, DocumentRecord
from knowledge.store.lexical import LexicalIndex
from knowledge.textnorm import stem_tokens


def _tokenize(chunks: list[Chunk]) -> list[list[str]]:
    """Stems of each chunk's `index_text`, breadcrumb and text stemmed apart.

    Breadcrumbs repeat within a document and texts across documents (KF goals, shared
    routines), so each distinct string is stemmed once: at 100x this is most of a reload.
    """
    memo: dict[str, list[str]] = {}

    def stems(text: str) -> list[str]:
        if text not in memo:
            memo[text] = stem_tokens(text)
        return memo[text]

    # index_text joins the two with a newline, which no token spans: same stems, same order
    # (tests/knowledge/test_indexes.py checks this on the samples).
    return [stems(c.breadcrumb) + stems(c.text) for c in chunks]


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
    # Chunks are stored ordered by source, so each document is one slice [start, end).
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    kinds: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    structured: dict[tuple[str, str, int], Chunk] = field(default_factory=dict)

    @classmethod
    def load(cls, catalog: Catalog) -> Snapshot:
        """Read the committed state in one read transaction (a consistent view)."""
        with catalog.conn.transaction(write=False):
            generation = catalog.generation()
            records = catalog.documents()
            parsed = {r.meta.source: p for r in records if (p := catalog.parsed(r.meta.source)) is not None}
            chunks = catalog.chunks()
            outcomes = catalog.indicator_store.outcomes()
        snap = cls(
            generation=generation,
            records=records,
            parsed=parsed,
            chunks=chunks,
            lexical=LexicalIndex(tokenized=_tokenize(chunks)),
            outcomes=outcomes,
        )
        snap.position = {c.id: i for i, c in enumerate(chunks)}
        snap.structured = {(c.source, c.kind.value, c.ref): c for c in chunks if c.ref is not None}
        for i, c in enumerate(chunks):
            start, _ = snap.spans.get(c.source, (i, i))
            snap.spans[c.source] = (start, i + 1)
        snap.kinds = np.array([c.kind.value for c in chunks], dtype=object)
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
            if source in self.spans:
                start, end = self.spans[source]
                mask[start:end] = True
        return mask

    def kind_mask(self, kinds: set[str]) -> np.ndarray:
        """Boolean mask over chunks of the given kinds."""
        return np.isin(self.kinds, list(kinds))

    def chunks_of(self, source: str) -> list[Chunk]:
        """One document's chunks in document order."""
        start, end = self.spans.get(source, (0, 0))
        return self.chunks[start:end]

    @cached_property
    def indicator_rows(self) -> list[StoredIndicator]:
        """Every plan indicator row with its document's unit, district and year (built once)."""
        return [
            StoredIndicator(
                source=source,
                idx=i,
                unit=parsed.meta.unit,
                district=parsed.meta.district,
                year=parsed.meta.year,
                indicator=indicator,
            )
            for source, parsed in self.parsed.items()
            for i, indicator in enumerate(parsed.indicators)
        ]
