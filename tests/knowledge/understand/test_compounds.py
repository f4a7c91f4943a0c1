"""The Swedish compound splitter: known parts, linking s, inflected heads, and no false cuts."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.textnorm import stem_tokens
from knowledge.understand.compounds import (
    Lexicon,
    base_lexicon,
    compound_stems,
    split_compound,
    with_compound_parts,
    word_terms,
)

SAMPLES = Path(__file__).resolve().parents[3] / "corpus" / "samples"


@pytest.fixture(scope="module")
def corpus_lexicon() -> Lexicon:
    return Lexicon.from_texts(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("korttidssjukfrånvaron", ["korttid", "sjukfranvaro"]),  # fogemorfem s, definite -n
        ("Långtidssjukfrånvaro", ["langtid", "sjukfranvaro"]),
        ("sjukfrånvaro", ["sjuk", "franvaro"]),
        ("verksamhetsplanen", ["verksamhet", "plan"]),
        ("arbetsmarknadsinsatser", ["arbetsmarknad", "insats"]),  # plural head
        ("försörjningsstödsenheten", ["forsorjningsstod", "enhet"]),
        ("feriejobben", ["ferie", "jobb"]),
        ("stadsdelsnämnden", ["stadsdel", "namnd"]),
    ],
)
def test_compounds_split_into_base_forms_of_known_parts(word: str, parts: list[str]) -> None:
    assert split_compound(word) == parts


@pytest.mark.parametrize(
    "word", ["kvalitet", "enheten", "medarbetare", "personal", "verksamhet", "mål", "IB"]
)
def test_words_that_are_not_compounds_stay_whole(word: str) -> None:
    assert split_compound(word) == [word.lower().replace("å", "a")]


@pytest.mark.parametrize("word", ["handläggare", "motsvarar", "helger", "ungdomars", "lokalkostnader"])
def test_the_corpus_lexicon_makes_no_false_cuts(corpus_lexicon: Lexicon, word: str) -> None:
    parts = corpus_lexicon.split(word)
    assert "ars" not in parts and "ger" not in parts and "mota" not in parts and len(parts) <= 2


def test_the_corpus_lexicon_knows_more_than_the_base(corpus_lexicon: Lexicon) -> None:
    assert len(corpus_lexicon) > len(base_lexicon())
    assert corpus_lexicon.split("missbruksproblematik") == ("missbruk", "problematik")
    assert corpus_lexicon.split("tertialuppföljningar") == ("tertial", "uppfoljning")


def test_tokens_keep_the_compound_and_add_its_parts() -> None:
    assert with_compound_parts(["korttidssjukfranvaron", "pa", "enheten"]) == [
        "korttidssjukfranvaron",
        "korttid",
        "sjukfranvaro",
        "pa",
        "enheten",
    ]


def test_a_question_compound_meets_the_plans_indicator_name() -> None:
    question = set(compound_stems("Vad är målet för korttidssjukfrånvaron?"))
    indicator = set(compound_stems("Sjukfrånvaro dag 1-14"))
    assert question & indicator >= set(stem_tokens("sjukfrånvaro"))
    plain = set(stem_tokens("Vad är målet för korttidssjukfrånvaron?"))
    assert plain & set(stem_tokens("Sjukfrånvaro")) == set()
    # The plain words are kept in order; parts follow their compound.
    assert compound_stems("frånvaro")[0] == stem_tokens("frånvaro")[0]


def test_decompose_gives_the_parts_of_parts() -> None:
    lexicon = base_lexicon()
    parts = lexicon.decompose("korttidssjukfrånvaron")
    assert parts[:2] == ("korttid", "sjukfranvaro") and {"sjuk", "franvaro"} <= set(parts)
    assert lexicon.decompose("enheten") == ()


def test_word_terms_keep_the_whole_stem_first_and_add_each_part_stem_once() -> None:
    terms = word_terms("forsorjningsstodsenheten", base_lexicon())
    assert terms[0] == stem_tokens("försörjningsstödsenheten")[0]
    assert {*stem_tokens("försörjningsstöd enhet")} <= set(terms)
    assert len(terms) == len(set(terms))
    assert word_terms("och", base_lexicon()) == ()  # a function word gives nothing
    assert word_terms("och", base_lexicon(), drop_stopwords=False) == ("och",)
    # A hyphenated word is stemmed piece by piece, as stem_tokens does.
    assert word_terms("stöd-", base_lexicon()) == tuple(stem_tokens("stöd-"))


@pytest.mark.parametrize("word", ["lägenhet", "korttid", "handledning", "genomgång"])
def test_words_listed_whole_are_never_split(corpus_lexicon: Lexicon, word: str) -> None:
    assert corpus_lexicon.split(word) == (word.replace("ä", "a").replace("å", "a"),)


def test_a_whole_word_inside_a_compound_is_one_part() -> None:
    assert base_lexicon().merged(["jour"]).decompose("jourlägenheten") == ("jour", "lagenhet")
