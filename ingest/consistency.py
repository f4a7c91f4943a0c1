"""`planbot check`: compare the catalog, the vectors, the lexical index and the embedding cache.

The catalog (SQLite) is the truth: every stored chunk of an active document version should
have a vector in Chroma, a non-empty entry in the lexical index (built from the catalog in
memory, so it can only lack text) and a cached embedding. Vectors and cached embeddings that
no stored chunk uses are orphans. `repair` restores missing vectors, from the cache where it
can and by embedding the chunk's text again where it cannot, and drops orphans.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np

from core.db import DATABASE_ERRORS, Dialect
from ingest.report import IngestReport, Status
from knowledge.store.catalog import Catalog, DocumentRecord
from knowledge.store.chunk_text import embed_text, index_text
from knowledge.store.embedding_cache import EmbeddingCache, cache_key
from knowledge.store.vectors import VectorIndex, VectorStoreError
from knowledge.textnorm import stem_tokens

if TYPE_CHECKING:
    from ingest.pipeline import Pipeline

logger = logging.getLogger(__name__)


class ProblemKind(StrEnum):
    """What `check_stores` can find wrong."""

    CATALOG_UNREADABLE = "catalog_unreadable"
    VECTORS_UNREADABLE = "vectors_unreadable"
    VECTORS_MISSING = "vectors_missing"
    VECTORS_ORPHANED = "vectors_orphaned"
    LEXICAL_EMPTY = "lexical_empty"
    CACHE_MISSING = "cache_missing"
    CACHE_ORPHANED = "cache_orphaned"


@dataclass(frozen=True)
class Problem:
    """One problem, with the Swedish line `planbot check` prints for it."""

    kind: ProblemKind
    message: str
    source: str | None = None
    count: int = 0


@dataclass
class CheckResult:
    """What was compared and what is wrong."""

    documents: int = 0
    chunks: int = 0
    vectors: int = 0
    cached: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems

    @property
    def unreadable(self) -> bool:
        """True when a store could not be read at all (repair cannot help)."""
        return any(
            p.kind in (ProblemKind.CATALOG_UNREADABLE, ProblemKind.VECTORS_UNREADABLE) for p in self.problems
        )

    def missing_vectors(self) -> set[str]:
        """Sources with at least one missing vector."""
        return {p.source for p in self.problems if p.kind is ProblemKind.VECTORS_MISSING and p.source}


def catalog_problem(db_path: object, exc: BaseException) -> Problem:
    """The problem line for a catalog that cannot be read."""
    return Problem(
        ProblemKind.CATALOG_UNREADABLE,
        f"Katalogen {db_path} kan inte läsas ({exc}). Återställ den från en säkerhetskopia "
        "eller ta bort den och läs in dokumenten igen med 'planbot ingest'.",
    )


def vectors_problem(exc: BaseException) -> Problem:
    """The problem line for a vector index that cannot be read."""
    return Problem(
        ProblemKind.VECTORS_UNREADABLE,
        f"Vektorindexet (Chroma) kan inte läsas ({exc}). Ta bort mappen chroma i datamappen "
        "och kör 'planbot check --repair' för att bygga upp det igen.",
    )


def check_stores(
    catalog: Catalog, vectors: VectorIndex | None, cache: EmbeddingCache, model_id: str
) -> CheckResult:
    """Compare the stores of one data directory.

    Args:
        catalog: The open catalog.
        vectors: The vector index; None when it could not be opened (reported by the caller).
        cache: The embedding cache in the catalog database.
        model_id: `Embedder.model_id`, which names the cache keys.

    Returns:
        The counts and one `Problem` per thing wrong, ordered by document.
    """
    result = CheckResult()
    try:
        if catalog.conn.dialect is Dialect.SQLITE:
            verdict = catalog.conn.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise sqlite3.DatabaseError(str(verdict))
        hashes = catalog.hashes()
        chunks = catalog.chunks()
        cached_keys = {row[0] for row in catalog.conn.execute("SELECT key FROM embedding_cache")}
    except DATABASE_ERRORS as exc:
        result.problems.append(catalog_problem(catalog.db_path, exc))
        return result
    result.documents, result.chunks, result.cached = len(hashes), len(chunks), len(cached_keys)
    by_source: dict[str, list[str]] = {}
    for chunk in chunks:
        by_source.setdefault(chunk.source, []).append(chunk.id)

    stored: dict[str, set[str]] = {}
    if vectors is not None:
        try:
            stored = vectors.ids_by_version()
        except VectorStoreError as exc:
            result.problems.append(vectors_problem(exc))
            vectors = None
    result.vectors = sum(len(ids) for ids in stored.values())
    active = set(hashes.values())
    for source in sorted(hashes):
        ids = by_source.get(source, [])
        if vectors is not None:
            missing = set(ids) - stored.get(hashes[source], set())
            if missing:
                result.problems.append(
                    Problem(
                        ProblemKind.VECTORS_MISSING,
                        f"{source}: {len(missing)} av {len(ids)} vektorer saknas "
                        "(svaren bygger bara på ordsökning). Kör 'planbot check --repair'.",
                        source,
                        len(missing),
                    )
                )
        texts = [c for c in chunks if c.source == source]
        if texts and not any(stem_tokens(index_text(c), drop_stopwords=False) for c in texts):
            result.problems.append(
                Problem(
                    ProblemKind.LEXICAL_EMPTY,
                    f"{source}: ordsökningen hittar inga ord i dokumentets {len(texts)} textdelar. "
                    "Kontrollera filen och läs in den igen.",
                    source,
                    len(texts),
                )
            )
    if vectors is not None:
        orphaned = sum(len(ids) for h, ids in stored.items() if h not in active)
        if orphaned:
            result.problems.append(
                Problem(
                    ProblemKind.VECTORS_ORPHANED,
                    f"{orphaned} vektorer hör inte till något inläst dokument. Kör 'planbot check --repair'.",
                    None,
                    orphaned,
                )
            )
    wanted = {cache_key(model_id, embed_text(c)) for c in chunks}
    uncached = len(wanted - cached_keys)
    if uncached:
        result.problems.append(
            Problem(
                ProblemKind.CACHE_MISSING,
                f"{uncached} textdelar saknas i embeddingcachen (nästa återställning beräknar dem igen). "
                "Kör 'planbot check --repair'.",
                None,
                uncached,
            )
        )
    extra = len(cached_keys - wanted)
    if extra:
        result.problems.append(
            Problem(
                ProblemKind.CACHE_ORPHANED,
                f"{extra} embeddingar i cachen hör inte till någon textdel. Kör 'planbot check --repair'.",
                None,
                extra,
            )
        )
    return result


@dataclass
class RepairResult:
    """What `repair` did."""

    restored: dict[str, int] = field(default_factory=dict)  # source -> vectors written
    from_cache: int = 0
    embedded: int = 0
    orphans_deleted: int = 0
    cache_deleted: int = 0
    cache_filled: int = 0


def _fill_cache(pipeline: Pipeline, model: str) -> int:
    """Put the stored vectors of chunks the cache lacks back into it (no model needed)."""
    hashes = pipeline.catalog.hashes()
    chunks = pipeline.catalog.chunks()
    keys = {c.id: cache_key(model, embed_text(c)) for c in chunks}
    present = pipeline.cache.get(list(keys.values()))
    lacking = [c for c in chunks if keys[c.id] not in present]
    versions = sorted({hashes[c.source] for c in lacking if c.source in hashes})
    vector_of: dict[str, np.ndarray] = {}
    for block in pipeline.vectors.blocks(versions):
        vector_of.update(zip((str(i) for i in block.ids), block.matrix, strict=True))
    fresh = {keys[c.id]: vector_of[c.id] for c in lacking if c.id in vector_of}
    pipeline.cache.put(fresh.items())
    return len(fresh)


def restore_vectors(pipeline: Pipeline, sources: set[str]) -> RepairResult:
    """Write the vectors of the given documents again: cached embeddings, else embed anew.

    The caller holds the writer lock. Every chunk of each document is written (an upsert),
    so a partly missing document is whole afterwards.
    """
    result = RepairResult()
    if not sources:
        return result
    hashes = pipeline.catalog.hashes()
    model = pipeline.embedder.model_id
    chunks = [c for c in pipeline.catalog.chunks() if c.source in sources]
    for source in sorted(sources):
        own = [c for c in chunks if c.source == source]
        if not own or source not in hashes:
            continue
        texts = [embed_text(c) for c in own]
        keys = [cache_key(model, t) for t in texts]
        found = pipeline.cache.get(keys)
        result.from_cache += sum(1 for k in keys if k in found)
        todo = list(dict.fromkeys(k for k in keys if k not in found))
        if todo:
            text_of = dict(zip(keys, texts, strict=True))
            fresh = pipeline.embedder.embed([text_of[k] for k in todo])
            new = dict(zip(todo, fresh, strict=True))
            pipeline.cache.put(new.items())
            found.update(new)
            result.embedded += len(todo)
        pipeline.vectors.add(
            [c.id for c in own],
            np.vstack([found[k] for k in keys]),
            source,
            hashes[source],
            [c.kind.value for c in own],
        )
        result.restored[source] = len(own)
        logger.info("Restored %d vectors of %s", len(own), source)
    return result


def repair(pipeline: Pipeline, check: CheckResult) -> RepairResult:
    """Fix what `check_stores` found: restore missing vectors, drop orphaned vectors and cache rows.

    The caller holds the writer lock. Afterwards the catalog's generation is bumped, so a
    running server reloads and sees the restored vectors without a restart.
    """
    result = restore_vectors(pipeline, check.missing_vectors())
    kinds = {p.kind for p in check.problems}
    if ProblemKind.VECTORS_ORPHANED in kinds:
        result.orphans_deleted = pipeline.vectors.delete_except(set(pipeline.catalog.hashes().values()))
    model = pipeline.embedder.model_id
    if ProblemKind.CACHE_MISSING in kinds:
        result.cache_filled = _fill_cache(pipeline, model)
    if ProblemKind.CACHE_ORPHANED in kinds:
        result.cache_deleted = pipeline.cache.retain(
            cache_key(model, embed_text(c)) for c in pipeline.catalog.chunks()
        )
    if result.restored or result.orphans_deleted:
        pipeline.catalog.touch()
    return result


def restore_unchanged(pipeline: Pipeline, report: IngestReport, stored: dict[str, DocumentRecord]) -> None:
    """Write back the vectors of unchanged documents that lost them (a deleted vector folder).

    Without this a re-ingest said "unchanged" while answers had silently fallen back to
    the lexical index. One paged listing of the index per run; restoring takes cached
    embeddings, so the model is only loaded when the cache lacks them too.
    """
    rows = {r.source: r for r in report.rows if r.status is Status.UNCHANGED and r.source in stored}
    if not rows:
        return
    try:
        counts = pipeline.vectors.counts()
        lacking = {s for s in rows if counts.get(stored[s].meta.content_hash or "", 0) < stored[s].chunks}
        restored = restore_vectors(pipeline, lacking).restored
    except VectorStoreError:
        for row in rows.values():
            row.warnings.append(
                "vektorindexet kan inte läsas; svaren bygger bara på ordsökning. "
                "Kör 'planbot check --repair'."
            )
        return
    for source, n in restored.items():
        rows[source].warnings.append(f"{n} vektorer saknades i vektorindexet och har återställts.")
    if restored:
        pipeline.catalog.touch()  # running servers reload and see the vectors
