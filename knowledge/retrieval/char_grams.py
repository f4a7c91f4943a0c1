"""Character n-gram overlap: a question's words meet a sentence's words in another form.

Staff rarely write a plan's own word form. Swedish inflects ("placerade" / "placeringar"),
joins and splits compounds ("kommit överens" / "samverkansöverenskommelse", "sjuktalen" /
"sjukfrånvaron"), and chat drops å/ä/ö; OCR damages letters inside words. Stems and compound
parts catch some of this (quote_features); character n-grams catch the rest without a word
list: two forms of one word share most of their 3- to 5-letter pieces, and a compound shares
the pieces of its parts. This is the `char_wb` analyzer of scikit-learn's TfidfVectorizer
written out (n-grams inside space-padded words, on folded text), so a sentence's pieces are
computed once and cached, and the per-question work is a few set look-ups.

How much a piece counts is its inverse document frequency over the sentences scored together
(a chunk, or a document's best chunks): pieces every sentence has ("tion", " och") tell
nothing apart, pieces of the topic word that only one sentence holds decide.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

# The n-gram lengths (sklearn `ngram_range=(3, 5)`): three letters catch short stems, five
# keep pieces specific enough that unrelated words rarely share them.
MIN_N = 3
MAX_N = 5
_WORD = re.compile(r"\w+")
_FOLD = str.maketrans("åäöéüàáèêëíìóòúù", "aaoeuaaeeeiioouu")


def fold(text: str) -> str:
    """Lower case without diacritics ("Sjukfrånvaron" -> "sjukfranvaron"), as chat writes."""
    return text.lower().translate(_FOLD)


@lru_cache(maxsize=32768)
def grams(text: str) -> frozenset[str]:
    """The 3- to 5-letter pieces of every word of `text`, each word padded with spaces.

    Digits-only words are left out: a year or a figure is matched by the number features,
    and "2023" would otherwise meet every sentence that names the plan's year. Cached: the
    texts are questions' topics and sentences, quoted again and again.
    """
    return _pieces(text)


def _pieces(text: str) -> frozenset[str]:
    out: set[str] = set()
    for word in _WORD.findall(fold(text)):
        if word.isdigit():
            continue
        padded = f" {word} "
        for n in range(MIN_N, MAX_N + 1):
            out.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return frozenset(out)


def overlaps(topic: str, parts: Sequence[str]) -> list[float]:
    """For each sentence, the share of the topic's pieces it holds, pieces weighted by rarity.

    Args:
        topic: The question's topic words (function words already left out by the reader).
        parts: The sentences scored together.

    Returns:
        One value in [0, 1] per sentence: the summed weight of the topic's pieces the sentence
        holds over the summed weight of all the topic's pieces. The weight of a piece is its
        smoothed inverse document frequency over `parts` (as TfidfVectorizer's `smooth_idf`).
    """
    return set_overlaps(grams(topic), [grams(p) for p in parts])


def set_overlaps(query: frozenset[str], sents: Sequence[frozenset[str]]) -> list[float]:
    """`overlaps` over pieces already taken (`grams`), e.g. cached per chunk of a snapshot."""
    if not query or not sents:
        return [0.0] * len(sents)
    n = len(sents)
    # Intersections first: each walks the smaller set, and the document frequencies come from
    # the shared pieces only (a piece no sentence holds has the top weight).
    shared = [query & s for s in sents]
    df = Counter(g for common in shared for g in common)
    top = math.log(n + 1) + 1.0
    weight = {g: math.log((n + 1) / (1 + k)) + 1.0 for g, k in df.items()}
    total = sum(weight.values()) + top * (len(query) - len(weight))
    return [sum(weight[g] for g in common) / total for common in shared]


class GramIndex:
    """Which of a fixed list of texts (a document's chunks) hold each piece: built once, so a
    question's overlap with every text costs one sorted look-up per piece of the question.

    Stored as two sorted arrays (a piece's hash, the text holding it): 12 bytes a pair, so a
    corpus a hundred times the samples keeps its indexes small.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        """Index the pieces (as `grams`, uncached: chunks are long) of each text.

        Args:
            texts: The texts, in the order `overlaps` reports them.
        """
        keys: list[int] = []
        ids: list[int] = []
        for i, text in enumerate(texts):
            hashes = [hash(g) for g in _pieces(text)]
            keys += hashes
            ids += [i] * len(hashes)
        key_array = np.asarray(keys, dtype=np.int64)
        order = np.argsort(key_array, kind="stable")
        self.size = len(texts)
        self._keys = key_array[order]
        self._ids = np.asarray(ids, dtype=np.int32)[order]

    def overlaps(self, topic: str) -> list[float]:
        """`overlaps(topic, texts)` over the indexed texts (the same values)."""
        query = grams(topic)
        n = self.size
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
