"""The embedding cache on real SQLite."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.db import connect
from knowledge.store.embedding_cache import EmbeddingCache, cache_key


def test_put_get_and_retain(tmp_path: Path) -> None:
    cache = EmbeddingCache(connect(tmp_path / "db.sqlite3"))
    a, b = cache_key("model@128", "Nämndmål: trygghet"), cache_key("model@128", "Aktivitet: MI")
    assert a != cache_key("model@64", "Nämndmål: trygghet"), "another model setting is another key"
    va, vb = np.arange(4, dtype=np.float32), np.ones(4, dtype=np.float32)
    cache.put([(a, va), (b, vb)])
    cache.put([(a, vb)])  # same key, same text: the first vector stays
    found = cache.get([a, b, "missing", a])
    assert set(found) == {a, b}
    assert np.array_equal(found[a], va) and np.array_equal(found[b], vb)
    assert cache.retain([b]) == 1
    assert set(cache.get([a, b])) == {b}
    assert len(cache) == 1


def test_lookup_of_many_keys_is_paged(tmp_path: Path) -> None:
    cache = EmbeddingCache(connect(tmp_path / "db.sqlite3"))
    keys = [cache_key("m", str(i)) for i in range(1200)]
    cache.put((k, np.full(2, i, dtype=np.float32)) for i, k in enumerate(keys))
    found = cache.get(keys)
    assert len(found) == 1200 and found[keys[1100]][0] == 1100
