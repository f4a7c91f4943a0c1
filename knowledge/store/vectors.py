"""Dense index of chunk embeddings in Chroma (embedded PersistentClient or a Chroma server)."""

from __future__ import annotations

import logging
import sys
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.store.memory import trim_memory
from knowledge.store.ordering import top_k

logger = logging.getLogger(__name__)

COLLECTION = "planbot_chunks"
PAGE = 5000
# A Chroma server's vectors are read in small pages: its JSON page of 5 000 vectors is ~2 M Python
# floats, and a replica's heap kept most of those pages after they were freed (at 100x the
# vector stage took 704 MB with pages of 5 000, 305 MB with 1 000, 104 MB with 250; reading took
# ~5 s longer). The embedded client returns numpy arrays: its pages stay large (fewer offset scans).
SERVER_VECTOR_PAGE = 250
# What must never be swallowed: the process is being stopped.
_EXITS = (KeyboardInterrupt, SystemExit, GeneratorExit)


class VectorStoreError(RuntimeError):
    """Chroma cannot be opened or read (corrupt files, a panic in its Rust core, no server)."""


@contextmanager
def chroma_guard(action: str) -> Iterator[None]:
    """Turn anything Chroma raises into a logged `VectorStoreError`.

    Chroma's Rust core panics with pyo3's `PanicException`, which derives from
    BaseException: `except Exception` lets it through, and a server warming up in the
    background then stayed "starting" forever with nothing in its log.
    """
    try:
        yield
    except (VectorStoreError, *_EXITS):
        raise
    except BaseException as exc:
        logger.error("Chroma failed while %s: %s: %s", action, type(exc).__name__, exc)
        raise VectorStoreError(f"{action}: {type(exc).__name__}: {exc}") from exc


@dataclass(frozen=True)
class Block:
    """The vectors of one document version: chunk ids, kinds and a (n, dim) matrix."""

    ids: np.ndarray
    kinds: np.ndarray
    matrix: np.ndarray


@dataclass(frozen=True)
class VectorHit:
    """A chunk id with its cosine similarity to the query."""

    chunk_id: str
    score: float


