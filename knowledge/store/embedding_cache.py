"""Content-addressed store of chunk embeddings, so unchanged text is never embedded twice.

Embedding is most of an ingest's time. A revised plan keeps most of its text, and units of
one district share the KF and nämnd goals word for word, so most chunks of a new document
have been embedded before. Vectors are keyed by a hash of the model, the token limit and
the exact text embedded; the table lives in the catalog database and can be deleted at any
time (it is rebuilt by the next ingest).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from core.db import Database, Migration

MIGRATIONS = [
    Migration(
        sqlite="CREATE TABLE embedding_cache (key TEXT PRIMARY KEY, vector BLOB NOT NULL)",
        postgres="CREATE TABLE embedding_cache (key TEXT PRIMARY KEY, vector BYTEA NOT NULL)",
    ),
]

_IN_CHUNK = 500  # SQLite's variable limit is 32766 here, but small IN lists keep queries cheap


def cache_key(model_id: str, text: str) -> str:
    """Key of one embedding: the model with its settings (`Embedder.model_id`) and the text."""
    return hashlib.sha256(f"{model_id}\x1f{text}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors by content key in the catalog's database (written only by the ingest pipeline)."""

    def __init__(self, conn: Database) -> None:
        self.conn = conn
        conn.migrate("embedding_cache", MIGRATIONS)

    def get(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors for the keys that have one."""
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _IN_CHUNK):
            part = unique[start : start + _IN_CHUNK]
            marks = ",".join("?" * len(part))
            rows = self.conn.execute(
                f"SELECT key, vector FROM embedding_cache WHERE key IN ({marks})", part
            ).fetchall()
            for row in rows:
                found[row["key"]] = np.frombuffer(row["vector"], dtype=np.float32).copy()
        return found

    def put(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Store vectors (float32); an existing key keeps its vector (same key, same vector)."""
        rows = [(key, np.asarray(vector, dtype=np.float32).tobytes()) for key, vector in items]
        if not rows:
            return
        with self.conn.transaction():
            self.conn.executemany(
                "INSERT INTO embedding_cache(key, vector) VALUES (?, ?) ON CONFLICT(key) DO NOTHING", rows
            )

    def retain(self, keys: Iterable[str]) -> int:
        """Delete every vector whose key is not in `keys` (those of the stored chunks).

        Returns:
            How many vectors were deleted.
        """
        with self.conn.transaction():
            self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
            self.conn.execute("DELETE FROM keep")
            self.conn.executemany(
                "INSERT INTO keep(key) VALUES (?) ON CONFLICT(key) DO NOTHING", ((k,) for k in keys)
            )
            deleted = self.conn.execute(
                "DELETE FROM embedding_cache WHERE key NOT IN (SELECT key FROM keep)"
            ).rowcount
            self.conn.execute("DELETE FROM keep")
        return deleted

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM embedding_cache").fetchone()[0])
