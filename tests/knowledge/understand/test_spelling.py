"""Misspelt question words are read as the corpus stems they stand for; known words are never touched."""

from __future__ import annotations

import pytest

from knowledge.understand.spelling import Speller, correct_spelling

# Stem -> chunks holding it, as a lexical index reports it (`LexicalIndex.doc_freq`).
COUNTS = {
    "aktivitet": 40,
    "sjukfranvaro": 12,
    "samverkan": 30,
    "samverk": 3,
    "handled": 5,
    "brukarundersokning": 4,
    "vrakningsforebygg": 6,
    "ketiderna": 1,  # OCR damage held by one chunk
    "tiderna": 0,
}


@pytest.mark.parametrize(
    ("question", "corrected"),
    [
        ("vilka aktivteter har vi?", "vilka aktivitet har vi?"),
        ("målet för sjukfrånvron 2023", "målet för sjukfranvaro 2023"),
        ("samverkam med jobbtorg", "samverkan med jobbtorg"),
        ("hur ofta har vi handlednig", "hur ofta har vi handled"),
    ],
)
def test_a_misspelt_word_becomes_the_nearest_corpus_stem(question: str, corrected: str) -> None:
    assert Speller(COUNTS).correct(question) == corrected


@pytest.mark.parametrize(
    "question",
    [
        "hur många aktiviteter finns?",  # the corpus knows the word (its stem)
        "vad är årsmålet för korttidssjukfrånvaron?",  # a thesaurus term
        "när är julfesten?",  # nothing near enough
        "vilken bil har enheten?",  # short words are left alone
        "utanför de fasta tiderna",  # a one-chunk OCR stem is no target; a first letter must agree
    ],
)
def test_known_short_and_far_words_are_left_alone(question: str) -> None:
    assert Speller(COUNTS).correct(question) == question


class _Index:
    def __init__(self, counts: dict[str, int]) -> None:
        self.doc_freq = counts


def test_one_speller_per_index() -> None:
    first, second = _Index(COUNTS), _Index({"aktivitet": 2})
    assert correct_spelling("aktivteter", first) == "aktivitet"
    assert correct_spelling("sjukfrånvron", second) == "sjukfrånvron"  # the new index does not know it


def test_equally_close_candidates_are_chosen_the_same_whatever_the_index_order() -> None:
    # "samverkon" is one letter from both stems, held by as many chunks: the choice must not
    # depend on which stem the index met first (a replica that read the documents in another order).
    counts = {"samverken": 4, "samverkan": 4}
    first = Speller(counts).nearest("samverkon", "samverkon")
    second = Speller(dict(reversed(list(counts.items())))).nearest("samverkon", "samverkon")
    assert first == second == "samverkan"
