"""The pool winner by the evidence of its document's best candidates (retrieval/document_evidence.py)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from knowledge.answers.closest import _companions, shown_indices
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.document_evidence import TOP, winner_first, winner_index
from knowledge.retrieval.ranker import Candidate, Ranked, companion_indices
from knowledge.understand.reading import read_question


def _section(source: str, n: int, text: str = "Text.") -> Chunk:
    return Chunk(
        id=f"{source}-s{n}", source=source, kind=ChunkKind.SECTION, text=text, breadcrumb=f"{source} › {n}"
    )


def _ranked(source: str, n: int, p: float) -> Ranked:
    return Ranked(Candidate(_section(source, n), 1.0, 0.0), p)


def test_the_best_candidates_document_wins_when_it_also_leads_on_evidence() -> None:
    assert winner_index(["a", "b", "a"], [0.6, 0.5, 0.3]) == 0
    assert winner_index(["a"], [0.2]) == 0


def test_a_document_with_more_evidence_wins_with_its_own_best_candidate() -> None:
    # "a" has one stray hit at 0.5; "b" holds three passages on the topic (0.45 + 0.4 + 0.35).
    sources = ["a", "b", "b", "b"]
    assert winner_index(sources, [0.5, 0.45, 0.4, 0.35]) == 1
    assert winner_index(list(reversed(sources)), [0.35, 0.4, 0.45, 0.5]) == 2, "its most probable one"


def test_only_the_top_candidates_of_a_document_count() -> None:
    # Many weak candidates do not outweigh a few strong ones: only TOP of each document add up.
    sources = ["a", "a", "a", *["b"] * (TOP + 5)]
    probs = [0.5, 0.3, 0.2, *[0.3] * (TOP + 5)]
    assert winner_index(sources, probs) == 0


def test_a_tie_keeps_the_overall_best() -> None:
    assert winner_index(["a", "b", "b"], [0.6, 0.3, 0.3]) == 0


def test_no_candidates_is_an_error() -> None:
    with pytest.raises(ValueError):
        winner_index([], [])


def test_winner_first_moves_only_the_winner() -> None:
    items = [_ranked("a", 0, 0.5), _ranked("b", 1, 0.45), _ranked("b", 2, 0.4), _ranked("b", 3, 0.35)]
    ordered = winner_first(items)
    assert [r.candidate.chunk.id for r in ordered] == ["b-s1", "a-s0", "b-s2", "b-s3"]
    assert winner_first([]) == []


def test_companions_are_of_the_winners_document_even_when_another_is_more_probable() -> None:
    # The winner is first in the answer's order; the more probable stray hit of "a" is no companion
    # and does not decide whose passages are quoted.
    items = winner_first(
        [_ranked("a", 0, 0.5), _ranked("b", 1, 0.45), _ranked("b", 2, 0.4), _ranked("b", 3, 0.35)]
    )
    assert [r.candidate.chunk.id for r in _companions(items)] == ["b-s2"]
    probs = np.array([0.5, 0.45, 0.4])
    assert companion_indices(probs, ["a", "b", "b"], [True, True, True], best=1) == [2]
    assert companion_indices(probs, ["a", "b", "b"], [True, True, True]) == [], "default: the most probable"


def test_shown_indices_follow_the_document_with_the_most_evidence() -> None:
    # The validation label of the fit (ranker.shown_right) counts what the answer quotes: the
    # passages of the document with the most evidence, not the single most probable passage.
    chunks = [
        _section("a.txt", 0, "Enheten har APT varje månad i stora konferensrummet."),
        _section("b.txt", 1, "För att alla ska komma till tals på APT delar vi in oss i mindre grupper."),
        _section("b.txt", 2, "APT är vårt gemensamma forum för verksamhetsfrågor."),
        _section("b.txt", 3, "Arbetsmiljöfrågor tas upp på APT av två medarbetare."),
    ]
    reading = read_question("hur gör vi så att alla kommer till tals på apt?", [], dt.date(2023, 6, 15))
    shown = shown_indices(reading, chunks, np.array([0.5, 0.45, 0.4, 0.35]))
    assert shown and 0 not in shown and all(chunks[i].source == "b.txt" for i in shown)
