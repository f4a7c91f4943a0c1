"""BM25 over chunks with Swedish Snowball stemming and å/ä/ö folding, built from per-document segments.

The index is the concatenation of one `Segment` per document (its chunks' term counts,
with term ids from a `Vocabulary` shared by every snapshot of a service). BM25's corpus
statistics (document frequencies, average length) change with every document, but
recomputing the weights from the stored counts is a few vectorised passes, so a reload
after one changed document re-stems only that document and reuses every other segment.
Scores are bm25s' "lucene" variant (k1=1.2, b=0.75), computed the way bm25s computes
them, so answers do not change with the representation.

Text becomes terms through a `Tokenizer`, the same one for the chunks and the queries of an
index: Snowball stems and, when `COMPOUND_PARTS` is on, each compound word followed by the stems
of its parts
("korttidssjukfrånvaron" -> korttidssjukfranvaro, korttid, sjukfranvaro, sjuk, franvaro), so a
question's compound meets the plans' shorter word and the other way round. The parts come
from a lexicon of the corpus's own words (`Tokenizer.for_corpus`, from per-document word
counts). A reload that changes that lexicon re-tokenises only the documents holding a word
that now splits otherwise, so the result equals a full load.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from knowledge.store.informative import everyday_factor
from knowledge.textnorm import stem_tokens, words
from knowledge.understand.compounds import MIN_COUNT, MIN_PART, Lexicon, base_lexicon, word_terms

K1 = 1.2
B = 0.75
EMPTY = "∅"  # stands in for a chunk without tokens, as before (it keeps lengths non-zero)
_WORD_CACHE_MAX = 200_000
# Whether services add compound parts as terms (`Tokenizer.compounds`). Off: measured with
# `python -m bench.retrieval_rank` (tune splits, thesaurus of this commit), the parts raise the
# evidence chunk's MRR on the dev and staff-style tune questions (+0.01 to +0.03 in every
# ranking) but lower it on questions generated from the stored items (pool 0.837 -> 0.821,
# model 0.937 -> 0.933), and the end-to-end tune eval gains 2 staff-style facts but loses a
# dev fact and a dev decline with today's ranker model. Turn on after refitting the ranker
# if the refit confirms it (`planbot ranker fit`, then `planbot eval`).
# Session 11 did that refit: on the tune splits of all 46 sets (896 answerable, 110 negatives), with
# the ranker refit on each side (`ranker fit --today 2023-06-15`), parts on got 654 facts and 61
# answerable questions declined against 662 and 48 with parts off (the committed model, parts off:
# 668 and 45; parts on without a refit: 658 and 57), so the split stays off. Not analysed further;
# a likely reason is that common parts ("arbete", "stöd", "plan") become terms of their own in
# every long compound. The question side has `retrieval.compound_heads` and `question_heads`.
COMPOUND_PARTS = False


class WordIds:
    """Ids of the folded words of a service's corpus, append-only (like `Vocabulary` for terms)."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.words: list[str] = []

    def add(self, word: str) -> int:
        """The word's id, assigning the next one to a new word."""
        i = self._ids.get(word)
        if i is None:
            i = self._ids[word] = len(self.words)
            self.words.append(word)
        return i

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class WordCounts:
    """How often each folded word occurs in one document's chunk texts (what its lexicon share is)."""

    ids: np.ndarray
    counts: np.ndarray

    @classmethod
    def none(cls) -> WordCounts:
        """No words (what a document counts when compound parts are off)."""
        return cls(ids=np.zeros(0, dtype=np.int32), counts=np.zeros(0, dtype=np.int32))

    @classmethod
    def of(cls, texts: Iterable[list[str]], ids: WordIds) -> WordCounts:
        """Count the words of texts already split into folded words (`textnorm.words`)."""
        counter: Counter[str] = Counter()
        for text in texts:
            counter.update(text)
        return cls(
            ids=np.fromiter((ids.add(w) for w in counter), dtype=np.int32, count=len(counter)),
            counts=np.fromiter(counter.values(), dtype=np.int32, count=len(counter)),
        )


