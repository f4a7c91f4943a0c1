"""Measure frames: the words of a question that say what kind of measure it asks for.

"hur lång tid tar det innan man får ett nybesök?" asks a duration about nybesök; "hur hög ska
sjukfrånvaron vara?" asks a level of sjukfrånvaro. The answer type is read from the whole
question (`understand.answer_types`), but the measure words ("lång", "tid", "tar", "hög") also
stayed in the topic, whose coverage decides which passage answers: a passage stating the
duration ("inom två veckor") covers only part of such a topic and may fall below the cut-off.
The frame's tokens leave the topic the way a procedure's frame does (`understand.procedure`).

The phrases are data (`measure_frames.tsv`), read through `core.vocab`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from core.vocab import packaged_text, rows
from knowledge.understand.chatter import phrase_words

DATA_FILE = "measure_frames.tsv"


def parse(text: str, name: str = DATA_FILE) -> list[tuple[str, ...]]:
    """The frames of a table's text as folded words, longest first.

    Args:
        text: The table's text.
        name: The table's name, for error messages.

    Raises:
        VocabError: A line holds more than one cell.
    """
    frames: list[tuple[str, ...]] = []
    for row in rows(text, name):
        if len(row.cells) != 1 or not row.cell(0):
            raise row.error("'fras'")
        frames.append(tuple(w for part in row.cell(0).split() for w in phrase_words(part)))
    return sorted(frames, key=lambda f: -len(f))


@lru_cache(maxsize=1)
def frames() -> tuple[tuple[str, ...], ...]:
    """The packaged measure frames, read once."""
    return tuple(parse(packaged_text("knowledge.understand", DATA_FILE)))


def frame_indexes(words: Sequence[str], table: Sequence[tuple[str, ...]] | None = None) -> set[int]:
    """Indexes of the folded tokens inside a measure frame ("hur lång tid tar det").

    Args:
        words: The question's folded tokens, in order.
        table: The frames to match, longest first; the packaged ones when omitted.

    Returns:
        Token indexes inside a frame; empty when the question has none.
    """
    table = frames() if table is None else table
    out: set[int] = set()
    i = 0
    while i < len(words):
        for frame in table:
            if tuple(words[i : i + len(frame)]) == frame:
                out |= set(range(i, i + len(frame)))
                i += len(frame)
                break
        else:
            i += 1
    return out
