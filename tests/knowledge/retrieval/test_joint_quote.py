"""Sentences of several chunks scored together (knowledge/retrieval/joint_quote.py), hand-written chunks.

The shipped sentence model scores; the tests check the mechanism (which chunk's sentence wins,
when a second chunk is quoted too, how chunk evidence and positions count), not its weights.
"""

from __future__ import annotations

from knowledge.retrieval.extract import best_sentences
from knowledge.retrieval.joint_quote import joint_picks
from knowledge.retrieval.quote_features import FEATURES, feature_rows

# The first chunk names the topic often but never says how often; the second says it once.
NAMES_IT = (
    "Placeringar sker i första hand inom ramavtal. "
    "Enheten arbetar för att minska antalet placeringar utanför staden. "
    "Placeringar av unga vuxna görs i samråd med beroendegruppen."
)
STATES_IT = (
    "Budgeten följs upp i samband med tertialrapporterna. "
    "Alla placeringar följs upp varje månad av biträdande enhetschef. "
    "Lokalerna byggs om under våren."
)
QUESTION = "hur ofta följs placeringarna upp?"
TOPIC = "placeringarna följs upp"


def test_the_sentence_that_answers_wins_even_in_the_second_chunk() -> None:
    # Best chunk first, then its best sentence: the first chunk's sentence is quoted.
    assert "varje månad" not in " ".join(best_sentences(NAMES_IT, TOPIC, question=QUESTION))
    picks = joint_picks([NAMES_IT, STATES_IT], [1.0, 0.9], TOPIC, QUESTION, second_within=0)
    assert len(picks) == 1
    assert picks[0].chunk == 1
    assert any("varje månad" in s for s in picks[0].sentences)
    assert all(s in STATES_IT for s in picks[0].sentences)


def test_a_much_weaker_chunk_does_not_win_on_its_sentence_alone() -> None:
    # The chunk's own retrieval evidence counts: a chunk retrieval barely found loses.
    picks = joint_picks(
        [NAMES_IT, STATES_IT], [1.0, 1e-6], TOPIC, QUESTION, second_within=0, chunk_weight=1.0
    )
    assert picks[0].chunk == 0


def test_two_chunks_that_answer_alike_are_both_quoted() -> None:
    twin = STATES_IT.replace("Lokalerna byggs om under våren.", "Ekonomin redovisas i VB.")
    picks = joint_picks([STATES_IT, twin], [1.0, 1.0], TOPIC, QUESTION, second_within=1.0)
    assert [p.chunk for p in picks] == [0, 1]
    # Without the margin only the best is quoted.
    assert len(joint_picks([STATES_IT, twin], [1.0, 1.0], TOPIC, QUESTION, second_within=0)) == 1


def test_nothing_matching_gives_no_pick() -> None:
    assert joint_picks(["Lokalerna byggs om under våren."], [1.0], "friskvårdsbidrag", "hur stort?") == []


def test_positions_are_read_inside_each_chunk() -> None:
    parts = ["Alla placeringar följs upp.", "Ekonomin följs upp.", "Placeringar sker inom ramavtal.", "Mer."]
    rows = feature_rows(parts, TOPIC, QUESTION, groups=[0, 0, 1, 1])
    first, position = FEATURES.index("first"), FEATURES.index("position")
    assert [r[first] for r in rows] == [1.0, 0.0, 1.0, 0.0]
    assert [r[position] for r in rows] == [0.0, 1.0, 0.0, 1.0]
    # One chunk (no groups) is read as before.
    assert [r[first] for r in feature_rows(parts, TOPIC, QUESTION)] == [1.0, 0.0, 0.0, 0.0]
