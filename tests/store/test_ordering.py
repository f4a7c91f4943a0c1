"""Unit tests for store/ordering.top_k: best first, ties by position, the k-th tie kept on request."""

import numpy as np
import pytest

from knowledge.store.ordering import top_k


def _top(values: list[float], k: int, keep_ties: bool = False) -> list[int]:
    return top_k(np.array(values, dtype=np.float32), k, keep_ties=keep_ties).tolist()


def test_higher_scores_first() -> None:
    assert _top([0.1, 0.9, 0.5, 0.7], 3) == [1, 3, 2]


def test_equal_scores_in_index_order() -> None:
    # Copies of one text score alike: the earlier one (document order) comes first.
    assert _top([0.5, 0.8, 0.5, 0.8, 0.5], 5) == [1, 3, 0, 2, 4]


def test_the_tie_at_the_kth_place_is_cut_by_position() -> None:
    assert _top([0.3, 0.9, 0.3, 0.3, 0.1], 2) == [1, 0]
    assert _top([0.3, 0.9, 0.3, 0.3, 0.1], 3) == [1, 0, 2]


def test_keep_ties_keeps_the_whole_kth_tie() -> None:
    assert _top([0.3, 0.9, 0.3, 0.3, 0.1], 2, keep_ties=True) == [1, 0, 2, 3]
    assert _top([0.3, 0.9, 0.2, 0.1], 2, keep_ties=True) == [1, 0]


def test_fewer_scores_than_k_and_empty() -> None:
    assert _top([0.2, 0.4], 5) == [1, 0]
    assert _top([], 3) == []
    assert _top([0.2], 0) == []


@pytest.mark.parametrize("seed", range(20))
def test_same_as_a_full_stable_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 6, size=200).astype(np.float32) / 5  # many ties
    k = int(rng.integers(1, 60))
    expected = np.argsort(-scores, kind="stable")[:k].tolist()
    assert top_k(scores, k).tolist() == expected


def test_the_result_does_not_depend_on_where_the_tied_copies_lie() -> None:
    # The same scores in another block order: the kept set is the same with keep_ties.
    scores = np.array([0.9, 0.4, 0.4, 0.4, 0.2], dtype=np.float32)
    moved = scores[[4, 3, 2, 1, 0]]
    kept = set(top_k(scores, 2, keep_ties=True).tolist())
    kept_moved = {4 - i for i in top_k(moved, 2, keep_ties=True).tolist()}
    assert kept == kept_moved == {0, 1, 2, 3}
