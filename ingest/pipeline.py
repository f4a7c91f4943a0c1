"""The ingestion pipeline: read → parse → chunk → embed → index, one document at a time.

Each changed document is written in this order: vectors into Chroma under the new
version's ids, then one SQLite transaction that swaps the document's structure, chunks
and indicator rows, then old vectors are collected. A crash at any point leaves the
previous state usable: readers only see chunks whose version SQLite has committed.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from config import Settings
from core.db import Database, LockBusyError
from ingest.bounds import Bounds, bound_text
from ingest.chunker import chunk_document, embed_text
from ingest.consistency import restore_unchanged
from ingest.parser import MetaOverrides, load_sidecar, parse
from ingest.readers import ReadError, read_document, scan_documents
from ingest.report import IngestReport, ReportRow, Status
from ingest.uploads_rule import replaces_warning, without_shadowed
from knowledge.models import ParsedDocument
from knowledge.retrieval.embedder import Embedder
from knowledge.store.catalog import Catalog, DocumentRecord
from knowledge.store.embedding_cache import EmbeddingCache, cache_key
from knowledge.store.vectors import VectorIndex


class IngestError(RuntimeError):
    """Ingest cannot run at all (another ingest is running, no such folder…)."""


class WriterBusyError(IngestError):
    """Another process or thread holds the writer lock (an ingest or removal is running)."""


@dataclass
class Progress:
    """Callbacks the CLI turns into progress bars; all optional."""

    start_documents: Callable[[int], None] = lambda total: None
    document_done: Callable[[str], None] = lambda source: None
    start_embedding: Callable[[str, int], None] = lambda source, total: None
    embedded: Callable[[int], None] = lambda n: None


@contextlib.contextmanager
def writer_lock(db: Database, wait: float = 0.0) -> Iterator[None]:
    """Allow one writer at a time; a second ingest gets a clear error instead of interleaving.

    The lock lives with the database (an advisory lock on PostgreSQL, a lock file next to
    the SQLite file), so ingest jobs on different machines exclude each other too.
    """
    try:
        with db.lock("ingest", wait=wait):
            yield
    except LockBusyError as exc:
        raise WriterBusyError(
            "En annan inläsning pågår redan. Vänta tills den är klar och försök igen."
        ) from exc


# Bump when what is stored for an unchanged file changes (parser output, chunks, the text
# embedded), so the next ingest rewrites every document instead of serving old and new
# vectors side by side. 2: embedded text without the document label (embedding cache). 3: budget
# rows by year columns without the document year, table captions out of goal text.
INDEX_FORMAT = "3"


def _version_hash(
    source: str, file_hash: str, sidecar: Path, overrides: MetaOverrides | None, model_id: str
) -> str:
    """Hash of everything that shapes the stored document: its name, the file, its sidecar, CLI
    overrides, the index format and the embedding model. The name keeps two copies of one file
    apart (chunk ids and vectors are keyed by version); the model makes a change of model or
    token limit re-embed every document instead of mixing vectors of two models."""
    parts = [INDEX_FORMAT, model_id, source, file_hash]
    if sidecar.exists():
        parts.append(hashlib.sha256(sidecar.read_bytes()).hexdigest())
    if overrides is not None and overrides.model_dump(exclude_none=True):
        parts.append(overrides.model_dump_json(exclude_none=True))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _merge(sidecar: MetaOverrides | None, cli: MetaOverrides | None) -> MetaOverrides | None:
    if sidecar is None:
        return cli
    if cli is None:
        return sidecar
    return sidecar.model_copy(update=cli.model_dump(exclude_none=True))


def _row(status: Status, parsed: ParsedDocument, chunks: int) -> ReportRow:
    m = parsed.meta
    return ReportRow(
        source=m.source,
        status=status,
        type=m.type.value,
        unit=m.unit,
        district=m.district,
        year=m.year,
        goals=len(parsed.goals),
        indicators=len(parsed.indicators),
        activities=len(parsed.activities),
        outcomes=len(parsed.outcomes),
        chunks=chunks,
        warnings=parsed.warnings,
    )


def _unchanged_row(record: DocumentRecord) -> ReportRow:
    m = record.meta
    return ReportRow(
        source=m.source,
        status=Status.UNCHANGED,
        type=m.type.value,
        unit=m.unit,
        district=m.district,
        year=m.year,
        goals=record.goals,
        indicators=record.indicators,
        activities=record.activities,
        outcomes=record.outcomes,
        chunks=record.chunks,
        warnings=record.warnings,
    )


class Pipeline:
    """Ingests documents into the catalog and the vector index of one data directory."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, lock_wait: float = 0.0) -> None:
        """Open the catalog (the model loads on first need).

        Args:
            settings: Planbot's settings.
            embedder: A loaded embedder to share (a server's), or None for one of its own.
            lock_wait: Seconds an ingest waits for another one to finish before giving up
                (jobs started together queue instead of failing; interactive use: 0).
        """
        self.settings = settings
        self.lock_wait = lock_wait
        self.catalog = Catalog(settings.database)
        self.embedder = embedder or Embedder(
            settings.embedding_model,
            settings.embedding_batch_size,
            settings.embedding_max_tokens,
            threads=settings.ingest_threads,
        )
        self.cache = EmbeddingCache(self.catalog.conn)
        self._vectors: VectorIndex | None = None

    @property
    def bounds(self) -> Bounds:
        """The size bounds from the settings."""
        s = self.settings
        return Bounds(
            max_text_chars=int(s.max_text_mb * 1_000_000),
            max_chunk_chars=s.max_chunk_chars,
            max_sentence_chars=s.max_sentence_chars,
        )

    @property
    def vectors(self) -> VectorIndex:
        """The vector index, opened on first need (importing chromadb is not free)."""
        if self._vectors is None:
            s = self.settings
            self._vectors = VectorIndex(
                path=s.chroma_path,
                host=s.chroma_host,
                port=s.chroma_port,
                collection=s.chroma_collection,
                deployment=self.catalog.deployment_id(),
            )
        return self._vectors

    def close(self) -> None:
        """Release the database connection."""
        self.catalog.close()

    def ingest(
        self,
        paths: Sequence[Path],
        overrides: MetaOverrides | None = None,
        prune: bool = False,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Ingest files and folders (recursively); unchanged documents are skipped.

        Args:
            paths: Files or folders.
            overrides: Metadata that wins over inference and sidecars (CLI flags).
            prune: Remove stored documents that are no longer present under the given folders.
            progress: Progress callbacks.

        Returns:
            The report; a failed document does not stop the others.
        """
        progress = progress or Progress()
        started = time.monotonic()
        report = IngestReport()
        with writer_lock(self.catalog.conn, self.lock_wait):
            missing = [p for p in paths if not p.exists()]
            for p in missing:
                report.rows.append(
                    ReportRow(
                        source=p.name, status=Status.FAILED, error=f"hittar inte '{p}'. Kontrollera sökvägen."
                    )
                )
            files, outside = scan_documents([p for p in paths if p.exists()])
            for link, target in outside:
                report.rows.append(
                    ReportRow(
                        source=link.name,
                        status=Status.FAILED,
                        error=f"länken {link} pekar utanför mappen (till {target}) och följs inte. "
                        "Kopiera filen in i mappen i stället.",
                    )
                )
            files, shadowed = without_shadowed(files, self.settings.uploads_dir)
            report.rows.extend(shadowed)
            stored = {r.meta.source: r for r in self.catalog.documents()}
            progress.start_documents(len(files))
            seen: dict[str, Path] = {}
            for path in files:
                source = path.name
                if source in seen:
                    report.rows.append(
                        ReportRow(
                            source=source,
                            status=Status.FAILED,
                            error=f"två filer heter '{source}' ({seen[source]} och {path}). "
                            "Byt namn på den ena.",
                        )
                    )
                else:
                    seen[source] = path
                    row = self._ingest_one(path, stored.get(source), overrides, progress)
                    row.warnings.extend(
                        replaces_warning(path, stored.get(source), row, self.settings.uploads_dir)
                    )
                    report.rows.append(row)
                progress.document_done(source)
            restore_unchanged(self, report, stored)
            if prune:
                report.rows.extend(self._prune(paths, set(seen), stored))
            if report.changed:
                self._collect()
        report.seconds = time.monotonic() - started
        return report

    def _ingest_one(
        self, path: Path, stored: DocumentRecord | None, cli: MetaOverrides | None, progress: Progress
    ) -> ReportRow:
        source = path.name
        try:
            bounds = self.bounds
            raw = read_document(
                path,
                self.settings.max_file_mb * 1024 * 1024,
                source=source,
                max_text_chars=bounds.max_text_chars,
            )
            sidecar_path = path.with_name(path.name + ".meta.json")
            version = _version_hash(source, raw.content_hash, sidecar_path, cli, self.embedder.model_id)
            if stored is not None and stored.meta.content_hash == version:
                return _unchanged_row(stored)
            cut = bound_text(raw, bounds.max_text_chars)
            parsed = parse(raw, _merge(load_sidecar(path), cli))
            parsed.warnings.extend(cut)
            parsed.meta.content_hash = version
            chunks = chunk_document(parsed, bounds)
            embedded = 0
            if chunks:
                vectors, embedded = self._embed(source, [embed_text(c) for c in chunks], progress)
                self.vectors.add(
                    [c.id for c in chunks], vectors, source, version, [c.kind.value for c in chunks]
                )
            self.catalog.replace_document(parsed, chunks, str(path.resolve()))
            row = _row(Status.UPDATED if stored else Status.NEW, parsed, len(chunks))
            row.embedded = embedded
            return row
        except ReadError as exc:
            return ReportRow(source=source, status=Status.FAILED, error=exc.message)
        except ValueError as exc:  # invalid sidecar: the message names the file and field
            return ReportRow(source=source, status=Status.FAILED, error=str(exc))
        except Exception as exc:
            return ReportRow(
                source=source,
                status=Status.FAILED,
                error=f"oväntat fel ({type(exc).__name__}: {exc}). Tidigare inläst version finns kvar.",
            )

    def _prune(
        self, paths: Sequence[Path], present: set[str], stored: dict[str, DocumentRecord]
    ) -> list[ReportRow]:
        folders = [p.resolve() for p in paths if p.is_dir()]
        rows = []
        for source, record in stored.items():
            if source in present or not record.path:
                continue
            if any(Path(record.path).is_relative_to(folder) for folder in folders):
                self.catalog.remove_document(source)
                m = record.meta
                rows.append(
                    ReportRow(
                        source=source,
                        status=Status.REMOVED,
                        type=m.type.value,
                        unit=m.unit,
                        district=m.district,
                        year=m.year,
                    )
                )
        return rows

    def remove(self, source: str) -> bool:
        """Remove one stored document and its vectors. Returns False when it was not stored."""
        with writer_lock(self.catalog.conn, self.lock_wait):
            removed = self.catalog.remove_document(source)
            if removed:
                self._collect()
            return removed

    def _collect(self) -> None:
        """Drop vectors and cached embeddings that no stored document version uses any more."""
        self.vectors.delete_except(set(self.catalog.hashes().values()))
        model = self.embedder.model_id
        self.cache.retain(cache_key(model, embed_text(c)) for c in self.catalog.chunks())

    def _embed(self, source: str, texts: list[str], progress: Progress) -> tuple[np.ndarray, int]:
        """Vectors for the texts, embedding only those not in the cache.

        Returns:
            The vectors in text order and how many texts were embedded (not cached).
        """
        model = self.embedder.model_id
        keys = [cache_key(model, t) for t in texts]
        found = self.cache.get(keys)
        todo = list(dict.fromkeys(k for k in keys if k not in found))
        text_of = dict(zip(keys, texts, strict=True))
        progress.start_embedding(source, len(todo))
        if todo:
            fresh = self.embedder.embed([text_of[k] for k in todo], on_batch=progress.embedded)
            new = dict(zip(todo, fresh, strict=True))
            self.cache.put(new.items())
            found.update(new)
        return np.vstack([found[k] for k in keys]), len(todo)
