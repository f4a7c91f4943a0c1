"""The stems of a word whose unstressed e drops meet (knowledge/understand/vowel_drop.py)."""

from __future__ import annotations

import pytest

from knowledge.textnorm import fold, raw_stem, stem_tokens
from knowledge.understand.vowel_drop import Merge, build, canonical, table


def _zipf(z: float) -> float:
    """Relative frequency of a Zipf value (what wordfreq's frequency dict holds)."""
    return 10 ** (z - 9)


def _merges(words: dict[str, float]) -> dict[str, str]:
    built = build({w: _zipf(z) for w, z in words.items()}, raw_stem, fold)
    return {m.stem: m.canonical for m in built}


def test_a_noun_attested_in_its_contracted_definite_plural_merges() -> None:
    merges = _merges({"regel": 4.5, "regeln": 4.0, "regler": 4.9, "reglerna": 4.6})
    assert raw_stem("regler") == "regl" and raw_stem("regel") == "regel"  # what the stemmer does alone
    assert merges == {"regl": "regel", "regeln": "regel"}


def test_a_neuter_in_er_merges_its_definite_forms() -> None:
    merges = _merges({"hinder": 4.5, "hindret": 3.3, "hindren": 2.6})
    assert merges["hindret"] == raw_stem("hinder")
    assert merges["hindr"] == raw_stem("hinder")


def test_an_adjective_needs_its_neuter_and_its_contracted_form() -> None:
    assert _merges({"oppen": 4.8, "oppet": 4.5, "oppna": 5.2})["oppn"] == raw_stem("oppen")
    assert _merges({"oppen": 4.8, "oppna": 5.2}) == {}  # "öppna" alone may be a verb only


def test_a_word_that_only_looks_like_a_base_form_founds_nothing() -> None:
    # "under" + "undra"/"undrar": verb forms, no noun or adjective form of the contracted stem.
    assert _merges({"under": 6.0, "undra": 3.5, "undrar": 3.9}) == {}


def test_a_definite_form_of_a_shorter_word_is_not_a_base() -> None:
    # "väggen" is "vägg" + en: its "vagnen" is a carriage, not a wall.
    assert _merges({"vagg": 4.0, "vaggen": 4.2, "vagn": 3.5, "vagnen": 3.3}) == {}


def test_a_stem_mostly_used_by_another_word_is_not_merged() -> None:
    # "handlar", "handla", "handlade" are the verb: "handel" does not take them.
    merges = _merges({"handel": 4.5, "handeln": 4.2, "handla": 4.8, "handlade": 4.6, "handlarna": 2.8})
    assert "handl" not in merges
    assert merges["handeln"] == "handel"


def test_a_contracted_spelling_two_bases_share_goes_to_the_far_more_common_one() -> None:
    words = {"nummer": 5.0, "numer": 3.8, "numret": 4.2, "numren": 3.2}
    assert _merges(words)["numret"] == raw_stem("nummer")
    assert _merges({**words, "numer": 4.8}) == {}  # as likely: left alone


def test_canonical_maps_a_compound_through_its_longest_listed_ending() -> None:
    merges = {"cirkl": "cirkel", "regl": "regel"}
    assert canonical("studiecirkl", merges) == "studiecirkel"
    assert canonical("cirkl", merges) == "cirkel"
    assert canonical("regl", merges) == "regel"
    assert canonical("xregl", merges) == "xregl"  # two letters before the ending: not a compound
    assert canonical("arbete", merges) == "arbete"


def test_the_index_and_the_question_stem_the_forms_alike() -> None:
    assert stem_tokens("reglerna") == stem_tokens("regel") == stem_tokens("regeln")
    assert stem_tokens("studiecirklar") == stem_tokens("studiecirkel")
    assert stem_tokens("skattemedlen") == stem_tokens("skattemedel")
    assert stem_tokens("tröskeln") == stem_tokens("trösklarna")
    assert stem_tokens("handlar") != stem_tokens("handel")  # the verb keeps its own stem


def test_the_packaged_table_is_what_the_rebuild_command_writes() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    built = build(wordfreq.get_frequency_dict("sv"), raw_stem, fold)
    assert {m.stem: m.canonical for m in built} == table()
    assert all(isinstance(m, Merge) and m.stem != m.canonical for m in built)
