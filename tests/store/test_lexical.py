"""The segmented BM25 index scores exactly as bm25s did, however the corpus is split."""

from __future__ import annotations

import itertools
from pathlib import Path

import bm25s
import numpy as np

from knowledge.store.lexical import LexicalIndex, Segment, Tokenizer, Vocabulary, WordCounts
from knowledge.textnorm import stem_tokens, words

TOKENIZE = Tokenizer(compounds=True)  # stems plus compound parts

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
    return [TOKENIZE(t) for t in [*texts, ""]]  # an empty chunk too


def test_segments_score_like_one_bm25s_index() -> None:
    tokenized = _tokenized()
    padded = [doc or ["∅"] for doc in tokenized]
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in padded]
    reference = bm25s.BM25(k1=1.2, b=0.75)
    reference.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
    cut = [0, 100, 101, 500, len(tokenized)]
    shared = Vocabulary()
    split = LexicalIndex(
        segments=[Segment.build(tokenized[a:b], shared) for a, b in itertools.pairwise(cut)],
        vocab=shared,
        tokenizer=TOKENIZE,
    )
    whole = LexicalIndex(tokenized=tokenized, tokenizer=TOKENIZE)
    for query in QUERIES:
        wanted = [vocab[t] for t in TOKENIZE(query) if t in vocab]
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


def test_an_index_ignores_terms_added_to_the_vocabulary_after_it_was_built() -> None:
    vocab = Vocabulary()
    old = LexicalIndex(segments=[Segment.build([["hembesok"], ["rutin"]], vocab)], vocab=vocab)
    newer = LexicalIndex(segments=[Segment.build([["hembesok", "nytt"]], vocab)], vocab=vocab)
    assert old.scores("nytt").tolist() == [0.0, 0.0] and newer.scores("nytt")[0] > 0
    assert old.idf("nytt") == old.idf("okänt")


def test_an_empty_index_scores_nothing() -> None:
    index = LexicalIndex(segments=[])
    assert index.size == 0 and len(index.scores("mål")) == 0 and index.idf("mål") > 0


def test_a_compound_meets_its_parts_both_ways() -> None:
    index = LexicalIndex(
        [
            "Sjukfrånvaro dag 1-14 ska vara högst 3,5 %",
            "Försörjningsstödsenheten har 40 medarbetare",
            "Budget",
        ],
        tokenizer=TOKENIZE,
    )
    assert int(np.argmax(index.scores("korttidssjukfrånvaron"))) == 0  # the question's compound
    assert int(np.argmax(index.scores("frånvaro"))) == 0  # the plan's compound
    assert int(np.argmax(index.scores("enheten för försörjningsstöd"))) == 1
    assert index.scores("korttidssjukfrånvaron")[1:].tolist() == [0.0, 0.0]


def test_text_without_compounds_is_tokenised_as_stem_tokens() -> None:
    text = "Enheten följer upp målen varje tertial, och rutinen gäller alla."
    assert TOKENIZE(text) == stem_tokens(text)


def test_a_corpus_tokenizer_learns_the_corpus_words_and_names_the_words_that_split_otherwise() -> None:
    base = Tokenizer(compounds=True)
    docs = [WordCounts.of([words("hembesöksrutin hembesök hembesök")], base.word_ids)]
    tokenizer = base.for_corpus(docs)
    assert "hembesok" in tokenizer.corpus_words and "hembesok" not in base.lexicon.words
    assert stem_tokens("hembesök")[0] in tokenizer("hembesöksrutinen")
    every = range(len(base.word_ids))
    assert [base.word_ids.words[i] for i in tokenizer.resplit(base, every)] == ["hembesoksrutin"]
    assert tokenizer.for_corpus(docs) is tokenizer and tokenizer.resplit(tokenizer, every) == frozenset()
    # A word seen once is no part (OCR damage makes one-off non-words).
    once = base.for_corpus([WordCounts.of([words("hembesöksrutin hembesök")], base.word_ids)])
    assert "hembesok" not in once.corpus_words


def test_without_compound_parts_the_terms_are_stem_tokens_and_no_lexicon_is_built() -> None:
    plain = Tokenizer(compounds=False)
    text = "Korttidssjukfrånvaron på försörjningsstödsenheten, och budget-"
    assert plain(text) == stem_tokens(text)
    assert plain.for_corpus([WordCounts.of([words(text + " " + text)], plain.word_ids)]) is plain


def test_df_of_a_stem_is_its_doc_freq_entry() -> None:
    index = LexicalIndex(tokenized=_tokenized(), tokenizer=TOKENIZE)
    freq = index.doc_freq
    assert freq, "the samples hold words"
    for stem, n in list(freq.items())[:200]:
        assert index.df(stem) == n
    assert index.df("xyzzy-not-a-stem") == 0
