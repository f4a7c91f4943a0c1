"""A total order for the best scores: equal scores keep their position, so ties never depend on the process.

Planbot's score arrays are in snapshot order (documents by name, each document's chunks in
document order). Copies of the same text (the same plan for several units, and every
synthetic copy at scale) score exactly alike, and `np.argpartition` splits such ties at the
k-th place by its own internal arrangement, not by position; with inputs assembled from a
set of sources (whose order depends on Python's per-process string hash seed), two replicas
then picked different copies and gave different answers. `top_k` breaks every tie by
position (the earlier document, the earlier chunk) and can keep the whole tie at the k-th
place, so a candidate pool does not depend on where the tied copies happen to lie.
"""

from __future__ import annotations

import numpy as np


def top_k(scores: np.ndarray, k: int, keep_ties: bool = False) -> np.ndarray:
    """Indices of the `k` highest scores, best first, equal scores in index order.

    Only the candidates are sorted (a partial selection first), as `np.argpartition` did.

    Args:
        scores: One score per position (no NaN).
        k: How many indices; none when `k` <= 0.
        keep_ties: Also keep every index whose score equals the k-th best, so which of
            several equal candidates enters the top does not depend on their positions.

    Returns:
        Indices into `scores`: higher scores first, equal scores by ascending index.
    """
    n = len(scores)
    if k <= 0 or n == 0:
        return np.zeros(0, dtype=np.intp)
    if n <= k:
        candidates = np.arange(n)
    else:
        kth = np.partition(scores, n - k)[n - k]  # the k-th highest value
        above = np.flatnonzero(scores > kth)
        tied = np.flatnonzero(scores == kth)
        if not keep_ties:
            tied = tied[: k - len(above)]
        candidates = np.concatenate([above, tied])
    # Each group is in ascending index order and the groups do not share a score, so a stable
    # sort leaves equal scores in index order.
    return candidates[np.argsort(-scores[candidates], kind="stable")]
