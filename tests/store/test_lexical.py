"""The segmented BM25 index scores exactly as bm25s did, however the corpus is split."""

from __future__ import annotations

import itertools
from pathlib import Path

import bm25s
import numpy as np

from knowledge.store.lexical import LexicalIndex, Segment
from knowledge.textnorm import stem_tokens

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
QUERIES = [
    "sjukfrånvaro dag",
    "ekonomiskt bistånd ekonomiskt",
    "hembesök rutin",
    "andel avhysningar",
    "xyzzy",
]


def _tokenized() -> list[list[str]]:
    texts = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [text[i : i + 400] for i in range(0, len(text), 300)]
    return [stem_tokens(t) for t in [*texts, ""]]  # an empty chunk too


def test_segments_score_like_one_bm25s_index() -> None:
    tokenized = _tokenized()
    padded = [doc or ["∅"] for doc in tokenized]
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in padded]
    reference = bm25s.BM25(k1=1.2, b=0.75)
    reference.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
    cut = [0, 100, 101, 500, len(tokenized)]
    split = LexicalIndex(segments=[Segment.build(tokenized[a:b]) for a, b in itertools.pairwise(cut)])
    whole = LexicalIndex(tokenized=tokenized)
    for query in QUERIES:
        wanted = [vocab[t] for t in stem_tokens(query) if t in vocab]
        expected = (
            np.asarray(reference.get_scores(wanted), dtype=np.float32)
            if wanted
            else np.zeros(len(tokenized), dtype=np.float32)
        )
        assert np.array_equal(split.scores(query), expected), query
        assert np.array_equal(whole.scores(query), expected), query
    rare, common = stem_tokens("avhysningar")[0], stem_tokens("enheten")[0]
    assert split.idf(rare) == whole.idf(rare) > split.idf(common) == whole.idf(common)
    assert split.idf("okändaord") > split.idf(rare)


def test_an_empty_index_scores_nothing() -> None:
    index = LexicalIndex(segments=[])
    assert index.size == 0 and len(index.scores("mål")) == 0 and index.idf("mål") > 0
