"""A phrase and its compound, both ways (`knowledge.understand.compound_phrases` and its use in
`knowledge.understand.derivation`), on hand-built corpus vocabularies."""

from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge.textnorm import stem_tokens
from knowledge.understand.compound_phrases import (
    Order,
    SpellingsError,
    compound_spellings,
    modifier_forms,
    parse,
    part_forms,
    phrase_pair,
    spellings,
)
from knowledge.understand.derivation import Derivations, expansions, related


def _stem(word: str) -> str:
    return stem_tokens(word, drop_stopwords=False)[0]


# Stems as the lexical index would hold them for a plan writing these words.
PLAN_WORDS = [
    "energiförbrukningen",
    "anhörigstöd",
    "matavfall",
    "tjänsteresor",
    "klientmöte",
    "placeringskostnader",
    "arbetsdagen",
    "brukare",
    "stöd",
    "ansvar",
    "miljön",
]
CORPUS = Derivations.from_stems([_stem(w) for w in PLAN_WORDS])


def test_the_shipped_table_has_every_kind() -> None:
    table = spellings()
    assert table.links[0] == ""  # no linking letter is always tried
    assert "s" in table.links
    assert table.endings == tuple(sorted(table.endings, key=len, reverse=True))
    assert {"av", "till", "for"} <= table.preps  # folded
    assert table.genitives and table.adjective_endings and table.part_endings


def test_a_malformed_table_line_is_an_error() -> None:
    with pytest.raises(SpellingsError):
        parse("suffix\ta|b\n")
    with pytest.raises(SpellingsError):
        parse("link\t\n")


def test_a_phrase_word_loses_its_inflection_as_a_first_part() -> None:
    assert "anhorig" in modifier_forms("anhöriga")
    assert "sommar" in modifier_forms("sommaren")
    assert "klient" in modifier_forms("klienterna")
    assert "hem" in modifier_forms("hemmet")  # the doubled consonant undoubled
    assert all(len(f) >= 3 for f in modifier_forms("maten"))


def test_two_words_spell_their_compound_stemmed_as_the_plans_word() -> None:
    assert _stem("energiförbrukningen") in compound_spellings("energi", "förbrukningen")
    assert _stem("placeringskostnader") in compound_spellings("placeringar", "kostnaderna")  # linking -s
    assert _stem("tjänsteresor") in compound_spellings("tjänsten", "resor")  # linking -e
    # An adjective heads no compound, though its stem would meet one ("arbets" + "dagliga").
    assert compound_spellings("arbeta", "dagliga") == {}


def test_a_spelling_keeps_its_head() -> None:
    # The stemmer takes "heter" off whole: "brukare" + "heter" stems to brukar, no compound.
    assert not any(s.startswith("brukar") and len(s) < 9 for s in compound_spellings("brukare", "heter"))


def test_which_word_of_a_pair_is_the_first_part() -> None:
    pair = phrase_pair(["av"], "förbrukningen", "energi")
    assert pair is not None and (pair.modifier, pair.head, pair.order) == (
        "energi",
        "förbrukningen",
        Order.HEAD_FIRST,
    )
    pair = phrase_pair([], "klienternas", "möten")
    assert pair is not None and (pair.modifier, pair.order) == ("klienterna", Order.GENITIVE)
    # Words apart with no preposition between are a list, not a phrase.
    assert phrase_pair(["verksamhet", "fortbildning"], "daglig", "arbeta") is None


def test_a_first_part_is_also_tried_in_the_form_it_stands_alone() -> None:
    assert part_forms("miljo")[0] == "miljo"
    assert "miljon" in part_forms("miljo")


def test_a_question_phrase_meets_the_corpus_compound() -> None:
    found = {r.stem: r for r in related("vad star om forbrukningen av energi?", CORPUS)}
    assert _stem("energiförbrukningen") in found["forbrukning"].stems
    assert _stem("energiförbrukningen") in found["energi"].stems
    assert _stem("energiförbrukningen") in expansions("vad star om forbrukningen av energi?", CORPUS)
    # An inflection the stemmer left on the spelled compound is taken off ("matavfallet").
    assert any("matavfall" in r.stems for r in related("sorterar vi avfallet fran maten?", CORPUS))
    # A compound the stemmer would not keep as it is is searched by the spelled word.
    assert "tjansteresor" in expansions("hur gor vi med resor i tjansten?", CORPUS)


def test_no_compound_when_the_corpus_does_not_write_it() -> None:
    assert not any(r.stems for r in related("stod till foraldrar", CORPUS))
    assert not any(r.stems for r in related("det dagliga arbetet", CORPUS))
    assert not any(_stem("anhörigstöd") in r.stems for r in related("stod och anhoriga", CORPUS))


def test_a_question_compound_meets_a_phrase_whose_first_part_the_plan_inflects() -> None:
    written = {frozenset(("miljon", "ansv"))}
    corpus = replace(CORPUS, attested=lambda a, b: frozenset((a, b)) in written)
    assert corpus.parts("miljoansvar") == {"miljon", "ansv"}
    # Not attested as a phrase: not cut.
    assert CORPUS.parts("miljoansvar") == frozenset()
