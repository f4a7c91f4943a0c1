"""Prefix lookups in sorted word lists: one bisection instead of a scan.

Stems that start with a given prefix sort right at or after it, so whether any does is one
`bisect_left` and one comparison; stems that end with a suffix are the same lookup in a list
of the stems written backwards.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def has_prefix(ordered: Sequence[str], prefix: str) -> bool:
    """Whether some string of the sorted sequence starts with `prefix`.

    Args:
        ordered: Strings in ascending order.
        prefix: The start looked for.
    """
    i = bisect_left(ordered, prefix)
    return i < len(ordered) and ordered[i].startswith(prefix)
