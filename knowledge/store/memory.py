"""Give freed heap memory back to the operating system after a large load.

A snapshot load or a vector read allocates and frees hundreds of megabytes of short-lived
objects (database rows, Chroma's float64 pages, the stemming memo). glibc keeps freed
memory in its heaps for reuse, so the replica's RSS stayed at its peak: at 100x the
samples `malloc_trim` returned ~100 MB after the vector read alone (docs/performance.md).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from typing import Any


@functools.cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        return libc if hasattr(libc, "malloc_trim") else None  # glibc only (not musl, not macOS)
    except OSError:
        return None


def trim_memory() -> bool:
    """Return free heap pages to the OS (glibc's `malloc_trim(0)`).

    Returns:
        Whether it could be called (False where the C library has no `malloc_trim`).
    """
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)


def limit_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas (`mallopt(M_ARENA_MAX)`), as `MALLOC_ARENA_MAX` would.

    glibc gives each thread that allocates under contention an arena of its own (up to
    8 per core), and memory freed in one arena is not reused by another: a server's
    thread pool running the model grew the RSS by ~25 MB more at 100x without the cap
    (docs/performance.md). Arenas created before the call are kept.

    Returns:
        Whether it could be set (False where the C library is not glibc).
    """
    libc = _libc()
    if libc is None or not hasattr(libc, "mallopt"):
        return False
    return bool(libc.mallopt(M_ARENA_MAX, arenas))