class Tokenizer:
    """How text becomes BM25 terms: stems plus the stems of compound parts (see module doc).

    Attributes:
        compounds: Whether compound parts are added (else the terms are `stem_tokens`).
        lexicon: The known words compounds are split into.
        corpus_words: The corpus's words in the lexicon (with `MIN_COUNT` occurrences).
        word_ids: The word ids of the service's corpus (shared by the tokenizers of a service).
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        corpus_words: frozenset[str] = frozenset(),
        word_ids: WordIds | None = None,
        compounds: bool | None = None,
    ) -> None:
        """A tokenizer splitting compounds with `lexicon` (the shipped base lexicon by default).

        With `compounds` off (the default is `COMPOUND_PARTS`) a text's terms are its
        `stem_tokens`, and the corpus lexicon is never built.
        """
        self.compounds = COMPOUND_PARTS if compounds is None else compounds
        self.lexicon = lexicon if lexicon is not None else base_lexicon()
        self.corpus_words = corpus_words
        self.word_ids = word_ids if word_ids is not None else WordIds()
        self._terms: dict[str, tuple[str, ...]] = {}

    def for_corpus(self, documents: Iterable[WordCounts]) -> Tokenizer:
        """The tokenizer of a corpus: this one when the corpus's lexicon words are still its own.

        The lexicon is the base lexicon plus every corpus word of more than three letters seen
        at least `MIN_COUNT` times (`Lexicon.from_texts`' rule).
        """
        if not self.compounds:
            return self
        docs = list(documents)
        total = np.bincount(
            np.concatenate([np.zeros(0, dtype=np.int32), *(d.ids for d in docs)]),
            weights=np.concatenate([np.zeros(0, dtype=np.int32), *(d.counts for d in docs)]),
            minlength=len(self.word_ids),
        )
        names = self.word_ids.words
        known = frozenset(names[i] for i in np.flatnonzero(total >= MIN_COUNT) if len(names[i]) > MIN_PART)
        if known == self.corpus_words:
            return self
        return Tokenizer(base_lexicon().merged(known), known, self.word_ids, compounds=True)

    def resplit(self, previous: Tokenizer, among: Iterable[int]) -> frozenset[int]:
        """Ids (of `among`) of the words this tokenizer splits otherwise than `previous`.

        Only a word holding an added or removed lexicon word (or its stem before a linking
        -u/-o) can split otherwise; one alternation finds those, and their splits are compared.
        A caller re-tokenises only the documents holding one of the returned ids.
        """
        if previous is self or self.corpus_words == previous.corpus_words:
            return frozenset()
        changed = self.corpus_words ^ previous.corpus_words
        roots = {r for w in changed for r in (w, w[:-1] if w.endswith("a") else w)}
        pattern = re.compile("|".join(sorted(map(re.escape, roots), key=len, reverse=True)))
        names = self.word_ids.words
        return frozenset(
            i
            for i in among
            if pattern.search(names[i])
            and previous.lexicon.decompose(names[i]) != self.lexicon.decompose(names[i])
        )

    def __call__(self, text: str) -> list[str]:
        """The terms of a text, in order (function words left out)."""
        return self.terms(words(text))

    def terms(self, folded: list[str]) -> list[str]:
        """The terms of a text already split into folded words (`textnorm.words`)."""
        out: list[str] = []
        cache = self._terms
        for word in folded:
            terms = cache.get(word)
            if terms is None:
                if len(cache) >= _WORD_CACHE_MAX:  # questions bring new words for as long as a server runs
                    cache.clear()
                terms = cache[word] = (
                    word_terms(word, self.lexicon) if self.compounds else tuple(stem_tokens(word))
                )
            out.extend(terms)
        return out


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
        """Count the terms of each chunk's token list (already tokenised)."""
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
        tokenizer: Tokenizer | None = None,
    ) -> None:
        """Index texts, token lists already made by `tokenizer`, or per-document segments.

        Args:
            texts: Chunk texts (tokenised here).
            tokenized: Chunk token lists instead.
            segments: Per-document segments instead (built with `vocab` and `tokenizer`).
            vocab: The vocabulary the segments' term ids come from (a new one by default).
            tokenizer: How the chunks were and the queries are tokenised (the base lexicon's by default).
        """
        self.vocab = vocab if vocab is not None else Vocabulary()  # an empty one is falsy
        self.tokenizer = tokenizer if tokenizer is not None else Tokenizer()
        if segments is None:
            if tokenized is None:
                tokenized = [self.tokenizer(t) for t in texts]
            segments = [Segment.build(tokenized, self.vocab)]
        self.segments = list(segments)
        self.width = len(self.vocab)  # ids appended later (newer snapshots) are not in this index
        offsets = np.cumsum([0] + [len(seg) for seg in self.segments])
        self.size = int(offsets[-1])
        if not self.size:
            self._weights = sparse.csc_matrix((0, 0), dtype=np.float32)
            self._df = np.zeros(0, dtype=np.int64)
            self._cf = np.zeros(0, dtype=np.float64)
            self._tokens = 0.0
            return
        n = self.size
        row = np.repeat(np.arange(n, dtype=np.int32), np.concatenate([seg.terms for seg in self.segments]))
        col = np.concatenate([seg.cols for seg in self.segments])
        tf = np.concatenate([seg.counts for seg in self.segments]).astype(np.float64)
        dl = np.concatenate([seg.lengths for seg in self.segments])
        self._df = np.bincount(col, minlength=self.width)
        # Occurrences of each term and tokens in all: how often a word is used here compared
        # with general Swedish (store/informative.py).
        self._cf = np.bincount(col, weights=tf, minlength=self.width).astype(np.float64)
        self._tokens = float(dl.sum())
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

    def df(self, stem: str) -> int:
        """How many chunks contain a stem (0 when none does): one lookup, for per-question use."""
        i = self._id(stem)
        return int(self._df[i]) if i is not None else 0

    @property
    def doc_freq(self) -> dict[str, int]:
        """Chunks containing each stem."""
        return {t: int(self._df[i]) for t, i in self.vocab.items() if i < self.width and self._df[i]}

    def idf(self, stem: str) -> float:
        """Inverse document frequency of a stem (unknown stems weigh the most)."""
        i = self._id(stem)
        df = int(self._df[i]) if i is not None else 0
        return math.log(1.0 + (self.size + 1) / (df + 0.5))

    def rows(self, stem: str) -> np.ndarray:
        """Rows (chunk positions) of the chunks that contain a stem: one column of the index."""
        i = self._id(stem)
        if i is None or not self.size:
            return np.zeros(0, dtype=np.int32)
        w = self._weights
        return np.asarray(w.indices[w.indptr[i] : w.indptr[i + 1]])

    def everyday(self, stem: str) -> float:
        """Share of its weight a stem keeps as a word of these documents rather than of everyday
        Swedish: 1.0 for the documents' own words, down to `informative.FLOOR`."""
        i = self._id(stem)
        observed = float(self._cf[i]) if i is not None else 0.0
        return everyday_factor(observed, self._tokens, stem)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros where nothing matches)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        scores = np.zeros(self.size, dtype=np.float32)
        w = self._weights
        for t in self.tokenizer(query):  # a repeated query word counts again, as in bm25s
            i = self._id(t)
            if i is None:
                continue
            start, end = w.indptr[i], w.indptr[i + 1]
            scores[w.indices[start:end]] += w.data[start:end]  # a column holds each chunk once
        return scores
