"""Compound heads (knowledge/retrieval/compound_heads.py) on a hand-built vocabulary."""

from __future__ import annotations

from knowledge.retrieval.compound_heads import compounds_ending_in, reversed_vocabulary, with_compounds
from knowledge.retrieval.extract import stem_coverage


class _Lexical:
    """What `reversed_vocabulary` reads of the lexical index: stems and their ids."""

    def __init__(self, stems: list[str], width: int | None = None) -> None:
        self.vocab = {s: i for i, s in enumerate(stems)}
        self.width = len(stems) if width is None else width


def _idf(stem: str) -> float:
    return 1.0


def test_a_compound_of_a_modifier_and_the_word_is_found() -> None:
    backwards = reversed_vocabulary(_Lexical(["ekonomisystem", "system", "arbetsdag", "idag", "dag"]))
    assert compounds_ending_in("system", backwards) == ["ekonomisystem"]
    assert compounds_ending_in("dag", backwards) == ["arbetsdag"], "'i|dag': the modifier is too short"
    assert compounds_ending_in("ag", backwards) == [], "a head has three letters or more"
    assert compounds_ending_in("lampa", backwards) == []


def test_stems_of_newer_snapshots_are_not_in_the_index() -> None:
    backwards = reversed_vocabulary(_Lexical(["arbetsdag", "planeringsdag"], width=1))
    assert compounds_ending_in("dag", backwards) == ["arbetsdag"]


def test_a_compound_earns_partial_not_full_coverage() -> None:
    backwards = reversed_vocabulary(_Lexical(["ekonomisystem", "folj", "ekonomi"]))
    groups = with_compounds([({"system"}, set()), ({"folj"}, set())], backwards)
    assert groups == [({"system"}, {"ekonomisystem"}), ({"folj"}, set())]
    only_verb = stem_coverage(groups, {"folj"}, _idf)
    compound = stem_coverage(groups, {"folj", "ekonomisystem"}, _idf)
    exact = stem_coverage(groups, {"folj", "system"}, _idf)
    assert only_verb < compound < exact == 1.0
