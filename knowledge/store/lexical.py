"""BM25 over chunks with Swedish Snowball stemming and å/ä/ö folding, built from per-document segments.

The index is the concatenation of one `Segment` per document (its chunks' term counts,
with term ids from a `Vocabulary` shared by every snapshot of a service). BM25's corpus
statistics (document frequencies, average length) change with every document, but
recomputing the weights from the stored counts is a few vectorised passes, so a reload
after one changed document re-stems only that document and reuses every other segment.
Scores are bm25s' "lucene" variant (k1=1.2, b=0.75), computed the way bm25s computes
them, so answers do not change with the representation.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from knowledge.textnorm import stem_tokens

K1 = 1.2
B = 0.75
EMPTY = "∅"  # stands in for a chunk without tokens, as before (it keeps lengths non-zero)


class Vocabulary:
    """Term ids, append-only, shared by the indexes a service builds one after another.

    An id never changes, so a document's segment stays valid across reloads; an index
    only knows the ids that existed when it was built (`LexicalIndex.width`). Appending
    happens on the one thread that builds a snapshot; readers only look up (atomic dict
    reads under the GIL).
    """

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def add(self, term: str) -> int:
        """The term's id, assigning the next one to a new term."""
        return self._ids.setdefault(term, len(self._ids))

    def get(self, term: str) -> int | None:
        """The term's id, or None when never seen."""
        return self._ids.get(term)

    def __len__(self) -> int:
        return len(self._ids)

    def items(self) -> list[tuple[str, int]]:
        """Every (term, id)."""
        return list(self._ids.items())


@dataclass(frozen=True)
class Segment:
    """Term counts of one document's chunks, in chunk order.

    Each chunk's counts are consecutive (chunk order), so a count's chunk is implied by
    `terms` rather than stored per count: a segment is 6 bytes per count, not 12.

    Attributes:
        terms: Distinct terms per chunk (how many of the counts below are its).
        cols: Term id (in the shared Vocabulary) of each count.
        counts: How often the term occurs in the chunk.
        lengths: Tokens per chunk.
    """

    terms: np.ndarray
    cols: np.ndarray
    counts: np.ndarray
    lengths: np.ndarray

    @classmethod
    def build(cls, tokenized: Sequence[list[str]], vocab: Vocabulary) -> Segment:
        """Count the terms of each chunk's token list (already stemmed)."""
        cols: list[int] = []
        counts: list[int] = []
        terms = np.zeros(len(tokenized), dtype=np.int32)
        lengths = np.zeros(len(tokenized), dtype=np.int32)
        for i, doc in enumerate(tokenized):
            tokens = doc or [EMPTY]
            lengths[i] = len(tokens)
            counted = Counter(tokens)
            terms[i] = len(counted)
            for term, n in counted.items():
                cols.append(vocab.add(term))
                counts.append(n)
        return cls(
            terms=terms,
            cols=np.asarray(cols, dtype=np.int32),
            # A chunk is bounded at ingest, far below 65 535 tokens; uint16 is exact.
            counts=np.asarray(counts, dtype=np.uint16),
            lengths=lengths,
        )

    def __len__(self) -> int:
        return len(self.lengths)


class LexicalIndex:
    """In-memory BM25 index over the committed chunks (rebuilt from the catalog when it changes).

    Building from the catalog instead of persisting a separate file keeps one source of
    truth: a reader always searches exactly the committed state.
    """

    def __init__(
        self,
        texts: Sequence[str] = (),
        tokenized: Sequence[list[str]] | None = None,
        segments: Sequence[Segment] | None = None,
        vocab: Vocabulary | None = None,
    ) -> None:
        """Index texts, token lists already stemmed with `stem_tokens`, or per-document segments.

        Args:
            texts: Chunk texts (stemmed here).
            tokenized: Chunk token lists instead.
            segments: Per-document segments instead (built with `vocab`).
            vocab: The vocabulary the segments' term ids come from (a new one by default).
        """
        self.vocab = vocab if vocab is not None else Vocabulary()  # an empty one is falsy
        if segments is None:
            if tokenized is None:
                tokenized = [stem_tokens(t) for t in texts]
            segments = [Segment.build(tokenized, self.vocab)]
        self.segments = list(segments)
        self.width = len(self.vocab)  # ids appended later (newer snapshots) are not in this index
        offsets = np.cumsum([0] + [len(seg) for seg in self.segments])
        self.size = int(offsets[-1])
        if not self.size:
            self._weights = sparse.csc_matrix((0, 0), dtype=np.float32)
            self._df = np.zeros(0, dtype=np.int64)
            return
        n = self.size
        row = np.repeat(np.arange(n, dtype=np.int32), np.concatenate([seg.terms for seg in self.segments]))
        col = np.concatenate([seg.cols for seg in self.segments])
        tf = np.concatenate([seg.counts for seg in self.segments]).astype(np.float64)
        dl = np.concatenate([seg.lengths for seg in self.segments])
        self._df = np.bincount(col, minlength=self.width)
        avgdl = dl.mean()
        # As bm25s: idf in double precision, stored as float32; tf part in double; product cast.
        idf = np.log(1.0 + (n - self._df + 0.5) / (self._df + 0.5)).astype(np.float32)
        # The length norm per chunk, then per count: the same operations on the same values
        # as per count, on 60 k chunks instead of 2.8 M counts at 100x.
        norm = K1 * ((1 - B) + B * dl / avgdl)
        tfc = tf / (norm[row] + tf)
        weights = (idf[col] * tfc).astype(np.float32)
        self._weights = sparse.csc_matrix((weights, (row, col)), shape=(n, self.width), dtype=np.float32)

    def _id(self, stem: str) -> int | None:
        i = self.vocab.get(stem)
        return i if i is not None and i < self.width else None

    @property
    def doc_freq(self) -> dict[str, int]:
        """Chunks containing each stem."""
        return {t: int(self._df[i]) for t, i in self.vocab.items() if i < self.width and self._df[i]}

    def idf(self, stem: str) -> float:
        """Inverse document frequency of a stem (unknown stems weigh the most)."""
        i = self._id(stem)
        df = int(self._df[i]) if i is not None else 0
        return math.log(1.0 + (self.size + 1) / (df + 0.5))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros where nothing matches)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        scores = np.zeros(self.size, dtype=np.float32)
        w = self._weights
        for t in stem_tokens(query):  # a repeated query word counts again, as in bm25s
            i = self._id(t)
            if i is None:
                continue
            start, end = w.indptr[i], w.indptr[i + 1]
            scores[w.indices[start:end]] += w.data[start:end]  # a column holds each chunk once
        return scores
