"""BM25 over chunks with Swedish Snowball stemming and å/ä/ö folding (bm25s + PyStemmer)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from knowledge.textnorm import stem_tokens


@dataclass(frozen=True)
class LexicalHit:
    """A chunk position in the index with its BM25 score."""

    position: int
    score: float


class LexicalIndex:
    """In-memory BM25 index built from chunk texts (rebuilt from SQLite when it changes).

    Building from SQLite instead of persisting a separate file keeps one source of truth:
    a reader always searches exactly the committed state.
    """

    def __init__(self, texts: Sequence[str] = (), tokenized: Sequence[list[str]] | None = None) -> None:
        """Index texts, or token lists already stemmed with `stem_tokens` (`tokenized`)."""
        if tokenized is None:
            tokenized = [stem_tokens(t) for t in texts]
        tokenized = [doc or ["∅"] for doc in tokenized]
        self.size = len(tokenized)
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(tok, len(vocab)) for tok in doc] for doc in tokenized]
        self.vocab = vocab
        self.doc_freq: dict[str, int] = {}
        for doc in tokenized:
            for tok in set(doc):
                self.doc_freq[tok] = self.doc_freq.get(tok, 0) + 1
        self.retriever = bm25s.BM25(k1=1.2, b=0.75)
        if self.size:
            self.retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)

    def idf(self, stem: str) -> float:
        """Inverse document frequency of a stem (unknown stems weigh the most)."""
        import math

        return math.log(1.0 + (self.size + 1) / (self.doc_freq.get(stem, 0) + 0.5))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros where nothing matches)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        tokens = [self.vocab[t] for t in stem_tokens(query) if t in self.vocab]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[LexicalHit]:
        """Top-k chunks, optionally restricted to positions where `mask` is True."""
        scores = self.scores(query)
        if mask is not None and len(scores):
            scores = np.where(mask, scores, 0.0)
        if not len(scores):
            return []
        top = np.argsort(-scores)[:k]
        return [LexicalHit(int(i), float(scores[i])) for i in top if scores[i] > 0]
