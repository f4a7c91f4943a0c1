"""Measure frames leave the topic (knowledge/understand/measure_frames.py)."""

from __future__ import annotations

import pytest

from core.vocab import VocabError
from knowledge.understand.measure_frames import frame_indexes, frames, parse
from tests.knowledge.understand.samples import read


def _words(text: str) -> list[str]:
    return text.split()


def test_the_packaged_table_is_read_longest_first() -> None:
    table = frames()
    assert table, "the packaged table holds frames"
    assert [len(f) for f in table] == sorted((len(f) for f in table), reverse=True)
    assert ("hur", "lang", "tid") in table  # folded as questions are


def test_the_longest_frame_wins() -> None:
    table = parse("hur lång tid\nhur lång tid tar det\n")
    words = _words("hur lang tid tar det innan man far ett nybesok")
    assert frame_indexes(words, table) == {0, 1, 2, 3, 4}


def test_a_frame_is_matched_on_whole_words_only() -> None:
    table = parse("hur lång\n")
    assert frame_indexes(_words("hur langa ar passen"), table) == set()
    assert frame_indexes(_words("hur lang ar vantetiden"), table) == {0, 1}


def test_a_level_stays_in_the_topic() -> None:
    # "hög" may be the topic's own word ("hög sjukfrånvaro"): no frame takes it.
    assert "hög" in read("hur hög sjukfrånvaro hade vi?").topic.split()


def test_a_frame_anywhere_in_the_question() -> None:
    table = parse("inom hur lång tid\n")
    words = _words("klagomal inom hur lang tid far man svar")
    assert frame_indexes(words, table) == {1, 2, 3, 4}


def test_a_line_of_two_cells_is_an_error() -> None:
    with pytest.raises(VocabError):
        parse("hur lång\tx\n")


@pytest.mark.parametrize(
    ("question", "kept", "left"),
    [
        ("hur lång tid tar det innan man får ett nybesök?", "nybesök", ["lång", "tid", "tar", "innan"]),
        ("inom hur lång tid ska man få återkoppling", "återkoppling", ["lång", "tid"]),
        ("hur lång är väntetiden för nybesök?", "väntetiden", ["lång"]),
        ("någon aning om hur många aspiranter som får stockholmsjobb", "aspiranter", ["aning"]),
    ],
)
def test_the_frame_leaves_the_topic(question: str, kept: str, left: list[str]) -> None:
    topic = read(question).topic.split()
    assert kept in topic, topic
    assert not set(left) & set(topic), topic
