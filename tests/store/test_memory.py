"""Freed heap memory goes back to the OS on glibc (the replica's RSS after a large load)."""

from __future__ import annotations

import platform

import pytest

from knowledge.store.memory import limit_arenas, trim_memory


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim and mallopt are glibc's")
def test_trim_and_arena_cap_are_applied_on_glibc() -> None:
    assert trim_memory() is True
    assert limit_arenas(2) is True
