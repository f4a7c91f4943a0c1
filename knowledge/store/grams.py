"""Character n-gram pieces of words, and a per-document index of its section chunks' pieces.

Staff rarely write a plan's own word form. Swedish inflects ("placerade" / "placeringar"),
joins and splits compounds ("kommit överens" / "samverkansöverenskommelse"), and chat drops
å/ä/ö; OCR damages letters inside words. Two forms of one word share most of their 3- to
5-letter pieces, and a compound shares the pieces of its parts. This is the `char_wb` analyzer
of scikit-learn's TfidfVectorizer written out (n-grams inside space-padded words, on folded
text). retrieval/char_grams.py scores sentences with it; the index here lets the answer find
a document's chunks that hold a question's topic in another form.

The index is built when a snapshot is loaded (the service's warm-up, or the rebuild after an
ingest, only for documents that changed), never on a question: building it for the samples'
documents takes a few hundred milliseconds, a first question paying that raised the bench p95.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

# The n-gram lengths (sklearn `ngram_range=(3, 5)`): three letters catch short stems, five
# keep pieces specific enough that unrelated words rarely share them.
MIN_N = 3
MAX_N = 5
_WORD = re.compile(r"\w+")
_FOLD = str.maketrans("åäöéüàáèêëíìóòúù", "aaoeuaaeeeiioouu")
_NONE = np.zeros(0, dtype=np.int64)


def fold(text: str) -> str:
    """Lower case without diacritics ("Sjukfrånvaron" -> "sjukfranvaron"), as chat writes."""
    return text.lower().translate(_FOLD)


@lru_cache(maxsize=65536)
def word_pieces(word: str) -> frozenset[str]:
    """The 3- to 5-letter pieces of one folded word padded with spaces; none for a number.

    Digits-only words are left out: a year or a figure is matched by the number features,
    and "2023" would otherwise meet every sentence that names the plan's year. Cached per word:
    a document repeats its words, so most of a text's pieces are looked up, not cut.
    """
    if word.isdigit():
        return frozenset()
    padded = f" {word} "
    return frozenset(padded[i : i + n] for n in range(MIN_N, MAX_N + 1) for i in range(len(padded) - n + 1))


@lru_cache(maxsize=65536)
def _word_hashes(word: str) -> np.ndarray:
    # Keyed by the lower-case word and folded here: folding each long text cost more.
    return np.fromiter((hash(p) for p in word_pieces(word.translate(_FOLD))), dtype=np.int64)


def pieces(text: str) -> frozenset[str]:
    """The pieces (`word_pieces`) of every word of `text`."""
    found = set(_WORD.findall(fold(text)))
    return frozenset().union(*(word_pieces(w) for w in found))


class GramIndex:
    """Which of a fixed list of texts (a document's chunks) hold each piece: built once, so a
    question's overlap with every text costs one sorted look-up per piece of the question.

    Stored as two sorted arrays (a piece's hash, the text holding it): 12 bytes a pair, so a
    corpus a hundred times the samples keeps its indexes small. The hashes are Python's string
    hashes: the index lives in memory only, built in the process that queries it.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        """Index the pieces of each text.

        Args:
            texts: The texts, in the order `overlaps` reports them.
        """
        keys: list[np.ndarray] = []
        ids: list[np.ndarray] = []
        for i, text in enumerate(texts):
            words = set(_WORD.findall(text.lower()))
            # Each word's pieces are hashed once (cached); a text's distinct pieces are the
            # union of its words', taken in numpy: the build runs at every snapshot load.
            hashes = np.unique(np.concatenate([_word_hashes(w) for w in words])) if words else _NONE
            keys.append(hashes)
            ids.append(np.full(len(hashes), i, dtype=np.int32))
        key_array = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
        order = np.argsort(key_array, kind="stable")
        self.size = len(texts)
        self._keys = key_array[order]
        self._ids = (np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32))[order]

    def overlaps(self, topic: str) -> list[float]:
        """For each text, the share of the topic's pieces it holds, pieces weighted by rarity.

        Args:
            topic: The question's topic words.

        Returns:
            One value in [0, 1] per text: the summed weight of the query's pieces the text
            holds over the summed weight of all of them; a piece weighs its smoothed inverse
            document frequency over the texts (as TfidfVectorizer's `smooth_idf`).
        """
        n = self.size
        query = pieces(topic)
        if not query or not n:
            return [0.0] * n
        hashes = np.asarray([hash(g) for g in query], dtype=np.int64)
        lo = np.searchsorted(self._keys, hashes, side="left")
        hi = np.searchsorted(self._keys, hashes, side="right")
        weight = np.log((n + 1) / (1 + (hi - lo))) + 1.0
        scores = np.zeros(n)
        for j in np.nonzero(hi > lo)[0]:
            scores[self._ids[lo[j] : hi[j]]] += weight[j]
        return [float(x) for x in scores / weight.sum()]
