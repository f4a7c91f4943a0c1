"""BM25 over chunks with Swedish Snowball stemming and å/ä/ö folding, built from per-document segments.

The index is the concatenation of one `Segment` per document (its chunks' term counts).
BM25's corpus statistics (document frequencies, average length) change with every
document, but recomputing the weights from the stored counts is a few vectorised passes,
so a reload after one changed document re-stems only that document and reuses every
other segment. Scores are bm25s' "lucene" variant (k1=1.2, b=0.75), computed the way
bm25s computes them, so answers do not change with the representation.
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


@dataclass(frozen=True)
class Segment:
    """Term counts of one document's chunks, in chunk order (terms as strings: vocabularies differ).

    Attributes:
        terms: The distinct terms of the document.
        rows: Chunk index (within the document) of each count.
        cols: Index into `terms` of each count.
        counts: How often the term occurs in the chunk.
        lengths: Tokens per chunk.
    """

    terms: tuple[str, ...]
    rows: np.ndarray
    cols: np.ndarray
    counts: np.ndarray
    lengths: np.ndarray

    @classmethod
    def build(cls, tokenized: Sequence[list[str]]) -> Segment:
        """Count the terms of each chunk's token list (already stemmed)."""
        local: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        lengths = np.zeros(len(tokenized), dtype=np.int32)
        for i, doc in enumerate(tokenized):
            tokens = doc or [EMPTY]
            lengths[i] = len(tokens)
            for term, n in Counter(tokens).items():
                rows.append(i)
                cols.append(local.setdefault(term, len(local)))
                counts.append(n)
        return cls(
            terms=tuple(local),
            rows=np.asarray(rows, dtype=np.int32),
            cols=np.asarray(cols, dtype=np.int32),
            counts=np.asarray(counts, dtype=np.float32),
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
    ) -> None:
        """Index texts, token lists already stemmed with `stem_tokens`, or per-document segments."""
        if segments is None:
            if tokenized is None:
                tokenized = [stem_tokens(t) for t in texts]
            segments = [Segment.build(tokenized)]
        self.segments = list(segments)
        vocab: dict[str, int] = {}
        rows, cols, counts, lengths = [], [], [], []
        offset = 0
        for seg in self.segments:
            ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in seg.terms), np.int32, len(seg.terms))
            rows.append(seg.rows + offset)
            cols.append(ids[seg.cols] if len(seg.cols) else seg.cols)
            counts.append(seg.counts)
            lengths.append(seg.lengths)
            offset += len(seg)
        self.vocab = vocab
        self.size = offset
        if not self.size:
            self._weights = sparse.csc_matrix((0, 0), dtype=np.float32)
            self._df = np.zeros(0, dtype=np.int64)
            return
        row = np.concatenate(rows)
        col = np.concatenate(cols)
        tf = np.concatenate(counts)
        dl = np.concatenate(lengths)
        self._df = np.bincount(col, minlength=len(vocab))
        n = self.size
        avgdl = dl.mean()
        # As bm25s: idf in double precision, stored as float32; tf part in double; product cast.
        idf = np.log(1.0 + (n - self._df + 0.5) / (self._df + 0.5)).astype(np.float32)
        tfc = tf / (K1 * ((1 - B) + B * dl[row] / avgdl) + tf)
        weights = (idf[col] * tfc).astype(np.float32)
        self._weights = sparse.csc_matrix((weights, (row, col)), shape=(n, len(vocab)), dtype=np.float32)

    @property
    def doc_freq(self) -> dict[str, int]:
        """Chunks containing each stem."""
        return {t: int(self._df[i]) for t, i in self.vocab.items()}

    def idf(self, stem: str) -> float:
        """Inverse document frequency of a stem (unknown stems weigh the most)."""
        i = self.vocab.get(stem)
        df = int(self._df[i]) if i is not None else 0
        return math.log(1.0 + (self.size + 1) / (df + 0.5))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros where nothing matches)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        scores = np.zeros(self.size, dtype=np.float32)
        w = self._weights
        for t in stem_tokens(query):  # a repeated query word counts again, as in bm25s
            i = self.vocab.get(t)
            if i is None:
                continue
            start, end = w.indptr[i], w.indptr[i + 1]
            scores[w.indices[start:end]] += w.data[start:end]  # a column holds each chunk once
        return scores