class VectorIndex:
    """Chunk vectors keyed by chunk id, with the owning document's content hash as metadata.

    Readers filter by the content hashes that are active in the catalog, so vectors written
    by an ingest that crashed before its commit are never seen, and are collected later.

    On a shared Chroma server each deployment names its own collection, and every vector
    also carries the id of the deployment (catalog) that wrote it: the stale-vector sweep
    deletes only its own, so a second deployment pointed at the same collection by mistake
    cannot wipe the first one's vectors.
    """

    def __init__(
        self,
        path: Path | None = None,
        host: str | None = None,
        port: int = 8000,
        collection: str = COLLECTION,
        deployment: str | None = None,
        release_after_read: bool = False,
    ) -> None:
        """Open (or create) the collection.

        Args:
            path: Folder of the embedded PersistentClient (without `host`).
            host: Chroma server host; set means server mode.
            port: Chroma server port.
            collection: The deployment's collection name.
            deployment: Id of the catalog writing through this index (tags and sweeps);
                None for readers.
            release_after_read: A replica's reader: close an embedded client once vectors
                are read (its HNSW index, ~2.3 KB per vector, is never queried, since search
                scores the loaded blocks; the next read opens the folder afresh), and give
                the heap the read freed back to the OS in either mode (a Chroma server's
                JSON pages of Python floats left ~600 MB of freed heap at 100x).
        """
        self.path, self.host, self.port = path, host, port
        self.collection_name = collection
        self.deployment = deployment
        self.release_after_read = release_after_read
        self._reopened = 0
        self.client: Any = None
        self.collection: Any = None
        self._blocks: dict[str, Block] = {}
        self._blocks_lock = threading.Lock()  # server threads share one index
        if not host:
            assert path is not None, "an embedded index needs a path"
            path.mkdir(parents=True, exist_ok=True)
        self._connect(str(path) if path else "")

    def _connect(self, identifier: str) -> None:
        with chroma_guard("opening the vector index"):
            self._connect_unguarded(identifier)

    def _connect_unguarded(self, identifier: str) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if self.host:
            self.client = chromadb.HttpClient(host=self.host, port=self.port, settings=chroma_settings)
        else:
            self.client = chromadb.PersistentClient(path=identifier, settings=chroma_settings)
        self._identifier = identifier
        self.collection = self.client.get_or_create_collection(
            self.collection_name, metadata={"hnsw:space": "cosine"}
        )

    def _open_collection(self) -> Any:
        """The collection, connecting again after `release` or `reopen`."""
        if self.collection is None:
            alias = f"{self.path}/{'./' * self._reopened}" if self._reopened else str(self.path or "")
            self._connect(alias)
        return self.collection

    def release(self) -> None:
        """Close an embedded client, so its in-memory HNSW index is freed (see `release_after_read`).

        `close` counts references, so a client an in-process ingest shares stays open for it.
        The next use connects under a new alias of the folder: a fresh view of what other
        processes wrote since.
        """
        if self.host or self.client is None:
            return
        client, self.client, self.collection = self.client, None, None
        self._reopened += 1
        try:
            client.close()
        except Exception:  # closing is best effort: the next use opens a new client anyway
            logger.warning("Closing the Chroma client failed", exc_info=True)

    @staticmethod
    def forget_client(path: Path) -> None:
        """Drop Chroma's cached client of a folder, so the next open reads the folder afresh.

        Chroma keeps one system per path string for the process's lifetime, even one that
        failed to open; after the folder is replaced, that stale system must go.
        """
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(str(path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(path), None)

    def reopen(self) -> None:
        """Load the index afresh from disk, to see what another process (an ingest) wrote.

        An embedded Chroma client keeps its index in memory and never sees another process's
        writes (it even fails with "Error finding id" on them). Chroma caches one system per
        path string, so the next use opens the same folder under an equivalent alias
        ("path/./") and this client is closed (`release`).
        """
        if self.host:
            return
        self.release()

    def add(
        self, ids: Sequence[str], vectors: np.ndarray, source: str, content_hash: str, kinds: Sequence[str]
    ) -> None:
        """Insert or overwrite vectors of one document version (`kinds`: each chunk's kind)."""
        with chroma_guard("writing vectors"):
            self._add(ids, vectors, source, content_hash, kinds)

    def _add(
        self, ids: Sequence[str], vectors: np.ndarray, source: str, content_hash: str, kinds: Sequence[str]
    ) -> None:
        for start in range(0, len(ids), 1000):
            part = list(ids[start : start + 1000])
            self._open_collection().upsert(
                ids=part,
                embeddings=vectors[start : start + 1000].tolist(),
                metadatas=[self._meta(source, content_hash, kind) for kind in kinds[start : start + 1000]],
            )

    def _meta(self, source: str, content_hash: str, kind: str) -> dict[str, str]:
        meta = {"source": source, "content_hash": content_hash, "kind": kind}
        if self.deployment:
            meta["deployment"] = self.deployment
        return meta

    def _owns(self, meta: dict[str, Any]) -> bool:
        """Whether the sweep may delete this vector: written by this deployment.

        Vectors written before deployments were tagged have no tag; they are this
        deployment's only in the embedded index (its folder lives in the data dir).
        """
        if self.deployment is None:
            return True
        tag = meta.get("deployment")
        return tag == self.deployment or (tag is None and not self.host)

    def delete_except(self, active_hashes: set[str]) -> int:
        """Delete this deployment's vectors whose document version is not active.

        Returns:
            How many vectors went.
        """
        with chroma_guard("deleting stale vectors"):
            return self._delete_except(active_hashes)

    def _delete_except(self, active_hashes: set[str]) -> int:
        stale: list[str] = []
        # On a server only this deployment's vectors are even read; embedded, also the untagged.
        where = {"deployment": self.deployment} if self.deployment and self.host else None
        # Paged: one unpaged get of every vector fails past ~32k ("too many SQL variables").
        offset = 0
        while True:
            got = self._open_collection().get(include=["metadatas"], where=where, limit=PAGE, offset=offset)
            if not got["ids"]:
                break
            for chunk_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
                meta = dict(meta or {})
                if meta.get("content_hash") not in active_hashes and self._owns(meta):
                    stale.append(chunk_id)
            offset += len(got["ids"])
        for start in range(0, len(stale), 1000):
            self._open_collection().delete(ids=stale[start : start + 1000])
        return len(stale)

    def count(self) -> int:
        """Number of stored vectors."""
        with chroma_guard("counting vectors"):
            return int(self._open_collection().count())

    def ids_by_version(self) -> dict[str, set[str]]:
        """Every stored vector's chunk id, grouped by its document version (content hash).

        Raises:
            VectorStoreError: Chroma cannot be read.
        """
        found: dict[str, set[str]] = {}
        with chroma_guard("listing vectors"):
            offset = 0
            while True:
                got = self._open_collection().get(include=["metadatas"], limit=PAGE, offset=offset)
                if not got["ids"]:
                    break
                for chunk_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
                    found.setdefault(str((meta or {}).get("content_hash", "")), set()).add(chunk_id)
                offset += len(got["ids"])
        return found

    def counts(self) -> Counter[str]:
        """How many vectors each document version has."""
        return Counter({h: len(ids) for h, ids in self.ids_by_version().items()})

    def search(
        self, vector: np.ndarray, k: int, content_hashes: Sequence[str], kind: str | None = None
    ) -> list[VectorHit]:
        """Nearest chunks among the given document versions (exact cosine, best first).

        Scored in memory over each version's vectors, loaded from Chroma once per version:
        a version never changes, and Chroma's metadata-filtered query took 20–250 ms per
        question at 59k vectors against ~2 ms for this (docs/performance.md).

        Args:
            vector: Normalised query vector.
            k: How many hits at most.
            content_hashes: Active document versions to search within (filter by unit/year).
            kind: Only chunks of this kind (e.g. "indicator").

        Returns:
            Hits, most similar first; empty when the vectors cannot be read (the caller then
            answers from the lexical index alone).
        """
        try:
            blocks = self.blocks(content_hashes)
        except Exception:
            logger.exception("Vector search unavailable; answering from the lexical index only")
            return []
        ids: list[np.ndarray] = []
        scores: list[np.ndarray] = []
        for block in blocks:
            if not len(block.ids):
                continue
            sims = block.matrix @ vector
            if kind:
                keep = block.kinds == kind
                ids.append(block.ids[keep])
                scores.append(sims[keep])
            else:
                ids.append(block.ids)
                scores.append(sims)
        if not ids:
            return []
        all_ids, all_scores = np.concatenate(ids), np.concatenate(scores)
        # Copies of one text have the same vector: the whole tie at the k-th place is kept, so
        # which copies get a dense score does not depend on the order of `content_hashes`.
        top = top_k(all_scores, k, keep_ties=True)
        return [VectorHit(str(all_ids[i]), float(all_scores[i])) for i in top]

    def blocks(self, content_hashes: Sequence[str]) -> list[Block]:
        """The vectors of each version, read from Chroma on first use and then kept.

        A version without any vector (a deleted vector folder) is not kept: it is asked
        for again, so vectors restored by `planbot check --repair` are found.

        Raises:
            VectorStoreError: Chroma failed twice (once more after reopening the index).
        """
        with self._blocks_lock:
            missing = [h for h in dict.fromkeys(content_hashes) if h not in self._blocks]
            if missing:
                try:
                    with chroma_guard("reading vectors"):
                        self._load(missing)
                except VectorStoreError:
                    logger.warning("Reading vectors failed; reloading the index from disk")
                    self.reopen()
                    with chroma_guard("reading vectors after reopening the index"):
                        self._load(missing)
            return [self._blocks[h] for h in content_hashes if h in self._blocks]

    def loaded_counts(self, content_hashes: Sequence[str]) -> dict[str, int]:
        """How many vectors each version has (0 for none), loading those not held yet."""
        self.blocks(content_hashes)
        with self._blocks_lock:
            return {h: len(self._blocks[h].ids) if h in self._blocks else 0 for h in content_hashes}

    def _load(self, hashes: list[str]) -> None:
        try:
            self._load_open(hashes)
        finally:
            if self.release_after_read:
                self.release()  # embedded only
                trim_memory()

    def _load_open(self, hashes: list[str]) -> None:
        wanted = set(hashes)
        found: dict[str, tuple[list[str], list[str], list[np.ndarray]]] = {h: ([], [], []) for h in hashes}
        kinds_seen: dict[str, str] = {}  # one string per kind, not one per vector

        def take(got: Any) -> None:
            if got["embeddings"] is None or not len(got["ids"]):
                return
            # Converted a page at a time: Chroma returns float64 rows (twice the float32 size),
            # and holding every page's rows until the end doubled the reader's peak memory.
            page = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1)
            for i, (chunk_id, meta) in enumerate(zip(got["ids"], got["metadatas"] or [], strict=False)):
                h = (meta or {}).get("content_hash")
                if h in wanted:
                    kind = str((meta or {}).get("kind", ""))
                    # The snapshot's interned id when it holds one: the page's own string would
                    # pin the heap pages its freed floats sat in (measured: +200 MB at 100x).
                    found[h][0].append(sys.intern(chunk_id))
                    found[h][1].append(kinds_seen.setdefault(kind, kind))
                    found[h][2].append(page[i])

        include = ["embeddings", "metadatas"]
        collection = self._open_collection()
        if len(hashes) > 20:  # many versions (a server starting): one paged pass over everything
            offset = 0
            page = SERVER_VECTOR_PAGE if self.host else PAGE
            while got := collection.get(include=include, limit=page, offset=offset):
                if not got["ids"]:
                    break
                take(got)
                offset += len(got["ids"])
        else:
            for h in hashes:
                take(collection.get(where={"content_hash": h}, include=include))
        for h, (ids, kinds, vecs) in found.items():
            if not ids:
                continue  # nothing stored for this version (see `blocks`)
            matrix = np.stack(vecs).astype(np.float32, copy=False)
            self._blocks[h] = Block(np.asarray(ids, dtype=object), np.asarray(kinds, dtype=object), matrix)

    def retain(self, content_hashes: set[str]) -> None:
        """Forget loaded vectors of versions that are no longer active."""
        with self._blocks_lock:
            for h in [h for h in self._blocks if h not in content_hashes]:
                del self._blocks[h]
