"""Everyday Swedish words weigh less in a question than the documents' own words (issue 10, session 9)."""

from __future__ import annotations

import pytest

from knowledge.store.informative import FLOOR, everyday_factor
from knowledge.store.lexical import LexicalIndex
from knowledge.understand.general_swedish import build, table, zipf

PLANS = [
    "Stadsdelsmammor stöttar nyanlända att etablera sig i samhället.",
    "Enheten erbjuder budget- och skuldrådgivning och egna medel.",
    "Klagomål och synpunkter återkopplas av chef och redovisas i verksamhetsberättelsen.",
    "Enheten har kvartalsvisa enhetsträffar för alla medarbetare.",
]


def test_the_general_table_knows_everyday_words_and_not_terms() -> None:
    assert zipf("kansk") > 5.0  # "kanske"
    assert zipf("idag") > 5.0
    assert zipf("stadsdelsmamm") == 0.0  # a term of the field: not general Swedish


def test_the_packaged_table_is_what_the_rebuild_command_writes() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    built = build(wordfreq.get_frequency_dict("sv"))
    assert built == table()


def test_build_sums_the_words_of_a_stem_and_drops_rare_ones() -> None:
    built = build({"kanske": 1e-4, "måndag": 5e-6, "måndagen": 5e-6, "stadsdelsmammor": 1e-8})
    assert built["kansk"] == pytest.approx(5.0)
    assert built["mandag"] == pytest.approx(4.0)  # both inflections: 1e-5
    assert "stadsdelsmamm" not in built


def test_factor_keeps_the_documents_words_and_lowers_everyday_ones() -> None:
    total = 40_000.0
    assert everyday_factor(0.0, total, "stadsdelsmamm") == 1.0  # not general Swedish
    assert everyday_factor(500.0, total, "enhet") == 1.0  # used more here than in Swedish at large
    assert everyday_factor(0.0, total, "idag") == FLOOR  # everyday, never in the plans
    # Between: a word used in the plans, though less than in Swedish at large.
    assert FLOOR < everyday_factor(5.0, total, "idag") < everyday_factor(10.0, total, "idag") < 1.0


def test_index_tells_everyday_words_from_the_documents_words() -> None:
    # Large enough that an everyday word would be expected several times (the factor compares
    # counts, so a handful of sentences cannot tell chat from content).
    index = LexicalIndex(PLANS * 300)
    assert index.everyday("idag") == FLOOR  # never in the plans, common in Swedish
    assert index.everyday("julbordet") > 0.9  # not in the plans, but too rare in Swedish to be expected
    assert index.everyday("klagomal") == 1.0  # the plans' own word
    # Idf itself is unchanged: an absent word may be what is asked about (a decline).
    assert index.idf("idag") == index.idf("julbordet")
